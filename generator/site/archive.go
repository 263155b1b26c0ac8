package site

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/paths"
)

// archivePage is how many entries one archive page lists.
var archivePage = 50

// recentOnProvider is how many incidents a provider page lists before
// pointing to the archive.
const recentOnProvider = 10

// archiveView is the body of a provider's history archive page.
type archiveView struct {
	Provider         *providerView
	Heading          string
	Year             int
	Years            []yearLink
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

func archivePath(slug string) string { return paths.ProviderArchive(slug) }

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

// archivePages plans /status/<slug>/history/, which is the newest year's
// first page (so the newest incidents are listed once, not twice), and one
// paginated page series per year; links in the views still need the base
// path.
func archivePages(v *providerView) []archiveEntry {
	years, groups := byYear(v.all)
	// pageRel is where page n (from 1) of a year lives.
	pageRel := func(i, n int) string {
		if i == 0 && n == 1 {
			return archivePath(v.Slug)
		}
		return yearPath(v.Slug, years[i], n)
	}
	links := make([]yearLink, len(years))
	for i, y := range years {
		links[i] = yearLink{Year: y, URL: pageRel(i, 1), Count: len(groups[y])}
	}
	if len(years) == 0 {
		index := archiveView{Provider: v, Heading: v.Name + " incident history", Pages: 1, Page: 1}
		return []archiveEntry{{rel: archivePath(v.Slug), lastMod: v.LastChange, view: index}}
	}
	var out []archiveEntry
	for i, y := range years {
		rows := groups[y]
		chunks := slices.Collect(slices.Chunk(rows, archivePage))
		yl := slices.Clone(links)
		yl[i].Current = true
		for n, chunk := range chunks {
			av := archiveView{Provider: v, Year: y, Years: yl, Rows: chunk, Page: n + 1, Pages: len(chunks),
				Heading: fmt.Sprintf("%s incidents in %d", v.Name, y),
				First:   n*archivePage + 1, Last: n*archivePage + len(chunk), Total: len(rows)}
			if i == 0 && n == 0 {
				av.Heading = v.Name + " incident history"
			}
			if n > 0 {
				av.Heading += fmt.Sprintf(", page %d", n+1)
				av.PrevURL = pageRel(i, n)
			}
			if n+1 < len(chunks) {
				av.NextURL = pageRel(i, n+2)
			}
			lastMod := newestOf(chunk)
			if i == 0 && n == 0 {
				lastMod = v.LastChange
			}
			out = append(out, archiveEntry{rel: pageRel(i, n+1), view: av, lastMod: lastMod})
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
			av.Years[i].URL = b.u.Path(av.Years[i].URL)
		}
		if av.PrevURL != "" {
			av.PrevURL = b.u.Path(av.PrevURL)
		}
		if av.NextURL != "" {
			av.NextURL = b.u.Path(av.NextURL)
		}
		if err := b.writeArchive(v, a.rel, av); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) writeArchive(v *providerView, rel string, av archiveView) error {
	desc := fmt.Sprintf("Every %s incident and maintenance window on record, with impact, duration and the full official timeline.", v.Name)
	if av.Year != 0 {
		desc = fmt.Sprintf("%s incidents and maintenance windows of %d: %s, with impact, duration and the full official timeline.",
			v.Name, av.Year, plural(len(av.Rows), "entry", "entries"))
	}
	return b.execute("archive", strings.TrimPrefix(rel, "/")+"index.html", page{
		Site:        b.site,
		Title:       av.Heading + " | " + SiteName,
		Description: desc,
		Canonical:   b.u.Abs(rel),
		Crumbs:      append(b.crumbs(v), crumb{Name: v.Name, URL: v.URL}),
		Here:        av.Heading,
		Body:        av,
		NoIndex:     v.NoData,
	})
}

func newestOf(rows []*incidentRow) time.Time {
	var t time.Time
	for _, r := range rows {
		t = model.Latest(t, r.LastMod)
	}
	return t
}
