package uptime

import (
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/model"
)

// The tallies of a hand-made record, worked out by hand. Now is Nov 25,
// 12:00; knowledge starts Sep 1 (85.5 days back, inside the 90-day window,
// outside the 30-day one):
//   - "old", Aug 20 (before knowledge): counted nowhere;
//   - "edge", Sep 1 00:00 (knowledge starts 00:00), 2 h: 90 days only;
//   - "a", Nov 1 10:00-13:00 and "b", Nov 1 12:00-15:00 overlap: 5 h, not 6;
//   - "minor", Nov 20 08:00-08:30: 30 min;
//   - "edgy", Oct 26 10:00 to 14:00 straddles the 30-day start (Oct 26
//     12:00): 2 h inside it, 4 h in the 90 days;
//   - a maintenance window of 3 h counts nowhere.
//
// 30 days: a, b, minor, edgy = 4 incidents; 5 h + 30 min + 2 h = 7.5 h.
// 90 days: edge, a, b, minor, edgy = 5; 2 h + 5 h + 30 min + 4 h = 11.5 h,
// over 85.5 known days.
func TestTallyByHand(t *testing.T) {
	d := func(m time.Month, day, h, min int) time.Time { return time.Date(2026, m, day, h, min, 0, 0, time.UTC) }
	h := hist(d(9, 1, 0, 0),
		incident("old", adapters.ImpactMajor, d(8, 20, 0, 0), d(8, 20, 5, 0)),
		incident("edge", adapters.ImpactMinor, d(9, 1, 0, 0), d(9, 1, 2, 0)),
		incident("a", adapters.ImpactMajor, d(11, 1, 10, 0), d(11, 1, 13, 0)),
		incident("b", adapters.ImpactMinor, d(11, 1, 12, 0), d(11, 1, 15, 0)),
		incident("minor", adapters.ImpactNone, d(11, 20, 8, 0), d(11, 20, 8, 30)),
		incident("edgy", adapters.ImpactCritical, d(10, 26, 10, 0), d(10, 26, 14, 0)),
		maintenance("m", d(11, 10, 0, 0), d(11, 10, 3, 0)),
	)
	m30 := Tally(h, now, 30*day)
	if m30.Incidents != 4 || m30.Disrupted != 7*time.Hour+30*time.Minute || !m30.Whole() {
		t.Errorf("30 days: %d incidents, %s, whole %v; want 4, 7h30m, true", m30.Incidents, m30.Disrupted, m30.Whole())
	}
	m90 := Tally(h, now, Window)
	if m90.Incidents != 5 || m90.Disrupted != 11*time.Hour+30*time.Minute || m90.Whole() {
		t.Errorf("90 days: %d incidents, %s, whole %v; want 5, 11h30m, false", m90.Incidents, m90.Disrupted, m90.Whole())
	}
	if got, want := m90.KnownFor(), 85*day+12*time.Hour; got != want {
		t.Errorf("90 days known for %s, want %s", got, want)
	}
	ended, open := LastIncident(h, now)
	if open || !ended.Equal(d(11, 20, 8, 30)) {
		t.Errorf("last incident ended %s (open %v), want Nov 20 08:30", ended, open)
	}
}

// An open incident counts up to now and makes the last incident "open";
// one the vendor left silent for a week counts up to its last word; with
// no knowledge nothing is known.
func TestTallyOpenAndSilent(t *testing.T) {
	open := incident("open", adapters.ImpactMajor, now.Add(-90*time.Minute), time.Time{})
	open.Status = "investigating"
	silent := incident("silent", adapters.ImpactMajor, now.Add(-20*day), time.Time{})
	silent.Status = "investigating"
	silent.Updates = append(silent.Updates, adapters.Update{ID: "s2", CreatedAt: now.Add(-20*day + 3*time.Hour)})
	if model.PhaseOf(&silent, now) != model.PhaseStale {
		t.Fatal("the silent incident is not stale by model's rule")
	}
	h := hist(now.Add(-40*day), open, silent)
	r := Tally(h, now, 30*day)
	if r.Incidents != 2 || r.Disrupted != 90*time.Minute+3*time.Hour {
		t.Errorf("%d incidents over %s, want 2 over 4h30m", r.Incidents, r.Disrupted)
	}
	if _, isOpen := LastIncident(h, now); !isOpen {
		t.Error("an open incident is not reported open")
	}
	if r := Tally(hist(time.Time{}, open), now, 30*day); r.Known() || r.Incidents != 0 {
		t.Errorf("nothing known, yet %+v", r)
	}
}
