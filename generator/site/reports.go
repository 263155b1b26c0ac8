package site

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/feeds"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/paths"
	"github.com/uptimus/uptimus/generator/reliability"
)

// standingsShown is how many providers a report names as most and as
// least disrupted.
const standingsShown = 10

// reportShown is how many incidents a report ranks in its table, the
// worst: at catalogue scale a month has thousands, more than anyone reads
// in a table. The rest are listed after it by service, each still linked
// to its page, in a line of a few dozen bytes (docs/performance.md).
const reportShown = 100

// reportView is the body of a monthly outage report.
type reportView struct {
	Heading  string
	Month    string
	Category string
	// Incidents are the month's worst incidents, ranked, of Total; Rest
	// are the others, by service. Providers counts the providers they are
	// from, of Known providers known in the month.
	Incidents []reportIncident
	Rest      []reportRest
	Total     int
	More      int
	Providers int
	Known     int
	Most      []reportStanding
	Least     []reportStanding
	// Ranked counts the providers in the standings; Unranked those known
	// for less than reliability.MinReportKnown of the month.
	Ranked   int
	Unranked int
	MinKnown string
	Prev     *categoryLink
	Next     *categoryLink
	// Overall links the month's report of every provider from a
	// category's; Categories the month's category reports.
	Overall    *categoryLink
	Categories []categoryLink
	Index      string
	Feeds      []alternate
}

type reportIncident struct {
	Provider   string
	Title, URL string
	Impact     adapters.Impact
	// Began is the start, in UTC without the year the report names (the
	// day only beyond the ranked ones, which show no length).
	Began    string
	Duration string
	Open     bool
	start    time.Time
}

// reportRest is a service's incidents of the month beyond the ranked
// ones, by start.
type reportRest struct {
	Provider  string
	Incidents []reportIncident
}

type reportStanding struct {
	Name, URL string
	Hours     string
	Share     string
	Known     string
	Incidents int
}

// reportsIndexView is the body of /reports/.
type reportsIndexView struct {
	Months []reportMonth
	Feeds  []alternate
}

type reportMonth struct {
	categoryLink
	Categories []categoryLink
}

// renderReports writes the monthly outage reports of every complete month
// with an incident, overall and per category, their index and feeds.
// Reports end where the provider pages' figures do, at the start of the
// UTC day, and a past month's report depends on that month's incidents
// only, so it keeps its bytes as the clock moves.
func (b *builder) renderReports(views []*providerView) error {
	byKey := map[string]*providerView{}
	var all []reliability.Entry
	byCat := map[string][]reliability.Entry{}
	for _, v := range views {
		if v.record == nil {
			continue
		}
		byKey[v.Slug] = v
		e := reliability.Entry{Key: v.Slug, Record: v.record}
		all = append(all, e)
		byCat[v.CategorySlug] = append(byCat[v.CategorySlug], e)
	}
	asOf := asOfDay(b.opt.Now)
	months := reliability.ReportMonths(all, asOf)
	var index reportsIndexView
	index.Feeds = b.reportFeeds()
	var items []*feeds.Item
	for i, m := range months {
		rep := reliability.MonthReport(m, all)
		rm := reportMonth{categoryLink: categoryLink{Name: monthName(m), URL: b.u.Path(paths.ReportPage(m, "")), Count: len(rep.Incidents)}}
		byCatMonth := map[string]reliability.Report{}
		for _, c := range b.opt.Catalog.Categories {
			if cr := reliability.MonthReport(m, byCat[c.Slug]); len(cr.Incidents) > 0 {
				byCatMonth[c.Slug] = cr
				rm.Categories = append(rm.Categories, categoryLink{Name: c.Name, URL: b.u.Path(paths.ReportPage(m, c.Slug)), Count: len(cr.Incidents)})
			}
		}
		rv := b.reportView(rep, byKey, "", rm.Categories, reportShown)
		if i > 0 {
			rv.Next = &categoryLink{Name: monthName(months[i-1]), URL: b.u.Path(paths.ReportPage(months[i-1], ""))}
		}
		if i+1 < len(months) {
			rv.Prev = &categoryLink{Name: monthName(months[i+1]), URL: b.u.Path(paths.ReportPage(months[i+1], ""))}
		}
		lastMod, err := b.renderReport(rv, rep, paths.ReportPage(m, ""), "Outages in "+monthName(m))
		if err != nil {
			return err
		}
		items = append(items, b.reportItem(rv, paths.ReportPage(m, ""), m, lastMod))
		for _, c := range b.opt.Catalog.Categories {
			cr, ok := byCatMonth[c.Slug]
			if !ok {
				continue
			}
			cv := b.reportView(cr, byKey, c.Name, rm.Categories, reportShown)
			cv.Overall = &rm.categoryLink
			if _, err := b.renderReport(cv, cr, paths.ReportPage(m, c.Slug), c.Name+" outages in "+monthName(m)); err != nil {
				return err
			}
		}
		index.Months = append(index.Months, rm)
	}
	if err := b.renderReportsIndex(index, months); err != nil {
		return err
	}
	return b.writeReportFeeds(items, months)
}

