package uptime

import (
	"math"
	"math/big"
	"math/bits"
	"slices"
	"strconv"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
)

// How levels weigh on uptime follows the rule Atlassian Statuspage
// documents for the uptime it shows per component ("Display historical
// uptime of components", https://support.atlassian.com/statuspage/docs/display-historical-uptime-of-components/,
// formerly help.statuspage.io/help/uptime-calendar; Instatus states the
// same formula at https://instatus.com/help/status-page/uptime-colors): time in major outage counts fully as downtime, time in
// partial outage counts as 30% of that (a partial outage leaves most users
// served), and degraded performance and maintenance do not count against
// uptime. Most of the providers we list run Statuspage and show that very
// figure on their own page, so ours can be checked against theirs.
//
// downtime = major outage time + 0.3 × partial outage time
// uptime   = 100 × (known time − downtime) / known time
const (
	majorTenths   = 10
	partialTenths = 3
)

// MinKnown is the least known time that gives a figure: a percentage over a
// few hours says nothing about a service's availability (a provider first
// seen that morning read "0%" over "0.4 known" days), so below a day the
// page says how much we know instead.
const MinKnown = 24 * time.Hour

// Figure is an uptime figure and what it was computed over.
type Figure struct {
	// Percent is 100 × (known time − Down) / known time; 0 unless Known.
	Percent float64
	// Window is the span asked for; the figure may cover less of it (see
	// From and KnownFor) when our knowledge starts later.
	Window time.Duration
	// From and To bound the known part of the window: From is the later of
	// To − Window and the start of our knowledge; To is now, or a removed
	// component's removal. From is zero when nothing of the window is known.
	From, To time.Time
	// Major, Partial, Degraded and Maintenance are the time at each level,
	// each instant counted once at its worst level, so they never add up to
	// more than the known time. For an average (a provider or a group) they
	// are the mean over its components.
	Major, Partial, Degraded, Maintenance time.Duration
	// Down is the downtime the figure charges: Major + 30% of Partial,
	// rounded up to the nanosecond so that any outage at all keeps the
	// figure below 100%.
	Down time.Duration
	// Averaged is how many components the figure is the mean of; 0 for one
	// component, or for a provider counted as a whole.
	Averaged int
	// Known is true when at least MinKnown of the window is known: only
	// then is there a figure. KnownFor tells how much is known below that.
	Known bool
	// Unseen is the time between From and To when we could not see the
	// provider (history.State.Unseen): unknown, so not in the figure.
	Unseen time.Duration
	// Dark is the other time between From and To when nothing is known:
	// every component the figure is about was named by an incident the
	// vendor never closed, after its last word (model.UnclosedSince).
	Dark time.Duration
}

// KnownFor is the known part of the window, also when it is too short for
// a figure ("9 hours known").
func (f Figure) KnownFor() time.Duration {
	if f.From.IsZero() || !f.From.Before(f.To) {
		return 0
	}
	return f.To.Sub(f.From) - f.Unseen - f.Dark
}

// KnownDays is the known part of the window in days (3 when knowledge
// started three days ago, whatever the window); 0 without a figure.
func (f Figure) KnownDays() float64 {
	if !f.Known {
		return 0
	}
	return f.KnownFor().Hours() / 24
}

// Pending is what a page says instead of a figure: "not enough data yet:
// 9 hours known"; empty when there is a figure.
func (f Figure) Pending() string {
	if f.Known {
		return ""
	}
	k := f.KnownFor()
	switch {
	case k <= 0:
		return "not enough data yet"
	case k < time.Minute:
		return "not enough data yet: less than a minute known"
	case k < time.Hour:
		return "not enough data yet: " + count(int(k/time.Minute), "minute") + " known"
	}
	return "not enough data yet: " + count(int(k/time.Hour), "hour") + " known"
}

func count(n int, unit string) string {
	s := strconv.Itoa(n) + " " + unit
	if n != 1 {
		s += "s"
	}
	return s
}

