package uptime

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
)

// now is mid-day, so that "today" is a partial day.
var now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// midnight is the UTC midnight d days from today's.
func midnight(d int) time.Time { return now.Truncate(day).AddDate(0, 0, d) }

func incident(id string, impact adapters.Impact, start, end time.Time, comps ...string) adapters.Incident {
	inc := adapters.Incident{ID: id, Kind: adapters.KindIncident, Impact: impact, StartedAt: start, ResolvedAt: end,
		Updates: []adapters.Update{{ID: id + "-u", CreatedAt: start}}}
	for _, c := range comps {
		inc.Components = append(inc.Components, adapters.ComponentRef{ID: c, Name: c})
	}
	return inc
}

func maintenance(id string, from, until time.Time, comps ...string) adapters.Incident {
	m := adapters.Incident{ID: id, Kind: adapters.KindMaintenance, Impact: adapters.ImpactMaintenance,
		ScheduledFor: from, ScheduledUntil: until}
	for _, c := range comps {
		m.Components = append(m.Components, adapters.ComponentRef{ID: c, Name: c})
	}
	return m
}

func hist(known time.Time, incs ...adapters.Incident) *history.History {
	return &history.History{Slug: "x", State: history.State{KnownSince: known, FirstChecked: known}, Incidents: incs}
}

func TestNoKnowledgeIsUnknown(t *testing.T) {
	h := hist(time.Time{}, incident("a", adapters.ImpactCritical, now.Add(-time.Hour), time.Time{}))
	f := Uptime(h, "", now, Window)
	if f.Known || f.String() != "not enough data" || f.KnownDays() != 0 || f.Window != Window {
		t.Errorf("figure = %+v %q, want unknown over the asked window", f, f)
	}
	for _, d := range Days(h, "", now, 90) {
		if d.Known || d.Status != adapters.Unknown {
			t.Fatalf("day %s = %+v, want unknown", d.DateString(), d)
		}
	}
}

func TestKnowledgeInTheFutureIsNothing(t *testing.T) {
	h := hist(now.Add(time.Hour))
	if f := Uptime(h, "", now, Window); f.Known {
		t.Errorf("figure = %+v, want unknown", f)
	}
	if c := Counts(Days(h, "", now, 5)); c[adapters.Unknown] != 5 {
		t.Errorf("counts = %v, want 5 unknown", c)
	}
}

func TestKnownSinceFallsBackOnFirstChecked(t *testing.T) {
	h := &history.History{State: history.State{FirstChecked: midnight(-2)}}
	f := Uptime(h, "", now, Window)
	if !f.Known || !f.From.Equal(midnight(-2)) {
		t.Errorf("figure = %+v, want known from the first check", f)
	}
}

// The reference page showed "33.33%" as a "90d uptime" computed from 3 known
// days. Here the figure covers the known days only, says how many, and
// keeps the window asked for beside it.
func TestReferenceFlawThreeKnownDays(t *testing.T) {
	known := now.Add(-72 * time.Hour)
	h := hist(known, incident("a", adapters.ImpactMajor, now.Add(-36*time.Hour), now.Add(-30*time.Hour)))
	f := Uptime(h, "", now, Window)
	if !f.Known || !f.From.Equal(known) || !f.To.Equal(now) || f.KnownDays() != 3 || f.Window != 90*24*time.Hour {
		t.Fatalf("figure = %+v, want known from %v over 3 of 90 days", f, known)
	}
	if f.Down != 6*time.Hour {
		t.Errorf("down = %v, want 6h", f.Down)
	}
	if got, want := f.String(), "91.66%"; got != want {
		t.Errorf("figure = %s, want %s (floored, never rounded up)", got, want)
	}
	counts := Counts(Days(h, "", now, 90))
	want := map[adapters.Status]int{adapters.Unknown: 86, adapters.PartialOutage: 1, adapters.Operational: 3}
	if fmt.Sprint(counts) != fmt.Sprint(want) {
		t.Errorf("day counts = %v, want %v", counts, want)
	}
}

func TestKnowledgeBeforeWindowUsesWholeWindow(t *testing.T) {
	h := hist(now.AddDate(-1, 0, 0))
	f := Uptime(h, "", now, 30*24*time.Hour)
	if !f.From.Equal(now.Add(-30*24*time.Hour)) || f.KnownDays() != 30 || f.String() != "100%" {
		t.Errorf("figure = %+v %s, want 100%% over the last 30 days", f, f)
	}
	if g := Uptime(h, "", now, 0); g.Window != Window {
		t.Errorf("window 0 gave %v, want the default %v", g.Window, Window)
	}
}

