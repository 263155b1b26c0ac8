// Package reliability answers "how reliable has this service been?" from
// a provider's history: incidents per month by impact, time to resolve,
// the longest incident, days since the last major incident and hours of
// disruption, for the provider or one component. It is pure: a history
// and a clock in, numbers out.
//
// Every figure is over known time only, and carries the known span it
// covers. Known time is generator/uptime's: from the start of our
// knowledge on, less the stretches when we could not see the provider
// (uptime.Known). An incident counts when it began in known time; time
// counts as disrupted when it is known and uptime's intervals put the
// subject worse than operational then (maintenance aside: planned work is
// not a disruption). Unknown time is never counted as up or as down.
package reliability

import (
	"slices"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/uptime"
)

const day = 24 * time.Hour

// Windows are the spans disruption is summed over: 30, 90 and 365 days.
var Windows = []time.Duration{30 * day, 90 * day, 365 * day}

// Year is the span of the monthly counts, of time to resolve and of the
// longest incident: the last 365 days.
const Year = 365 * day

// MonthsShown is how many calendar months the monthly counts cover, the
// current one included.
const MonthsShown = 12

// Span is the known part of the time a figure speaks of.
type Span struct {
	// From and To bound the time asked about, From moved up to the start
	// of our knowledge; From is zero when none of it is known.
	From, To time.Time
	// Known is the known time between From and To (the stretches we
	// could not see left out).
	Known time.Duration
}

// Days is the known time in days.
func (s Span) Days() float64 { return s.Known.Hours() / 24 }

// Incident is one incident as the figures count it.
type Incident struct {
	ID, Title string
	Impact    adapters.Impact
	// Start and End are uptime.Span's: an open incident ends now (or at
	// its last activity once silent for model.StaleAfter).
	Start, End time.Time
	// Resolved is true when the vendor closed it (model.End is set): only
	// those have a time to resolve.
	Resolved bool
	// Open is true while the incident lasts at the clock.
	Open bool
}

// Duration is how long the incident lasted (so far, while open).
func (i Incident) Duration() time.Duration { return i.End.Sub(i.Start) }

// Major reports whether the impact is major or critical.
func (i Incident) Major() bool { return i.Impact.Rank() >= adapters.ImpactMajor.Rank() }

// Impaired reports whether the incident had an impact: minor or worse
// (a notice of impact none is not an outage).
func (i Incident) Impaired() bool {
	return i.Impact.Rank() >= adapters.ImpactMinor.Rank() && i.Impact != adapters.ImpactMaintenance
}

// Record is what the figures of one subject (a provider or a component)
// are made of, without the history: its incidents begun in known time,
// newest first, the known stretches and the disrupted ones (known time
// only, merged, oldest first). Monthly reports keep one per provider.
type Record struct {
	Now       time.Time
	Incidents []Incident
	Known     []uptime.Interval
	Disrupted []uptime.Interval
}

// NewRecord gathers the record of the provider (componentID "") or one
// component at now.
func NewRecord(h *history.History, componentID string, now time.Time) Record {
	return RecordOf(uptime.NewBook(h, now), componentID)
}

// RecordOf is NewRecord of the Book's history at its clock.
func RecordOf(b *uptime.Book, componentID string) Record {
	h, now := b.History(), b.Now()
	r := Record{Now: now, Known: uptime.Known(h, time.Time{}, now)}
	for _, i := range b.Concerning(componentID) {
		inc := &h.Incidents[i]
		if inc.Kind == adapters.KindMaintenance {
			continue
		}
		start, end := uptime.Span(inc, now)
		if start.IsZero() || !r.isKnown(start) {
			continue
		}
		r.Incidents = append(r.Incidents, Incident{ID: inc.ID, Title: model.Clean(inc.Title), Impact: inc.Impact,
			Start: start.UTC(), End: end.UTC(), Resolved: !model.End(inc).IsZero(), Open: end.Equal(now)})
	}
	slices.SortStableFunc(r.Incidents, func(a, b Incident) int { return b.Start.Compare(a.Start) })
	var bad []uptime.Interval
	for _, iv := range b.Intervals(componentID) {
		if iv.Status != adapters.Maintenance {
			bad = append(bad, iv)
		}
	}
	r.Disrupted = intersect(union(bad), r.Known)
	return r
}

// isKnown reports whether t falls in known time.
func (r Record) isKnown(t time.Time) bool {
	for _, k := range r.Known {
		if !t.Before(k.Start) && t.Before(k.End) {
			return true
		}
	}
	return false
}

// Span is the known part of [from, to).
func (r Record) Span(from, to time.Time) Span {
	s := Span{To: to}
	for _, k := range r.Known {
		a, b := model.Latest(k.Start, from), earlier(k.End, to)
		if a.Before(b) {
			if s.From.IsZero() {
				s.From = a
			}
			s.Known += b.Sub(a)
		}
	}
	return s
}

// DisruptedWithin is the disrupted time within [from, to), known time only.
func (r Record) DisruptedWithin(from, to time.Time) time.Duration {
	var d time.Duration
	for _, iv := range r.Disrupted {
		if a, b := model.Latest(iv.Start, from), earlier(iv.End, to); a.Before(b) {
			d += b.Sub(a)
		}
	}
	return d
}

// Within are the incidents begun within [from, to), newest first.
func (r Record) Within(from, to time.Time) []Incident {
	var out []Incident
	for _, inc := range r.Incidents {
		if !inc.Start.Before(from) && inc.Start.Before(to) {
			out = append(out, inc)
		}
	}
	return out
}

// union merges overlapping and touching intervals, oldest first.
func union(ivs []uptime.Interval) []uptime.Interval {
	ivs = slices.Clone(ivs)
	slices.SortFunc(ivs, func(a, b uptime.Interval) int { return a.Start.Compare(b.Start) })
	var out []uptime.Interval
	for _, iv := range ivs {
		if n := len(out); n > 0 && !iv.Start.After(out[n-1].End) {
			out[n-1].End = model.Latest(out[n-1].End, iv.End)
			continue
		}
		out = append(out, uptime.Interval{Start: iv.Start, End: iv.End})
	}
	return out
}

// intersect is the parts of ivs inside known (both sorted, ivs disjoint).
func intersect(ivs, known []uptime.Interval) []uptime.Interval {
	var out []uptime.Interval
	for _, iv := range ivs {
		for _, k := range known {
			if a, b := model.Latest(iv.Start, k.Start), earlier(iv.End, k.End); a.Before(b) {
				out = append(out, uptime.Interval{Start: a, End: b})
			}
		}
	}
	return out
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
