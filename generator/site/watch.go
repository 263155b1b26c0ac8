package site

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/paths"
)

// watchView is the body of the watch list page. Without JavaScript the
// page is its explanation and the feeds and calendars of everything and of
// each category; static/watch.js adds the reader's own list from Config.
type watchView struct {
	Feeds      []alternate
	Calendar   string
	Webcal     template.URL
	Categories []watchCategory
	// Status is status.json, which the list reads.
	Status string
	Config template.JS
}

// watchCategory is one category's page, feeds and calendar.
type watchCategory struct {
	Name, URL string
	Count     int
	Feeds     []alternate
	Calendar  string
	Webcal    template.URL
}

// slugMark stands for a provider's slug in the URL patterns of
// watchConfig; no slug can hold a brace.
const slugMark = "{slug}"

// watchConfig is what watch.js needs, written into the page as JSON: where
// status.json is, each provider's links as patterns with slugMark for the
// slug (paths owns the layout; the script only substitutes), and the
// labels the pages give statuses, so that both read the same.
type watchConfig struct {
	Status string `json:"status"`
	// Page links a provider's page from the list; PageAbs and Feed are
	// absolute, for the OPML file (htmlUrl, xmlUrl).
	Page     string `json:"page"`
	PageAbs  string `json:"page_abs"`
	Feed     string `json:"feed"`
	Webcal   string `json:"webcal"`
	Calendar string `json:"calendar"`
	Icons    string `json:"icons"`
	// Title names the OPML file's contents; File is its file name.
	Title    string                     `json:"title"`
	File     string                     `json:"file"`
	Statuses map[adapters.Status]string `json:"statuses"`
}

func (b *builder) watchConfig() (template.JS, error) {
	c := watchConfig{
		Status:   b.u.Path(paths.StatusJSON()),
		Page:     b.u.Path(paths.ProviderPage(slugMark)),
		PageAbs:  b.u.Abs(paths.ProviderPage(slugMark)),
		Feed:     b.u.Abs(paths.ProviderFeed(slugMark, paths.RSS)),
		Webcal:   b.u.Webcal(paths.ProviderCalendar(slugMark)),
		Calendar: b.u.Path(paths.ProviderCalendar(slugMark)),
		Icons:    b.site.Icons,
		Title:    SiteName + " watch list",
		File:     strings.ToLower(SiteName) + "-watch-list.opml",
		Statuses: map[adapters.Status]string{},
	}
	for _, s := range adapters.Statuses {
		c.Statuses[s] = s.Label()
	}
	// Marshal escapes <, > and &, so the JSON cannot end its <script>.
	out, err := json.Marshal(c)
	if err != nil {
		return "", fmt.Errorf("site: watch list: %w", err)
	}
	return template.JS(out), nil
}

// renderWatch writes the watch list page. It depends on the catalogue
// alone, so it changes only when a category does.
func (b *builder) renderWatch(views []*providerView) error {
	cfg, err := b.watchConfig()
	if err != nil {
		return err
	}
	wv := watchView{
		Feeds:    b.feedAlternates("Incidents of every provider", paths.AllFeed),
		Calendar: b.u.Path(paths.AllCalendar()),
		Webcal:   template.URL(b.u.Webcal(paths.AllCalendar())),
		Status:   b.u.Path(paths.StatusJSON()),
		Config:   cfg,
	}
	count := map[string]int{}
	for _, v := range views {
		count[v.CategorySlug]++
	}
	for _, c := range b.opt.Catalog.Categories {
		if count[c.Slug] == 0 {
			continue
		}
		wv.Categories = append(wv.Categories, watchCategory{
			Name: c.Name, URL: b.u.Path(paths.CategoryPage(c.Slug)), Count: count[c.Slug],
			Feeds:    b.feedAlternates(c.Name+" incidents", func(f paths.Format) string { return paths.CategoryFeed(c.Slug, f) }),
			Calendar: b.u.Path(paths.CategoryCalendar(c.Slug)),
			Webcal:   template.URL(b.u.Webcal(paths.CategoryCalendar(c.Slug))),
		})
	}
	rel := paths.WatchPage()
	err = b.execute("watch", strings.TrimPrefix(rel, "/")+"index.html", page{
		Site:        b.site,
		Title:       "Watch list: the providers you depend on, on one page | " + SiteName,
		Description: "Pick the services you depend on and see their status, open incidents and upcoming maintenance on one page; take their feeds as an OPML file and their maintenance calendars with you.",
		Canonical:   b.u.Abs(rel),
		Crumbs:      []crumb{{Name: "Home", URL: b.site.Home}},
		Alternates:  wv.Feeds,
		Scripts:     append([]string{b.site.Time}, b.site.Watch...),
		Here:        "Watch list",
		Body:        wv,
	})
	if err != nil {
		return err
	}
	// No lastmod: the page's content does not follow the data, and a
	// build time would change the sitemap on every run.
	b.addSitemap(rel, time.Time{})
	return nil
}