func TestFigureDurations(t *testing.T) {
	base := midnight(-5)
	at := func(h int) time.Time { return base.Add(time.Duration(h) * time.Hour) }
	open := incident("open", adapters.ImpactMajor, now.Add(-2*time.Hour), time.Time{})
	stale := incident("stale", adapters.ImpactCritical, midnight(-20), time.Time{})
	stale.Updates = append(stale.Updates, adapters.Update{ID: "late", CreatedAt: midnight(-20).Add(3 * time.Hour)})
	// Silent for exactly StaleAfter: not stale yet, so it lasts until now.
	edge := incident("edge", adapters.ImpactMajor, now.Add(-StaleAfter-time.Hour), time.Time{})
	edge.UpdatedAt = now.Add(-StaleAfter)
	early := maintenance("early", at(0), at(4))
	early.ResolvedAt = at(1)
	tests := []struct {
		name                     string
		incs                     []adapters.Incident
		down, degraded, maintain time.Duration
	}{
		{"nothing", nil, 0, 0, 0},
		{"overlaps counted once", []adapters.Incident{
			incident("a", adapters.ImpactCritical, at(0), at(4)),
			incident("b", adapters.ImpactMajor, at(2), at(6)),
			incident("c", adapters.ImpactMajor, at(3), at(5)),
		}, 6 * time.Hour, 0, 0},
		{"degraded under an outage counts as outage", []adapters.Incident{
			incident("a", adapters.ImpactMinor, at(0), at(4)),
			incident("b", adapters.ImpactMajor, at(1), at(2)),
		}, time.Hour, 3 * time.Hour, 0},
		{"impact none is not counted", []adapters.Incident{
			incident("a", adapters.ImpactNone, at(0), at(4)),
		}, 0, 0, 0},
		{"open incident counts to now", []adapters.Incident{open}, 2 * time.Hour, 0, 0},
		{"stale open incident ends at its last update", []adapters.Incident{stale}, 3 * time.Hour, 0, 0},
		{"open incident silent exactly StaleAfter still counts", []adapters.Incident{edge}, StaleAfter + time.Hour, 0, 0},
		{"maintenance is separate", []adapters.Incident{
			maintenance("m", at(0), at(2)),
			maintenance("future", now.Add(time.Hour), now.Add(3*time.Hour)),
		}, 0, 0, 2 * time.Hour},
		{"maintenance completed early ends then", []adapters.Incident{early}, 0, 0, time.Hour},
		{"outage during maintenance is down", []adapters.Incident{
			maintenance("m", at(0), at(4)),
			incident("a", adapters.ImpactCritical, at(3), at(5)),
		}, 2 * time.Hour, 0, 3 * time.Hour},
		{"before the window is cut", []adapters.Incident{
			incident("old", adapters.ImpactCritical, now.Add(-Window-time.Hour), now.Add(-Window+time.Hour)),
		}, time.Hour, 0, 0},
		{"without a start it cannot be placed", []adapters.Incident{
			{ID: "nostart", Kind: adapters.KindIncident, Impact: adapters.ImpactCritical, ResolvedAt: at(1)},
		}, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Uptime(hist(now.AddDate(0, 0, -200), tt.incs...), "", now, Window)
			if f.Down != tt.down || f.Degraded != tt.degraded || f.Maintenance != tt.maintain {
				t.Errorf("down %v degraded %v maintenance %v, want %v %v %v",
					f.Down, f.Degraded, f.Maintenance, tt.down, tt.degraded, tt.maintain)
			}
			want := 100 * float64(Window-tt.down) / float64(Window)
			if f.Percent != want {
				t.Errorf("percent %v, want %v", f.Percent, want)
			}
		})
	}
}

