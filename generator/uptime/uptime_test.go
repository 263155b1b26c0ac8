package uptime

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
)

var now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func day(d int) time.Time { return now.Truncate(24*time.Hour).AddDate(0, 0, d) }

func incident(id string, impact adapters.Impact, start, end time.Time, comps ...string) adapters.Incident {
	inc := adapters.Incident{ID: id, Kind: adapters.KindIncident, Impact: impact, StartedAt: start, ResolvedAt: end,
		Updates: []adapters.Update{{ID: id + "-u", CreatedAt: start}}}
	for _, c := range comps {
		inc.Components = append(inc.Components, adapters.ComponentRef{ID: c, Name: c})
	}
	return inc
}

func hist(known time.Time, incs ...adapters.Incident) *history.History {
	return &history.History{Slug: "x", State: history.State{KnownSince: known, FirstChecked: known}, Incidents: incs}
}

func TestNoKnowledgeIsUnknown(t *testing.T) {
	h := hist(time.Time{})
	if f := Compute(h, "", now, Window); f.Known || f.String() != "not enough data" {
		t.Errorf("figure = %+v %s", f, f)
	}
	for _, d := range Days(h, "", now, 90) {
		if d.Known || d.Status != adapters.Unknown {
			t.Fatalf("day %v = %+v, want unknown", d.Date, d)
		}
	}
}

// The reference page computed "33.33%" over 3 known days and called it a
// 90-day figure. Here the figure covers the known days only, and says so.
func TestFigureCoversOnlyKnownTime(t *testing.T) {
	known := now.Add(-72 * time.Hour)
	h := hist(known, incident("a", adapters.ImpactMajor, now.Add(-36*time.Hour), now.Add(-30*time.Hour)))
	f := Compute(h, "", now, Window)
	if !f.Known || !f.From.Equal(known) || f.KnownDays() != 3 {
		t.Fatalf("figure = %+v, want known from %v over 3 days", f, known)
	}
	if f.Down != 6*time.Hour {
		t.Errorf("down = %v, want 6h", f.Down)
	}
	if got, want := f.String(), "91.66%"; got != want {
		t.Errorf("figure = %s, want %s (floored, never rounded up)", got, want)
	}
	days := Days(h, "", now, 90)
	counts := Counts(days)
	if counts[adapters.Unknown] != 86 || counts[adapters.PartialOutage] != 1 || counts[adapters.Operational] != 3 {
		t.Errorf("day counts = %v", counts)
	}
}

func TestOverlapsAreNotDoubleCounted(t *testing.T) {
	h := hist(day(-10),
		incident("a", adapters.ImpactCritical, day(-5), day(-5).Add(4*time.Hour)),
		incident("b", adapters.ImpactMajor, day(-5).Add(2*time.Hour), day(-5).Add(6*time.Hour)),
		incident("c", adapters.ImpactMinor, day(-4), day(-4).Add(time.Hour)),
		incident("d", adapters.ImpactNone, day(-3), day(-3).Add(time.Hour)),
	)
	f := Compute(h, "", now, Window)
	if f.Down != 6*time.Hour || f.Degraded != time.Hour {
		t.Errorf("down %v degraded %v, want 6h and 1h", f.Down, f.Degraded)
	}
	days := Days(h, "", now, 11)
	want := map[int]adapters.Status{5: adapters.MajorOutage, 6: adapters.Degraded, 7: adapters.Operational}
	for i, s := range want {
		if days[i].Status != s {
			t.Errorf("day %s = %s, want %s", days[i].Date.Format(time.DateOnly), days[i].Status, s)
		}
	}
}

func TestOpenIncidentCountsToNowUntilStale(t *testing.T) {
	open := incident("open", adapters.ImpactMajor, now.Add(-2*time.Hour), time.Time{})
	f := Compute(hist(day(-30), open), "", now, Window)
	if f.Down != 2*time.Hour {
		t.Errorf("open incident: down %v, want 2h", f.Down)
	}
	stale := incident("stale", adapters.ImpactMajor, day(-20), time.Time{})
	stale.Updates = append(stale.Updates, adapters.Update{ID: "late", CreatedAt: day(-20).Add(3 * time.Hour)})
	f = Compute(hist(day(-30), stale), "", now, Window)
	if f.Down != 3*time.Hour {
		t.Errorf("stale incident: down %v, want 3h (ends at its last update)", f.Down)
	}
}

func TestComponentCountsOnlyItsIncidents(t *testing.T) {
	a := incident("a", adapters.ImpactCritical, day(-2), day(-2).Add(time.Hour), "api")
	a.Components[0].Status = adapters.PartialOutage
	b := incident("b", adapters.ImpactCritical, day(-1), day(-1).Add(time.Hour), "web")
	h := hist(day(-10), a, b)
	api := Compute(h, "api", now, Window)
	if api.Down != time.Hour {
		t.Errorf("api down = %v, want 1h", api.Down)
	}
	if got := Days(h, "api", now, 3)[0].Status; got != adapters.PartialOutage {
		t.Errorf("api's day = %s, want the component's own state partial_outage", got)
	}
	if whole := Compute(h, "", now, Window); whole.Down != 2*time.Hour {
		t.Errorf("provider down = %v, want 2h", whole.Down)
	}
}

