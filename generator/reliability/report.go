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
		end := earlier(m.End, r.Now)
		span := r.Span(start, end)
		if span.Known == 0 {
			m.Unknown++
			continue
		}
		incs := r.Within(start, end)
		for _, inc := range incs {
			m.Incidents = append(m.Incidents, Ranked{Key: e.Key, Incident: inc})
		}
		if float64(span.Known) < MinReportKnown*float64(m.End.Sub(start)) {
			m.Unranked++
			continue
		}
		m.Standings = append(m.Standings, Standing{Key: e.Key, Span: span, Disrupted: r.DisruptedWithin(start, end), Incidents: len(incs)})
	}
	slices.SortFunc(m.Incidents, func(a, b Ranked) int {
		return cmp.Or(cmp.Compare(b.Impact.Rank(), a.Impact.Rank()), cmp.Compare(b.Duration(), a.Duration()),
			cmp.Compare(a.Key, b.Key), cmp.Compare(a.ID, b.ID))
	})
	slices.SortFunc(m.Standings, func(a, b Standing) int {
		return cmp.Or(cmp.Compare(b.Share(), a.Share()), cmp.Compare(b.Incidents, a.Incidents), cmp.Compare(a.Key, b.Key))
	})
	return m
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