func TestComponentCountsOnlyItsIncidents(t *testing.T) {
	a := incident("a", adapters.ImpactCritical, midnight(-2), midnight(-2).Add(time.Hour), "api")
	a.Components[0].Status = adapters.PartialOutage
	b := incident("b", adapters.ImpactCritical, midnight(-1), midnight(-1).Add(time.Hour), "web")
	// Named only on an update, at a state no worse than operational: the
	// impact's state counts.
	c := incident("c", adapters.ImpactMinor, midnight(-3), midnight(-3).Add(2*time.Hour))
	c.Updates[0].Components = []adapters.ComponentRef{{ID: "api", Status: adapters.Operational}}
	// Impact none overall, but the vendor said this component was down.
	d := incident("d", adapters.ImpactNone, midnight(-4), midnight(-4).Add(30*time.Minute), "api")
	d.Components[0].Status = adapters.MajorOutage
	m := maintenance("m", midnight(-5), midnight(-5).Add(time.Hour), "web")
	h := hist(midnight(-10), a, b, c, d, m)

	tests := []struct {
		component                string
		down, degraded, maintain time.Duration
	}{
		{"api", 90 * time.Minute, 2 * time.Hour, 0},
		{"web", time.Hour, 0, time.Hour},
		{"other", 0, 0, 0},
		{"", 2 * time.Hour, 2 * time.Hour, time.Hour},
	}
	for _, tt := range tests {
		f := Uptime(h, tt.component, now, Window)
		if f.Down != tt.down || f.Degraded != tt.degraded || f.Maintenance != tt.maintain {
			t.Errorf("%q: down %v degraded %v maintenance %v, want %v %v %v",
				tt.component, f.Down, f.Degraded, f.Maintenance, tt.down, tt.degraded, tt.maintain)
		}
	}
	days := Days(h, "api", now, 5)
	wantStatus := []adapters.Status{adapters.MajorOutage, adapters.Degraded, adapters.PartialOutage, adapters.Operational, adapters.Operational}
	for i, d := range days {
		if d.Status != wantStatus[i] {
			t.Errorf("api day %s = %s, want %s", d.DateString(), d.Status, wantStatus[i])
		}
	}
	if got := days[3].Incidents; len(got) != 0 {
		t.Errorf("api day %s lists %v, want none (b is web's)", days[3].DateString(), got)
	}
}

func TestIntervalsSources(t *testing.T) {
	h := hist(midnight(-10),
		incident("i1", adapters.ImpactMajor, midnight(-3), midnight(-3).Add(time.Hour)),
		incident("i0", adapters.ImpactNone, midnight(-3), midnight(-3).Add(time.Hour)),
		maintenance("m1", midnight(-2), midnight(-2).Add(time.Hour)),
	)
	h.State.Status = adapters.Operational
	h.Events = []history.Event{
		{At: midnight(-1), Name: "overall", From: adapters.Operational, To: adapters.Degraded},
		{At: midnight(-1).Add(time.Hour), ComponentID: "api", From: adapters.Operational, To: adapters.MajorOutage},
		{At: midnight(-1).Add(2 * time.Hour), Name: "overall", From: adapters.Degraded, To: adapters.Operational},
	}
	want := []Interval{
		{midnight(-3), midnight(-3).Add(time.Hour), adapters.PartialOutage, "incident i1"},
		{midnight(-2), midnight(-2).Add(time.Hour), adapters.Maintenance, "maintenance m1"},
		{midnight(-1), midnight(-1).Add(2 * time.Hour), adapters.Degraded, "observed"},
	}
	if got := Intervals(h, "", now); !slices.Equal(got, want) {
		t.Errorf("intervals =\n%v\nwant\n%v", got, want)
	}
}