// monthName is "July 2026".
func monthName(m time.Time) string { return m.UTC().Format("January 2006") }

func (b *builder) reportView(rep reliability.Report, byKey map[string]*providerView, category string, cats []categoryLink, shown int) reportView {
	rv := reportView{Total: len(rep.Incidents), More: max(len(rep.Incidents)-shown, 0), Month: monthName(rep.Start), Category: category, Ranked: len(rep.Standings), Unranked: rep.Unranked,
		Known: len(rep.Standings) + rep.Unranked, Categories: cats, Index: b.u.Path(paths.ReportsIndex()), Feeds: b.reportFeeds(),
		MinKnown: strconv.Itoa(int(reliability.MinReportKnown * 100))}
	rv.Heading = "Outages in " + rv.Month
	if category != "" {
		rv.Heading = category + " outages in " + rv.Month
	}
	from := map[string]bool{}
	rest := map[string]*reportRest{}
	var restOrder []string
	for i, r := range rep.Incidents {
		from[r.Key] = true
		v := byKey[r.Key]
		p, _ := paths.IncidentPage(r.Key, r.ID)
		ri := reportIncident{Provider: v.Name, Title: r.Title, URL: b.u.Path(p), Impact: r.Impact, Open: r.Open}
		if i < shown {
			ri.Began, ri.Duration = r.Start.UTC().Format("Jan 2, 15:04"), formatDuration(r.Duration())
			rv.Incidents = append(rv.Incidents, ri)
			continue
		}
		ri.Began, ri.start = r.Start.UTC().Format("Jan 2"), r.Start
		if rest[r.Key] == nil {
			rest[r.Key] = &reportRest{Provider: v.Name}
			restOrder = append(restOrder, r.Key)
		}
		rest[r.Key].Incidents = append(rest[r.Key].Incidents, ri)
	}
	rv.Rest = restOfMonth(rest, restOrder)
	rv.Providers = len(from)
	standing := func(s reliability.Standing) reportStanding {
		v := byKey[s.Key]
		return reportStanding{Name: v.Name, URL: v.URL, Hours: formatDuration(s.Disrupted), Share: shareText(s.Share()),
			Known: daysText(s.Span.Days()), Incidents: s.Incidents}
	}
	for _, s := range rep.Standings {
		if len(rv.Most) == standingsShown || s.Disrupted == 0 {
			break
		}
		rv.Most = append(rv.Most, standing(s))
	}
	for i := len(rep.Standings) - 1; i >= len(rv.Most) && len(rv.Least) < standingsShown; i-- {
		rv.Least = append(rv.Least, standing(rep.Standings[i]))
	}
	return rv
}

// restOfMonth orders the incidents beyond the ranked ones by service
// name, then by start, then by title: a reader looks for a service.
func restOfMonth(rest map[string]*reportRest, keys []string) []reportRest {
	out := make([]reportRest, 0, len(keys))
	for _, k := range keys {
		r := rest[k]
		slices.SortStableFunc(r.Incidents, func(a, b reportIncident) int {
			return cmp.Or(a.start.Compare(b.start), cmp.Compare(a.Title, b.Title))
		})
		out = append(out, *r)
	}
	slices.SortStableFunc(out, func(a, b reportRest) int { return cmp.Compare(a.Provider, b.Provider) })
	return out
}

// shareText is a share as a percentage with two decimals: "5.57%".
func shareText(f float64) string { return strconv.FormatFloat(f*100, 'f', 2, 64) + "%" }

