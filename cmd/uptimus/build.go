package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
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
	"github.com/uptimus/uptimus/internal/pool"
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
	checks, err := fetch.LoadChecks(filepath.Join(b.cache, fetch.ChecksFile))
	if err != nil {
		return err
	}
	pub := publish.New(b.out)
	loadErr, err := render(pub, cat, os.DirFS(b.data), checks, now(), b.baseURL)
	if err != nil {
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
// and badges, all from the same catalogue, history and clock. It holds one
// provider's history per worker at a time, not the whole data folder: a
// first pass takes from each what pages about many providers need, a second
// renders everything of each. A history that cannot be read is reported in
// missing, and its provider is shown without data.
func render(pub *publish.Publisher, cat *catalog.Catalog, data fs.FS, checks map[string]fetch.Check, now time.Time, baseURL string) (missing, err error) {
	caps := registry().Capabilities()
	sb, err := site.New(site.Options{Catalog: cat, Checks: checks, Now: now, BaseURL: baseURL, Capabilities: caps}, pub)
	if err != nil {
		return nil, err
	}
	fb, err := feeds.New(feeds.Options{Catalog: cat, Now: now, BaseURL: baseURL}, pub)
	if err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	ab, err := api.New(api.Options{Catalog: cat, Now: now, BaseURL: baseURL, Capabilities: caps, Checks: checks}, pub)
	if err != nil {
		return nil, fmt.Errorf("api: %w", err)
	}
	provs := cat.Providers
	loadErrs := make([]error, len(provs))
	load := func(i int) *history.History {
		h, err := history.Load(data, provs[i].Slug)
		if err != nil {
			loadErrs[i] = err
			return nil
		}
		return h
	}
	if err := pool.Each(len(provs), 0, func(i int) error { return sb.Card(&provs[i], load(i)) }); err != nil {
		return nil, err
	}
	err = pool.Each(len(provs), 0, func(i int) error {
		p, h := &provs[i], load(i)
		return errors.Join(sb.Provider(p, h), fb.Provider(p, h), ab.Provider(p, h), badge.Provider(pub, p, h))
	})
	if err != nil {
		return nil, err
	}
	if err := sb.Finish(); err != nil {
		return nil, err
	}
	if err := fb.Finish(); err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	if err := ab.Finish(); err != nil {
		return nil, fmt.Errorf("api: %w", err)
	}
	return errors.Join(loadErrs...), nil
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