func TestObservedStates(t *testing.T) {
	first := midnight(-10)
	h := hist(first)
	h.State.Status = adapters.MajorOutage // since the first check, never changed
	h.State.Components = []history.ComponentState{
		{Component: adapters.Component{ID: "api", Status: adapters.Operational}, FirstSeen: midnight(-6)},
		{Component: adapters.Component{ID: "gone", Status: adapters.PartialOutage}, FirstSeen: first, RemovedAt: midnight(-4)},
		{Component: adapters.Component{ID: "web", Status: adapters.Degraded}, FirstSeen: first},
	}
	h.Events = []history.Event{
		{At: midnight(-5), ComponentID: "api", From: adapters.Degraded, To: adapters.MajorOutage},
		{At: midnight(-5).Add(30 * time.Minute), ComponentID: "api", From: adapters.MajorOutage, To: adapters.Operational},
		{At: midnight(-5).Add(time.Hour), ComponentID: "gone", From: adapters.Operational, To: adapters.PartialOutage},
		{At: now.Add(-3 * time.Hour), ComponentID: "web", From: adapters.Operational, To: adapters.Degraded},
	}
	tests := []struct {
		component      string
		down, degraded time.Duration
	}{
		{"", now.Sub(first), 0},
		// Degraded from its first sighting to the first change, then down.
		{"api", 30 * time.Minute, 24 * time.Hour},
		// Down from the change until it vanished upstream.
		{"gone", 23 * time.Hour, 0},
		// The current state lasts until now.
		{"web", 0, 3 * time.Hour},
		{"never-seen", 0, 0},
	}
	for _, tt := range tests {
		f := Uptime(h, tt.component, now, Window)
		if f.Down != tt.down || f.Degraded != tt.degraded {
			t.Errorf("%q: down %v degraded %v, want %v %v", tt.component, f.Down, f.Degraded, tt.down, tt.degraded)
		}
	}
	if f := Uptime(h, "", now, Window); f.String() != "0%" {
		t.Errorf("provider down throughout = %s, want 0%%", f)
	}
}

func TestDaysAreUTCAndListIncidents(t *testing.T) {
	cross := incident("cross", adapters.ImpactMinor, midnight(-3).Add(-time.Hour), midnight(-3).Add(time.Hour))
	toMidnight := incident("to-midnight", adapters.ImpactMajor, midnight(-2).Add(22*time.Hour), midnight(-1))
	info := incident("info", adapters.ImpactNone, midnight(0).Add(time.Hour), midnight(0).Add(2*time.Hour))
	instant := incident("instant", adapters.ImpactCritical, midnight(-1).Add(5*time.Hour), midnight(-1).Add(5*time.Hour))
	h := hist(midnight(-20), info, instant, toMidnight, cross)
	days := Days(h, "", now, 5)
	want := []struct {
		date      string
		status    adapters.Status
		incidents []string
	}{
		// An incident crossing midnight marks both days.
		{"2026-11-21", adapters.Degraded, []string{"cross"}},
		{"2026-11-22", adapters.Degraded, []string{"cross"}},
		// Ending exactly at midnight does not touch the next day.
		{"2026-11-23", adapters.PartialOutage, []string{"to-midnight"}},
		// An instant is listed on its day but lasts no time.
		{"2026-11-24", adapters.Operational, []string{"instant"}},
		{"2026-11-25", adapters.Operational, []string{"info"}},
	}
	if len(days) != len(want) {
		t.Fatalf("%d days, want %d", len(days), len(want))
	}
	for i, d := range days {
		w := want[i]
		if d.DateString() != w.date || d.Status != w.status || !slices.Equal(d.Incidents, w.incidents) || !d.Known {
			t.Errorf("day %d = %s %s %v known=%v, want %s %s %v", i, d.DateString(), d.Status, d.Incidents, d.Known, w.date, w.status, w.incidents)
		}
		if d.Date.Location() != time.UTC || !d.Date.Equal(d.Date.Truncate(day)) {
			t.Errorf("day %v is not a UTC midnight", d.Date)
		}
	}
	// now in another zone names the same UTC days.
	local := Days(h, "", now.In(time.FixedZone("x", -11*3600)), 5)
	if local[4].DateString() != "2026-11-25" || local[4].Date.Location() != time.UTC {
		t.Errorf("last day with a zoned now = %v, want 2026-11-25 UTC", local[4].Date)
	}
}

func TestDaysKnowledgeStartsMidDay(t *testing.T) {
	known := midnight(-2).Add(12 * time.Hour)
	// The outage ended before knowledge began: it colours nothing but is listed.
	h := hist(known, incident("before", adapters.ImpactCritical, midnight(-2).Add(time.Hour), midnight(-2).Add(2*time.Hour)))
	days := Days(h, "", now, 4)
	if days[0].Known || days[0].Status != adapters.Unknown {
		t.Errorf("day before knowledge = %+v, want unknown", days[0])
	}
	if !days[1].Known || days[1].Status != adapters.Operational || !slices.Equal(days[1].Incidents, []string{"before"}) {
		t.Errorf("day knowledge starts = %+v, want known, operational, listing the incident", days[1])
	}
	// An interval ending shortly before the first day shown touches none.
	h = hist(midnight(-10), incident("earlier", adapters.ImpactCritical, midnight(-3).Add(-3*time.Hour), midnight(-3).Add(-time.Hour)))
	if d := Days(h, "", now, 4)[0]; d.Status != adapters.Operational || len(d.Incidents) != 0 {
		t.Errorf("first day = %+v, want operational with no incidents", d)
	}
	if Days(h, "", now, 0) != nil {
		t.Error("Days(0) is not empty")
	}
}

