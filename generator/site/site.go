// Package site owns rendering the static HTML site: the home page, one page
// per provider, one page per incident and maintenance window, the watch
// list, 404.html, robots.txt, sitemap.xml and the static assets, all
// written through a publish.Publisher.
//
// A build is a pure function of the catalogue, the histories and Options.Now:
// the same inputs give byte-identical files (everything is sorted; no map
// order, no wall clock). Now decides whether a maintenance window is
// upcoming or running, and is printed only where a reader must know how old
// the page is: the home page and each provider page with data carry their
// build time and the moment they stop being current, so that they say "as
// of" it and turn out of date by themselves when no run rebuilds them
// (aged.js before the first paint, time.js on a page left open). Incident pages, archives and the other pages never print it,
// so an unchanged upstream rewrites none of them.
package site

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/uptimus/uptimus/adapters/vendortext"
	"github.com/uptimus/uptimus/internal/bufpool"
	"github.com/uptimus/uptimus/internal/pool"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/outage"
	"github.com/uptimus/uptimus/generator/paths"

	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/publish"
	"github.com/uptimus/uptimus/templates"
)

// SiteName is shown in the header and in titles.
const SiteName = "Uptimus"

// Options are the inputs of a build; histories come one provider at a
// time, to Builder.Provider.
type Options struct {
	Catalog *catalog.Catalog
	// Now is the build's clock reading (see the package doc for its use).
	Now time.Time
	// BaseURL is the absolute URL the site is served from, possibly with a
	// path (GitHub project pages); see paths.NewLinks.
	BaseURL string
	// Workers render the provider pages in Finish in parallel; 0 means
	// GOMAXPROCS. (The caller decides how many run Provider at once.)
	Workers int
	// Checks by provider slug say when each was last fetched and whether
	// that failed (run-by-run state from the fetch cache; may be nil).
	Checks map[string]model.Check
	// Hub is the WebSub hub the reports' feeds name ("" for none), as
	// every feed of generator/feeds does.
	Hub string
	// Capabilities by adapter name say what each vendor provides, so a page
	// says "not provided by this vendor" rather than showing an empty
	// section. An adapter missing here is taken to provide everything.
	Capabilities map[string]adapters.Capabilities
}

// Builder renders the site one provider at a time, so that a build holds
// one provider's history per worker rather than all of them. Provider is
// safe for concurrent use; call it for every provider, then Finish once.
type Builder struct {
	b *builder

	mu    sync.Mutex
	views map[string]*providerView
}

