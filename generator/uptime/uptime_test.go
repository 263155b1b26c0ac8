package uptime

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/model"
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
	// A major impact is a partial outage: 6 h at 30% is 1 h 48 min down.
	if f.Partial != 6*time.Hour || f.Down != 108*time.Minute {
		t.Errorf("partial %v down %v, want 6h and 1h48m", f.Partial, f.Down)
	}
	// 100 × (72 h − 1.8 h) / 72 h = 97.5.
	if got, want := f.String(), "97.5%"; got != want {
		t.Errorf("figure = %s, want %s", got, want)
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

// A provider first seen a few hours ago has no figure: the page says how
// much is known instead of "0%" over 0.4 days.
func TestLessThanADayHasNoFigure(t *testing.T) {
	tests := []struct {
		known   time.Duration
		figure  bool
		pending string
	}{
		{9 * time.Hour, false, "not enough data yet: 9 hours known"},
		{time.Hour, false, "not enough data yet: 1 hour known"},
		{90 * time.Minute, false, "not enough data yet: 1 hour known"},
		{30 * time.Minute, false, "not enough data yet: 30 minutes known"},
		{time.Second, false, "not enough data yet: less than a minute known"},
		{MinKnown - time.Nanosecond, false, "not enough data yet: 23 hours known"},
		{MinKnown, true, ""},
	}
	for _, tt := range tests {
		first := now.Add(-tt.known)
		// Down throughout what we know: the old figure said "0%".
		h := hist(first, incident("a", adapters.ImpactCritical, first, time.Time{}))
		f := Uptime(h, "", now, Window)
		if f.Known != tt.figure || f.KnownFor() != tt.known || f.Pending() != tt.pending || !f.From.Equal(first) {
			t.Errorf("%v known: figure=%v knownFor=%v pending=%q from=%v, want %v %v %q %v",
				tt.known, f.Known, f.KnownFor(), f.Pending(), f.From, tt.figure, tt.known, tt.pending, first)
		}
		if !tt.figure && (f.Percent != 0 || f.KnownDays() != 0 || f.String() != "not enough data") {
			t.Errorf("%v known: percent %v, %v days, %q; want no figure", tt.known, f.Percent, f.KnownDays(), f)
		}
		// The time is still accounted for, so the JSON can say what we saw.
		if f.Major != tt.known || f.Down != tt.known {
			t.Errorf("%v known: major %v down %v, want all of it", tt.known, f.Major, f.Down)
		}
	}
	if p := Uptime(hist(time.Time{}), "", now, Window).Pending(); p != "not enough data yet" {
		t.Errorf("nothing known: %q", p)
	}
}

// A provider without components is counted as a whole, each incident at
// the level its impact implies: critical is a major outage (counted in
// full), major a partial outage (counted at 30%), minor degraded (not
// counted).
func TestFigureDurations(t *testing.T) {
	base := midnight(-5)
	at := func(h int) time.Time { return base.Add(time.Duration(h) * time.Hour) }
	open := incident("open", adapters.ImpactMajor, now.Add(-2*time.Hour), time.Time{})
	stale := incident("stale", adapters.ImpactCritical, midnight(-20), time.Time{})
	stale.Updates = append(stale.Updates, adapters.Update{ID: "late", CreatedAt: midnight(-20).Add(3 * time.Hour)})
	// Silent for exactly StaleAfter: not stale yet, so it lasts until now.
	edge := incident("edge", adapters.ImpactMajor, now.Add(-model.StaleAfter-time.Hour), time.Time{})
	edge.UpdatedAt = now.Add(-model.StaleAfter)
	// Closed by its lifecycle word without a time: it ended at its last
	// update, as its page says, not now.
	closed := incident("closed", adapters.ImpactCritical, at(0), time.Time{})
	closed.Status = "resolved"
	closed.Updates = append(closed.Updates, adapters.Update{ID: "r", CreatedAt: at(2)})
	early := maintenance("early", at(0), at(4))
	early.ResolvedAt = at(1)
	tests := []struct {
		name                                  string
		incs                                  []adapters.Incident
		major, partial, degraded, maint, down time.Duration
	}{
		{"nothing", nil, 0, 0, 0, 0, 0},
		{"overlaps counted once at their worst", []adapters.Incident{
			incident("a", adapters.ImpactCritical, at(0), at(4)),
			incident("b", adapters.ImpactMajor, at(2), at(6)),
			incident("c", adapters.ImpactMajor, at(3), at(5)),
		}, 4 * time.Hour, 2 * time.Hour, 0, 0, 4*time.Hour + 36*time.Minute}, // 4 h + 0.3 × 2 h
		{"degraded under an outage counts as outage", []adapters.Incident{
			incident("a", adapters.ImpactMinor, at(0), at(4)),
			incident("b", adapters.ImpactMajor, at(1), at(2)),
		}, 0, time.Hour, 3 * time.Hour, 0, 18 * time.Minute},
		{"impact none is not counted", []adapters.Incident{
			incident("a", adapters.ImpactNone, at(0), at(4)),
		}, 0, 0, 0, 0, 0},
		{"open incident counts to now", []adapters.Incident{open}, 0, 2 * time.Hour, 0, 0, 36 * time.Minute},
		{"stale open incident ends at its last update", []adapters.Incident{stale}, 3 * time.Hour, 0, 0, 0, 3 * time.Hour},
		{"open incident silent exactly StaleAfter still counts", []adapters.Incident{edge},
			0, model.StaleAfter + time.Hour, 0, 0, (model.StaleAfter + time.Hour) * 3 / 10},
		{"closed without a time ends at its last update", []adapters.Incident{closed}, 2 * time.Hour, 0, 0, 0, 2 * time.Hour},
		{"maintenance is separate", []adapters.Incident{
			maintenance("m", at(0), at(2)),
			maintenance("future", now.Add(time.Hour), now.Add(3*time.Hour)),
		}, 0, 0, 0, 2 * time.Hour, 0},
		{"maintenance completed early ends then", []adapters.Incident{early}, 0, 0, 0, time.Hour, 0},
		{"outage during maintenance is down", []adapters.Incident{
			maintenance("m", at(0), at(4)),
			incident("a", adapters.ImpactCritical, at(3), at(5)),
		}, 2 * time.Hour, 0, 0, 3 * time.Hour, 2 * time.Hour},
		{"before the window is cut", []adapters.Incident{
			incident("old", adapters.ImpactCritical, now.Add(-Window-time.Hour), now.Add(-Window+time.Hour)),
		}, time.Hour, 0, 0, 0, time.Hour},
		{"without a start it cannot be placed", []adapters.Incident{
			{ID: "nostart", Kind: adapters.KindIncident, Impact: adapters.ImpactCritical, ResolvedAt: at(1)},
		}, 0, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Uptime(hist(now.AddDate(0, 0, -200), tt.incs...), "", now, Window)
			got := [5]time.Duration{f.Major, f.Partial, f.Degraded, f.Maintenance, f.Down}
			want := [5]time.Duration{tt.major, tt.partial, tt.degraded, tt.maint, tt.down}
			if got != want {
				t.Errorf("major, partial, degraded, maintenance, down = %v, want %v", got, want)
			}
			if want := 100 * float64(Window-tt.down) / float64(Window); math.Abs(f.Percent-want) > 1e-12 {
				t.Errorf("percent %v, want %v", f.Percent, want)
			}
			if f.Averaged != 0 {
				t.Errorf("averaged %d, want 0 for a provider without components", f.Averaged)
			}
		})
	}
}

