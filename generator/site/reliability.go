package site

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/uptimus/uptimus/generator/paths"
	"github.com/uptimus/uptimus/generator/reliability"
	"github.com/uptimus/uptimus/generator/uptime"
)

// reliabilityView is the provider page's reliability section: the figures
// of generator/reliability in words, a chart of incidents per month and
// the same numbers as a table.
type reliabilityView struct {
	Chart  template.HTML
	Months []monthRow
	// AsOf is where the figures end: the start of the build's UTC day.
	AsOf time.Time
	// Reports is the index of the monthly outage reports.
	Reports string
	// KnownSince is where our knowledge starts (zero: nothing known).
	KnownSince time.Time
	Resolve    reliability.Resolve
	Median     string
	P90        string
	Longest    *reliability.Incident
	LongestFor string
	LongestURL string
	LastMajor  reliability.LastMajor
	LastURL    string
	Disruption []disruptionRow
	// Components are the components with an incident or disruption in
	// the last componentWindow, the most disrupted first, at most
	// componentsShown; Quiet counts the others, More those left out.
	Components      []componentFigure
	ComponentsDays  string
	ComponentsKnown string
	Quiet           int
	More            int
}

// componentWindow is the span of the components' table: the category
// ranking's, long enough to say something, short enough to be current.
const componentWindow = reliability.RankWindow

// componentsShown is how many components the table lists: a provider
// with hundreds (AWS, Azure) has dozens disrupted in 90 days, and every
// one's figures are in the provider's JSON.
const componentsShown = 10

// componentFigure is one component's row of the table.
type componentFigure struct {
	Name      string
	Incidents int
	Disrupted string
	d         time.Duration
}

// monthRow is one month of the chart's table.
type monthRow struct {
	Label                        string
	Known                        string
	None, Minor, Major, Critical int
	Total                        int
	Unknown                      bool
}

// disruptionRow is the disrupted time over one window.
type disruptionRow struct {
	Window string
	Hours  string
	Known  string
}

// addReliability computes the provider's reliability figures and keeps
// its record for the monthly reports. Like the API's, the figures run to
// the start of the current UTC day (day's clock), so that the page changes
// with the clock at most once a day rather than on every build.
func (v *providerView) addReliability(day *uptime.Book, u paths.Links) {
	incidentURL := func(id string) string {
		p, _ := paths.IncidentPage(v.Slug, id)
		return u.Path(p)
	}
	r := reliability.RecordOf(day, "")
	v.record = &r
	s := r.Stats()
	rv := &reliabilityView{AsOf: r.Now, Reports: u.Path(paths.ReportsIndex()), KnownSince: s.LastMajor.Span.From, Resolve: s.Resolve, LastMajor: s.LastMajor,
		Median: formatDuration(s.Resolve.Median), P90: formatDuration(s.Resolve.P90)}
	for _, m := range s.Months {
		rv.Months = append(rv.Months, monthRow{Label: m.Start.Format("Jan 2006"), Known: daysText(m.Span.Days()),
			None: m.None, Minor: m.Minor, Major: m.Major, Critical: m.Critical, Total: m.Total(), Unknown: m.Span.Known == 0})
	}
	if s.Longest != nil {
		rv.Longest, rv.LongestFor, rv.LongestURL = s.Longest, formatDuration(s.Longest.Duration()), incidentURL(s.Longest.ID)
	}
	if s.LastMajor.Incident != nil {
		rv.LastURL = incidentURL(s.LastMajor.Incident.ID)
	}
	for _, d := range s.Disruption {
		rv.Disruption = append(rv.Disruption, disruptionRow{Window: daysText(d.Window.Hours() / 24), Hours: formatDuration(d.Disrupted), Known: daysText(d.Span.Days())})
	}
	rv.Chart = monthChart(rv.Months)
	rv.addComponents(day, v.Blocks, r)
	v.Reliability = rv
}

// addComponents lists the components that had an incident or disruption
// over the last componentWindow, the most disrupted first.
func (rv *reliabilityView) addComponents(day *uptime.Book, blocks []componentBlock, provider reliability.Record) {
	from := provider.Now.Add(-componentWindow)
	rv.ComponentsDays, rv.ComponentsKnown = daysText(componentWindow.Hours()/24), daysText(provider.Span(from, provider.Now).Days())
	var all []componentFigure
	add := func(c *componentRow) {
		r := reliability.RecordOf(day, c.ID)
		f := componentFigure{Name: c.Name, Incidents: len(r.Within(from, r.Now)), d: r.DisruptedWithin(from, r.Now)}
		if f.Incidents == 0 && f.d == 0 {
			rv.Quiet++
			return
		}
		f.Disrupted = formatDuration(f.d)
		all = append(all, f)
	}
	for i := range blocks {
		if blocks[i].Group != nil {
			add(blocks[i].Group)
		}
		for j := range blocks[i].Rows {
			add(&blocks[i].Rows[j])
		}
	}
	slices.SortStableFunc(all, func(a, b componentFigure) int {
		return cmp.Or(cmp.Compare(b.d, a.d), cmp.Compare(b.Incidents, a.Incidents))
	})
	rv.More = max(len(all)-componentsShown, 0)
	rv.Components = all[:len(all)-rv.More]
}