// New parses the templates and publishes the static assets.
func New(opt Options, pub *publish.Publisher) (*Builder, error) {
	if opt.Catalog == nil {
		return nil, errors.New("site: no catalogue")
	}
	u, err := paths.NewLinks(opt.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	b := &builder{opt: opt, pub: pub, u: u, md: vendortext.NewRenderer()}
	if err := b.parseTemplates(); err != nil {
		return nil, err
	}
	if err := b.copyStatic(); err != nil {
		return nil, err
	}
	return &Builder{b: b, views: map[string]*providerView{}}, nil
}

// Provider renders one provider's archive and incident pages (h may be
// nil: no data yet) in state st, and keeps what its own page and the pages about many
// providers show, without the history, for Finish. With reuse, the archive
// and incident pages the last build published are known to be current: they
// are only listed in the sitemap.
func (s *Builder) Provider(p *catalog.Provider, h *history.History, st model.State, reuse bool) error {
	v, err := s.b.view(p, h, st)
	if err != nil {
		return err
	}
	if err := s.b.renderPages(v, reuse); err != nil {
		return err
	}
	d := v.detached()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.views[p.Slug] = d
	return nil
}

// Finish renders every provider's page (each names related providers, so
// it waits for all of them), the home and category pages, the 404 page,
// robots.txt and the sitemap.
func (s *Builder) Finish() error {
	views := s.allViews()
	b := s.b
	// Every page with a search box links the index by its hash.
	idx, err := b.writeSearchIndex(views)
	if err != nil {
		return err
	}
	b.site.SearchIndex = idx
	rel := related(views)
	groups, nowGroups := b.nowGroups(views)
	also := alsoNow(nowGroups)
	if len(groups) > 0 && len(groups[0].Problems) >= outage.Lead {
		b.event = &homeEvent{Headline: nowGroups[0].Headline, URL: b.u.Path(paths.NowPage())}
	}
	// The pages about many providers only read the views, so they share
	// the pool with the provider pages, and come first: the reports, the
	// most work by far, start at once on one worker while the others take
	// the provider pages, instead of running alone at the end while the
	// other cores wait.
	pages := []func() error{
		func() error { return b.renderReports(views) },
		func() error { return b.renderNow(nowGroups) },
		func() error { return b.renderHome(views) },
		func() error { return b.renderCategories(views) },
		func() error { return b.renderWatch(views) },
		func() error { return b.renderIndex(views) },
		b.render404,
		b.writeRobots,
	}
	err = pool.Each(len(pages)+len(views), b.opt.Workers, func(i int) error {
		if i < len(pages) {
			return pages[i]()
		}
		v := *views[i-len(pages)]
		v.Related = rel[v.Slug]
		v.AlsoNow, v.NowURL = also[v.Slug], b.u.Path(paths.NowPage())
		return b.renderProvider(&v)
	})
	if err != nil {
		return err
	}
	// Every page is listed by now.
	return b.writeSitemap()
}

// allViews are the kept views in catalogue order.
func (s *Builder) allViews() []*providerView {
	s.mu.Lock()
	defer s.mu.Unlock()
	views := make([]*providerView, 0, len(s.views))
	for i := range s.b.opt.Catalog.Providers {
		if c := s.views[s.b.opt.Catalog.Providers[i].Slug]; c != nil {
			views = append(views, c)
		}
	}
	return views
}

type builder struct {
	opt  Options
	pub  *publish.Publisher
	u    paths.Links
	md   *vendortext.Renderer
	tmpl map[string]*template.Template
	site siteLinks

	mu      sync.Mutex
	sitemap []sitemapEntry
	// event is what the home page leads with during a large outage.
	event *homeEvent
}

// homeEvent is a large group of providers reporting problems together.
type homeEvent struct{ Headline, URL string }

// siteLinks are the links every page's layout needs.
type siteLinks struct {
	Name    string
	Home    string
	CSS     string
	Favicon string
	Time    string
	// Aged marks, before the first paint, a page past its FreshUntil.
	Aged string
	// Bar moves through the 90-day bar with the arrow keys (provider pages).
	Bar string
	// Search and Watch are the scripts of the search box and of the watch
	// list, each after match.js, which both use; WatchPage is the page.
	Search    []string
	Watch     []string
	WatchPage string
	// Icons is the sprite of status symbols (static/icons.svg).
	Icons string
	// Index is the A-Z index of every provider, and SearchIndex the JSON
	// the search box loads (set once every provider is known).
	Index       string
	SearchIndex string
}

// page is what the base layout renders; Body is the page kind's own view.
type page struct {
	Site        siteLinks
	Title       string
	Description string
	Canonical   string
	NoIndex     bool
	Scripts     []string
	// FreshUntil, when set, is when the page turns to its out-of-date
	// state unless rebuilt (static/aged.js).
	FreshUntil time.Time
	// Alternates are the page's feeds and JSON, for <link rel="alternate">.
	Alternates []alternate
	Crumbs     []crumb
	// Here names the page itself, the last step of its breadcrumb.
	Here string
	// LD holds the page's JSON-LD objects besides its BreadcrumbList.
	LD   []any
	Body any
	// StructuredData is filled by execute from Crumbs, Here and LD.
	StructuredData []template.JS
}

// alternate is another representation of a page: a feed or JSON.
type alternate struct {
	Type, Title, URL string
	// Label names the format in link text: "RSS", "Atom", "JSON Feed".
	Label string
}

// feedAlternates are the three formats of one feed.
func (b *builder) feedAlternates(title string, path func(paths.Format) string) []alternate {
	var out []alternate
	for _, f := range paths.Formats {
		label := map[paths.Format]string{paths.RSS: "RSS", paths.Atom: "Atom", paths.JSON: "JSON Feed"}[f]
		out = append(out, alternate{Type: f.MediaType(), Title: title + " (" + label + ")", URL: b.u.Path(path(f)), Label: label})
	}
	return out
}

// structuredData is every JSON-LD object of the page: a BreadcrumbList
// always (crumb links are site-rooted paths; origin makes them absolute),
// then the page's own (FAQPage on provider pages). Each is encoded here, as
// html/template would (json.Marshal), so that the template writes it as is.
func (p page) structuredData(origin string) []template.JS {
	list := ldBreadcrumbs{Context: schemaOrg, Type: "BreadcrumbList"}
	for i, c := range p.Crumbs {
		list.Items = append(list.Items, ldListItem{Type: "ListItem", Position: i + 1, Name: c.Name, Item: origin + c.URL})
	}
	list.Items = append(list.Items, ldListItem{Type: "ListItem", Position: len(list.Items) + 1, Name: p.Here, Item: p.Canonical})
	out := make([]template.JS, 0, 1+len(p.LD))
	for _, v := range append([]any{list}, p.LD...) {
		b, err := json.Marshal(v)
		if err != nil {
			panic(err) // the JSON-LD types have nothing Marshal can refuse
		}
		out = append(out, template.JS(b))
	}
	return out
}

type crumb struct {
	Name string
	URL  string
}

type sitemapEntry struct {
	Loc     string
	LastMod time.Time
}

// pageKinds are the page templates; each is parsed once with
// partials.html. Each defines "content", and "crumb" when its page has a
// breadcrumb; writeShell writes the rest. The incident page is written in
// Go (incidentContent).
var pageKinds = []string{"home", "provider", "category", "archive", "watch", "providers", "404", "report", "reports", "now"}

// partialsKind names the set of partials.html alone, for the partials
// that parts written in Go use.
const partialsKind = "partials"

func (b *builder) parseTemplates() error {
	funcs := template.FuncMap{
		"time":      timeHTML,
		"rfc":       func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"abs":       func(t time.Time) string { return t.UTC().Format(timeLayout) },
		"date":      dateHTML,
		"status":    func(st adapters.Status) template.HTML { return statusBadge(b.site.Icons, st) },
		"statusCls": statusClass,
		"icon":      func(name string) template.HTML { return iconHTML(b.site.Icons, name) },
		"impact":    func(i adapters.Impact) template.HTML { return impactBadge(b.site.Icons, i) },
		"items":     func(rows []*incidentRow) template.HTML { return incidentItems(b.site.Icons, rows) },
		"lifecycle": model.LifecycleLabel,
		// crow pairs a component row (or a group's, by pointer) with
		// whether figures are known yet, for the "crow" template.
		"crow": func(r any, known bool) crowArgs {
			p, group := r.(*componentRow)
			if group {
				r = *p
			}
			row, _ := r.(componentRow)
			return crowArgs{Row: row, Known: known, Group: group}
		},
		"impactText": func(i adapters.Impact) string { return strings.ToLower(model.ImpactLabel(i)) },
		"plural":     plural,
		"num":        num,
		"word":       word,
		"days":       daysText,
		"day":        func(t time.Time) string { return t.UTC().Format(dateLayout) },
		"join":       strings.Join,
		"set":        func(t time.Time) bool { return !t.IsZero() },
		"stateCls":   func(key string) string { return statusClass(adapters.Status(key)) },
		"add":        func(a, b int) int { return a + b },
		"until":      func(t, now time.Time) string { return formatDuration(t.Sub(now)) },
		"duration":   formatDuration,
	}
	b.tmpl = map[string]*template.Template{}
	for _, kind := range append([]string{partialsKind}, pageKinds...) {
		t := template.New(kind).Funcs(funcs)
		names := []string{"partials.html"}
		if kind != partialsKind {
			names = append(names, kind+".html")
		}
		for _, name := range names {
			src, err := fs.ReadFile(templates.FS, name)
			if err != nil {
				return fmt.Errorf("site: templates: %w", err)
			}
			if src, err = publish.MinifyTemplate(name, src); err != nil {
				return fmt.Errorf("site: templates: %w", err)
			}
			if _, err := t.New(name).Parse(string(src)); err != nil {
				return fmt.Errorf("site: templates %s: %w", name, err)
			}
		}
		b.tmpl[kind] = t
	}
	return nil
}

// copyStatic publishes templates/static under /static/ and versions the
// stylesheet's and script's links by content hash, so browsers may cache
// them for long and still see a new release at once.
func (b *builder) copyStatic() error {
	hashes := map[string]string{}
	err := fs.WalkDir(templates.FS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(templates.FS, p)
		if err != nil {
			return err
		}
		hashes[p] = contentVersion(data)
		// The embedded folder static/ is published as it is, at paths.Static.
		if "/"+p == paths.Static("icons.svg") {
			// The sprite's symbol ids are used by other files only, and a
			// minifier would drop them as unused.
			return b.pub.WriteCompact(p, data)
		}
		return b.pub.Write(p, data)
	})
	if err != nil {
		return fmt.Errorf("site: static assets: %w", err)
	}
	asset := func(name string) string {
		return b.u.Path(paths.Static(name)) + "?v=" + hashes[strings.TrimPrefix(paths.Static(name), "/")]
	}
	b.site = siteLinks{
		Name:      SiteName,
		Home:      b.u.Path("/"),
		CSS:       asset("style.css"),
		Favicon:   asset("favicon.svg"),
		Search:    []string{asset("match.js"), asset("search.js")},
		Time:      asset("time.js"),
		Aged:      asset("aged.js"),
		Bar:       asset("bar.js"),
		Watch:     []string{asset("match.js"), asset("watch.js")},
		WatchPage: b.u.Path(paths.WatchPage()),
		Icons:     asset("icons.svg"),
		Index:     b.u.Path(paths.ProvidersIndex()),
	}
	return nil
}

