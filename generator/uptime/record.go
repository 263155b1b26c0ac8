package uptime

import (
	"slices"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/model"
)

// Record is what a provider's incidents add up to over a window ending
// now, counting only the time we know (from KnownSince): the facts a reader
// looks for before the figure, "how many incidents lately, how long".
type Record struct {
	// Window is the span asked for; From and To bound its known part (From
	// zero when nothing of it is known).
	Window   time.Duration
	From, To time.Time
	// Incidents counts the incidents (not maintenance) open at any moment
	// of the known part.
	Incidents int
	// Disrupted is the time of the known part with at least one incident
	// open, each instant counted once however many were open.
	Disrupted time.Duration
}

// Known reports whether any of the window is known.
func (r Record) Known() bool { return !r.From.IsZero() && r.From.Before(r.To) }

// KnownFor is the known part of the window.
func (r Record) KnownFor() time.Duration {
	if !r.Known() {
		return 0
	}
	return r.To.Sub(r.From)
}

// WindowDays is the window in days, and KnownDays the known part in days.
func (r Record) WindowDays() float64 { return r.Window.Hours() / 24 }
func (r Record) KnownDays() float64  { return r.KnownFor().Hours() / 24 }

// Whole reports whether all of the window is known.
func (r Record) Whole() bool { return r.KnownFor() >= r.Window }

// Tally adds up h's incidents over the window ending now. Spans follow
// the figure's rules (span): an incident still open counts up to now, one
// the vendor left silent for model.StaleAfter up to its last activity.
func Tally(h *history.History, now time.Time, window time.Duration) Record {
	now = now.UTC()
	r := Record{Window: window, To: now}
	known := KnownSince(h)
	if known.IsZero() || !known.Before(now) {
		return r
	}
	r.From = maxTime(known, now.Add(-window))
	var spans []Interval
	for i := range h.Incidents {
		inc := &h.Incidents[i]
		if inc.Kind == adapters.KindMaintenance {
			continue
		}
		start, end := span(inc, now)
		if start.IsZero() || start.After(now) || end.Before(r.From) {
			continue
		}
		r.Incidents++
		spans = append(spans, Interval{Start: maxTime(start, r.From), End: minTime(end, now)})
	}
	r.Disrupted = covered(spans)
	return r
}

// covered is the time at least one of spans covers.
func covered(spans []Interval) time.Duration {
	slices.SortFunc(spans, compareIntervals)
	var total time.Duration
	var at time.Time
	for _, s := range spans {
		if s.Start.Before(at) {
			s.Start = at
		}
		if s.End.After(s.Start) {
			total += s.End.Sub(s.Start)
			at = s.End
		}
	}
	return total
}

// LastIncident is when h's latest incident ended, by the figure's rules,
// and whether one is open at now (then the time is zero). Maintenance is
// not an incident; an incident starting after now is not counted yet.
func LastIncident(h *history.History, now time.Time) (ended time.Time, open bool) {
	for i := range h.Incidents {
		inc := &h.Incidents[i]
		if inc.Kind == adapters.KindMaintenance {
			continue
		}
		start, end := span(inc, now)
		if start.IsZero() || start.After(now) {
			continue
		}
		if model.PhaseOf(inc, now) == model.PhaseOngoing {
			return time.Time{}, true
		}
		ended = model.Latest(ended, end)
	}
	return ended, false
}