// comp is a listed component seen since the history's first check.
func comp(id string) history.ComponentState {
	return history.ComponentState{Component: adapters.Component{ID: id, Name: id, Status: adapters.Operational}}
}

// said is an update at a time stating component statuses, id then status.
func said(at time.Time, pairs ...string) adapters.Update {
	u := adapters.Update{ID: at.Format(time.RFC3339), CreatedAt: at}
	for i := 0; i+1 < len(pairs); i += 2 {
		u.Components = append(u.Components, adapters.ComponentRef{ID: pairs[i], Name: pairs[i], Status: adapters.Status(pairs[i+1])})
	}
	return u
}

// Time at each level, one component, from the statuses the vendor states
// on updates, an incident's impact when it states none, and what we
// observed. The history starts at midnight(-10): 252 h known at now.
func TestComponentLevels(t *testing.T) {
	t0 := midnight(-3).Add(2 * time.Hour)
	hours := func(n float64) time.Time { return t0.Add(time.Duration(n * float64(time.Hour))) }
	const (
		partial  = "partial_outage"
		degraded = "degraded"
		major    = "major_outage"
		oper     = "operational"
	)
	withUpdates := func(impact adapters.Impact, end time.Time, ups ...adapters.Update) adapters.Incident {
		inc := incident("i", impact, t0, end, "api")
		inc.Updates = ups
		return inc
	}
	tests := []struct {
		name                            string
		incs                            []adapters.Incident
		events                          []history.Event
		major, partial, degraded, maint time.Duration
		figure                          string
	}{
		// The case: worst-state accounting said 10 h down. Time at
		// each level: 8 h partial (30% → 2 h 24 min) and 2 h degraded (0).
		// 100 × (252 h − 2.4 h) / 252 h = 99.0476…
		{"8 h partial outage then 2 h degraded", []adapters.Incident{withUpdates(adapters.ImpactMajor, hours(10),
			said(hours(10), "api", oper), said(hours(8), "api", degraded), said(t0, "api", partial))},
			nil, 0, 8 * time.Hour, 2 * time.Hour, 0, "99.04%"},
		// Each statement holds from its own time: the half hour before the
		// first one has no level from the incident (it is not moved back
		// to the start); updates arrive in any order.
		{"first statement after the start holds from its time", []adapters.Incident{withUpdates(adapters.ImpactCritical, hours(3),
			said(hours(2), "api", major), said(hours(0.5), "api", degraded), said(hours(1), "api", partial))},
			nil, time.Hour, time.Hour, 30 * time.Minute, 0, "99.48%"}, // (252 − 1 − 0.3) / 252 = 99.484…
		// An incident from 0 h that first says major outage at 1 h and is
		// resolved at 3 h is 2 h down, not 3 h.
		{"first statement is not moved to the start", []adapters.Incident{withUpdates(adapters.ImpactCritical, hours(3),
			said(hours(1), "api", major))},
			nil, 2 * time.Hour, 0, 0, 0, "99.2%"}, // (252 − 2) / 252 = 99.206…
		{"update not naming it leaves the level", []adapters.Incident{withUpdates(adapters.ImpactMajor, hours(4),
			said(hours(2), "web", major), said(t0, "api", major))},
			nil, 4 * time.Hour, 0, 0, 0, "98.41%"}, // 248/252 = 98.412…
		{"postmortem after the end changes nothing", []adapters.Incident{withUpdates(adapters.ImpactMajor, hours(1),
			said(hours(5), "api", major), said(t0, "api", partial))},
			nil, 0, time.Hour, 0, 0, "99.88%"}, // 251.7/252 = 99.880…
		{"named without a status: its impact", []adapters.Incident{incident("i", adapters.ImpactMinor, t0, hours(2), "api")},
			nil, 0, 0, 2 * time.Hour, 0, "100%"},
		{"the incident's list worse than operational beats the impact", []adapters.Incident{func() adapters.Incident {
			inc := incident("i", adapters.ImpactCritical, t0, hours(2), "api")
			inc.Components[0].Status = adapters.PartialOutage
			return inc
		}()}, nil, 0, 2 * time.Hour, 0, 0, "99.76%"}, // 251.4/252 = 99.761…
		// Statuspage lets a page link a component without changing it: the
		// vendor said it stayed operational, whatever the impact.
		{"stated operational throughout is not counted", []adapters.Incident{withUpdates(adapters.ImpactCritical, hours(2),
			said(t0, "api", oper))}, nil, 0, 0, 0, 0, "100%"},
		{"impact none but stated down counts", []adapters.Incident{withUpdates(adapters.ImpactNone, hours(1),
			said(t0, "api", major))}, nil, time.Hour, 0, 0, 0, "99.6%"}, // 251/252 = 99.603…
		{"observed worse than the incident wins", []adapters.Incident{withUpdates(adapters.ImpactMinor, hours(2),
			said(t0, "api", degraded))}, []history.Event{
			{At: hours(1), ComponentID: "api", From: adapters.Operational, To: adapters.PartialOutage},
			{At: hours(3), ComponentID: "api", From: adapters.PartialOutage, To: adapters.Operational},
		}, 0, 2 * time.Hour, time.Hour, 0, "99.76%"},
		{"maintenance stays maintenance", []adapters.Incident{func() adapters.Incident {
			m := maintenance("m", t0, hours(2), "api")
			m.Updates = []adapters.Update{said(t0, "api", major)}
			return m
		}()}, nil, 0, 0, 0, 2 * time.Hour, "100%"},
		{"an incident naming its group names it", []adapters.Incident{incident("i", adapters.ImpactCritical, t0, hours(1), "grp")},
			nil, time.Hour, 0, 0, 0, "99.6%"},
		{"named by its name alone", []adapters.Incident{func() adapters.Incident {
			inc := incident("i", adapters.ImpactCritical, t0, hours(1), "api")
			inc.Components[0].ID = ""
			return inc
		}()}, nil, time.Hour, 0, 0, 0, "99.6%"},
		{"another component's incident is not its", []adapters.Incident{incident("i", adapters.ImpactCritical, t0, hours(1), "web")},
			nil, 0, 0, 0, 0, "100%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := hist(midnight(-10), tt.incs...)
			api := comp("api")
			api.GroupID = "grp"
			grp := comp("grp")
			grp.Group = true
			h.State.Components = []history.ComponentState{api, grp, comp("web")}
			h.Events = tt.events
			f := Uptime(h, "api", now, Window)
			got := [4]time.Duration{f.Major, f.Partial, f.Degraded, f.Maintenance}
			if want := [4]time.Duration{tt.major, tt.partial, tt.degraded, tt.maint}; got != want {
				t.Errorf("major, partial, degraded, maintenance = %v, want %v", got, want)
			}
			if down := tt.major + tt.partial*3/10; f.Down != down {
				t.Errorf("down %v, want %v", f.Down, down)
			}
			if f.String() != tt.figure {
				t.Errorf("figure %s, want %s", f, tt.figure)
			}
		})
	}
}