// view builds one provider's view.
func (b *builder) view(p *catalog.Provider, h *history.History, st model.State) (*providerView, error) {
	if err := history.ValidSlug(p.Slug); err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	v, err := newProviderView(p, b.opt.Catalog, h, st, b.opt.Now, b.u)
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	v.Caps = capabilities(b.opt.Capabilities, adapterOf(p, st.Check))
	v.Vendor = cmp.Or(v.Caps.Title, v.Vendor)
	_, known := b.opt.Capabilities[adapterOf(p, st.Check)]
	v.SelfUnsaid = known && !v.Caps.Self && v.Unreadable == "" && v.Retired == nil
	if pr, ok := outage.ProblemOf(p.Slug, st); ok {
		v.problem = &pr
	}
	v.places = outage.PlacesOf(*p, h)
	v.Follow = b.follow(v)
	return v, nil
}

// maxRelated is how many providers of the same category a page suggests.
const maxRelated = 6

// related gives each provider the others of its category, those needing
// attention first, then by name.
func related(cards []*providerView) map[string][]*providerView {
	sorted := slices.Clone(cards)
	slices.SortStableFunc(sorted, byAttention)
	out := make(map[string][]*providerView, len(cards))
	for _, v := range cards {
		rel := []*providerView{}
		for _, o := range sorted {
			if len(rel) == maxRelated {
				break
			}
			if o != v && o.CategorySlug == v.CategorySlug {
				rel = append(rel, o)
			}
		}
		out[v.Slug] = rel
	}
	return out
}

