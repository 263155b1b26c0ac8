// Package uptime owns what the site and the API say about availability: the
// intervals in which a provider or component was known to be impaired, the
// worst state of each day, and the uptime figure over the time we actually
// know. It is pure: history and a clock in, numbers out.
//
// Where the intervals come from:
//   - incidents, from their start to their resolution, at the state their
//     impact implies (minor: degraded, major: partial outage, critical:
//     major outage); impact "none" is informational and not counted. For a
//     component, only incidents that list it count, at the state the vendor
//     gave that component when it did. An incident never marked resolved
//     ends at its last update once it has been silent for StaleAfter.
//   - maintenance windows, from their scheduled start to their end, as
//     maintenance;
//   - status changes we observed between fetches (history events), from the
//     change to the next change.
//
// Knowledge starts at the history's KnownSince (else its first check).
// Days before it are unknown: never counted as up or as down.
package uptime

import (
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
)

// StaleAfter is how long an incident that was never marked resolved stays
// open after its last update. Vendors forget to close incidents; counting
// them as down forever would be a lie.
const StaleAfter = 7 * 24 * time.Hour

// Window is the default span of the figure and of the day bar.
const Window = 90 * 24 * time.Hour

// Interval is a span of time at one state.
type Interval struct {
	Start, End time.Time
	Status     adapters.Status
}

// Intervals lists the impaired intervals of the provider (componentID "")
// or of one component, clipped to now, sorted by start.
func Intervals(h *history.History, componentID string, now time.Time) []Interval {
	var out []Interval
	add := func(start, end time.Time, s adapters.Status) {
		if end.After(now) || end.IsZero() {
			end = now
		}
		if s.Rank() > adapters.Operational.Rank() && start.Before(end) {
			out = append(out, Interval{Start: start.UTC(), End: end.UTC(), Status: s})
		}
	}
	for i := range h.Incidents {
		inc := &h.Incidents[i]
		s, ok := statusFor(inc, componentID)
		if !ok {
			continue
		}
		start, end := span(inc, now)
		add(start, end, s)
	}
	for i, e := range h.Events {
		if e.ComponentID != componentID {
			continue
		}
		end := now
		for _, next := range h.Events[i+1:] {
			if next.ComponentID == componentID {
				end = next.At
				break
			}
		}
		add(e.At, end, e.To)
	}
	slices.SortFunc(out, func(a, b Interval) int { return a.Start.Compare(b.Start) })
	return out
}

// statusFor is the state an incident implies for the provider or for one
// component, and whether it counts at all.
func statusFor(inc *adapters.Incident, componentID string) (adapters.Status, bool) {
	s := inc.Impact.Status()
	if inc.Kind == adapters.KindMaintenance {
		s = adapters.Maintenance
	}
	if componentID == "" {
		return s, s != adapters.Operational
	}
	for _, c := range affected(inc) {
		if c.ID != componentID {
			continue
		}
		if c.Status.Rank() > adapters.Operational.Rank() && inc.Kind != adapters.KindMaintenance {
			s = adapters.Worst(c.Status, adapters.Degraded)
		}
		return s, s != adapters.Operational
	}
	return "", false
}

// affected lists the components an incident names, on itself or on any of
// its updates.
func affected(inc *adapters.Incident) []adapters.ComponentRef {
	refs := slices.Clone(inc.Components)
	for _, u := range inc.Updates {
		refs = append(refs, u.Components...)
	}
	return refs
}

// span is when an incident or maintenance window began and ended; end is
// zero while it is still going on.
func span(inc *adapters.Incident, now time.Time) (start, end time.Time) {
	start = history.Start(inc)
	if inc.Kind == adapters.KindMaintenance {
		end = inc.ScheduledUntil
		if !inc.ResolvedAt.IsZero() {
			end = inc.ResolvedAt
		}
		return start, end
	}
	if !inc.ResolvedAt.IsZero() {
		return start, inc.ResolvedAt
	}
	last := lastActivity(inc)
	if now.Sub(last) > StaleAfter {
		return start, last
	}
	return start, time.Time{}
}

func lastActivity(inc *adapters.Incident) time.Time {
	last := history.Start(inc)
	for _, u := range inc.Updates {
		if u.CreatedAt.After(last) {
			last = u.CreatedAt
		}
	}
	if inc.UpdatedAt.After(last) {
		last = inc.UpdatedAt
	}
	return last
}

// KnownSince is where knowledge of h begins, or the zero time.
func KnownSince(h *history.History) time.Time {
	if !h.State.KnownSince.IsZero() {
		return h.State.KnownSince
	}
	return h.State.FirstChecked
}