// The provider's figure is the mean of its components' figures: an
// incident naming one of two components costs the provider half of it.
// Known: 252 h (midnight(-10) to now).
func TestProviderIsTheMeanOfItsComponents(t *testing.T) {
	x := incident("x", adapters.ImpactCritical, midnight(-3), midnight(-3).Add(6*time.Hour), "api")
	// Names no component: counts against the provider's figure only, as
	// one component in partial outage (major impact), and only while no
	// component is already that bad: y while all are operational, z during
	// api's major outage.
	y := incident("y", adapters.ImpactMajor, midnight(-2), midnight(-2).Add(2*time.Hour))
	z := incident("z", adapters.ImpactMajor, midnight(-3).Add(time.Hour), midnight(-3).Add(3*time.Hour))
	visit := comp("visit")
	visit.NoUptime = true // the vendor shows no uptime for it: not averaged
	grp := comp("grp")
	grp.Group = true // a group only summarises its components
	grp.Status = adapters.MajorOutage
	tests := []struct {
		name      string
		incs      []adapters.Incident
		component string
		down      time.Duration
		figure    string
		averaged  int
	}{
		// api: 6 h major. 100 × (252 − 6) / 252 = 97.619…
		{"one of two: its component", []adapters.Incident{x}, "api", 6 * time.Hour, "97.61%", 0},
		{"one of two: the other", []adapters.Incident{x}, "web", 0, "100%", 0},
		// Mean of 97.619… and 100: (6 h + 0) / 2 = 3 h; 100 × 249 / 252 = 98.809…
		// Counting the incident as the whole provider down said 97.61%.
		{"one of two: the provider", []adapters.Incident{x}, "", 3 * time.Hour, "98.8%", 2},
		{"naming none: not a component's", []adapters.Incident{x, y}, "web", 0, "100%", 0},
		// One of two components in partial outage for 2 h: 1 h partial on
		// average, 18 min down; 3 h + 18 min = 3.3 h; 100 × 248.7 / 252 = 98.690…
		{"naming none: the provider's", []adapters.Incident{x, y}, "", 3*time.Hour + 18*time.Minute, "98.69%", 2},
		// Naming only a component we do not list is naming none we know.
		{"naming one we do not list", []adapters.Incident{x, func() adapters.Incident {
			u := y
			u.Components = []adapters.ComponentRef{{Name: "elsewhere"}}
			return u
		}()}, "", 3*time.Hour + 18*time.Minute, "98.69%", 2},
		// api was already in major outage: z adds nothing.
		{"naming none during a worse outage", []adapters.Incident{x, z}, "", 3 * time.Hour, "98.8%", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := hist(midnight(-10), tt.incs...)
			h.State.Components = []history.ComponentState{comp("api"), comp("web"), visit, grp}
			h.State.Status = adapters.MajorOutage // the vendor's word, derived from components: not counted again
			f := Uptime(h, tt.component, now, Window)
			if f.Down != tt.down || f.String() != tt.figure || f.Averaged != tt.averaged {
				t.Errorf("down %v figure %s averaged %d, want %v %s %d", f.Down, f, f.Averaged, tt.down, tt.figure, tt.averaged)
			}
		})
	}
}