// asOfDay is the start of t's UTC day.
func asOfDay(t time.Time) time.Time { return t.UTC().Truncate(24 * time.Hour) }

// reliabilityFAQ answers "how reliable has it been?" with the section's
// figures, for the page's questions and their FAQPage JSON-LD; nothing
// while nothing is known.
func (v *providerView) reliabilityFAQ() []qa {
	r := v.Reliability
	if r == nil || r.KnownSince.IsZero() {
		return nil
	}
	var n, major int
	for _, m := range r.Months {
		n += m.Total
		major += m.Major + m.Critical
	}
	a := fmt.Sprintf("In the last %d months Uptimus recorded %s for %s, %d of them major or critical.", len(r.Months), plural(n, "incident", "incidents"), v.Name, major)
	if r.Resolve.Count > 0 {
		a += fmt.Sprintf(" Half of the incidents of the last 365 days were resolved within %s, 90%% within %s.", r.Median, r.P90)
	}
	if len(r.Disruption) > 1 {
		d := r.Disruption[1]
		a += fmt.Sprintf(" Something was disrupted for %s in the last %s days (%s of them known).", d.Hours, d.Window, d.Known)
	}
	if i := r.LastMajor.Incident; i != nil && !i.Open {
		ago := plural(r.LastMajor.Days, "day", "days") + " ago"
		if r.LastMajor.Days == 0 {
			ago = "today"
		}
		a += fmt.Sprintf(" The last major incident, %s, ended %s.", i.Title, ago)
	}
	return []qa{{Q: "How reliable has " + v.Name + " been?", A: a}}
}

// impactBars are the chart's layers, worst at the bottom, each drawn with
// its own pattern so that the chart reads without colour.
var impactBars = []struct {
	name    string
	pattern string
	count   func(m monthRow) int
}{
	{"critical", "url(#rc)", func(m monthRow) int { return m.Critical }},
	{"major", "url(#rj)", func(m monthRow) int { return m.Major }},
	{"minor", "url(#rm)", func(m monthRow) int { return m.Minor }},
	{"none", "none", func(m monthRow) int { return m.None }},
}

// monthChart draws incidents per month, stacked by impact, as a static
// SVG: each bar has its total written above it and each month its name
// below; months we know nothing of read "?". The table beside it is its
// text equivalent, so the image itself is hidden from screen readers'
// detail and only titled. Each impact is one path, its bars and its legend
// swatch as subpaths: a rect element a bar was three times the bytes, on
// every provider page.
func monthChart(months []monthRow) template.HTML {
	const w, h, top, base, barW, step, left = 600, 210, 20, 150, 30, 48, 20
	most := 1
	for _, m := range months {
		most = max(most, m.Total)
	}
	var labels strings.Builder
	layers := make([]strings.Builder, len(impactBars))
	for i, m := range months {
		x := left + i*step
		y := base
		for j, l := range impactBars {
			n := l.count(m)
			if n == 0 {
				continue
			}
			hh := max(n*(base-top)/most, 2)
			y -= hh
			fmt.Fprintf(&layers[j], `M%d %dh%dv%dh-%dz`, x, y, barW, hh, barW)
		}
		label := strconv.Itoa(m.Total)
		if m.Unknown {
			label = "?"
		}
		fmt.Fprintf(&labels, `<text x="%d" y="%d">%s</text><text x="%d" y="%d">%s</text>`, x+barW/2, y-4, label, x+barW/2, base+14, template.HTMLEscapeString(m.Label[:3]))
		if i == 0 || strings.HasPrefix(m.Label, "Jan") {
			fmt.Fprintf(&labels, `<text x="%d" y="%d">%s</text>`, x+barW/2, base+30, m.Label[4:])
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="rchart" viewBox="0 0 %d %d" role="img" aria-labelledby="rchart-t"><title id="rchart-t">Incidents per month by impact; the table below gives the numbers</title>`, w, h)
	b.WriteString(`<defs>` +
		`<pattern id="rc" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="currentColor"/></pattern>` +
		`<pattern id="rj" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="3" height="6" fill="currentColor"/></pattern>` +
		`<pattern id="rm" width="6" height="6" patternUnits="userSpaceOnUse"><circle cx="3" cy="3" r="1.2" fill="currentColor"/></pattern>` +
		`</defs><g stroke="currentColor">`)
	// Each layer with its legend swatch; its word is with the labels.
	for i, l := range impactBars {
		fmt.Fprintf(&b, `<path fill="%s" d="%sM%d %dh14v10h-14z"/>`, l.pattern, layers[i].String(), left+i*120, h-14)
	}
	fmt.Fprintf(&b, `<path d="M%d %dH%d"/>`, left-4, base, left+(len(months)-1)*step+barW+4)
	b.WriteString(`</g><g fill="currentColor" font-size="14" text-anchor="middle">`)
	b.WriteString(labels.String())
	b.WriteString(`</g><g fill="currentColor" font-size="14">`)
	for i, l := range impactBars {
		fmt.Fprintf(&b, `<text x="%d" y="%d">%s</text>`, left+i*120+18, h-5, l.name)
	}
	b.WriteString(`</g></svg>`)
	return template.HTML(b.String())
}