// Uptime returns the uptime of the provider (componentID "") or one
// component over the window ending now, counting only the time we know.
// A window of zero or less means Window.
//
// A component's figure is its own timeline (see the package comment). A
// group's is the mean of its components' figures. The provider's is the
// mean of its components' figures, groups and components the vendor does
// not showcase left out: Statuspage, whose rule the weights follow, shows
// a figure per component and none for the page, and a mean keeps an
// incident that hit one product out of fifty from reading as the whole
// provider down. An incident that names no component counts against the
// provider's figure only, as the least it says: at least one component was
// at the level its impact implies, so at each instant the worst-off
// component is counted at least at that level (one component's share of
// the mean, nothing more when some component already was that bad; for a
// provider with one component, simply the worse of the two). Counting it
// against every component would repeat the error of counting a
// one-product incident as the whole provider down. At each instant the
// mean is over the components listed then, so a component that vanished
// upstream weighs until its removal. The vendor's overall status is not
// used: it is derived from the components and incidents already counted.
// A provider without components (or at a time when none is listed) is
// counted as a whole: each incident at the level its impact implies, and
// the overall status we observed.
func Uptime(h *history.History, componentID string, now time.Time, window time.Duration) Figure {
	return NewBook(h, now).Uptime(componentID, window)
}

// Uptime is the package's Uptime up to the Book's clock.
func (b *Book) Uptime(componentID string, window time.Duration) Figure {
	if window <= 0 {
		window = Window
	}
	h, now := b.h, b.now
	f := Figure{Window: window, To: now}
	known := KnownSince(h)
	if known.IsZero() {
		return f
	}
	s := b.subject(componentID)
	if s.whole == nil {
		// A removed component (or a group of removed ones) is known until
		// its removal only.
		to := time.Time{}
		for _, m := range s.members {
			if m.end.IsZero() || !m.end.Before(now) {
				to = now
				break
			}
			to = maxTime(to, m.end)
		}
		f.To = to
	}
	from := maxTime(now.Add(-window), known)
	if !from.Before(f.To) {
		return f
	}
	f.From = from
	unseen := unseenWithin(h, f.From, f.To)
	for _, u := range unseen {
		f.Unseen += u.End.Sub(u.Start)
	}
	var t tally
	ps, dark := pieces(s, f.From, f.To, unseen)
	for _, p := range ps {
		t.add(p)
	}
	f.Dark = dark
	if s.averaged {
		f.Averaged = len(t.seen)
	}
	f.Major, f.Partial = nearest(&t.major), nearest(&t.partial)
	f.Degraded, f.Maintenance = nearest(&t.degraded), nearest(&t.maint)
	down := t.down()
	f.Down = ceil(down)
	total := f.KnownFor()
	f.Known = total >= MinKnown
	if f.Known {
		// 100 × (total − down) / total, exact until the one rounding to float64.
		p := new(big.Rat).Sub(big.NewRat(int64(total), 1), down)
		p.Mul(p, big.NewRat(100, int64(total)))
		v, _ := p.Float64()
		f.Percent = min(100, max(0, v))
	}
	return f
}

// pieces cuts [from, to) at every removal of a member and every time one
// went dark, so that each piece averages over a fixed set, and at the ends
// of the unseen stretches, which it leaves out; it sums each piece's
// member-time at each level. dark is the time left out because every
// listed member was dark.
func pieces(s subject, from, to time.Time, unseen []Interval) (out []piece, dark time.Duration) {
	cuts := []time.Time{from, to}
	for _, m := range s.members {
		for _, t := range []time.Time{m.end, m.dark} {
			if t.After(from) && t.Before(to) {
				cuts = append(cuts, t)
			}
		}
	}
	for _, u := range unseen {
		cuts = append(cuts, u.Start, u.End)
	}
	slices.SortFunc(cuts, time.Time.Compare)
	cuts = slices.Compact(cuts)
	for i := 0; i+1 < len(cuts); i++ {
		a, c := cuts[i], cuts[i+1]
		if within(unseen, a) {
			continue
		}
		var listed [][]Interval
		var ids []int
		darkened := false
		for j, m := range s.members {
			switch {
			case !m.end.IsZero() && !m.end.After(a):
			case !m.dark.IsZero() && !m.dark.After(a):
				darkened = true
			default:
				listed = append(listed, m.intervals)
				ids = append(ids, j)
			}
		}
		switch {
		case len(listed) == 0 && darkened:
			dark += c.Sub(a)
		case len(listed) > 0:
			out = append(out, piece{ids: ids, times: sweep(listed, s.wide, a, c)})
		case s.whole != nil:
			// No component listed: the provider as a whole, whose timeline
			// already holds every incident.
			out = append(out, piece{times: sweep([][]Interval{s.whole.intervals}, nil, a, c), whole: true})
		}
	}
	return out, dark
}