// With one component, an incident naming none is about that component:
// the worse of the two counts, never both. Known: 252 h.
func TestOneComponentProvider(t *testing.T) {
	a := incident("a", adapters.ImpactCritical, midnight(-3), midnight(-3).Add(2*time.Hour), "api")
	a.Components[0].Status = adapters.PartialOutage
	w := incident("w", adapters.ImpactCritical, midnight(-3).Add(time.Hour), midnight(-3).Add(3*time.Hour))
	h := hist(midnight(-10), a, w)
	h.State.Components = []history.ComponentState{comp("api")}
	tests := []struct {
		component      string
		major, partial time.Duration
		figure         string
	}{
		// Its own figure: a's 2 h partial; 100 × (252 − 0.6) / 252 = 99.761…
		{"api", 0, 2 * time.Hour, "99.76%"},
		// The provider: partial for the first hour, then major for two
		// (w raises api's partial to major, then counts alone): 2 h + 0.3 h;
		// 100 × (252 − 2.3) / 252 = 99.087…
		{"", 2 * time.Hour, time.Hour, "99.08%"},
	}
	for _, tt := range tests {
		f := Uptime(h, tt.component, now, Window)
		if f.Major != tt.major || f.Partial != tt.partial || f.String() != tt.figure {
			t.Errorf("%q: major %v partial %v %s, want %v %v %s", tt.component, f.Major, f.Partial, f, tt.major, tt.partial, tt.figure)
		}
	}
}

