package reliability

import (
	"testing"
	"time"

	"github.com/uptimus/uptimus/generator/internal/realdata"
	"github.com/uptimus/uptimus/generator/model"
)

var (
	july = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	aug  = july.AddDate(0, 1, 0)
)

// GitHub's recorded incidents (testdata/real/statuspage/github-incidents-
// 50-2026-07-31.json), asked about at scripts/real-site's clock,
// 2026-08-18 12:00 UTC. Counted from the recording by started_at: 26
// incidents began in July 2026, 11 minor, 8 major, 6 critical and 1 none
// (594m87r8sw13, a notice). The longest resolved one in the last year is
// cstx3v63mklm "Delays starting Actions runs", 04:34:24.849 to
// 13:52:16.870 on July 9: 9 h 17 min 52.021 s. The last major or critical
// one to end is 75g5xmzptjqb, resolved 2026-07-29 16:00:54.006: 19 days
// and about 20 hours before the clock, 19 whole days. Knowledge starts in
// 2020 (the first recorded run's summary), so July is known whole, 744 h.
func TestGitHubRecorded(t *testing.T) {
	r := NewRecord(realdata.GitHubHistory(t), "", realdata.CloudsAt)
	s := r.Stats()
	m := s.Months[MonthsShown-2]
	if !m.Start.Equal(july) || m.None != 1 || m.Minor != 11 || m.Major != 8 || m.Critical != 6 || m.Span.Known != 744*time.Hour {
		t.Errorf("July 2026 = %+v, want 1 none, 11 minor, 8 major, 6 critical over 744h", m)
	}
	if l := s.Longest; l == nil || l.ID != "cstx3v63mklm" || l.Duration() != 9*time.Hour+17*time.Minute+52021*time.Millisecond {
		t.Errorf("longest = %+v", l)
	}
	if l := s.LastMajor; l.Incident == nil || l.Incident.ID != "75g5xmzptjqb" || l.Days != 19 {
		t.Errorf("last major = %+v", l)
	}
	// Disruption can be no more than the union of the July incidents'
	// spans: components are stated operational before some end.
	var spans time.Duration
	var last time.Time
	for _, inc := range reverse(r.Within(july, aug)) {
		if inc.Impact == "none" {
			continue
		}
		start := model.Latest(inc.Start, last)
		if inc.End.After(start) {
			spans += inc.End.Sub(start)
		}
		last = model.Latest(last, inc.End)
	}
	if d := r.DisruptedWithin(july, aug); d <= 0 || d > spans {
		t.Errorf("July disrupted %v, want some and at most the spans' %v", d, spans)
	}
}

func reverse(incs []Incident) []Incident {
	out := make([]Incident, len(incs))
	for i, inc := range incs {
		out[len(incs)-1-i] = inc
	}
	return out
}

// Google Cloud's two recorded incidents (testdata/real/gcp/incidents-
// 2026-07-subset-2-markdown-incident-reports.json), both "medium"
// severity (major): T8gmtofFSTGT5tbhyciF 2026-07-14 17:00 to 07-15 03:40
// (10 h 40 min) and 3BvH3LVGcupoYqV6F4Nw 07-15 23:57 to 07-16 12:25
// (12 h 28 min). The list's oldest incident starts knowledge at 07-14
// 17:00, so July is known for 17 days 7 hours, 415 h, with 23 h 8 min
// disrupted (the spans do not overlap). Time to resolve: median
// (10:40 + 12:28) / 2 = 11 h 34 min; 90th percentile rank ceil(1.8) = 2,
// 12 h 28 min. The last major ended 07-16 12:25, 32 days 23 h 35 min
// before the clock: 32 days. Known over 30 days: all of them, nothing
// disrupted; over 90 and 365 days: from 07-14 17:00, 34 days 19 h = 835 h.
func TestGoogleCloudRecorded(t *testing.T) {
	r := NewRecord(realdata.CloudHistory(t, "google-cloud"), "", realdata.CloudsAt)
	if sp, d := r.Span(july, aug), r.DisruptedWithin(july, aug); sp.Known != 415*time.Hour || d != 23*time.Hour+8*time.Minute {
		t.Errorf("July: %v disrupted over %v known, want 23h8m over 415h", d, sp.Known)
	}
	s := r.Stats()
	if m := s.Months[MonthsShown-2]; m.Major != 2 || m.Total() != 2 {
		t.Errorf("July = %+v, want 2 major", m)
	}
	if rs := s.Resolve; rs.Count != 2 || rs.Median != 11*time.Hour+34*time.Minute || rs.P90 != 12*time.Hour+28*time.Minute {
		t.Errorf("resolve = %+v", rs)
	}
	if l := s.LastMajor; l.Incident == nil || l.Incident.ID != "3BvH3LVGcupoYqV6F4Nw" || l.Days != 32 {
		t.Errorf("last major = %+v", l)
	}
	want := []struct{ disrupted, known time.Duration }{{0, 30 * day}, {23*time.Hour + 8*time.Minute, 835 * time.Hour}, {23*time.Hour + 8*time.Minute, 835 * time.Hour}}
	for i, d := range s.Disruption {
		if d.Disrupted != want[i].disrupted || d.Span.Known != want[i].known {
			t.Errorf("%v: %v over %v, want %v over %v", d.Window, d.Disrupted, d.Span.Known, want[i].disrupted, want[i].known)
		}
	}
}

// AWS's recorded feed (testdata/real/aws/rss-all-2026-08-18-50-items.rss)
// holds no item from July 2026: knowledge starts at its oldest item,
// 2026-03-01 12:14:03 PST (20:14:03 UTC), so March is known for 31 days
// less 20 h 14 min 3 s, 723 h 45 min 57 s, and July whole, with nothing in
// it. Azure's recorded feed is an empty channel: its first check, at the
// clock, is all we know, so nothing is.
func TestCloudsRecorded(t *testing.T) {
	aws := NewRecord(realdata.CloudHistory(t, "aws"), "", realdata.CloudsAt)
	s := aws.Stats()
	if m := s.Months[MonthsShown-6]; m.Span.Known != 723*time.Hour+45*time.Minute+57*time.Second || m.Major != 2 {
		t.Errorf("AWS March = %+v, want 2 major over 723h45m57s", m)
	}
	if m := s.Months[MonthsShown-2]; m.Total() != 0 || m.Span.Known != 744*time.Hour || aws.DisruptedWithin(july, aug) != 0 {
		t.Errorf("AWS July = %+v, want nothing over 744h", m)
	}
	az := NewRecord(realdata.CloudHistory(t, "azure"), "", realdata.CloudsAt).Stats()
	if az.Disruption[2].Span.Known != 0 || az.LastMajor.Incident != nil {
		t.Errorf("Azure = %+v, want nothing known", az)
	}
}