// Day is one UTC day of the bar.
type Day struct {
	Date time.Time
	// Status is the worst state of the day; operational when known and
	// nothing was wrong; unknown before knowledge begins.
	Status adapters.Status
	Known  bool
}

// Days returns the last n UTC days up to and including now's, oldest first.
func Days(h *history.History, componentID string, now time.Time, n int) []Day {
	known := KnownSince(h)
	ivs := Intervals(h, componentID, now)
	today := now.UTC().Truncate(24 * time.Hour)
	days := make([]Day, n)
	for i := range days {
		start := today.AddDate(0, 0, i-n+1)
		end := start.Add(24 * time.Hour)
		d := Day{Date: start, Status: adapters.Unknown}
		if !known.IsZero() && end.After(known) && !start.After(now) {
			d.Known, d.Status = true, worstIn(ivs, maxTime(start, known), end)
		}
		days[i] = d
	}
	return days
}

func worstIn(ivs []Interval, from, to time.Time) adapters.Status {
	s := adapters.Operational
	for _, iv := range ivs {
		if iv.Start.Before(to) && iv.End.After(from) {
			s = adapters.Worst(s, iv.Status)
		}
	}
	return s
}

// Counts counts days by status, for the bar's legend.
func Counts(days []Day) map[adapters.Status]int {
	m := map[adapters.Status]int{}
	for _, d := range days {
		m[d.Status]++
	}
	return m
}

// Figure is an uptime figure and what it was computed over.
type Figure struct {
	// Known is false when no known time falls in the window.
	Known bool
	// From and To bound the known part of the window.
	From, To time.Time
	// Window is the span asked for.
	Window time.Duration
	// Down is the time with a partial or major outage; Degraded and
	// Maintenance are reported beside it and do not lower the figure.
	Down, Degraded, Maintenance time.Duration
	// Percent is 100 × (known time − down time) / known time.
	Percent float64
}

// Compute returns the uptime of the provider or component over the window
// ending now, counting only the time we know.
func Compute(h *history.History, componentID string, now time.Time, window time.Duration) Figure {
	f := Figure{Window: window, To: now}
	known := KnownSince(h)
	if known.IsZero() || !known.Before(now) {
		return f
	}
	f.From = maxTime(now.Add(-window), known)
	f.Known = true
	ivs := Intervals(h, componentID, now)
	f.Down = covered(ivs, f.From, now, func(s adapters.Status) bool { return s.Rank() >= adapters.PartialOutage.Rank() })
	f.Degraded = covered(ivs, f.From, now, func(s adapters.Status) bool { return s == adapters.Degraded })
	f.Maintenance = covered(ivs, f.From, now, func(s adapters.Status) bool { return s == adapters.Maintenance })
	total := now.Sub(f.From)
	f.Percent = 100 * float64(total-f.Down) / float64(total)
	return f
}

// KnownDays is the known part of the window in days.
func (f Figure) KnownDays() float64 { return f.To.Sub(f.From).Hours() / 24 }

// String shows the figure rounded down to two decimals, so any downtime at
// all never reads as 100%.
func (f Figure) String() string {
	if !f.Known {
		return "not enough data"
	}
	p := math.Floor(f.Percent*100) / 100
	if f.Down > 0 && p >= 100 {
		p = 99.99
	}
	return strconv.FormatFloat(p, 'f', -1, 64) + "%"
}

// covered is the total length, without double counting overlaps, of the
// intervals whose status matches, clipped to [from, to].
func covered(ivs []Interval, from, to time.Time, match func(adapters.Status) bool) time.Duration {
	var total time.Duration
	var cur Interval
	open := false
	for _, iv := range ivs {
		if !match(iv.Status) {
			continue
		}
		s, e := maxTime(iv.Start, from), minTime(iv.End, to)
		if !s.Before(e) {
			continue
		}
		if open && !s.After(cur.End) {
			cur.End = maxTime(cur.End, e)
			continue
		}
		if open {
			total += cur.End.Sub(cur.Start)
		}
		cur, open = Interval{Start: s, End: e}, true
	}
	if open {
		total += cur.End.Sub(cur.Start)
	}
	return total
}

// Explain says how the figure is computed, for pages and the FAQ.
func Explain() string {
	return "Uptime is the share of the time we know about during which the service had no partial or major outage. " +
		"Outage time comes from the provider's own incidents, from the start of each to its resolution, at the level its impact states " +
		"(a major impact is a partial outage, a critical impact a major outage), and from status changes Uptimus observed between checks. " +
		"Degraded performance and maintenance are shown beside the figure but do not lower it. " +
		"Only the time since our record begins counts: earlier days are unknown, never assumed up or down. " +
		"An incident the provider never marked resolved stops counting a week after its last update."
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