func (b *builder) execute(kind, rel string, p page) error {
	t := b.tmpl[kind]
	crumb := func(buf *bytes.Buffer) error {
		if t.Lookup("crumb") == nil {
			return nil
		}
		return t.ExecuteTemplate(buf, "crumb", p)
	}
	content := func(buf *bytes.Buffer) error { return t.ExecuteTemplate(buf, "content", p) }
	return b.writePage(rel, &p, crumb, content)
}

// writePage writes page p at rel: the shell (shell.go) around what crumb
// and content write.
func (b *builder) writePage(rel string, p *page, crumb, content func(*bytes.Buffer) error) error {
	if p.Canonical != "" {
		p.StructuredData = p.structuredData(b.u.Origin())
	}
	buf := bufpool.Get()
	defer bufpool.Put(buf)
	if err := b.writeShell(buf, p, crumb, content); err != nil {
		return fmt.Errorf("site: render %s: %w", rel, err)
	}
	// The templates were minified when parsed (see parseTemplates), and
	// the parts written in Go are as tight.
	return b.pub.WriteCompact(rel, buf.Bytes())
}

func (b *builder) addSitemap(p string, lastMod time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.sitemap = append(b.sitemap, sitemapEntry{Loc: b.u.Abs(p), LastMod: model.NotAfter(lastMod, b.opt.Now)})
}

func (b *builder) crumbs(v *providerView) []crumb {
	return []crumb{{Name: "Home", URL: b.site.Home}, {Name: v.Category, URL: v.CategoryURL}}
}

// renderProvider renders a provider's own page.
func (b *builder) renderProvider(v *providerView) error {
	rel := paths.ProviderPage(v.Slug)
	desc := fmt.Sprintf("Is %s down? %s status from its official status page: %s. %s, %s and %s on record.",
		v.Name, v.Name, strings.ToLower(cmp.Or(v.Headline, v.Status.Label())), plural(v.Counts.Components, "component", "components"),
		plural(v.Counts.Incidents, "incident", "incidents"), plural(v.Counts.Maintenance, "maintenance window", "maintenance windows"))
	if v.NoData {
		desc = fmt.Sprintf("Is %s down? Uptimus follows the official %s status page; no data has been collected yet.", v.Name, v.Name)
	}
	scripts := []string{b.site.Time}
	if !v.NoData {
		scripts = append(scripts, b.site.Bar) // the 90-day bar's keys
	}
	err := b.execute("provider", strings.TrimPrefix(rel, "/")+"index.html", page{
		Site:        b.site,
		Title:       fmt.Sprintf("%s status: is %s down? Incidents and components | %s", v.Name, v.Name, SiteName),
		Description: desc,
		Canonical:   b.u.Abs(rel),
		Crumbs:      b.crumbs(v),
		Scripts:     scripts,
		FreshUntil:  providerFreshUntil(v),
		Alternates:  v.Follow.Alternates,
		Here:        v.Name,
		LD:          []any{faqLD(v.FAQ)},
		Body:        v,
		// A page with nothing collected yet is thin content: kept out of
		// search engines and the sitemap until it has data.
		NoIndex: v.NoData,
	})
	if err != nil || v.NoData {
		return err
	}
	b.addSitemap(rel, v.LastChange)
	return nil
}

