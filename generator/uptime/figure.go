package uptime

import (
	"math"
	"math/bits"
	"slices"
	"strconv"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
)

// Figure is an uptime figure and what it was computed over.
type Figure struct {
	// Percent is 100 × (known time − Down) / known time.
	Percent float64
	// Window is the span asked for; the figure may cover less of it (see
	// From and KnownDays) when our knowledge starts later.
	Window time.Duration
	// From and To bound the known part of the window: From is the later of
	// To − Window and the start of our knowledge.
	From, To time.Time
	// Down is the time with a partial or major outage. Degraded and
	// Maintenance are the time whose worst state was degraded performance or
	// maintenance; they are reported beside the figure and do not lower it.
	// Each instant counts once, at its worst state, so the three never add
	// up to more than the known time.
	Down, Degraded, Maintenance time.Duration
	// Known is false when no known time falls in the window: the page then
	// says "not enough data" instead of a number.
	Known bool
}

// KnownDays is the known part of the window in days (3 when knowledge
// started three days ago, whatever the window).
func (f Figure) KnownDays() float64 {
	if !f.Known {
		return 0
	}
	return f.To.Sub(f.From).Hours() / 24
}

// Uptime returns the uptime of the provider (componentID "") or one
// component over the window ending now, counting only the time we know.
// A window of zero or less means Window.
func Uptime(h *history.History, componentID string, now time.Time, window time.Duration) Figure {
	if window <= 0 {
		window = Window
	}
	now = now.UTC()
	f := Figure{Window: window, To: now}
	known := KnownSince(h)
	if known.IsZero() {
		return f
	}
	f.From = maxTime(now.Add(-window), known)
	if !f.From.Before(now) {
		f.From = time.Time{}
		return f
	}
	f.Known = true
	f.Down, f.Degraded, f.Maintenance = split(Intervals(h, componentID, now), f.From, now)
	total := now.Sub(f.From)
	f.Percent = min(100, max(0, 100*float64(total-f.Down)/float64(total)))
	return f
}

// Compute is Uptime under its first name, kept for existing callers.
func Compute(h *history.History, componentID string, now time.Time, window time.Duration) Figure {
	return Uptime(h, componentID, now, window)
}

// String shows the figure rounded down to two decimals, so that any
// downtime at all never reads as 100%, or "not enough data".
func (f Figure) String() string {
	if !f.Known {
		return "not enough data"
	}
	hundredths := f.hundredths()
	return strconv.FormatFloat(float64(hundredths)/100, 'f', -1, 64) + "%"
}

// hundredths is the percentage in hundredths of a percent, rounded down,
// computed from the durations exactly (floating point would turn 99.95
// into 99.94 now and then), and below 10000 whenever there was downtime.
func (f Figure) hundredths() int64 {
	total := f.To.Sub(f.From)
	up := total - f.Down
	if total <= 0 || up < 0 {
		// Not built by Uptime: fall back on Percent.
		h := int64(math.Floor(f.Percent * 100))
		if f.Down > 0 {
			h = min(h, 9999)
		}
		return max(h, 0)
	}
	hi, lo := bits.Mul64(uint64(up), 10000)
	// Rounding down keeps any downtime below 100%: up < total.
	q, _ := bits.Div64(hi, lo, uint64(total))
	return int64(q)
}

// split sweeps the intervals clipped to [from, to] and returns how long
// the worst state was an outage (partial or major), degraded performance,
// or maintenance. Overlaps count once, at their worst state.
func split(ivs []Interval, from, to time.Time) (down, degraded, maintenance time.Duration) {
	type edge struct {
		at   time.Time
		rank int
		d    int
	}
	edges := make([]edge, 0, 2*len(ivs))
	for _, iv := range ivs {
		s, e := maxTime(iv.Start, from), minTime(iv.End, to)
		if s.Before(e) {
			edges = append(edges, edge{s, iv.Status.Rank(), +1}, edge{e, iv.Status.Rank(), -1})
		}
	}
	slices.SortFunc(edges, func(a, b edge) int { return a.at.Compare(b.at) })
	open := make([]int, adapters.MajorOutage.Rank()+1)
	for i, e := range edges {
		open[e.rank] += e.d
		if i+1 == len(edges) {
			break
		}
		length := edges[i+1].at.Sub(e.at)
		switch worstOpen(open) {
		case adapters.PartialOutage.Rank(), adapters.MajorOutage.Rank():
			down += length
		case adapters.Maintenance.Rank():
			maintenance += length
		case adapters.Degraded.Rank():
			degraded += length
		}
	}
	return down, degraded, maintenance
}

// worstOpen is the highest rank with an open interval, 0 for none.
func worstOpen(open []int) int {
	for r := len(open) - 1; r > 0; r-- {
		if open[r] > 0 {
			return r
		}
	}
	return 0
}

// Explain says how the figure is computed, for pages and the FAQ.
func Explain() string {
	return "Uptime is the share of the time we know about during which the service had no partial or major outage. " +
		"Outage time comes from the provider's own incidents, each from its start to its resolution at the level its impact states " +
		"(a major impact is a partial outage, a critical impact a major outage; for a single component, the state the provider gave that component), " +
		"and from status changes Uptimus observed itself; overlapping outages count once. " +
		"Degraded performance (minor impact) and maintenance windows are reported beside the figure but do not lower it, " +
		"and incidents with no stated impact are listed but not counted. " +
		"Only the time since our record begins counts: earlier days are unknown, never assumed up or down, " +
		"so a figure over fewer days than the window says how many days it covers. " +
		"An incident still open is counted up to now, except one the provider has not updated for a week: " +
		"it is treated as ended at its last update. " +
		"The figure is rounded down to two decimals, so any outage at all never shows as 100%."
}
