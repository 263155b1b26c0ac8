package uptime

import (
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
)

// Known lists the known stretches of [from, to): from the start of our
// knowledge on, less the stretches when we could not see the provider. It
// is the time the uptime figure counts, for other figures to count the
// same (generator/reliability).
func Known(h *history.History, from, to time.Time) []Interval {
	from, to = maxTime(from.UTC(), KnownSince(h)), to.UTC()
	if KnownSince(h).IsZero() || !from.Before(to) {
		return nil
	}
	var out []Interval
	at := from
	for _, u := range unseenWithin(h, from, to) {
		if at.Before(u.Start) {
			out = append(out, Interval{Start: at, End: u.Start, Status: adapters.Operational})
		}
		at = maxTime(at, u.End)
	}
	if at.Before(to) {
		out = append(out, Interval{Start: at, End: to, Status: adapters.Operational})
	}
	return out
}

// Span is when an incident or maintenance window began and ended at now,
// by the rules the figures follow (see span).
func Span(inc *adapters.Incident, now time.Time) (start, end time.Time) {
	return span(inc, now.UTC())
}

// Concerning lists the indices in the history's Incidents of the
// incidents and maintenance windows that concern the provider
// (componentID "": all of them) or one component (those naming it, its
// group or, for a group, its components), as the day bar lists them. It
// does not depend on the Book's clock.
func (b *Book) Concerning(componentID string) []int { return b.listed(componentID) }
