// Package feeds owns the RSS 2.0, Atom 1.0 and JSON Feed 1.1 feeds of the
// site, and the URL layout (Links) that feeds, the JSON API and the pages
// share:
//
//	/feed.{rss,atom,json}                          every provider
//	/category/<cat>/feed.{rss,atom,json}           one category
//	/status/<slug>/feed.{rss,atom,json}            one provider
//	/status/<slug>/updates.{rss,atom,json}         one item per update
//	/status/<slug>/components/<seg>/feed.{...}     incidents of one component
//
// An item is an incident or a maintenance window (or, in updates feeds, one
// update of one), with a stable tag URI id (see TagPrefix), its last
// activity as updated time, its whole timeline as escaped HTML and a link to
// its page. Every feed holds its newest MaxItems entries.
//
// Output is a pure function of the catalogue, the histories and Now, which
// only decides whether an unclosed entry counts as ongoing or stale (as on
// the pages); no build time is ever written.
package feeds

import (
	"errors"
	"fmt"
	"time"

	"github.com/uptimus/uptimus/generator/paths"

	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/publish"
	"github.com/uptimus/uptimus/internal/pool"
)

// Options are the inputs of a build.
type Options struct {
	Catalog *catalog.Catalog
	// Histories by provider slug; a provider without one gets empty feeds.
	Histories map[string]*history.History
	// Now is the build's clock reading.
	Now time.Time
	// BaseURL is the absolute URL the site is served from (see NewLinks).
	BaseURL string
}

// providerEntries are one provider's entries, built once and shared by its
// own, its components', its category's and the global feeds.
type providerEntries struct {
	p       *catalog.Provider
	h       *history.History
	items   []*entry
	updates []*entry
}

// Build writes every feed through pub.
func Build(opt Options, pub *publish.Publisher) error {
	if opt.Catalog == nil {
		return errors.New("feeds: no catalogue")
	}
	l, err := NewLinks(opt.BaseURL)
	if err != nil {
		return fmt.Errorf("feeds: %w", err)
	}
	all := make([]*providerEntries, len(opt.Catalog.Providers))
	err = pool.Each(len(all), 0, func(i int) error {
		p := &opt.Catalog.Providers[i]
		if err := history.ValidSlug(p.Slug); err != nil {
			return fmt.Errorf("feeds: %w", err)
		}
		pe := &providerEntries{p: p, h: opt.Histories[p.Slug]}
		all[i] = pe
		if pe.h != nil {
			var err error
			if pe.items, pe.updates, err = incidentEntries(p, pe.h.Incidents, opt.Now, l); err != nil {
				return err
			}
		}
		return writeProvider(pe, pub, l)
	})
	if err != nil {
		return err
	}
	bySlug := make(map[string]*providerEntries, len(all))
	for _, pe := range all {
		bySlug[pe.p.Slug] = pe
	}
	for _, c := range opt.Catalog.Categories {
		if err := history.ValidSlug(c.Slug); err != nil {
			return fmt.Errorf("feeds: category: %w", err)
		}
		var members []*providerEntries
		for _, p := range opt.Catalog.InCategory(c.Slug) {
			members = append(members, bySlug[p.Slug])
		}
		f := collect(members)
		f.Title = c.Name + ": incidents and maintenance | Uptimus"
		f.Description = "Incidents and maintenance of the " + c.Name + " providers Uptimus follows, from their official status pages."
		f.Home = l.Abs(paths.CategoryPage(c.Slug))
		if err := f.write(pub, l, func(fm paths.Format) string { return paths.CategoryFeed(c.Slug, fm) }); err != nil {
			return err
		}
	}
	f := collect(all)
	f.Title = "Uptimus: incidents and maintenance of every provider"
	f.Description = "Incidents and maintenance of every provider Uptimus follows, from their official status pages."
	f.Home = l.Abs(paths.Home())
	return f.write(pub, l, paths.AllFeed)
}

// collect merges providers' entries into one feed's newest entries.
func collect(members []*providerEntries) *feed {
	var es []*entry
	var known time.Time
	for _, pe := range members {
		es = append(es, pe.items...)
		if pe.h != nil {
			known = latest(known, pe.h.State.FirstChecked)
		}
	}
	es = newestFirst(es)
	return &feed{Entries: es, Updated: feedUpdated(es, known)}
}

// feedUpdated is the newest entry's time; a feed without entries falls back
// to the first check of its providers, then to the Unix epoch.
func feedUpdated(es []*entry, fallback time.Time) time.Time {
	var t time.Time
	for _, e := range es {
		t = latest(t, e.Updated)
	}
	if t.IsZero() {
		t = fallback
	}
	if t.IsZero() {
		return epoch
	}
	return t.UTC()
}

func writeProvider(pe *providerEntries, pub *publish.Publisher, l Links) error {
	p := pe.p
	var first time.Time
	if pe.h != nil {
		first = pe.h.State.FirstChecked
	}
	items := newestFirst(pe.items)
	f := &feed{
		Title:       p.Name + " status: incidents and maintenance | Uptimus",
		Description: "Incidents and maintenance windows of " + p.Name + ", from its official status page.",
		Home:        l.Abs(paths.ProviderPage(p.Slug)),
		Entries:     items,
		Updated:     feedUpdated(items, first),
	}
	if err := f.write(pub, l, func(fm paths.Format) string { return paths.ProviderFeed(p.Slug, fm) }); err != nil {
		return err
	}
	ups := newestFirst(pe.updates)
	u := &feed{
		Title:       p.Name + " status updates | Uptimus",
		Description: "Every official update to " + p.Name + "'s incidents and maintenance windows, one item each.",
		Home:        l.Abs(paths.ProviderPage(p.Slug)),
		Entries:     ups,
		Updated:     feedUpdated(ups, first),
	}
	if err := u.write(pub, l, func(fm paths.Format) string { return paths.UpdatesFeed(p.Slug, fm) }); err != nil {
		return err
	}
	if pe.h == nil {
		return nil
	}
	return writeComponents(pe, pub, l)
}

// writeComponents writes one feed per component the provider has ever
// listed (removed ones too, so a subscription never breaks). A group's feed
// also holds the incidents of its children.
func writeComponents(pe *providerEntries, pub *publish.Publisher, l Links) error {
	p, comps := pe.p, pe.h.State.Components
	children := map[string][]string{}
	for _, c := range comps {
		if c.GroupID != "" {
			children[c.GroupID] = append(children[c.GroupID], c.ID)
		}
	}
	seen := map[string]string{}
	for _, c := range comps {
		if c.ID == "" {
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
		es = newestFirst(es)
		path := func(fm paths.Format) string {
			s, _ := paths.ComponentFeed(p.Slug, c.ID, fm)
			return s
		}
		if other, dup := seen[path(paths.RSS)]; dup {
			return fmt.Errorf("feeds: %s components %q and %q map to one feed", p.Slug, other, c.ID)
		}
		seen[path(paths.RSS)] = c.ID
		f := &feed{
			Title:       p.Name + " " + c.Name + ": incidents | Uptimus",
			Description: "Incidents and maintenance of " + p.Name + " that affected " + c.Name + ".",
			Home:        l.Abs(paths.ProviderPage(p.Slug)),
			Entries:     es,
			Updated:     feedUpdated(es, c.FirstSeen),
		}
		if err := f.write(pub, l, path); err != nil {
			return err
		}
	}
	return nil
}