func TestString(t *testing.T) {
	from := now.Add(-100 * 24 * time.Hour)
	total := now.Sub(from)
	tests := []struct {
		down time.Duration
		want string
	}{
		{0, "100%"},
		{time.Nanosecond, "99.99%"},
		{total / 2000, "99.95%"}, // exactly 99.95: no floating point slip to 99.94
		{total / 3, "66.66%"},
		{total, "0%"},
	}
	for _, tt := range tests {
		f := Figure{Known: true, From: from, To: now, Down: tt.down, Percent: 100 * float64(total-tt.down) / float64(total)}
		if got := f.String(); got != tt.want {
			t.Errorf("down %v: %s, want %s", tt.down, got, tt.want)
		}
	}
	if got := (Figure{Known: true, Percent: 100, Down: time.Second}).String(); got != "99.99%" {
		t.Errorf("figure without bounds = %s, want 99.99%%", got)
	}
}

func TestCounts(t *testing.T) {
	days := []Day{{Status: adapters.Unknown}, {Status: adapters.Operational}, {Status: adapters.Operational}, {Status: adapters.MajorOutage}}
	want := map[adapters.Status]int{adapters.Unknown: 1, adapters.Operational: 2, adapters.MajorOutage: 1}
	if got := Counts(days); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("counts = %v, want %v", got, want)
	}
}

func TestExplainNamesTheRules(t *testing.T) {
	e := Explain()
	for _, s := range []string{"partial or major outage", "unknown", "maintenance", "a week", "rounded down"} {
		if !strings.Contains(e, s) {
			t.Errorf("Explain does not mention %q", s)
		}
	}
}

// randomHistory builds a history with up to 30 incidents, maintenance
// windows and observed events around now.
func randomHistory(r *rand.Rand) *history.History {
	var known time.Time
	if r.IntN(10) > 0 {
		known = now.Add(-time.Duration(r.IntN(120*24*60)) * time.Minute)
	}
	impacts := []adapters.Impact{adapters.ImpactNone, adapters.ImpactMinor, adapters.ImpactMajor, adapters.ImpactCritical}
	var incs []adapters.Incident
	for i := range r.IntN(30) {
		start := now.Add(-time.Duration(r.IntN(130*24*60)) * time.Minute)
		end := start.Add(time.Duration(r.IntN(72*60)) * time.Minute)
		if r.IntN(5) == 0 {
			end = time.Time{}
		}
		id := fmt.Sprint("i", i)
		if r.IntN(6) == 0 {
			incs = append(incs, maintenance(id, start, end, "api"))
			continue
		}
		incs = append(incs, incident(id, impacts[r.IntN(len(impacts))], start, end, "api"))
	}
	h := hist(known, incs...)
	statuses := []adapters.Status{adapters.Operational, adapters.Degraded, adapters.PartialOutage, adapters.MajorOutage, adapters.Maintenance}
	at, st := known, adapters.Operational
	for range r.IntN(10) {
		at = at.Add(time.Duration(r.IntN(20*24*60)) * time.Minute)
		next := statuses[r.IntN(len(statuses))]
		h.Events = append(h.Events, history.Event{At: at, Name: "overall", From: st, To: next})
		st = next
	}
	h.State.Status = st
	return h
}