// renderPages renders a provider's archive and incident pages unless
// reuse says the last build's are still right, then lists them in the
// sitemap: one listing for both, so a reused build's sitemap is a fresh
// one's.
func (b *builder) renderPages(v *providerView, reuse bool) error {
	if !reuse {
		if err := b.renderArchive(v); err != nil {
			return err
		}
		now, err := b.providerNow(v)
		if err != nil {
			return err
		}
		for _, r := range v.all {
			if err := b.renderIncident(v, r, now); err != nil {
				return err
			}
		}
	}
	b.listPages(v)
	return nil
}

// listPages adds a provider's archive and incident pages to the sitemap;
// a provider with no data has noindex pages, which are left out.
func (b *builder) listPages(v *providerView) {
	if v.NoData {
		return
	}
	for _, a := range archivePages(v) {
		b.addSitemap(a.rel, a.lastMod)
	}
	for _, r := range v.all {
		b.addSitemap(incidentURL(r), r.LastMod)
	}
}

// providerNow renders the "provider-now" partial of v's incident pages:
// once for all of them, as it is the same on each.
func (b *builder) providerNow(v *providerView) (template.HTML, error) {
	var s strings.Builder
	if err := b.tmpl[partialsKind].ExecuteTemplate(&s, "provider-now", v); err != nil {
		return "", fmt.Errorf("site: %s incident pages: %w", v.Slug, err)
	}
	return template.HTML(s.String()), nil
}

// incidentContent is an incident page below the breadcrumb, written in Go
// as it repeats on tens of thousands of pages (docs/performance.md): its
// heading, the banner (banner.go), the provider's state now (the
// "provider-now" partial), the facts (facts.go), the timeline
// (timeline.go) and the pager (pager.go).
func (b *builder) incidentContent(buf *bytes.Buffer, v *providerView, r *incidentRow, now template.HTML) error {
	buf.WriteString(`<header class="phead"><p class="muted">`)
	esc(buf, v.Name)
	buf.WriteByte(' ')
	esc(buf, string(r.Kind))
	if !r.Start.IsZero() {
		buf.WriteString(" · ")
		buf.WriteString(string(dateHTML(r.Start)))
	}
	buf.WriteString(`</p><h1>`)
	esc(buf, r.Title)
	buf.WriteString(`</h1></header>`)
	banner(buf, b.site, v, r)
	buf.WriteString(string(now))
	facts(buf, b.site, v, r)
	if err := timelineSection(buf, b.md, r); err != nil {
		return fmt.Errorf("site: %s incident %q %w", v.Slug, r.ID, err)
	}
	pager(buf, v, r.prev, r.next)
	return nil
}

// incidentURL is the site path of an incident's page.
func incidentURL(r *incidentRow) string { return "/" + strings.TrimSuffix(r.Path, "index.html") }

func (b *builder) renderIncident(v *providerView, r *incidentRow, now template.HTML) error {
	when := "date unknown"
	if !r.Start.IsZero() {
		when = r.Start.UTC().Format(dateLayout)
	}
	desc := fmt.Sprintf("%s %s on %s: %s. %s, %s. Full timeline of official updates.",
		v.Name, r.Kind, when, r.Title, model.ImpactLabel(r.Impact), strings.ToLower(model.LifecycleLabel(r.Status)))
	rel := incidentURL(r)
	crumbs := append(b.crumbs(v), crumb{Name: v.Name, URL: v.URL})
	crumb := func(buf *bytes.Buffer) error { esc(buf, r.Title); return nil }
	content := func(buf *bytes.Buffer) error { return b.incidentContent(buf, v, r, now) }
	return b.writePage(r.Path, &page{
		Site:        b.site,
		Title:       r.PageTitle,
		Description: desc,
		Canonical:   b.u.Abs(rel),
		Crumbs:      crumbs,
		Scripts:     []string{b.site.Time},
		Here:        r.Title,
	}, crumb, content)
}

// latestShown is how many incidents the home and category pages list.
const latestShown = 10

// latestItem is one incident of the cross-provider "latest incidents" list.
type latestItem struct {
	Provider *providerView
	Row      *incidentRow
}

