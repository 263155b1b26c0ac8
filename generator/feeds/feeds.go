// Package feeds owns the RSS 2.0, Atom 1.0 and JSON Feed 1.1 feeds of the
// site, published where package paths places them:
//
//	/feed.{rss,atom,json}                          every provider
//	/category/<cat>/feed.{rss,atom,json}           one category
//	/status/<slug>/feed.{rss,atom,json}            one provider
//	/status/<slug>/updates.{rss,atom,json}         one item per update
//	/status/<slug>/components/<seg>/feed.{...}     incidents of one component
//
// An item is an incident or a maintenance window (or, in updates feeds, one
// update of one, linking to that update's anchor on the incident page),
// with a stable tag URI id under the site's host (see paths.Links.Tag), its
// last activity as updated time, its facts and latest update as escaped HTML and
// a link to its page. Every feed holds its newest MaxItems entries, declares
// its language and its own URL, and every text in it passes model.Clean.
//
// Output is a pure function of the catalogue, the histories and Now. Now
// decides whether an unclosed entry counts as ongoing or stale (as on the
// pages); no build time is ever written, so a feed with nothing new keeps
// its bytes as the clock moves (see undatedFeeds), and --changed lists it
// only when something in it changed.
package feeds

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/uptimus/uptimus/adapters/vendortext"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/paths"

	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/publish"
)

// Options are the inputs of a build; histories come one provider at a
// time, to Builder.Provider.
type Options struct {
	Catalog *catalog.Catalog
	// Now is the build's clock reading.
	Now time.Time
	// BaseURL is the absolute URL the site is served from (see paths.NewLinks).
	BaseURL string
	// Hub is the URL of a WebSub hub that every feed names (RSS and Atom
	// with a link rel="hub", JSON Feed in "hubs"), or "" for none. The
	// publisher pings it with the feeds that changed (uptimus ping-hub).
	Hub string
}

// providerEntries are one provider's entries, built once and shared by its
// own, its components', its category's and the global feeds.
type providerEntries struct {
	p       *catalog.Provider
	h       *history.History
	items   []*entry
	updates []*entry
}

// Builder writes the feeds one provider at a time, keeping of each only the
// newest entries that the category and global feeds may need. Provider is
// safe for concurrent use; call Finish once, after every Provider.
type Builder struct {
	opt Options
	pub *publish.Publisher
	l   paths.Links
	md  *vendortext.Renderer

	// merged holds, for each category slug and for "" (everything), the
	// newest entries seen so far and the latest first check: the newest
	// MaxItems of a union are the newest of the newest of its parts, so
	// nothing else needs keeping, whatever order providers finish in.
	mu     sync.Mutex
	merged map[string]*merged
	// earliest is the earliest first check of any provider, and undated
	// the providers whose feeds wait for it (see undatedFeeds).
	earliest time.Time
	undated  []*providerEntries
}

type merged struct {
	items []*entry
	first time.Time
}

func (m *merged) add(items []*entry, first time.Time) {
	m.items = newestFirst(append(m.items, items...), MaxItems)
	m.first = model.Latest(m.first, first)
}

