package reliability

import (
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/internal/realdata"
)

// Three providers in July 2026, asked about on 2026-08-10:
//   - p (see provider) is known from June, blind on July 10: 30 of 31
//     days known; disrupted a+h 3h, b 6h, and g: never closed and silent
//     since 07-30 21:00, over model.StaleAfter before now, it ends at its
//     last update, 1 h. 10 h over 720 h.
//   - q is known from 07-20: 12 of 31 days, below half: unranked, but
//     its incident is listed.
//   - r is known from 07-01 with nothing: 0 over 744 h.
func TestMonthReport(t *testing.T) {
	now := at("2026-08-10 00:00")
	q := &history.History{Slug: "q", Incidents: []adapters.Incident{incident("q1", adapters.ImpactMinor, "2026-07-25 00:00", "2026-07-26 00:00")}}
	q.State.KnownSince = at("2026-07-20 00:00")
	r := &history.History{Slug: "r"}
	r.State.KnownSince = at("2026-07-01 00:00")
	blank := &history.History{Slug: "s"}
	var entries []Entry
	for _, h := range []*history.History{provider(), q, r, blank} {
		rec := NewRecord(h, "", now)
		entries = append(entries, Entry{Key: h.Slug, Record: &rec})
	}
	m := MonthReport(at("2026-07-15 12:00"), entries)
	if !m.Start.Equal(july) || !m.End.Equal(aug) {
		t.Fatalf("month %v to %v", m.Start, m.End)
	}
	// Worst first, then longest: a (critical); g (major); then minor q1
	// 24 h, b 6 h, h 2 h; f (none).
	var ids []string
	for _, i := range m.Incidents {
		ids = append(ids, i.Key+"/"+i.ID)
	}
	if got, want := ids, []string{"p/a", "p/g", "q/q1", "p/b", "p/h", "p/f"}; !equal(got, want) {
		t.Errorf("incidents %v, want %v", got, want)
	}
	if len(m.Standings) != 2 || m.Unranked != 1 || m.Unknown != 1 {
		t.Fatalf("standings %+v, unranked %d, unknown %d", m.Standings, m.Unranked, m.Unknown)
	}
	p, rr := m.Standings[0], m.Standings[1]
	if p.Key != "p" || p.Disrupted != 10*time.Hour || p.Span.Known != 30*day || p.Incidents != 5 {
		t.Errorf("p = %+v, want 10h over 30 days, 5 incidents", p)
	}
	if rr.Key != "r" || rr.Disrupted != 0 || rr.Span.Known != 31*day {
		t.Errorf("r = %+v, want nothing over 31 days", rr)
	}
	// p's incidents began in July and June (e, in May, before knowledge,
	// is not in its record); q's in July; August is not over.
	if got := ReportMonths(entries, now); len(got) != 2 || !got[0].Equal(july) || !got[1].Equal(at("2026-06-01 00:00")) {
		t.Errorf("months with a report: %v", got)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// The July 2026 report of the four recorded providers at scripts/real-
// site's clock. Incidents: GitHub's 26 and Google Cloud's 2 (see
// TestGitHubRecorded, TestGoogleCloudRecorded), 28; the first are
// GitHub's critical ones by length: cstx3v63mklm (9 h 17 min 52.021 s),
// 8vfyvq16hzh9 (07-19 23:34:03.5 to 07-20 04:44:03.1, 5 h 9 min
// 59.635 s), d35pngcy6sb9 (3 h 7 min 4.833 s). Standings: Google Cloud
// 23 h 8 min over 415 h, 5.574%; GitHub's disrupted time is uptime's from
// its component statements, 38 h 24 min 47.086 s (below the 42.93 h its
// incidents' spans cover, pinned in TestGitHubRecorded's bound) over
// 744 h, 5.16%: a component's first stated level counts from when it was
// stated, not from its incident's start (8 min 31.21 s less than when it
// was backdated); AWS nothing over 744 h. Azure is unknown.
func TestJuly2026Recorded(t *testing.T) {
	var entries []Entry
	for _, slug := range []string{"github", "google-cloud", "aws", "azure"} {
		var h *history.History
		if slug == "github" {
			h = realdata.GitHubHistory(t)
		} else {
			h = realdata.CloudHistory(t, slug)
		}
		r := NewRecord(h, "", realdata.CloudsAt)
		entries = append(entries, Entry{Key: slug, Record: &r})
	}
	m := MonthReport(july, entries)
	if len(m.Incidents) != 28 {
		t.Errorf("%d incidents, want 28", len(m.Incidents))
	}
	for i, id := range []string{"cstx3v63mklm", "8vfyvq16hzh9", "d35pngcy6sb9"} {
		if got := m.Incidents[i]; got.ID != id || got.Impact != adapters.ImpactCritical {
			t.Errorf("incident %d = %s %s, want %s", i+1, got.ID, got.Impact, id)
		}
	}
	var keys []string
	for _, s := range m.Standings {
		keys = append(keys, s.Key)
	}
	if !equal(keys, []string{"google-cloud", "github", "aws"}) || m.Unknown != 1 || m.Unranked != 0 {
		t.Errorf("standings %v, unknown %d, unranked %d", keys, m.Unknown, m.Unranked)
	}
	if g := m.Standings[1]; g.Disrupted != 38*time.Hour+24*time.Minute+47086*time.Millisecond {
		t.Errorf("GitHub disrupted %v", g.Disrupted)
	}
	// July, June, May (GitHub), March (AWS) and May 2020 (GitHub's
	// recorded 2020 incident); August is not over.
	if got := ReportMonths(entries, realdata.CloudsAt); len(got) != 5 || !got[0].Equal(july) || !got[4].Equal(time.Date(2020, 5, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("months with a report: %v", got)
	}
}

// Over the 90 days to 2026-08-10 (from 05-12), with two thirds (60 days)
// known at least: p is known from 06-01 less a blind day, 69 days, and
// ranked: c 1 h, a+h 3 h, b 6 h, g 1 h (see TestMonthReport), 11 h. q
// (from 07-20, 21 days) and r (from 07-01, 40 days) are known for less;
// s not at all.
func TestRank(t *testing.T) {
	now := at("2026-08-10 00:00")
	q := &history.History{Slug: "q"}
	q.State.KnownSince = at("2026-07-20 00:00")
	r := &history.History{Slug: "r"}
	r.State.KnownSince = at("2026-07-01 00:00")
	var entries []Entry
	for _, h := range []*history.History{provider(), q, r, {Slug: "s"}} {
		rec := NewRecord(h, "", now)
		entries = append(entries, Entry{Key: h.Slug, Record: &rec})
	}
	ranked, unranked, unknown := Rank(entries, now.Add(-RankWindow), now, MinRankKnown)
	if len(ranked) != 1 || ranked[0].Key != "p" || ranked[0].Disrupted != 11*time.Hour || ranked[0].Span.Known != 69*day || unranked != 2 || unknown != 1 {
		t.Errorf("ranked %+v, unranked %d, unknown %d", ranked, unranked, unknown)
	}
}