// latestIncidents are the newest incidents (not maintenance) of views, by
// start, ongoing ones included, at most latestShown.
func latestIncidents(views []*providerView) []latestItem {
	var out []latestItem
	for _, v := range views {
		for _, r := range v.Recent {
			out = append(out, latestItem{Provider: v, Row: r})
		}
	}
	slices.SortStableFunc(out, func(a, b latestItem) int {
		return cmp.Or(b.Row.Start.Compare(a.Row.Start), cmp.Compare(a.Provider.Slug, b.Provider.Slug), cmp.Compare(a.Row.ID, b.Row.ID))
	})
	return out[:min(len(out), latestShown)]
}

// homeView is the body of the home page.
type homeView struct {
	// Event is a large outage to lead with (see outage.Lead), or nil;
	// NowURL is /now/.
	Event  *homeEvent
	NowURL string
	// Built is when the site was built: the time its pages speak of.
	Built  time.Time
	Latest []latestItem
	Feeds  []alternate
	// Calendar is the maintenance calendar of the providers listed.
	Calendar string
	Total    int
	// WithData counts the providers we have collected at least once, and
	// Live those whose data is current (not stale).
	WithData int
	Live     int
	// Attention are the first providers needing attention, of
	// AttentionTotal; Unchecked the first we failed to check lately, of
	// UncheckedTotal. The A-Z index has the rest.
	Attention      []*providerView
	AttentionTotal int
	Unchecked      []*providerView
	UncheckedTotal int
	Sections       []homeSection
	// Index is the A-Z index of every provider.
	Index string
}

// NotCollected counts the providers we have no data on yet.
func (h homeView) NotCollected() int { return h.Total - h.WithData }

// FreshUntil is when the page stops being current unless rebuilt: it
// speaks of every provider as of the build (model.DataStaleAfter).
func (h homeView) FreshUntil() time.Time { return h.Built.Add(model.DataStaleAfter) }

// homeFreshUntil is when the home page turns out of date, or zero when
// it shows no live status to turn (home.html).
func homeFreshUntil(h homeView) time.Time {
	if h.Live == 0 {
		return time.Time{}
	}
	return h.FreshUntil()
}

// UncheckedMore counts the providers we failed to check that the home
// page does not name.
func (h homeView) UncheckedMore() int { return h.UncheckedTotal - len(h.Unchecked) }

// byAttention puts providers needing attention first, worst first, then
// everything by name.
func byAttention(a, b *providerView) int {
	if a.Attention() != b.Attention() {
		if a.Attention() {
			return -1
		}
		return 1
	}
	if a.Attention() {
		if c := cmp.Compare(b.severity(), a.severity()); c != 0 {
			return c
		}
	}
	return byName(a, b)
}

// newest is the latest change of any of views.
func (b *builder) newest(views []*providerView) time.Time {
	var t time.Time
	for _, v := range views {
		t = model.Latest(t, v.LastChange)
	}
	return t
}

// homeSections sums up each category with providers, in catalogue order,
// and "Other" for providers outside them.
func (b *builder) homeSections(sorted []*providerView) []homeSection {
	var out []homeSection
	placed := map[string]bool{}
	for _, c := range b.opt.Catalog.Categories {
		var members []*providerView
		for _, v := range sorted {
			if v.CategorySlug == c.Slug {
				members = append(members, v)
				placed[v.Slug] = true
			}
		}
		if len(members) > 0 {
			out = append(out, newHomeSection(c.Slug, c.Name, b.u.Path(categoryPath(c.Slug)), members))
		}
	}
	var other []*providerView
	for _, v := range sorted {
		if !placed[v.Slug] {
			other = append(other, v)
		}
	}
	if len(other) > 0 {
		out = append(out, newHomeSection("other", "Other", b.u.Path(paths.ProvidersIndex()), other))
	}
	return out
}

func (b *builder) renderHome(views []*providerView) error {
	hv := homeView{Event: b.event, NowURL: b.u.Path(paths.NowPage()), Total: len(views), Built: b.opt.Now, Latest: latestIncidents(views), Feeds: b.feedAlternates("Incidents of every provider", paths.AllFeed),
		Calendar: b.u.Path(paths.AllCalendar()), Index: b.u.Path(paths.ProvidersIndex())}
	sorted := slices.Clone(views)
	slices.SortStableFunc(sorted, byAttention)
	for _, v := range sorted {
		switch {
		case v.Attention():
			hv.AttentionTotal++
			if len(hv.Attention) < attentionShown {
				hv.Attention = append(hv.Attention, v)
			}
		case v.Unchecked():
			hv.UncheckedTotal++
			if len(hv.Unchecked) < uncheckedShown {
				hv.Unchecked = append(hv.Unchecked, v)
			}
		}
		if !v.NoData {
			hv.WithData++
		}
		if !v.NoData && !v.Stale {
			hv.Live++
		}
	}
	hv.Sections = b.homeSections(sorted)
	err := b.execute("home", "index.html", page{
		Site:        b.site,
		Title:       fmt.Sprintf("%s: is it down? Live status of %s", SiteName, plural(len(views), "online service", "online services")),
		Description: fmt.Sprintf("Current status, incidents and maintenance of %s, taken from their official status pages and kept as an open, searchable history.", plural(len(views), "service provider", "service providers")),
		Canonical:   b.u.Abs("/"),
		Alternates:  hv.Feeds,
		Here:        "Home",
		Scripts:     append(slices.Clone(b.site.Search), b.site.Time),
		FreshUntil:  homeFreshUntil(hv),
		Body:        hv,
	})
	if err != nil {
		return err
	}
	b.addSitemap("/", b.newest(views))
	return nil
}