// renderReport writes one report and lists it in the sitemap, dated by
// the latest activity of its incidents; it returns that date.
func (b *builder) renderReport(rv reportView, rep reliability.Report, rel, title string) (time.Time, error) {
	lastMod := rep.Start
	for _, r := range rep.Incidents {
		lastMod = model.Latest(lastMod, r.End)
	}
	desc := fmt.Sprintf("%s: %s at %s of %s we follow, ranked by impact and duration, with the most and least disrupted.",
		rv.Heading, plural(rv.Total, "incident", "incidents"), plural(rv.Providers, "service", "services"), plural(rv.Known, "service", "services"))
	crumbs := []crumb{{Name: "Home", URL: b.site.Home}, {Name: "Outage reports", URL: rv.Index}}
	if rv.Overall != nil {
		crumbs = append(crumbs, crumb{Name: rv.Overall.Name, URL: rv.Overall.URL})
	}
	err := b.execute("report", strings.TrimPrefix(rel, "/")+"index.html", page{
		Site:        b.site,
		Title:       fmt.Sprintf("%s: %s | %s", rv.Heading, plural(rv.Total, "incident", "incidents"), SiteName),
		Description: desc,
		Canonical:   b.u.Abs(rel),
		Crumbs:      crumbs,
		Alternates:  rv.Feeds,
		Here:        rv.Heading,
		Scripts:     []string{b.site.Time},
		Body:        rv,
	})
	if err != nil {
		return time.Time{}, err
	}
	b.addSitemap(rel, lastMod)
	return lastMod, nil
}

func (b *builder) renderReportsIndex(index reportsIndexView, months []time.Time) error {
	rel := paths.ReportsIndex()
	var lastMod time.Time
	if len(months) > 0 {
		lastMod = months[0].AddDate(0, 1, 0)
	}
	err := b.execute("reports", strings.TrimPrefix(rel, "/")+"index.html", page{
		// Without a report yet the index is thin content: kept out of
		// search engines and the sitemap until a month is over.
		NoIndex:     len(months) == 0,
		Site:        b.site,
		Title:       "Monthly outage reports: incidents of every service, month by month | " + SiteName,
		Description: "Every month's outages across the services " + SiteName + " follows, overall and by category, ranked by impact and duration.",
		Canonical:   b.u.Abs(rel),
		Crumbs:      []crumb{{Name: "Home", URL: b.site.Home}},
		Alternates:  index.Feeds,
		Here:        "Outage reports",
		Body:        index,
	})
	if err != nil || len(months) == 0 {
		return err
	}
	b.addSitemap(rel, lastMod)
	return nil
}

// reportFeeds are the RSS and Atom feeds of the monthly reports.
func (b *builder) reportFeeds() []alternate {
	var out []alternate
	for _, f := range []paths.Format{paths.RSS, paths.Atom} {
		label := map[paths.Format]string{paths.RSS: "RSS", paths.Atom: "Atom"}[f]
		out = append(out, alternate{Type: f.MediaType(), Title: "Monthly outage reports (" + label + ")", URL: b.u.Path(paths.ReportsFeed(f)), Label: label})
	}
	return out
}

// reportItem is a report's entry in the feeds: dated by the end of its
// month (when it is published) and updated at its latest activity.
func (b *builder) reportItem(rv reportView, rel string, m, lastMod time.Time) *feeds.Item {
	published := m.AddDate(0, 1, 0)
	return &feeds.Item{
		Title:       rv.Heading,
		Link:        &feeds.Link{Href: b.u.Abs(rel)},
		Id:          b.u.Abs(rel),
		Description: fmt.Sprintf("%s at %s of %s we follow.", plural(rv.Total, "incident", "incidents"), plural(rv.Providers, "service", "services"), plural(rv.Known, "service", "services")),
		Created:     published,
		Updated:     model.Latest(published, lastMod),
	}
}