func TestMaintenanceAndObservedEvents(t *testing.T) {
	m := adapters.Incident{ID: "m", Kind: adapters.KindMaintenance, Impact: adapters.ImpactMaintenance,
		ScheduledFor: day(-3), ScheduledUntil: day(-3).Add(2 * time.Hour), StartedAt: day(-3)}
	future := adapters.Incident{ID: "f", Kind: adapters.KindMaintenance, Impact: adapters.ImpactMaintenance,
		ScheduledFor: now.Add(48 * time.Hour), ScheduledUntil: now.Add(50 * time.Hour)}
	h := hist(day(-10), m, future)
	h.Events = []history.Event{
		{At: day(-2), ComponentID: "api", From: adapters.Operational, To: adapters.MajorOutage},
		{At: day(-2).Add(30 * time.Minute), ComponentID: "api", From: adapters.MajorOutage, To: adapters.Operational},
	}
	f := Compute(h, "", now, Window)
	if f.Maintenance != 2*time.Hour || f.Down != 0 {
		t.Errorf("provider: maintenance %v down %v, want 2h and 0 (future window not counted)", f.Maintenance, f.Down)
	}
	if api := Compute(h, "api", now, Window); api.Down != 30*time.Minute {
		t.Errorf("api observed down = %v, want 30m", api.Down)
	}
}

func TestDaysAreUTC(t *testing.T) {
	// 23:00 to 01:00 UTC marks both days.
	h := hist(day(-10), incident("a", adapters.ImpactMinor, day(-2).Add(-time.Hour), day(-2).Add(time.Hour)))
	days := Days(h, "", now, 4)
	if days[0].Status != adapters.Degraded || days[1].Status != adapters.Degraded || days[2].Status != adapters.Operational {
		t.Errorf("days = %+v", days)
	}
	for _, d := range days {
		if d.Date.Location() != time.UTC || d.Date.Hour() != 0 {
			t.Errorf("day %v is not a UTC midnight", d.Date)
		}
	}
}

// Properties over generated histories: the figure stays within bounds, more
// downtime never raises it, the bar has n days and unknown days come only
// before knowledge begins.
func TestProperties(t *testing.T) {
	for seed := range uint64(300) {
		r := rand.New(rand.NewPCG(seed, 7))
		known := now.Add(-time.Duration(r.IntN(120*24)) * time.Hour)
		var incs []adapters.Incident
		for i := range r.IntN(20) {
			start := now.Add(-time.Duration(r.IntN(100*24*60)) * time.Minute)
			end := start.Add(time.Duration(r.IntN(48*60)) * time.Minute)
			if r.IntN(5) == 0 {
				end = time.Time{}
			}
			impacts := []adapters.Impact{adapters.ImpactNone, adapters.ImpactMinor, adapters.ImpactMajor, adapters.ImpactCritical}
			incs = append(incs, incident(string(rune('a'+i)), impacts[r.IntN(4)], start, end))
		}
		h := hist(known, incs...)
		f := Compute(h, "", now, Window)
		if f.Percent < 0 || f.Percent > 100 {
			t.Fatalf("seed %d: percent %v", seed, f.Percent)
		}
		worse := hist(known, append(incs, incident("z", adapters.ImpactCritical, now.Add(-5*time.Hour), now.Add(-time.Hour)))...)
		if g := Compute(worse, "", now, Window); g.Percent > f.Percent {
			t.Fatalf("seed %d: more downtime raised uptime from %v to %v", seed, f.Percent, g.Percent)
		}
		days := Days(h, "", now, 90)
		if len(days) != 90 {
			t.Fatalf("seed %d: %d days", seed, len(days))
		}
		for _, d := range days {
			if !d.Known && !d.Date.Add(24*time.Hour).Before(known.Add(time.Nanosecond)) {
				t.Fatalf("seed %d: day %v unknown after knowledge began at %v", seed, d.Date, known)
			}
		}
	}
}

func BenchmarkUptime(b *testing.B) {
	var incs []adapters.Incident
	for i := range 1000 {
		start := now.Add(-time.Duration(i) * 3 * time.Hour)
		incs = append(incs, incident(string(rune(i)), adapters.ImpactMajor, start, start.Add(time.Hour)))
	}
	h := hist(now.AddDate(-1, 0, 0), incs...)
	for b.Loop() {
		Compute(h, "", now, Window)
		Days(h, "", now, 90)
	}
}
