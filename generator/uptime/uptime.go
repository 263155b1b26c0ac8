// Package uptime owns what the site and the API say about availability: the
// intervals in which a provider or component was known to be impaired, the
// worst state of each UTC day, and the uptime figure over the time we
// actually know. It is pure: a history and a clock in, numbers out.
//
// Where the intervals come from:
//   - incidents, from their start (history.Start) to their resolution, at the
//     state their impact implies (minor: degraded, major: partial outage,
//     critical: major outage). Impact "none" is informational: such an
//     incident is listed on its days but never counted. For one component,
//     only incidents that list it count, at the state the vendor gave that
//     component when it gave one, else at the impact's state. An open
//     incident lasts until now, except one silent for StaleAfter: it is
//     unresolved, treated as ended at its last update.
//   - maintenance windows, from their scheduled start to their completion
//     (else their scheduled end), as maintenance;
//   - states we observed ourselves: from the first check (or the component's
//     first sighting) at the state then seen, and from each status change in
//     the history's events to the next change, or to now for the current
//     state (to its removal for a component that vanished upstream).
//
// Knowledge starts at the history's KnownSince, else its FirstChecked; with
// neither, nothing is known. Time before it is unknown: never counted as up
// or as down.
package uptime

import (
	"slices"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
)

// StaleAfter is how long an incident that was never marked resolved stays
// open after its last update. Vendors forget to close incidents; counting
// them as down forever would be a lie, so such an incident is treated as
// ended at its last update.
const StaleAfter = 7 * 24 * time.Hour

// Window is the default span of the figure and of the day bar: 90 days.
const Window = 90 * 24 * time.Hour

// Sources of an Interval besides incidents and maintenance windows.
const SourceObserved = "observed"

// Interval is a span of time at one state.
type Interval struct {
	Start, End time.Time
	Status     adapters.Status
	// Source says where the interval comes from: "incident <id>",
	// "maintenance <id>" or "observed".
	Source string
}

// KnownSince is where knowledge of h begins, or the zero time when nothing
// is known.
func KnownSince(h *history.History) time.Time {
	if !h.State.KnownSince.IsZero() {
		return h.State.KnownSince.UTC()
	}
	return h.State.FirstChecked.UTC()
}

// Intervals lists the impaired intervals (anything worse than operational)
// of the provider (componentID "") or of one component, clipped to now,
// sorted by start then end then source. Intervals may overlap.
func Intervals(h *history.History, componentID string, now time.Time) []Interval {
	now = now.UTC()
	var out []Interval
	add := func(iv Interval) {
		iv.Start, iv.End = iv.Start.UTC(), minTime(iv.End.UTC(), now)
		if iv.Status.Rank() > adapters.Operational.Rank() && iv.Start.Before(iv.End) {
			out = append(out, iv)
		}
	}
	for _, s := range incidentSpans(h, componentID, now) {
		if s.counts {
			add(s.Interval)
		}
	}
	for _, iv := range observed(h, componentID, now) {
		add(iv)
	}
	slices.SortFunc(out, compareIntervals)
	return out
}

func compareIntervals(a, b Interval) int {
	if c := a.Start.Compare(b.Start); c != 0 {
		return c
	}
	if c := a.End.Compare(b.End); c != 0 {
		return c
	}
	if a.Source < b.Source {
		return -1
	}
	if a.Source > b.Source {
		return 1
	}
	return 0
}

// incidentSpan is an incident or maintenance window that concerns the
// provider or component, with whether it counts towards uptime (impact
// "none" is listed but not counted).
type incidentSpan struct {
	Interval
	id     string
	counts bool
}

// incidentSpans lists, in the history's order, the incidents and
// maintenance windows that concern componentID ("" for every one), with
// their end clipped to now. Entries without a start time are left out:
// they cannot be placed on a day.
func incidentSpans(h *history.History, componentID string, now time.Time) []incidentSpan {
	var out []incidentSpan
	for i := range h.Incidents {
		inc := &h.Incidents[i]
		st, ok := statusFor(inc, componentID)
		if !ok {
			continue
		}
		start, end := span(inc, now)
		if start.IsZero() {
			continue
		}
		source := "incident " + inc.ID
		if inc.Kind == adapters.KindMaintenance {
			source = "maintenance " + inc.ID
		}
		out = append(out, incidentSpan{
			Interval: Interval{Start: start.UTC(), End: minTime(end.UTC(), now), Status: st, Source: source},
			id:       inc.ID,
			counts:   st.Rank() > adapters.Operational.Rank(),
		})
	}
	return out
}