// writeReportFeeds writes the reports' RSS and Atom feeds, newest first.
func (b *builder) writeReportFeeds(items []*feeds.Item, months []time.Time) error {
	f := &feeds.Feed{
		Title:       SiteName + ": monthly outage reports",
		Link:        &feeds.Link{Href: b.u.Abs(paths.ReportsIndex())},
		Description: "Every month's outages across the services " + SiteName + " follows.",
		Id:          b.u.Abs(paths.ReportsIndex()),
		Author:      &feeds.Author{Name: SiteName},
		Items:       items,
	}
	for _, it := range items {
		f.Updated = model.Latest(f.Updated, it.Updated)
	}
	if len(months) == 0 {
		// Nothing to report yet: the feed is dated by nothing that moves.
		f.Updated = time.Unix(0, 0).UTC()
	}
	rss, err := f.ToRss()
	if err != nil {
		return fmt.Errorf("site: reports feed: %w", err)
	}
	atom, err := f.ToAtom()
	if err != nil {
		return fmt.Errorf("site: reports feed: %w", err)
	}
	rss = withSelf(rss, "<channel>", `<atom:link xmlns:atom="http://www.w3.org/2005/Atom" href="%s" rel="%s"%s></atom:link>`, b.opt.Hub, b.u.Abs(paths.ReportsFeed(paths.RSS)), paths.RSS.MediaType())
	atom = withSelf(strings.Replace(atom, "<feed ", `<feed xml:lang="en" `, 1), "<feed", `<link href="%s" rel="%s"%s></link>`, b.opt.Hub, b.u.Abs(paths.ReportsFeed(paths.Atom)), paths.Atom.MediaType())
	if err := b.pub.Write(strings.TrimPrefix(paths.ReportsFeed(paths.RSS), "/"), []byte(rss)); err != nil {
		return err
	}
	return b.pub.Write(strings.TrimPrefix(paths.ReportsFeed(paths.Atom), "/"), []byte(atom))
}

// withSelf names the feed's own URL in doc (as feed validators ask, and
// WebSub 4 with the hub), and the WebSub hub the build was given, right
// after the opening tag that starts with open: every feed of the site
// names the hub the build was given, and none when it was given none.
func withSelf(doc, open, link, hub, self, mediaType string) string {
	i := strings.Index(doc, open)
	if i < 0 {
		return doc
	}
	i += strings.IndexByte(doc[i:], '>') + 1
	esc := func(s string) string {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	links := fmt.Sprintf(link, esc(self), "self", ` type="`+mediaType+`"`)
	if hub != "" {
		links = fmt.Sprintf(link, esc(hub), "hub", "") + links
	}
	return doc[:i] + links + doc[i:]
}

// categoryRanking is a category page's ranking of its providers by
// disruption over reliability.RankWindow.
type categoryRanking struct {
	// Ranked are the providers known long enough, the least disrupted
	// first; Unranked those known for less, Unknown counts those not known.
	Ranked   []reportStanding
	Unranked []categoryLink
	Unknown  int
	MinDays  string
	Window   string
	AsOf     time.Time
}

// ranking ranks a category's providers by disruption over the last 90
// days to the start of the UTC day, as far as we know them.
func (b *builder) ranking(ps []*providerView) *categoryRanking {
	asOf := asOfDay(b.opt.Now)
	from := asOf.Add(-reliability.RankWindow)
	byKey := map[string]*providerView{}
	var entries []reliability.Entry
	for _, v := range ps {
		if v.record != nil {
			byKey[v.Slug] = v
			entries = append(entries, reliability.Entry{Key: v.Slug, Record: v.record})
		}
	}
	ranked, _, unknown := reliability.Rank(entries, from, asOf, reliability.MinRankKnown)
	cr := &categoryRanking{Unknown: unknown + len(ps) - len(entries), AsOf: asOf,
		MinDays: daysText(reliability.MinRankKnown * reliability.RankWindow.Hours() / 24), Window: daysText(reliability.RankWindow.Hours() / 24)}
	in := map[string]bool{}
	for i := len(ranked) - 1; i >= 0; i-- {
		s := ranked[i]
		v := byKey[s.Key]
		in[s.Key] = true
		cr.Ranked = append(cr.Ranked, reportStanding{Name: v.Name, URL: v.URL, Hours: formatDuration(s.Disrupted), Share: shareText(s.Share()),
			Known: daysText(s.Span.Days()), Incidents: s.Incidents})
	}
	for _, e := range entries {
		if v := byKey[e.Key]; !in[e.Key] && e.Record.Span(from, asOf).Known > 0 {
			cr.Unranked = append(cr.Unranked, categoryLink{Name: v.Name, URL: v.URL})
		}
	}
	return cr
}