// A group's figure is the mean of its components'; an incident naming the
// group counts against each of them.
func TestGroupIsTheMeanOfItsComponents(t *testing.T) {
	a, b := comp("a"), comp("b")
	a.GroupID, b.GroupID = "g", "g"
	g := comp("g")
	g.Group = true
	h := hist(midnight(-10),
		incident("on-a", adapters.ImpactCritical, midnight(-4), midnight(-4).Add(4*time.Hour), "a"),
		incident("on-g", adapters.ImpactCritical, midnight(-2), midnight(-2).Add(2*time.Hour), "g"))
	h.State.Components = []history.ComponentState{g, a, b}
	tests := []struct {
		component string
		down      time.Duration
		averaged  int
	}{
		{"a", 6 * time.Hour, 0},
		{"b", 2 * time.Hour, 0},
		{"g", 4 * time.Hour, 2}, // (6 h + 2 h) / 2
		{"", 4 * time.Hour, 2},  // the same two components
	}
	for _, tt := range tests {
		f := Uptime(h, tt.component, now, Window)
		if f.Down != tt.down || f.Major != tt.down || f.Averaged != tt.averaged {
			t.Errorf("%q: down %v major %v averaged %d, want %v %v %d", tt.component, f.Down, f.Major, f.Averaged, tt.down, tt.down, tt.averaged)
		}
	}
	// The bar of the group lists and colours what concerns its components.
	days := Days(h, "g", now, 5)
	if !slices.Equal(days[0].Incidents, []string{"on-a"}) || days[0].Status != adapters.MajorOutage ||
		!slices.Equal(days[2].Incidents, []string{"on-g"}) || days[2].Status != adapters.MajorOutage {
		t.Errorf("group bar = %+v", days)
	}
	if d := Days(h, "b", now, 5); len(d[0].Incidents) != 0 || !slices.Equal(d[2].Incidents, []string{"on-g"}) {
		t.Errorf("b's bar = %+v, want on-g only", d)
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

// What we observed ourselves: each component from its first sighting, each
// change to the next, the current state to now or to the component's
// removal. The history starts at midnight(-10): 252 h known at now.
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
		component                string
		major, partial, degraded time.Duration
		known                    time.Duration
		figure                   string
	}{
		// Degraded from its first sighting to the first change, then down:
		// 100 × (252 − 0.5) / 252 = 99.801…
		{"api", 30 * time.Minute, 0, 24 * time.Hour, 252 * time.Hour, "99.8%"},
		// Down from the change until it vanished upstream, and known until
		// then only: 23 h partial over 144 h, 100 × (144 − 6.9) / 144 = 95.208…
		{"gone", 0, 23 * time.Hour, 0, 144 * time.Hour, "95.2%"},
		// The current state lasts until now.
		{"web", 0, 0, 3 * time.Hour, 252 * time.Hour, "100%"},
		{"never-seen", 0, 0, 0, 252 * time.Hour, "100%"},
		// The mean over the components listed at each instant, not the
		// overall status (major outage throughout: the old figure said 0%).
		// Until gone's removal (144 h) over api, gone, web: major 30 min,
		// partial 23 h, degraded 24 h, divided by 3; after it (108 h) over
		// api and web: degraded 3 h, divided by 2. Major 10 min, partial
		// 7 h 40 min, degraded 8 h + 1 h 30 min; down = 10 min + 0.3 × 460
		// min = 148 min; 100 × (15120 − 148) / 15120 min = 99.021…
		{"", 10 * time.Minute, 7*time.Hour + 40*time.Minute, 9*time.Hour + 30*time.Minute, 252 * time.Hour, "99.02%"},
	}
	for _, tt := range tests {
		f := Uptime(h, tt.component, now, Window)
		got := [4]time.Duration{f.Major, f.Partial, f.Degraded, f.KnownFor()}
		if want := [4]time.Duration{tt.major, tt.partial, tt.degraded, tt.known}; got != want || f.String() != tt.figure {
			t.Errorf("%q: major, partial, degraded, known = %v %s, want %v %s", tt.component, got, f, want, tt.figure)
		}
	}
	// Without components the overall status is the provider's timeline.
	h.State.Components, h.Events = nil, nil
	if f := Uptime(h, "", now, Window); f.String() != "0%" {
		t.Errorf("provider without components down throughout = %s, want 0%%", f)
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
	for _, s := range []string{"Statuspage", "major outage counts fully", "partial outage counts as 30%", "degraded performance and maintenance do not",
		"names the component", "average of its components", "names no component", "as a whole", "unknown", "a full day", "a week", "rounded down"} {
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
	// Half the providers list components (one of them maybe removed), so
	// that averages are exercised too.
	ids := []string{""}
	if r.IntN(2) == 0 {
		ids = append(ids, "api", "web")
		web := comp("web")
		if r.IntN(2) == 0 {
			web.RemovedAt = now.Add(-time.Duration(r.IntN(100*24*60)) * time.Minute)
		}
		h.State.Components = []history.ComponentState{comp("api"), web}
	}
	for _, id := range ids {
		at, st := known, adapters.Operational
		for range r.IntN(10) {
			at = at.Add(time.Duration(r.IntN(20*24*60)) * time.Minute)
			next := statuses[r.IntN(len(statuses))]
			h.Events = append(h.Events, history.Event{At: at, ComponentID: id, Name: id, From: st, To: next})
			st = next
		}
		if id == "" {
			h.State.Status = st
		} else {
			h.State.Components[slices.IndexFunc(h.State.Components, func(c history.ComponentState) bool { return c.ID == id })].Status = st
		}
	}
	slices.SortStableFunc(h.Events, func(a, b history.Event) int { return a.At.Compare(b.At) })
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
			// Averages round each level to the nanosecond: allow one each.
			if sum := f.Major + f.Partial + f.Degraded + f.Maintenance; sum > f.KnownFor()+4 {
				t.Fatalf("seed %d %q: %v+%v+%v+%v exceeds the known %v", seed, comp, f.Major, f.Partial, f.Degraded, f.Maintenance, f.KnownFor())
			}
			if f.Down < f.Major || f.Down > f.Major+f.Partial+1 {
				t.Fatalf("seed %d %q: down %v outside [major %v, major + partial %v]", seed, comp, f.Down, f.Major, f.Partial)
			}
			if f.Known != (f.KnownFor() >= MinKnown) || (f.KnownFor() > 0 || f.Dark > 0) != (!known.IsZero() && known.Before(now)) {
				t.Fatalf("seed %d %q: known=%v for %v with knowledge from %v", seed, comp, f.Known, f.KnownFor(), known)
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
			dark := NewBook(h, now).subject(comp).darkFrom()
			if len(days) != n {
				t.Fatalf("seed %d %q: %d days, want %d", seed, comp, len(days), n)
			}
			for _, d := range days {
				if d.Known == (d.Status == adapters.Unknown) {
					t.Fatalf("seed %d %q: day %s known=%v status %s", seed, comp, d.DateString(), d.Known, d.Status)
				}
				lit := dark.IsZero() || d.Date.Before(dark)
				if !d.Known && lit && !known.IsZero() && !known.After(now) && d.Date.Add(day).After(known) {
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

// Silence follows generator/model's rules, so the figure ends a stale entry
// where its page says it went stale.
func TestStaleFollowsModel(t *testing.T) {
	inc := incident("a", adapters.ImpactCritical, midnight(-30), time.Time{})
	shown := midnight(-9)
	// The displayed time is the last sign of life.
	inc.Updates = append(inc.Updates, adapters.Update{ID: "b", CreatedAt: midnight(-10), DisplayAt: shown})
	h := hist(midnight(-40), inc)
	if model.PhaseOf(&h.Incidents[0], now) != model.PhaseStale {
		t.Fatal("incident not stale by model's rule")
	}
	if f := Uptime(h, "", now, Window); f.Major != shown.Sub(midnight(-30)) {
		t.Errorf("stale incident major = %v, want %v (to its last displayed update)", f.Major, shown.Sub(midnight(-30)))
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
	if f := Uptime(h, "", now, Window); f.Partial != 2*time.Hour || f.Down != 36*time.Minute {
		t.Errorf("partial %v down %v, want 2h and 36m (since the state's own start)", f.Partial, f.Down)
	}
}

// Time we could not see the provider is unknown: neither up nor down, and
// a day wholly unseen is an unknown day on the bar.
func TestUnseenTimeIsUnknown(t *testing.T) {
	// Known for 10 days; unseen for the whole of 5 days ago and until 2 h
	// into 4 days ago (26 h); a major outage of 1 h while we saw it, and one
	// of 3 h while we did not (that one we cannot count: it never happened
	// for us).
	h := &history.History{Slug: "acme", State: history.State{Status: adapters.Operational,
		FirstChecked: now.Add(-10 * day), KnownSince: now.Add(-10 * day),
		Unseen: []history.Span{{From: midnight(-5), To: midnight(-4).Add(2 * time.Hour)}}}}
	h.Incidents = []adapters.Incident{
		incident("seen", adapters.ImpactCritical, midnight(-2).Add(time.Hour), midnight(-2).Add(2*time.Hour)),
		incident("unseen", adapters.ImpactCritical, midnight(-5).Add(time.Hour), midnight(-5).Add(4*time.Hour)),
	}
	f := Uptime(h, "", now, Window)
	// Known: 240 h - 26 h = 214 h; down 1 h: 100 x 213 / 214 = 99.5327...
	if f.Unseen != 26*time.Hour || f.KnownFor() != 214*time.Hour || f.Down != time.Hour || f.String() != "99.53%" {
		t.Errorf("unseen %v, known %v, down %v, figure %s; want 26h, 214h, 1h, 99.53%%", f.Unseen, f.KnownFor(), f.Down, f)
	}
	days := Days(h, "", now, 10)
	if d := days[4]; d.Date != midnight(-5) || d.Status != adapters.Unknown {
		t.Errorf("the day wholly unseen: %+v", d)
	}
	if d := days[5]; d.Date != midnight(-4) || d.Status == adapters.Unknown {
		t.Errorf("the day partly seen: %+v", d)
	}
	// An open stretch lasts until now.
	h.State.Unseen = []history.Span{{From: now.Add(-6 * time.Hour)}}
	if f := Uptime(h, "", now, Window); f.Unseen != 6*time.Hour {
		t.Errorf("open stretch: unseen %v, want 6h", f.Unseen)
	}
}

// A cancelled window never ran, so no time counts as maintenance: the
// page calls it cancelled, and the figure agrees.
func TestCancelledMaintenanceCountsNothing(t *testing.T) {
	called := maintenance("c", midnight(-20), midnight(-20).Add(2*time.Hour))
	called.Status, called.ResolvedAt = "cancelled", midnight(-25)
	withdrawn := maintenance("w", midnight(-10), midnight(-10).Add(2*time.Hour))
	withdrawn.WithdrawnAt = midnight(-12)
	ran := maintenance("r", midnight(-5), midnight(-5).Add(time.Hour))
	if f := Uptime(hist(midnight(-40), called, withdrawn, ran), "", now, Window); f.Maintenance != time.Hour {
		t.Errorf("maintenance = %v, want 1h (the window that ran)", f.Maintenance)
	}
}

// A component named by an incident the vendor never closed is unknown from
// the vendor's last word on, in the figure and on the bar, until the
// vendor changes its state again; its neighbours stay known.
func TestUnclosedIncidentDarkensWhatItNames(t *testing.T) {
	inc := incident("a", adapters.ImpactCritical, midnight(-30), time.Time{}, "eu")
	inc.Updates = append(inc.Updates, adapters.Update{ID: "b", CreatedAt: midnight(-20)})
	h := hist(midnight(-40), inc)
	h.State.Components = []history.ComponentState{
		{Component: adapters.Component{ID: "eu", Name: "eu", Status: adapters.Operational}, FirstSeen: midnight(-40), LastChanged: midnight(-30)},
		{Component: adapters.Component{ID: "us", Name: "us", Status: adapters.Operational}, FirstSeen: midnight(-40), LastChanged: midnight(-40)},
	}
	eu := Uptime(h, "eu", now, Window)
	if eu.Dark != now.Sub(midnight(-20)) || eu.KnownFor() != 20*24*time.Hour || eu.Major != 10*24*time.Hour {
		t.Errorf("eu: dark %v, known %v, major %v; want dark since the last word, 20 days known, 10 down", eu.Dark, eu.KnownFor(), eu.Major)
	}
	if us := Uptime(h, "us", now, Window); us.Dark != 0 || us.Percent != 100 {
		t.Errorf("us, not named: dark %v, %v%%", us.Dark, us.Percent)
	}
	if all := Uptime(h, "", now, Window); all.Dark != 0 || all.Averaged != 2 {
		t.Errorf("provider: dark %v over %d components; us stays known", all.Dark, all.Averaged)
	}
	days := Days(h, "eu", now, 30)
	if d := days[len(days)-1]; d.Known || d.Status != adapters.Unknown {
		t.Errorf("eu today: %+v, want unknown", d)
	}
	if d := days[len(days)-22]; !d.Known || d.Status != adapters.MajorOutage {
		t.Errorf("eu the day before the last word: %+v, want known, down", d)
	}
	// The vendor changes eu's state later: it speaks again.
	h.State.Components[0].LastChanged = midnight(-5)
	if eu := Uptime(h, "eu", now, Window); eu.Dark != 0 {
		t.Errorf("eu changed after the last word: dark %v", eu.Dark)
	}
}