// New checks the options.
func New(opt Options, pub *publish.Publisher) (*Builder, error) {
	if opt.Catalog == nil {
		return nil, errors.New("feeds: no catalogue")
	}
	l, err := paths.NewLinks(opt.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	if err := CheckHub(opt.Hub); err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	m := map[string]*merged{"": {}}
	for _, c := range opt.Catalog.Categories {
		m[c.Slug] = &merged{}
	}
	return &Builder{opt: opt, pub: pub, l: l, md: vendortext.NewRenderer(), merged: m}, nil
}

// undatedFeeds is the date of a feed without entries and without a first
// check to date it by (an empty category, a provider whose first fetch
// failed): the earliest first check of any provider, when the site began
// to know anything. Atom requires <updated> and RSS readers sort by the
// channel's date; the Unix epoch that once stood there read as
// "Implausible date" to validators and as 1970 to people, and the build's
// day that followed rewrote thousands of feeds each day with nothing new
// in them, and listed them all for WebSub. The earliest first check is
// plausible and moves only if an earlier one appears. A build with no data
// at all has none: it falls back to the clock's UTC day.
func (b *Builder) undatedFeeds() time.Time {
	if !b.earliest.IsZero() {
		return b.earliest.UTC()
	}
	return b.opt.Now.UTC().Truncate(24 * time.Hour)
}

// Provider writes one provider's feeds (h may be nil: no data yet, and its
// feeds are empty). With reuse, the feeds the last build published are
// known to be current: they are not written again, but their entries still
// count for the merged feeds.
func (b *Builder) Provider(p *catalog.Provider, h *history.History, st model.State, reuse bool) error {
	if err := history.ValidSlug(p.Slug); err != nil {
		return fmt.Errorf("feeds: %w", err)
	}
	pe := &providerEntries{p: p, h: h}
	var first time.Time
	if h != nil {
		var err error
		if pe.items, pe.updates, err = entries(p, h.Incidents, &itemText{labels: model.ComponentLabels(h.State.Components), md: b.md, excerpts: st.Excerpts}, b.opt.Now, b.l, !reuse); err != nil {
			return err
		}
		first = h.State.FirstChecked
	}
	// Without a first check its feeds may have nothing to date them by:
	// Finish writes them, once every first check is known.
	wait := !reuse && first.IsZero()
	b.add(pe, first, wait)
	if wait {
		return nil
	}
	defer pe.forget()
	if reuse {
		return nil
	}
	return b.writeProvider(pe, time.Time{})
}

// forget lets go of the provider's excerpts once its own feeds are
// written or kept from the last build: the few entries the merged feeds
// keep must not keep every excerpt of every provider alive until Finish.
func (pe *providerEntries) forget() {
	for _, e := range slices.Concat(pe.items, pe.updates) {
		e.excerpts = nil
	}
}

// add counts p's newest entries and first check for the merged feeds, and
// keeps pe for Finish to write if wait.
func (b *Builder) add(pe *providerEntries, first time.Time, wait bool) {
	newest := newestFirst(pe.items, MaxItems)
	b.mu.Lock()
	defer b.mu.Unlock()
	if !first.IsZero() && (b.earliest.IsZero() || first.Before(b.earliest)) {
		b.earliest = first
	}
	if wait {
		b.undated = append(b.undated, pe)
	}
	for _, key := range []string{"", pe.p.Category} {
		if m := b.merged[key]; m != nil {
			m.add(newest, first)
		}
	}
}

// Finish writes the feeds of the providers without a first check, of each
// category and of everything.
func (b *Builder) Finish() error {
	undated := b.undatedFeeds()
	for _, pe := range b.undated {
		if err := b.writeProvider(pe, undated); err != nil {
			return err
		}
	}
	for _, c := range b.opt.Catalog.Categories {
		if err := history.ValidSlug(c.Slug); err != nil {
			return fmt.Errorf("feeds: category: %w", err)
		}
		f := b.merged[c.Slug].feed(undated)
		f.Title = c.Name + ": incidents and maintenance | Uptimus"
		f.Description = "Incidents and maintenance of the " + c.Name + " providers Uptimus follows, from their official status pages."
		f.Home = b.l.Abs(paths.CategoryPage(c.Slug))
		if err := b.write(f, func(fm paths.Format) string { return paths.CategoryFeed(c.Slug, fm) }); err != nil {
			return err
		}
	}
	f := b.merged[""].feed(undated)
	f.Title = "Uptimus: incidents and maintenance of every provider"
	f.Description = "Incidents and maintenance of every provider Uptimus follows, from their official status pages."
	f.Home = b.l.Abs(paths.Home())
	return b.write(f, paths.AllFeed)
}

// feed is a merged feed without its title, description and home.
func (m *merged) feed(undated time.Time) *feed {
	return &feed{Entries: m.items, Updated: feedUpdated(m.items, m.first, undated)}
}

// feedUpdated is the newest entry's time; a feed without entries falls back
// to the first of fallbacks that is known (the first check of what the feed
// is about, then the date of undated feeds).
func feedUpdated(es []*entry, fallbacks ...time.Time) time.Time {
	var t time.Time
	for _, e := range es {
		t = model.Latest(t, e.Updated)
	}
	for _, f := range fallbacks {
		if !t.IsZero() {
			break
		}
		t = f
	}
	return t.UTC()
}

// writeProvider writes p's feeds; undated dates those that nothing else
// dates (see undatedFeeds), and is only read when p has no first check.
func (b *Builder) writeProvider(pe *providerEntries, undated time.Time) error {
	p := pe.p
	var first time.Time
	if pe.h != nil {
		first = pe.h.State.FirstChecked
	}
	items := newestFirst(pe.items, ProviderItems)
	f := b.providerFeed(p, p.Name+" status: incidents and maintenance | Uptimus",
		"Incidents and maintenance windows of "+p.Name+", from its official status page.", items, first, undated)
	if err := b.write(f, func(fm paths.Format) string { return paths.ProviderFeed(p.Slug, fm) }); err != nil {
		return err
	}
	ups := newestFirst(pe.updates, ProviderItems)
	u := b.providerFeed(p, p.Name+" status updates | Uptimus",
		"Every official update to "+p.Name+"'s incidents and maintenance windows, one item each.", ups, first, undated)
	if err := b.write(u, func(fm paths.Format) string { return paths.UpdatesFeed(p.Slug, fm) }); err != nil {
		return err
	}
	if pe.h == nil {
		return nil
	}
	return b.writeComponents(pe, first, undated)
}

// providerFeed is one of p's feeds: its home is p's page, and it was last
// updated by its newest entry, else at the first of fallbacks that is known.
func (b *Builder) providerFeed(p *catalog.Provider, title, desc string, es []*entry, fallbacks ...time.Time) *feed {
	return &feed{
		Title:       title,
		Description: desc,
		Home:        b.l.Abs(paths.ProviderPage(p.Slug)),
		Entries:     es,
		Updated:     feedUpdated(es, fallbacks...),
	}
}

// write writes f in every format its path gives one for.
func (b *Builder) write(f *feed, path func(paths.Format) string) error {
	return f.write(b.pub, b.l, b.opt.Hub, path)
}

// writeComponents writes one brief RSS feed per component that ever had an
// incident (removed ones too, so a subscription never breaks); see
// model.ComponentFeeds. A group's feed also holds the incidents of its
// children. Per-component feeds were most of a site's bytes: one format,
// items that summarise and link to the incident page, and no empty feeds
// for the many components that never had an incident keep them light.
func (b *Builder) writeComponents(pe *providerEntries, first, undated time.Time) error {
	p, comps := pe.p, pe.h.State.Components
	children := map[string][]string{}
	for _, c := range comps {
		if c.GroupID != "" {
			children[c.GroupID] = append(children[c.GroupID], c.ID)
		}
	}
	labels := model.ComponentLabels(comps)
	feeds := model.ComponentFeeds(pe.h)
	seen := map[string]string{}
	for _, c := range comps {
		if !feeds[c.ID] {
			continue
		}
		keys := append([]string{c.ID, "name:" + c.Name}, children[c.ID]...)
		var es []*entry
		for _, e := range pe.items {
			for _, k := range keys {
				if e.components[k] {
					es = append(es, e)
					break
				}
			}
		}
		es = newestFirst(es, ProviderItems)
		path := func(fm paths.Format) string {
			s, _ := paths.ComponentFeed(p.Slug, c.ID, fm)
			return s
		}
		if other, dup := seen[path(paths.RSS)]; dup {
			return fmt.Errorf("feeds: %s components %q and %q map to one feed", p.Slug, other, c.ID)
		}
		seen[path(paths.RSS)] = c.ID
		f := b.providerFeed(p, p.Name+" "+labels[c.ID]+": incidents | Uptimus",
			"Incidents and maintenance of "+p.Name+" that affected "+labels[c.ID]+".", es, c.FirstSeen, first, undated)
		f.Brief = true
		if err := b.write(f, path); err != nil {
			return err
		}
	}
	return nil
}

// CheckHub accepts "" (no hub) or an absolute http(s) URL without a
// fragment.
func CheckHub(hub string) error {
	if hub == "" {
		return nil
	}
	u, err := url.Parse(hub)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Fragment != "" {
		return fmt.Errorf("hub %q: want an absolute http(s) URL", hub)
	}
	return nil
}
