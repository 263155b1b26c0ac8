package reliability

import (
	"slices"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
)

// Stats are the reliability figures of a provider or one component at
// one clock, each with the known span it covers.
type Stats struct {
	// Months are the last MonthsShown calendar months (UTC), oldest first,
	// the current one included.
	Months []Month
	// Resolve is the time to resolve of the incidents begun in the last
	// Year and resolved since.
	Resolve Resolve
	// Longest is the longest incident begun in the last Year and resolved
	// (one the vendor never closed would measure its silence, not the
	// outage); nil when there is none.
	Longest *Incident
	// LastMajor is the last major or critical incident ever begun in known
	// time, and how long ago it ended; LastAny the same of any incident
	// with an impact (notices of impact none left out).
	LastMajor LastMajor
	LastAny   LastMajor
	// Disruption is the disrupted time over each of Windows.
	Disruption []Disruption
}

// Month counts the incidents begun in one calendar month by impact.
type Month struct {
	// Start is the month's first instant (UTC).
	Start time.Time
	Span  Span
	// Counts by impact: none, minor, major, critical.
	None, Minor, Major, Critical int
}

// Total is the number of incidents begun in the month.
func (m Month) Total() int { return m.None + m.Minor + m.Major + m.Critical }

// Resolve is the time from start to resolution of resolved incidents.
type Resolve struct {
	Span Span
	// Count is how many incidents the figures are of; Median and P90 are
	// zero when it is.
	Count       int
	Median, P90 time.Duration
}

// LastMajor is the last major or critical incident.
type LastMajor struct {
	// Span is all the known time: the figure looks back that far.
	Span Span
	// Incident is nil when there was none in known time.
	Incident *Incident
	// Days are the whole days since it ended; 0 while it lasts.
	Days int
}

// Disruption is the disrupted time over a window ending now.
type Disruption struct {
	Window    time.Duration
	Span      Span
	Disrupted time.Duration
}

// Share is the disrupted part of the known time, 0 to 1; 0 when nothing
// is known.
func (d Disruption) Share() float64 {
	if d.Span.Known <= 0 {
		return 0
	}
	return float64(d.Disrupted) / float64(d.Span.Known)
}

// Of computes the figures of the provider (componentID "") or one
// component at now.
func Of(h *history.History, componentID string, now time.Time) Stats {
	return NewRecord(h, componentID, now).Stats()
}

// Stats computes the figures of the record at its clock.
func (r Record) Stats() Stats {
	now := r.Now
	yearAgo := now.Add(-Year)
	s := Stats{Months: r.months(), LastMajor: r.last(Incident.Major), LastAny: r.last(Incident.Impaired)}
	s.Resolve = resolve(r.Within(yearAgo, now), r.Span(yearAgo, now))
	for _, inc := range r.Within(yearAgo, now) {
		if inc.Resolved && (s.Longest == nil || inc.Duration() > s.Longest.Duration()) {
			s.Longest = &inc
		}
	}
	for _, w := range Windows {
		from := now.Add(-w)
		s.Disruption = append(s.Disruption, Disruption{Window: w, Span: r.Span(from, now), Disrupted: r.DisruptedWithin(from, now)})
	}
	return s
}

// months counts the incidents of the last MonthsShown months.
func (r Record) months() []Month {
	first := monthStart(r.Now).AddDate(0, 1-MonthsShown, 0)
	out := make([]Month, 0, MonthsShown)
	for i := range MonthsShown {
		start := first.AddDate(0, i, 0)
		end := earlier(start.AddDate(0, 1, 0), r.Now)
		m := Month{Start: start, Span: r.Span(start, end)}
		for _, inc := range r.Within(start, end) {
			switch inc.Impact {
			case adapters.ImpactCritical:
				m.Critical++
			case adapters.ImpactMajor:
				m.Major++
			case adapters.ImpactMinor:
				m.Minor++
			default:
				m.None++
			}
		}
		out = append(out, m)
	}
	return out
}

// monthStart is the first instant of t's month, UTC.
func monthStart(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// resolve is the median and 90th percentile time to resolve of the
// resolved incidents among incs. The median of an even count is the mean
// of the two middle values; the 90th percentile is the nearest rank (the
// smallest value at least 90% of the values do not exceed), so it is
// always a time some incident took.
func resolve(incs []Incident, span Span) Resolve {
	var ds []time.Duration
	for _, inc := range incs {
		if inc.Resolved {
			ds = append(ds, inc.Duration())
		}
	}
	out := Resolve{Span: span, Count: len(ds)}
	if len(ds) == 0 {
		return out
	}
	slices.Sort(ds)
	n := len(ds)
	out.Median = ds[n/2]
	if n%2 == 0 {
		out.Median = (ds[n/2-1] + ds[n/2]) / 2
	}
	// Nearest rank: ceil(0.9 n), 1-based.
	out.P90 = ds[(9*n+9)/10-1]
	return out
}

// last finds the last incident that is: the one that ended last, an open
// one first of all.
func (r Record) last(is func(Incident) bool) LastMajor {
	out := LastMajor{Span: r.Span(time.Time{}, r.Now)}
	for _, inc := range r.Incidents {
		if !is(inc) {
			continue
		}
		if out.Incident == nil || inc.End.After(out.Incident.End) || inc.Open && !out.Incident.Open {
			out.Incident = &inc
		}
	}
	if out.Incident != nil && !out.Incident.Open {
		out.Days = int(r.Now.Sub(out.Incident.End) / day)
	}
	return out
}

// Quiet reports whether the figures have nothing to show: no incident in
// the months counted or the last Year, none major ever in known time, no
// disruption in any window (LastAny aside: an old minor incident is no
// figure shown). The JSON lists a component's figures only
// when they are not quiet, as most components of most providers are.
func (s Stats) Quiet() bool {
	for _, m := range s.Months {
		if m.Total() > 0 {
			return false
		}
	}
	for _, d := range s.Disruption {
		if d.Disrupted > 0 {
			return false
		}
	}
	return s.Resolve.Count == 0 && s.Longest == nil && s.LastMajor.Incident == nil
}