// unseenWithin are the stretches of [from, to) when we could not see the
// provider, an open one lasting until to.
func unseenWithin(h *history.History, from, to time.Time) []Interval {
	var out []Interval
	for _, sp := range h.State.Unseen {
		end := sp.To
		if sp.Open() {
			end = to
		}
		a, c := maxTime(sp.From, from), minTime(end, to)
		if a.Before(c) {
			out = append(out, Interval{Start: a, End: c})
		}
	}
	return out
}

// within reports whether t falls inside one of the stretches.
func within(stretches []Interval, t time.Time) bool {
	for _, u := range stretches {
		if !t.Before(u.Start) && t.Before(u.End) {
			return true
		}
	}
	return false
}

// piece is a stretch of the known window over which the same members are
// listed, with their time at each level summed over them.
type piece struct {
	// ids are the members listed; whole is set when none is and the
	// provider is counted as a whole.
	ids   []int
	whole bool
	times levelTimes
}

// n is how many timelines the piece averages.
func (p piece) n() int { return max(len(p.ids), 1) }

// levelTimes is member-time at each level: the sum over members of the
// time each spent there. It can exceed int64 nanoseconds for a provider
// with hundreds of components, hence big integers.
type levelTimes struct{ major, partial, degraded, maint big.Int }

// sweep walks the members' intervals clipped to [from, to) and sums, over
// members, the time each spent at each level, every instant of a member
// counted once at its worst level. wide (incidents naming no component)
// say that at least one member was at their level: at each instant the
// worst-off member is counted at least at the worst open wide level. That
// is the least the vendor said, so it never counts one outage twice, and
// for a single component it is simply the worse of the two.
func sweep(members [][]Interval, wide []Interval, from, to time.Time) levelTimes {
	type edge struct {
		at     time.Time
		member int // -1 for wide
		rank   int
		d      int
	}
	var edges []edge
	add := func(m int, ivs []Interval) {
		for _, iv := range ivs {
			s, e := maxTime(iv.Start, from), minTime(iv.End, to)
			if r := iv.Status.Rank(); s.Before(e) && r > adapters.Operational.Rank() {
				edges = append(edges, edge{s, m, r, +1}, edge{e, m, r, -1})
			}
		}
	}
	for m, ivs := range members {
		add(m, ivs)
	}
	add(-1, wide)
	slices.SortFunc(edges, func(a, b edge) int { return a.at.Compare(b.at) })
	const ranks = 6 // adapters.MajorOutage.Rank() + 1
	open := make([][ranks]int, len(members))
	var wideOpen [ranks]int
	// byRank counts the members whose worst open level has each rank
	// (0: none open, operational).
	var byRank [ranks]int
	byRank[0] = len(members)
	worst := make([]int, len(members))
	var out levelTimes
	for i, e := range edges {
		if e.member < 0 {
			wideOpen[e.rank] += e.d
		} else {
			open[e.member][e.rank] += e.d
			byRank[worst[e.member]]--
			worst[e.member] = worstOpen(open[e.member][:])
			byRank[worst[e.member]]++
		}
		if i+1 == len(edges) {
			break
		}
		length := edges[i+1].at.Sub(e.at)
		if length <= 0 {
			continue
		}
		counts := byRank
		top := worstOpen(counts[:])
		if w := worstOpen(wideOpen[:]); w > top && len(members) > 0 {
			counts[top]--
			counts[w]++
		}
		acc := func(z *big.Int, n int) {
			if n > 0 {
				z.Add(z, new(big.Int).Mul(big.NewInt(int64(length)), big.NewInt(int64(n))))
			}
		}
		acc(&out.major, counts[adapters.MajorOutage.Rank()])
		acc(&out.partial, counts[adapters.PartialOutage.Rank()])
		acc(&out.maint, counts[adapters.Maintenance.Rank()])
		acc(&out.degraded, counts[adapters.Degraded.Rank()])
	}
	return out
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

// tally sums member-time at each level over pieces, each piece's sum
// divided by the number of timelines it averages. It is exact (rationals):
// floating point would turn an exact 99.95 into 99.94 now and then.
type tally struct {
	major, partial, degraded, maint big.Rat
	seen                            map[int]bool
}

func (t *tally) add(p piece) {
	n := big.NewInt(int64(p.n()))
	mean := func(z *big.Rat, sum *big.Int) { z.Add(z, new(big.Rat).SetFrac(sum, n)) }
	mean(&t.major, &p.times.major)
	mean(&t.partial, &p.times.partial)
	mean(&t.degraded, &p.times.degraded)
	mean(&t.maint, &p.times.maint)
	for _, id := range p.ids {
		if t.seen == nil {
			t.seen = map[int]bool{}
		}
		t.seen[id] = true
	}
}

// down is the downtime charged: major + 3/10 partial.
func (t *tally) down() *big.Rat {
	d := new(big.Rat).Mul(&t.partial, big.NewRat(partialTenths, majorTenths))
	return d.Add(d, &t.major)
}

// nearest rounds r (never negative) to the nearest nanosecond.
func nearest(r *big.Rat) time.Duration {
	q, m := new(big.Int).QuoRem(r.Num(), r.Denom(), new(big.Int))
	if m.Lsh(m, 1).Cmp(r.Denom()) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	return time.Duration(q.Int64())
}

// ceil rounds r (never negative) up to a whole nanosecond.
func ceil(r *big.Rat) time.Duration {
	q, m := new(big.Int).QuoRem(r.Num(), r.Denom(), new(big.Int))
	if m.Sign() > 0 {
		q.Add(q, big.NewInt(1))
	}
	return time.Duration(q.Int64())
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
// computed from the durations exactly, and below 10000 whenever there was
// downtime.
func (f Figure) hundredths() int64 {
	total := f.KnownFor()
	up := total - f.Down
	if f.From.IsZero() || total <= 0 || up < 0 {
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

// Explain says how the figure is computed, in plain words for pages and
// the FAQ.
func Explain() string {
	return "Uptime follows the rule Atlassian Statuspage uses for the uptime it shows per component: " +
		"time in major outage counts fully as downtime, time in partial outage counts as 30% of that, " +
		"and degraded performance and maintenance do not lower the figure. " +
		"A component's state over time comes from the states the provider gave it in each incident update, from the moment of that update; " +
		"from the incident's impact when an incident names the component without giving its state " +
		"(a critical impact is a major outage, a major impact a partial outage, a minor impact degraded performance); " +
		"and from the status changes Uptimus observed itself. At any moment the worst of these counts, once. " +
		"An incident counts only against the components it names. " +
		"The provider's figure is the average of its components' figures, leaving out groups and the components the provider does not show uptime for. " +
		"An incident that names no component counts against the provider's figure only, as one component at the level of its impact, " +
		"unless a component was already that bad at the time. " +
		"A provider that lists no components is counted as a whole, each incident at the level of its impact. " +
		"Only the time since our record begins counts: earlier days are unknown, never assumed up or down, " +
		"and so is any stretch when we could not read the official page for over three hours. " +
		"No figure is shown until a full day is known. " +
		"The figures cover whole UTC days up to the start of today, so an incident still open counts up to then, except one the provider has not updated for a week: " +
		"it is treated as ended at its last update, and the components it names are unknown from then on, neither up nor down, " +
		"until the provider changes their state again. " +
		"The figure is rounded down to two decimals, so any outage at all never shows as 100%."
}
