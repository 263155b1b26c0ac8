package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/uptimus/uptimus/generator/api"
	"github.com/uptimus/uptimus/generator/badge"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/feeds"
	"github.com/uptimus/uptimus/generator/fetch"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/publish"
	"github.com/uptimus/uptimus/generator/site"
)

type buildFlags struct {
	common
	baseURL string
}

func (b *buildFlags) add(fs interface {
	StringVar(*string, string, string, string)
}) {
	fs.StringVar(&b.baseURL, "base-url", "https://uptimus.github.io", "absolute URL the site is served from (canonical links, sitemap, feeds)")
}

const buildAbout = `Renders content/ and data/ into the static site under --out. It needs no
network. Files whose bytes did not change are not rewritten, and files no
longer produced are removed.`

func runBuild(ctx context.Context, e *env, args []string) error {
	var b buildFlags
	fs := newFlags(e, "build", "", buildAbout)
	b.addContent(fs)
	b.addData(fs)
	b.addOut(fs)
	b.addNow(fs)
	b.addCache(fs)
	b.add(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	return b.build(e)
}

func (b *buildFlags) build(e *env) error {
	now, err := b.clock(e)
	if err != nil {
		return err
	}
	cat, err := b.loadCatalog()
	if err != nil {
		return err
	}
	hists, loadErr := loadHistories(cat, b.data)
	checks, err := fetch.LoadChecks(filepath.Join(b.cache, fetch.ChecksFile))
	if err != nil {
		return err
	}
	pub := publish.New(b.out)
	if err := render(pub, cat, hists, checks, now(), b.baseURL); err != nil {
		return err
	}
	if loadErr != nil {
		// A provider whose history cannot be read keeps its old pages:
		// pruning now would take them down for a data problem.
		return fmt.Errorf("built without some providers' history:\n%w", loadErr)
	}
	removed, err := pub.Prune()
	if err != nil {
		return err
	}
	written, unchanged := pub.Counts()
	fmt.Fprintf(e.stdout, "built %s: %d files, %d written, %d unchanged, %d removed\n",
		b.out, written+unchanged, written, unchanged, len(removed))
	return nil
}

// render publishes everything the site serves: pages, feeds, the JSON API
// and badges, all from the same catalogue, history and clock.
func render(pub *publish.Publisher, cat *catalog.Catalog, hists map[string]*history.History, checks map[string]fetch.Check, now time.Time, baseURL string) error {
	if _, err := site.Build(site.Options{Catalog: cat, Histories: hists, Checks: checks, Now: now, BaseURL: baseURL, Capabilities: registry().Capabilities()}, pub); err != nil {
		return err
	}
	if err := feeds.Build(feeds.Options{Catalog: cat, Histories: hists, Now: now, BaseURL: baseURL}, pub); err != nil {
		return fmt.Errorf("feeds: %w", err)
	}
	if err := api.Build(api.Options{Catalog: cat, Histories: hists, Now: now, BaseURL: baseURL, Capabilities: registry().Capabilities(), Checks: checks}, pub); err != nil {
		return fmt.Errorf("api: %w", err)
	}
	if err := badge.Build(badge.Options{Catalog: cat, Histories: hists, Now: now, BaseURL: baseURL}, pub); err != nil {
		return fmt.Errorf("badges: %w", err)
	}
	return nil
}

// loadHistories reads every provider's history; one that cannot be read is
// left out and named in the joined error, and the others still load.
func loadHistories(cat *catalog.Catalog, dir string) (map[string]*history.History, error) {
	fsys := os.DirFS(dir)
	out := make(map[string]*history.History, len(cat.Providers))
	var errs []error
	for _, p := range cat.Providers {
		h, err := history.Load(fsys, p.Slug)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out[p.Slug] = h
	}
	return out, errors.Join(errs...)
}

func runRun(ctx context.Context, e *env, args []string) error {
	var f fetchFlags
	var b buildFlags
	fs := newFlags(e, "run", "[slug...]", "Fetches (see 'uptimus fetch -h'), then builds (see 'uptimus build -h').")
	f.addContent(fs)
	f.addData(fs)
	f.addOut(fs)
	f.addNow(fs)
	f.addCache(fs)
	f.add(fs)
	b.add(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := f.fetch(ctx, e, fs.Args()); err != nil {
		return err
	}
	b.common = f.common
	return b.build(e)
}