// Properties over generated histories: the figure stays within bounds, more
// downtime never raises it, the bar has n days and unknown days come only
// before knowledge begins.
func TestProperties(t *testing.T) {
	for seed := range uint64(300) {
		r := rand.New(rand.NewPCG(seed, 7))
		h := randomHistory(r)
		known := KnownSince(h)
		window := time.Duration(1+r.IntN(120)) * 24 * time.Hour
		for _, comp := range []string{"", "api"} {
			f := Uptime(h, comp, now, window)
			if f.Percent < 0 || f.Percent > 100 {
				t.Fatalf("seed %d %q: percent %v", seed, comp, f.Percent)
			}
			if f.Known && f.Down+f.Degraded+f.Maintenance > f.To.Sub(f.From) {
				t.Fatalf("seed %d %q: %v+%v+%v exceeds the known %v", seed, comp, f.Down, f.Degraded, f.Maintenance, f.To.Sub(f.From))
			}
			if f.Known != (!known.IsZero() && known.Before(now)) {
				t.Fatalf("seed %d %q: known=%v with knowledge from %v", seed, comp, f.Known, known)
			}
			start := now.Add(-time.Duration(r.IntN(100*24*60)) * time.Minute)
			worse := *h
			worse.Incidents = append(slices.Clone(h.Incidents),
				incident("z", adapters.ImpactCritical, start, start.Add(time.Duration(r.IntN(48*60))*time.Minute), "api"))
			if g := Uptime(&worse, comp, now, window); g.Percent > f.Percent || g.Down < f.Down {
				t.Fatalf("seed %d %q: more downtime raised uptime from %v to %v", seed, comp, f.Percent, g.Percent)
			}
			n := r.IntN(120)
			days := Days(h, comp, now, n)
			if len(days) != n {
				t.Fatalf("seed %d %q: %d days, want %d", seed, comp, len(days), n)
			}
			for _, d := range days {
				if d.Known == (d.Status == adapters.Unknown) {
					t.Fatalf("seed %d %q: day %s known=%v status %s", seed, comp, d.DateString(), d.Known, d.Status)
				}
				if !d.Known && !known.IsZero() && !known.After(now) && d.Date.Add(day).After(known) {
					t.Fatalf("seed %d %q: day %s unknown after knowledge began at %v", seed, comp, d.DateString(), known)
				}
			}
		}
	}
}

func BenchmarkUptime(b *testing.B) {
	var incs []adapters.Incident
	impacts := []adapters.Impact{adapters.ImpactMinor, adapters.ImpactMajor, adapters.ImpactCritical, adapters.ImpactNone}
	for i := range 1000 {
		start := now.Add(-time.Duration(i) * 3 * time.Hour)
		incs = append(incs, incident(fmt.Sprint("i", i), impacts[i%len(impacts)], start, start.Add(5*time.Hour), "api"))
	}
	h := hist(now.AddDate(-1, 0, 0), incs...)
	for b.Loop() {
		Uptime(h, "", now, Window)
		Uptime(h, "api", now, Window)
		Days(h, "", now, 90)
	}
}

func TestStaleAndLastActivity(t *testing.T) {
	inc := incident("a", adapters.ImpactMajor, midnight(-30), time.Time{})
	shown := midnight(-9)
	inc.Updates = append(inc.Updates, adapters.Update{ID: "b", CreatedAt: midnight(-10), DisplayAt: shown})
	if got := LastActivity(&inc); !got.Equal(shown) {
		t.Errorf("last activity = %v, want the later displayed time %v", got, shown)
	}
	tests := []struct {
		last time.Time
		want bool
	}{
		{time.Time{}, false},
		{now.Add(-StaleAfter), false},
		{now.Add(-StaleAfter - time.Nanosecond), true},
		{now, false},
	}
	for _, tt := range tests {
		if got := Stale(tt.last, now); got != tt.want {
			t.Errorf("Stale(%v) = %v, want %v", tt.last, got, tt.want)
		}
	}
	// An open maintenance window without an end goes stale the same way.
	m := maintenance("m", midnight(-20), time.Time{})
	m.Updates = []adapters.Update{{ID: "u", CreatedAt: midnight(-20).Add(2 * time.Hour)}}
	if f := Uptime(hist(midnight(-40), m), "", now, Window); f.Maintenance != 2*time.Hour {
		t.Errorf("stale maintenance = %v, want 2h", f.Maintenance)
	}
}

// A state that says when it began is trusted when no change was logged:
// the current outage does not stretch back to the first check.
func TestStateSinceBoundsTheCurrentStateWithoutEvents(t *testing.T) {
	h := hist(now.Add(-10 * 24 * time.Hour))
	h.State.Status = adapters.PartialOutage
	h.State.StatusSince = now.Add(-2 * time.Hour)
	if f := Uptime(h, "", now, Window); f.Down != 2*time.Hour {
		t.Errorf("down = %v, want 2h (since the state's own start)", f.Down)
	}
}