// categoryView is the body of a category page.
type categoryView struct {
	Built             time.Time
	Latest            []latestItem
	Feeds             []alternate
	Calendar          string
	Name, Description string
	Total             int
	// Needing are the providers that need attention, worst first, and
	// Rest the others by name.
	Needing []*providerView
	Rest    []*providerView
	States  []stateCount
	Others  []categoryLink
	// Ranking ranks the providers by disruption over 90 days (reports.go).
	Ranking *categoryRanking
}

// FreshUntil is when the page stops being current unless rebuilt, as the
// home page (homeView.FreshUntil).
func (c categoryView) FreshUntil() time.Time { return c.Built.Add(model.DataStaleAfter) }

type categoryLink struct {
	Name, URL string
	Count     int
}

// renderCategories writes /category/<slug>/ for every category that has
// providers, each listing them attention-first.
func (b *builder) renderCategories(views []*providerView) error {
	sorted := slices.Clone(views)
	slices.SortStableFunc(sorted, byAttention)
	var links []categoryLink
	members := map[string][]*providerView{}
	for _, c := range b.opt.Catalog.Categories {
		for _, v := range sorted {
			if v.CategorySlug == c.Slug {
				members[c.Slug] = append(members[c.Slug], v)
			}
		}
		if n := len(members[c.Slug]); n > 0 {
			links = append(links, categoryLink{Name: c.Name, URL: b.u.Path(categoryPath(c.Slug)), Count: n})
		}
	}
	for _, c := range b.opt.Catalog.Categories {
		ps := members[c.Slug]
		if len(ps) == 0 {
			continue
		}
		cv := categoryView{Name: c.Name, Description: c.Description, Total: len(ps), States: countStates(ps), Built: b.opt.Now, Latest: latestIncidents(ps),
			Calendar: b.u.Path(paths.CategoryCalendar(c.Slug)),
			Feeds:    b.feedAlternates(c.Name+" incidents", func(f paths.Format) string { return paths.CategoryFeed(c.Slug, f) }),
			Ranking:  b.ranking(ps)}
		for _, v := range ps {
			if v.Attention() {
				cv.Needing = append(cv.Needing, v)
			} else {
				cv.Rest = append(cv.Rest, v)
			}
		}
		for _, l := range links {
			if l.Name != c.Name {
				cv.Others = append(cv.Others, l)
			}
		}
		rel := categoryPath(c.Slug)
		err := b.execute("category", strings.TrimPrefix(rel, "/")+"index.html", page{
			Site:        b.site,
			Title:       fmt.Sprintf("%s status: is it down? %s | %s", c.Name, plural(len(ps), "service", "services"), SiteName),
			Description: fmt.Sprintf("Current status, incidents and maintenance of %s in %s, from their official status pages.", plural(len(ps), "provider", "providers"), c.Name),
			Canonical:   b.u.Abs(rel),
			Crumbs:      []crumb{{Name: "Home", URL: b.site.Home}},
			Alternates:  cv.Feeds,
			Scripts:     append(slices.Clone(b.site.Search), b.site.Time),
			FreshUntil:  cv.FreshUntil(),
			Here:        c.Name,
			Body:        cv,
		})
		if err != nil {
			return err
		}
		b.addSitemap(rel, b.newest(ps))
	}
	return nil
}

func categoryPath(slug string) string { return paths.CategoryPage(slug) }

func (b *builder) render404() error {
	return b.execute("404", "404.html", page{
		Site:        b.site,
		Title:       "Page not found | " + SiteName,
		Description: "This page does not exist on " + SiteName + ". Find a provider's status from the home page.",
		NoIndex:     true,
	})
}

