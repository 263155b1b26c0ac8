package uptime

import (
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
)

const day = 24 * time.Hour

// Day is one UTC day of the bar.
type Day struct {
	// Date is the day's midnight, UTC; DateString gives it as 2006-01-02.
	Date time.Time
	// Status is the worst level of the day's known part (for the provider,
	// the worst of the components its figure averages and of the incidents
	// naming no component); operational when known and nothing was wrong;
	// unknown before knowledge begins.
	Status adapters.Status
	// Incidents are the ids of the incidents and maintenance windows that
	// touch the day and concern the provider or component (naming it, its
	// group or, for a group, its components), in the
	// history's order (newest first). Impact "none" incidents are listed
	// although they do not change Status. Unknown days list them too: an
	// incident we know of is shown even where we cannot vouch for the rest.
	Incidents []string
	// Known is true when any part of the day is at or after the start of
	// our knowledge.
	Known bool
}

// DateString is the day as 2006-01-02.
func (d Day) DateString() string { return d.Date.Format(time.DateOnly) }

// Days returns the last n UTC days up to and including now's, oldest first,
// for the provider (componentID "") or one component.
func Days(h *history.History, componentID string, now time.Time, n int) []Day {
	return NewBook(h, now).Days(componentID, n)
}

// Days is the package's Days up to the Book's clock.
func (b *Book) Days(componentID string, n int) []Day {
	if n <= 0 {
		return nil
	}
	h, now := b.h, b.now
	known := KnownSince(h)
	first := now.Truncate(day).AddDate(0, 0, 1-n)
	days := make([]Day, n)
	// A day all of which the subject spent dark (see member.dark) is
	// unknown.
	dark := b.subject(componentID).darkFrom()
	for i := range days {
		start := first.AddDate(0, 0, i)
		days[i] = Day{Date: start, Status: adapters.Unknown}
		lit := dark.IsZero() || start.Before(dark)
		if lit && !known.IsZero() && start.Add(day).After(known) && !known.After(now) && !unseenAllDay(h, start, now) {
			days[i].Known, days[i].Status = true, adapters.Operational
		}
	}
	for _, iv := range b.Intervals(componentID) {
		// Only the known part of an interval colours a day.
		iv.Start = maxTime(iv.Start, known)
		if !iv.Start.Before(iv.End) {
			continue
		}
		lo, hi := dayRange(first, n, iv.Start, iv.End)
		for i := lo; i <= hi; i++ {
			if days[i].Known {
				days[i].Status = adapters.Worst(days[i].Status, iv.Status)
			}
		}
	}
	for _, j := range b.listed(componentID) {
		inc := &h.Incidents[j]
		start, end := span(inc, now)
		if start.IsZero() {
			// Without a start an entry cannot be placed on a day.
			continue
		}
		lo, hi := dayRange(first, n, start.UTC(), minTime(end.UTC(), now))
		for i := lo; i <= hi; i++ {
			days[i].Incidents = append(days[i].Incidents, inc.ID)
		}
	}
	return days
}

// unseenAllDay reports whether we could not see the provider at any time
// of the day starting at start (up to now for today): it is then unknown.
func unseenAllDay(h *history.History, start, now time.Time) bool {
	end := minTime(start.Add(day), now)
	var seen time.Duration
	for _, u := range unseenWithin(h, start, end) {
		seen += u.End.Sub(u.Start)
	}
	return seen > 0 && seen >= end.Sub(start)
}

// dayRange is the index range [lo, hi] of the days, from first on, touched
// by [start, end): an interval ending exactly at midnight does not touch the
// next day, and an instant (start == end) touches its own day. lo > hi when
// nothing is touched.
func dayRange(first time.Time, n int, start, end time.Time) (lo, hi int) {
	if end.Before(start) {
		return 0, -1
	}
	lo = floorDays(start.Sub(first))
	last := end
	if end.After(start) {
		last = end.Add(-1)
	}
	hi = floorDays(last.Sub(first))
	return max(lo, 0), min(hi, n-1)
}

// floorDays is d in whole days, rounded towards minus infinity.
func floorDays(d time.Duration) int {
	n := d / day
	if d%day < 0 {
		n--
	}
	return int(n)
}

// Counts counts days by status, for the bar's legend.
func Counts(days []Day) map[adapters.Status]int {
	m := map[adapters.Status]int{}
	for _, d := range days {
		m[d.Status]++
	}
	return m
}
