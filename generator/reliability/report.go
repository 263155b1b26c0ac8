package reliability

import (
	"cmp"
	"slices"
	"time"
)

// MinReportKnown is the least known share of a month for a provider to
// stand in a monthly report's most and least disrupted lists: a provider
// seen for a few days would top "least disruption" by being watched
// least. Half the month leaves room for a provider added mid-month
// without comparing a few quiet days with a whole month.
const MinReportKnown = 0.5

// RankWindow and MinRankKnown are the category pages' ranking: providers
// by disruption over the last 90 days, only those known for at least two
// thirds of them (60 days). A ranking compares like with like: over a few
// weeks one bad day, or a quiet stretch, decides the order, and a
// provider added last week would look the most reliable.
const (
	RankWindow   = 90 * day
	MinRankKnown = 2.0 / 3
)

// Entry is one provider's record, under its key (a slug).
type Entry struct {
	Key    string
	Record *Record
}

// Report is the report of one calendar month over a set of providers.
type Report struct {
	// Start and End bound the month (UTC).
	Start, End time.Time
	// Incidents are every incident begun in the month in known time, the
	// worst impact first, then the longest, then by key and id.
	Incidents []Ranked
	// Standings are the providers known for at least MinReportKnown of the
	// month, the most disrupted (by share of known time) first; Unranked
	// counts those known for less, Unknown those not known at all.
	Standings []Standing
	Unranked  int
	Unknown   int
}

// Ranked is an incident of a report with its provider's key.
type Ranked struct {
	Key string
	Incident
}

// Standing is a provider's disruption over the month.
type Standing struct {
	Key       string
	Span      Span
	Disrupted time.Duration
	Incidents int
}

// Share is the disrupted share of the known time, 0 to 1.
func (s Standing) Share() float64 {
	if s.Span.Known <= 0 {
		return 0
	}
	return float64(s.Disrupted) / float64(s.Span.Known)
}

// MonthReport reports on the month that begins at start (UTC, its first
// instant) over entries. An incident is listed in the month it began, with
// its whole length; disruption is counted within the month.
func MonthReport(start time.Time, entries []Entry) Report {
	start = monthStart(start)
	m := Report{Start: start, End: start.AddDate(0, 1, 0)}
	for _, e := range entries {
		r := e.Record
		for _, inc := range r.Within(start, earlier(m.End, r.Now)) {
			m.Incidents = append(m.Incidents, Ranked{Key: e.Key, Incident: inc})
		}
	}
	m.Standings, m.Unranked, m.Unknown = Rank(entries, start, m.End, MinReportKnown)
	slices.SortFunc(m.Incidents, func(a, b Ranked) int {
		return cmp.Or(cmp.Compare(b.Impact.Rank(), a.Impact.Rank()), cmp.Compare(b.Duration(), a.Duration()),
			cmp.Compare(a.Key, b.Key), cmp.Compare(a.ID, b.ID))
	})
	return m
}

// Rank orders the entries known for at least minShare of [from, to) (to
// cut to each record's clock) by the disrupted share of their known time,
// the most disrupted first (then the most incidents, then by key); it
// counts those known for less (unranked) and those not known at all.
func Rank(entries []Entry, from, to time.Time, minShare float64) (ranked []Standing, unranked, unknown int) {
	for _, e := range entries {
		r := e.Record
		end := earlier(to, r.Now)
		span := r.Span(from, end)
		switch {
		case span.Known == 0:
			unknown++
		case float64(span.Known) < minShare*float64(to.Sub(from)):
			unranked++
		default:
			ranked = append(ranked, Standing{Key: e.Key, Span: span, Disrupted: r.DisruptedWithin(from, end), Incidents: len(r.Within(from, end))})
		}
	}
	slices.SortFunc(ranked, func(a, b Standing) int {
		return cmp.Or(cmp.Compare(b.Share(), a.Share()), cmp.Compare(b.Incidents, a.Incidents), cmp.Compare(a.Key, b.Key))
	})
	return ranked, unranked, unknown
}

// Disrupted sums the disrupted time of the standings.
func (m Report) Disrupted() time.Duration {
	var d time.Duration
	for _, s := range m.Standings {
		d += s.Disrupted
	}
	return d
}

// ReportMonths lists the first instants of the complete months (ended by now)
// in which any of entries had an incident begun in known time, newest
// first: the months that have a report.
func ReportMonths(entries []Entry, now time.Time) []time.Time {
	limit := monthStart(now)
	seen := map[time.Time]bool{}
	for _, e := range entries {
		for _, inc := range e.Record.Incidents {
			if m := monthStart(inc.Start); m.Before(limit) {
				seen[m] = true
			}
		}
	}
	out := make([]time.Time, 0, len(seen))
	for m := range seen {
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b time.Time) int { return b.Compare(a) })
	return out
}