func (b *builder) writeRobots() error {
	return b.pub.Write("robots.txt", []byte("User-agent: *\nAllow: /\n\nSitemap: "+b.u.Abs(paths.Sitemap())+"\n"))
}

// sitemapPart is the most URLs one sitemap file may list (the protocol's
// limit); a var so tests can split a small site.
var sitemapPart = 50000

// writeSitemap writes sitemap.xml as a sitemap index and the URLs in
// sitemap-<n>.xml parts of at most sitemapPart URLs, each with the lastmod
// of its newest entry.
func (b *builder) writeSitemap() error {
	entries := slices.Clone(b.sitemap)
	slices.SortFunc(entries, func(a, b sitemapEntry) int { return cmp.Compare(a.Loc, b.Loc) })
	var index bytes.Buffer
	index.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	index.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for n, part := range slices.Collect(slices.Chunk(entries, sitemapPart)) {
		name := fmt.Sprintf("sitemap-%d.xml", n+1)
		var newest time.Time
		for _, e := range part {
			newest = model.Latest(newest, e.LastMod)
		}
		if err := b.pub.Write(name, urlset(part)); err != nil {
			return err
		}
		index.WriteString("<sitemap><loc>" + b.u.Abs("/"+name) + "</loc>" + lastmod(newest) + "</sitemap>\n")
	}
	index.WriteString("</sitemapindex>\n")
	return b.pub.Write("sitemap.xml", index.Bytes())
}

func urlset(entries []sitemapEntry) []byte {
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, e := range entries {
		buf.WriteString("<url><loc>")
		template.HTMLEscape(&buf, []byte(e.Loc))
		buf.WriteString("</loc>" + lastmod(e.LastMod) + "</url>\n")
	}
	buf.WriteString("</urlset>\n")
	return buf.Bytes()
}

func lastmod(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return "<lastmod>" + t.UTC().Format(time.RFC3339) + "</lastmod>"
}

// capabilities returns what the adapter provides; unknown adapters are
// taken to provide everything, so nothing is hidden by mistake.
func capabilities(m map[string]adapters.Capabilities, adapter string) adapters.Capabilities {
	if c, ok := m[adapter]; ok {
		return c
	}
	return adapters.Capabilities{Status: true, Components: true, Maintenance: true, Timeline: true}
}

// crowArgs is what one line of the components list shows.
type crowArgs struct {
	Row   componentRow
	Known bool
	// Group is true for a group's line, a <summary>.
	Group bool
}

// followLinks are a provider's feeds, JSON and badge, for its page.
type followLinks struct {
	Alternates []alternate
	Updates    []alternate
	JSON       string
	History    string
	Badge      string
	BadgeJSON  string
	BadgeAbs   string
	PageAbs    string
	// Status is status.json, where the time of the last check is.
	Status string
	// Calendar is the maintenance calendar (.ics) and Webcal the same
	// calendar as a webcal:// subscription link (a scheme html/template
	// would otherwise refuse; it is built from the checked base URL).
	Calendar string
	Webcal   template.URL
	// FeedAbs is the absolute URL of the RSS incidents feed, for chat apps.
	FeedAbs string
	// Watch adds the provider to the reader's watch list (watch.js reads
	// "add"); without JavaScript the page it leads to explains the list.
	Watch string
}

func (b *builder) follow(v *providerView) followLinks {
	slug := v.Slug
	f := followLinks{
		Alternates: b.feedAlternates(v.Name+" incidents", func(f paths.Format) string { return paths.ProviderFeed(slug, f) }),
		Updates:    b.feedAlternates(v.Name+" incident updates", func(f paths.Format) string { return paths.UpdatesFeed(slug, f) }),
		JSON:       b.u.Path(paths.ProviderJSON(slug)),
		History:    b.u.Path(paths.IncidentsJSON(slug)),
		Badge:      b.u.Path(paths.BadgeSVG(slug)),
		BadgeJSON:  b.u.Path(paths.BadgeJSON(slug)),
		BadgeAbs:   b.u.Abs(paths.BadgeSVG(slug)),
		PageAbs:    b.u.Abs(paths.ProviderPage(slug)),
		Status:     b.u.Path(paths.StatusJSON()),
		Calendar:   b.u.Path(paths.ProviderCalendar(slug)),
		Webcal:     template.URL(b.u.Webcal(paths.ProviderCalendar(slug))),
		FeedAbs:    b.u.Abs(paths.ProviderFeed(slug, paths.RSS)),
		Watch:      b.u.Path(paths.WatchPage()) + "?" + url.Values{"add": {slug}}.Encode(),
	}
	f.Alternates = append(f.Alternates, alternate{Type: "application/json", Title: v.Name + " status (JSON)", URL: f.JSON})
	return f
}
