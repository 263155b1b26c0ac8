package reliability

import (
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
)

func at(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

// incident is a closed incident from start to end ("" end: still open,
// last updated an hour after its start).
func incident(id string, impact adapters.Impact, start, end string, comps ...string) adapters.Incident {
	inc := adapters.Incident{ID: id, Kind: adapters.KindIncident, Title: "Incident " + id, Impact: impact,
		Status: "resolved", StartedAt: at(start), CreatedAt: at(start)}
	if end == "" {
		inc.Status, inc.UpdatedAt = "investigating", at(start).Add(time.Hour)
	} else {
		inc.ResolvedAt, inc.UpdatedAt = at(end), at(end)
	}
	for _, c := range comps {
		inc.Components = append(inc.Components, adapters.ComponentRef{ID: c})
	}
	return inc
}

// provider is known from 2026-06-01, blind on 2026-07-10, has no
// components, and is asked about at 2026-07-31 00:00.
func provider() *history.History {
	h := &history.History{Slug: "p"}
	h.State.KnownSince = at("2026-06-01 00:00")
	h.State.Unseen = []history.Span{{From: at("2026-07-10 00:00"), To: at("2026-07-11 00:00")}}
	h.Incidents = []adapters.Incident{
		incident("g", adapters.ImpactMajor, "2026-07-30 20:00", ""),
		incident("f", adapters.ImpactNone, "2026-07-25 00:00", "2026-07-25 00:30"),
		incident("h", adapters.ImpactMinor, "2026-07-20 11:00", "2026-07-20 13:00"),
		incident("a", adapters.ImpactCritical, "2026-07-20 10:00", "2026-07-20 12:00"),
		incident("d", adapters.ImpactMinor, "2026-07-10 12:00", "2026-07-10 13:00"),
		incident("b", adapters.ImpactMinor, "2026-07-05 00:00", "2026-07-05 06:00"),
		incident("c", adapters.ImpactMajor, "2026-06-15 00:00", "2026-06-15 01:00"),
		incident("e", adapters.ImpactMinor, "2026-05-20 00:00", "2026-05-20 05:00"),
		{ID: "m", Kind: adapters.KindMaintenance, Title: "Planned", Impact: adapters.ImpactMaintenance, Status: "completed",
			ScheduledFor: at("2026-07-01 00:00"), ScheduledUntil: at("2026-07-01 10:00"), ResolvedAt: at("2026-07-01 10:00")},
	}
	return h
}

// Hand-computed: known time is 2026-06-01 to 07-31 less the blind day
// 07-10, 59 days. d began in the blind day and e before knowledge: not
// counted, nor is the maintenance m. Counted: g (major, open: 20:00 to
// now, 4 h), f (none, 30 min, no disruption), h (minor 11:00-13:00) and
// a (critical 10:00-12:00), which overlap: 10:00-13:00 disrupted, 3 h;
// b (minor, 6 h), c (major, 1 h).
func TestOfProvider(t *testing.T) {
	now := at("2026-07-31 00:00")
	s := Of(provider(), "", now)

	if n := len(s.Months); n != MonthsShown || !s.Months[0].Start.Equal(at("2025-08-01 00:00")) {
		t.Fatalf("months: %d from %v", n, s.Months[0].Start)
	}
	june, july := s.Months[10], s.Months[11]
	if june.Major != 1 || june.Total() != 1 || june.Span.Known != 30*day {
		t.Errorf("June = %+v, want 1 major over 30 days known", june)
	}
	// July to now: 30 days, less the blind one.
	if july.Critical != 1 || july.Major != 1 || july.Minor != 2 || july.None != 1 || july.Span.Known != 29*day {
		t.Errorf("July = %+v, want 1 critical, 1 major, 2 minor, 1 none over 29 days known", july)
	}
	if may := s.Months[9]; may.Span.Known != 0 || may.Total() != 0 || !may.Span.From.IsZero() {
		t.Errorf("May = %+v, want nothing known", may)
	}

	// Resolved: f 30m, c 1h, a 2h, h 2h, b 6h. Median the third, 2 h;
	// nearest rank of the 90th percentile ceil(4.5) = 5th, 6 h.
	if r := s.Resolve; r.Count != 5 || r.Median != 2*time.Hour || r.P90 != 6*time.Hour || r.Span.Known != 59*day {
		t.Errorf("resolve = %+v, want 5, 2h, 6h over 59 days", r)
	}
	if s.Longest == nil || s.Longest.ID != "b" {
		t.Errorf("longest = %+v, want b", s.Longest)
	}
	if l := s.LastMajor; l.Incident == nil || l.Incident.ID != "g" || !l.Incident.Open || l.Days != 0 {
		t.Errorf("last major = %+v, want g, open", l)
	}
	if l := s.LastAny; l.Incident == nil || l.Incident.ID != "g" {
		t.Errorf("last incident = %+v, want g, open", l)
	}
	// 30 days from 07-01: a+h 3h, b 6h, g 4h over 29 days known;
	// 90 and 365 days: c's hour more over 59 days.
	want := []struct{ disrupted, known time.Duration }{{13 * time.Hour, 29 * day}, {14 * time.Hour, 59 * day}, {14 * time.Hour, 59 * day}}
	for i, d := range s.Disruption {
		if d.Disrupted != want[i].disrupted || d.Span.Known != want[i].known {
			t.Errorf("%v: disrupted %v over %v, want %v over %v", d.Window, d.Disrupted, d.Span.Known, want[i].disrupted, want[i].known)
		}
	}
}

func TestResolveEvenCount(t *testing.T) {
	var incs []Incident
	for _, h := range []time.Duration{4, 1, 3, 2} {
		incs = append(incs, Incident{Start: at("2026-07-01 00:00"), End: at("2026-07-01 00:00").Add(h * time.Hour), Resolved: true})
	}
	// An unresolved one has no time to resolve.
	incs = append(incs, Incident{Start: at("2026-07-01 00:00"), End: at("2026-07-09 00:00")})
	r := resolve(incs, Span{})
	// 1 2 3 4: median (2+3)/2; 90th percentile rank ceil(3.6) = 4.
	if r.Count != 4 || r.Median != 150*time.Minute || r.P90 != 4*time.Hour {
		t.Errorf("resolve = %+v, want 4, 2h30m, 4h", r)
	}
	if r := resolve(nil, Span{}); r.Count != 0 || r.Median != 0 || r.P90 != 0 {
		t.Errorf("resolve of nothing = %+v", r)
	}
}

// A component's figures count the incidents naming it; the provider's
// count every one.
func TestOfComponent(t *testing.T) {
	h := &history.History{Slug: "p"}
	h.State.KnownSince = at("2026-07-01 00:00")
	h.State.Components = []history.ComponentState{
		{Component: adapters.Component{ID: "x", Name: "X", Status: adapters.Operational}, FirstSeen: at("2026-07-01 00:00")},
		{Component: adapters.Component{ID: "y", Name: "Y", Status: adapters.Operational}, FirstSeen: at("2026-07-01 00:00")},
		{Component: adapters.Component{ID: "z", Name: "Z", Status: adapters.Operational}, FirstSeen: at("2026-07-01 00:00")},
	}
	h.Incidents = []adapters.Incident{
		incident("wide", adapters.ImpactCritical, "2026-07-08 00:00", "2026-07-08 05:00"),
		incident("onx", adapters.ImpactMajor, "2026-07-03 00:00", "2026-07-03 02:00", "x"),
		incident("ony", adapters.ImpactMinor, "2026-07-02 00:00", "2026-07-02 01:00", "y"),
	}
	now := at("2026-07-10 00:00")
	x := Of(h, "x", now)
	if m := x.Months[MonthsShown-1]; m.Total() != 1 || m.Major != 1 {
		t.Errorf("x in July = %+v, want onx only", m)
	}
	// Ended 2026-07-03 02:00: 6 whole days and 22 hours before now.
	if l := x.LastMajor; l.Incident == nil || l.Incident.ID != "onx" || l.Days != 6 {
		t.Errorf("x last major = %+v, want onx 6 days ago", l)
	}
	// y's last incident, minor, ended 2026-07-02 01:00: 7 days 23 hours.
	if l := Of(h, "y", now).LastAny; l.Incident == nil || l.Incident.ID != "ony" || l.Days != 7 {
		t.Errorf("y last incident = %+v, want ony 7 days ago", l)
	}
	if d := x.Disruption[0]; d.Disrupted != 2*time.Hour || d.Span.Known != 9*day {
		t.Errorf("x disrupted %v over %v, want 2h over 9 days", d.Disrupted, d.Span.Known)
	}
	// z: named by nothing, stated operational throughout.
	if z := Of(h, "z", now); !z.Quiet() || x.Quiet() {
		t.Errorf("quiet: z %v, x %v; want z only", z.Quiet(), x.Quiet())
	}
	p := Of(h, "", now)
	if m := p.Months[MonthsShown-1]; m.Total() != 3 {
		t.Errorf("provider in July = %+v, want all three", m)
	}
	// The provider is disrupted whenever anything of it is: 5h + 2h + 1h.
	if l, d := p.LastMajor, p.Disruption[0]; l.Incident.ID != "wide" || l.Days != 1 || d.Disrupted != 8*time.Hour {
		t.Errorf("provider: last major %+v, disrupted %v; want wide 1 day ago, 8h", l, d.Disrupted)
	}
}

// Nothing known: no figure counts anything.
func TestOfUnknown(t *testing.T) {
	h := &history.History{Slug: "p", Incidents: []adapters.Incident{incident("a", adapters.ImpactCritical, "2026-07-08 00:00", "2026-07-08 05:00")}}
	s := Of(h, "", at("2026-07-10 00:00"))
	if s.LastMajor.Incident != nil || s.Longest != nil || s.Resolve.Count != 0 || s.Disruption[2].Span.Known != 0 || s.Disruption[2].Disrupted != 0 {
		t.Errorf("unknown history counted: %+v", s)
	}
}