// statusFor is the state an incident implies for the provider or for one
// component, and whether the incident concerns it at all.
func statusFor(inc *adapters.Incident, componentID string) (adapters.Status, bool) {
	s := inc.Impact.Status()
	if inc.Kind == adapters.KindMaintenance {
		s = adapters.Maintenance
	}
	if componentID == "" {
		return s, true
	}
	listed := false
	var reported adapters.Status
	for _, c := range affected(inc) {
		if c.ID != componentID {
			continue
		}
		listed = true
		if c.Status.Rank() > adapters.Operational.Rank() {
			reported = adapters.Worst(reported, c.Status)
		}
	}
	if !listed {
		return "", false
	}
	// What the vendor said about this very component beats the incident's
	// overall impact, except that a maintenance window stays maintenance.
	if reported != "" && inc.Kind != adapters.KindMaintenance {
		s = reported
	}
	return s, true
}

// affected lists the components an incident names, on itself or on any of
// its updates (vendors often name them only on updates).
func affected(inc *adapters.Incident) []adapters.ComponentRef {
	refs := inc.Components
	for _, u := range inc.Updates {
		refs = append(refs[:len(refs):len(refs)], u.Components...)
	}
	return refs
}

// span is when an incident or maintenance window began and ended; an entry
// still going on ends now, unless it has been silent for StaleAfter.
func span(inc *adapters.Incident, now time.Time) (start, end time.Time) {
	start = history.Start(inc)
	switch {
	case !inc.ResolvedAt.IsZero():
		return start, inc.ResolvedAt
	case inc.Kind == adapters.KindMaintenance && !inc.ScheduledUntil.IsZero():
		return start, inc.ScheduledUntil
	}
	if last := LastActivity(inc); Stale(last, now) {
		return start, last
	}
	return start, now
}

// LastActivity is the time of the last sign of life of an incident: its
// start, creation, last update (as created or as displayed) or UpdatedAt,
// whichever is latest.
func LastActivity(inc *adapters.Incident) time.Time {
	last := maxTime(history.Start(inc), maxTime(inc.CreatedAt, inc.UpdatedAt))
	for _, u := range inc.Updates {
		last = maxTime(last, maxTime(u.CreatedAt, u.DisplayAt))
	}
	return last
}

// Stale reports whether an open incident whose last activity was at last
// counts as ended at now: it has been silent for more than StaleAfter. The
// site and the feeds use it too, so every page tells the same story.
func Stale(last, now time.Time) bool {
	return !last.IsZero() && now.Sub(last) > StaleAfter
}

// observed turns what we saw ourselves into intervals: the state seen at
// the first observation until the first change, then each change until the
// next one, the last until now (or until a component's removal).
func observed(h *history.History, componentID string, now time.Time) []Interval {
	first, end, current := observedBounds(h, componentID, now)
	if first.IsZero() {
		return nil
	}
	if since := stateSince(h, componentID); !hasEvents(h, componentID) && since.After(first) {
		// No change was logged, yet the state says when it began: trust
		// it rather than stretch the current state back to the first check.
		first = since
	}
	var out []Interval
	at, st := first, current
	started := false
	for _, e := range h.Events {
		if e.ComponentID != componentID {
			continue
		}
		if !started {
			// Before the first change, the state was the change's From.
			st, started = e.From, true
		}
		out = append(out, Interval{Start: at, End: minTime(e.At, end), Status: st, Source: SourceObserved})
		at, st = maxTime(e.At, first), e.To
	}
	return append(out, Interval{Start: at, End: end, Status: st, Source: SourceObserved})
}

// hasEvents reports whether any status change of the provider or component
// was logged.
func hasEvents(h *history.History, componentID string) bool {
	for _, e := range h.Events {
		if e.ComponentID == componentID {
			return true
		}
	}
	return false
}

// stateSince is when the current state began, as the state file says.
func stateSince(h *history.History, componentID string) time.Time {
	if componentID == "" {
		return h.State.StatusSince
	}
	for _, c := range h.State.Components {
		if c.ID == componentID {
			return c.LastChanged
		}
	}
	return time.Time{}
}

// observedBounds is when we first saw the provider or component, when we
// stopped seeing it (now, or a component's removal) and its current state.
// first is zero when we never saw it.
func observedBounds(h *history.History, componentID string, now time.Time) (first, end time.Time, current adapters.Status) {
	if componentID == "" {
		return h.State.FirstChecked, now, h.State.Status
	}
	for _, c := range h.State.Components {
		if c.ID != componentID {
			continue
		}
		first = c.FirstSeen
		if first.IsZero() {
			first = h.State.FirstChecked
		}
		end = now
		if !c.RemovedAt.IsZero() {
			end = minTime(c.RemovedAt, now)
		}
		return first, end, c.Status
	}
	return time.Time{}, time.Time{}, ""
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
