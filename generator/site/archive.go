package site

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/uptimus/uptimus/generator/model"
)

// archivePage is how many entries one archive page lists.
var archivePage = 50

// recentOnProvider is how many incidents a provider page lists before
// pointing to the archive.
const recentOnProvider = 20

// archiveView is the body of a provider's history archive page.
type archiveView struct {
	Provider *providerView
	Heading  string
	Year     int
	Years    []yearLink
	// Newest is, on the index, the newest year whose first entries it
	// lists; MoreURL links the rest of that year when it has more.
	Newest           int
	MoreURL          string
	Rest             int
	Rows             []*incidentRow
	Page, Pages      int
	PrevURL, NextURL string
	// First and Last number the page's entries among Total.
	First, Last, Total int
}

type yearLink struct {
	Year    int
	URL     string
	Count   int
	Current bool
}

func archivePath(slug string) string { return "/status/" + slug + "/history/" }

func yearPath(slug string, year, pageNo int) string {
	p := archivePath(slug) + strconv.Itoa(year) + "/"
	if pageNo > 1 {
		p += strconv.Itoa(pageNo) + "/"
	}
	return p
}

// byYear groups a provider's entries (newest first) by the UTC year they
// started in, newest year first.
func byYear(rows []*incidentRow) (years []int, groups map[int][]*incidentRow) {
	groups = map[int][]*incidentRow{}
	for _, r := range rows {
		t := r.Start
		if t.IsZero() {
			t = r.LastMod
		}
		y := t.UTC().Year()
		if _, ok := groups[y]; !ok {
			years = append(years, y)
		}
		groups[y] = append(groups[y], r)
	}
	slices.SortFunc(years, func(a, b int) int { return b - a })
	return years, groups
}

// archiveEntry is one page of a provider's archive.
type archiveEntry struct {
	rel     string
	view    archiveView
	lastMod time.Time
}

// archivePages plans /status/<slug>/history/ (the years) and one paginated
// page series per year; links in the views still need the base path.
func archivePages(v *providerView) []archiveEntry {
	years, groups := byYear(v.all)
	links := make([]yearLink, len(years))
	for i, y := range years {
		links[i] = yearLink{Year: y, URL: yearPath(v.Slug, y, 1), Count: len(groups[y])}
	}
	index := archiveView{Provider: v, Heading: v.Name + " incident history", Years: links, Pages: 1, Page: 1}
	if len(years) > 0 {
		newest := groups[years[0]]
		index.Newest, index.Total = years[0], len(newest)
		index.Rows = newest[:min(len(newest), archivePage)]
		index.First, index.Last = 1, len(index.Rows)
		if len(newest) > len(index.Rows) {
			index.MoreURL, index.Rest = yearPath(v.Slug, years[0], 2), len(newest)-len(index.Rows)
		}
	}
	out := []archiveEntry{{rel: archivePath(v.Slug), lastMod: v.LastChange, view: index}}
	for i, y := range years {
		rows := groups[y]
		chunks := slices.Collect(slices.Chunk(rows, archivePage))
		yl := slices.Clone(links)
		yl[i].Current = true
		for n, chunk := range chunks {
			av := archiveView{Provider: v, Year: y, Years: yl, Rows: chunk, Page: n + 1, Pages: len(chunks),
				Heading: fmt.Sprintf("%s incidents in %d", v.Name, y),
				First:   n*archivePage + 1, Last: n*archivePage + len(chunk), Total: len(rows)}
			if n > 0 {
				av.Heading += fmt.Sprintf(", page %d", n+1)
				av.PrevURL = yearPath(v.Slug, y, n)
			}
			if n+1 < len(chunks) {
				av.NextURL = yearPath(v.Slug, y, n+2)
			}
			out = append(out, archiveEntry{rel: yearPath(v.Slug, y, n+1), view: av, lastMod: newestOf(chunk)})
		}
	}
	return out
}

// renderArchive writes every page of a provider's archive.
func (b *builder) renderArchive(v *providerView) error {
	for _, a := range archivePages(v) {
		av := a.view
		av.Years = slices.Clone(av.Years)
		for i := range av.Years {
			av.Years[i].URL = b.u.path(av.Years[i].URL)
		}
		if av.PrevURL != "" {
			av.PrevURL = b.u.path(av.PrevURL)
		}
		if av.NextURL != "" {
			av.NextURL = b.u.path(av.NextURL)
		}
		if av.MoreURL != "" {
			av.MoreURL = b.u.path(av.MoreURL)
		}
		if err := b.writeArchive(v, a.rel, av, a.lastMod); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) writeArchive(v *providerView, rel string, av archiveView, lastMod time.Time) error {
	desc := fmt.Sprintf("Every %s incident and maintenance window on record, with impact, duration and the full official timeline.", v.Name)
	if av.Year != 0 {
		desc = fmt.Sprintf("%s incidents and maintenance windows of %d: %s, with impact, duration and the full official timeline.",
			v.Name, av.Year, plural(len(av.Rows), "entry", "entries"))
	}
	err := b.execute("archive", strings.TrimPrefix(rel, "/")+"index.html", page{
		Site:        b.site,
		Title:       av.Heading + " | " + SiteName,
		Description: desc,
		Canonical:   b.u.abs(rel),
		Crumbs:      append(b.crumbs(v), crumb{Name: v.Name, URL: v.URL}),
		Here:        av.Heading,
		Body:        av,
		NoIndex:     v.NoData,
	})
	if err != nil || v.NoData {
		return err
	}
	b.addSitemap(rel, lastMod)
	return nil
}

func newestOf(rows []*incidentRow) time.Time {
	var t time.Time
	for _, r := range rows {
		t = model.Latest(t, r.LastMod)
	}
	return t
}
