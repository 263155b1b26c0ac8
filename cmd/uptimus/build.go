package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sync/atomic"
	"time"

	"github.com/uptimus/uptimus/generator/api"
	"github.com/uptimus/uptimus/generator/badge"
	"github.com/uptimus/uptimus/generator/buildcache"
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
	baseURL    string
	stats      bool
	cpuProfile string
}

func (b *buildFlags) add(fs interface {
	StringVar(*string, string, string, string)
	BoolVar(*bool, string, bool, string)
}) {
	fs.StringVar(&b.baseURL, "base-url", "https://uptimus.github.io", "absolute URL the site is served from (canonical links, sitemap, feeds)")
	fs.BoolVar(&b.stats, "stats", false, "also print the build's wall time, files per second and peak memory")
	fs.StringVar(&b.cpuProfile, "cpuprofile", "", "write a CPU profile of the build to this file (go tool pprof reads it)")
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
	start := time.Now()
	if b.cpuProfile != "" {
		stop, err := startCPUProfile(b.cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
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
	manifest := buildcache.Path(b.cache, b.out)
	prev, err := buildcache.Start(manifest, b.out)
	if err != nil {
		return err
	}
	pub := publish.New(b.out)
	job := &renderJob{cat: cat, data: os.DirFS(b.data), checks: checks, now: now(), baseURL: b.baseURL,
		prev: prev, program: buildcache.Executable()}
	loadErr, err := job.render(pub)
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
	if err := prev.Save(manifest, pub.Seen()); err != nil {
		return err
	}
	written, unchanged := pub.Counts()
	fmt.Fprintf(e.stdout, "built %s: %d files, %d written, %d unchanged, %d removed; %d of %d providers unchanged since the last build\n",
		b.out, written+unchanged, written, unchanged, len(removed), job.reused.Load(), len(cat.Providers))
	if b.stats {
		took := time.Since(start)
		fmt.Fprintf(e.stdout, "took %.1f s, %.0f files/s, peak memory %s\n",
			took.Seconds(), float64(written+unchanged)/took.Seconds(), peakMemory())
	}
	return nil
}

// renderJob is one build's inputs.
type renderJob struct {
	cat     *catalog.Catalog
	data    fs.FS
	checks  map[string]fetch.Check
	now     time.Time
	baseURL string
	// prev says which providers' incident-level files the last build of
	// this output folder published, and from which inputs; program sums
	// the running binary (see buildcache).
	prev    *buildcache.Manifest
	program string
	// reused counts the providers whose incident-level files were kept.
	reused atomic.Int64
}

// render publishes everything the site serves: pages, feeds, the JSON API
// and badges, all from the same catalogue, history and clock. It holds one
// provider's history per worker at a time, not the whole data folder: each
// is loaded once, everything made of it alone is rendered (or, when its
// inputs are those of the last build, only what changes with the clock: its
// JSON and badges), and what its own page and the pages about many
// providers show is kept for the end, when every provider's page can name
// its related providers. A history that cannot be read is reported in
// missing, and its provider is shown without data.
func (j *renderJob) render(pub *publish.Publisher) (missing, err error) {
	caps := registry().Capabilities()
	sb, err := site.New(site.Options{Catalog: j.cat, Checks: j.checks, Now: j.now, BaseURL: j.baseURL, Capabilities: caps}, pub)
	if err != nil {
		return nil, err
	}
	fb, err := feeds.New(feeds.Options{Catalog: j.cat, Now: j.now, BaseURL: j.baseURL}, pub)
	if err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	ab, err := api.New(api.Options{Catalog: j.cat, Now: j.now, BaseURL: j.baseURL, Capabilities: caps, Checks: j.checks}, pub)
	if err != nil {
		return nil, fmt.Errorf("api: %w", err)
	}
	provs := j.cat.Providers
	loadErrs := make([]error, len(provs))
	load := func(i int) *history.History {
		h, err := history.Load(j.data, provs[i].Slug)
		if err != nil {
			loadErrs[i] = err
			return nil
		}
		return h
	}
	err = pool.Each(len(provs), 0, func(i int) error {
		p, h := &provs[i], load(i)
		reuse := j.reuse(pub, p, h)
		return errors.Join(sb.Provider(p, h, reuse), fb.Provider(p, h, reuse), ab.Provider(p, h, reuse), badge.Provider(pub, p, h))
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

// reuse reports whether the last build published p's incident-level files
// from the inputs p has now, and they are all still there (then they count
// as published by this build).
func (j *renderJob) reuse(pub *publish.Publisher, p *catalog.Provider, h *history.History) bool {
	files, ok := j.prev.Reusable(p.Slug, j.key(p, h))
	if ok && pub.Keep(files) {
		j.reused.Add(1)
		return true
	}
	return false
}

// key sums what p's incident pages, archive, feeds and history JSON are made
// of; "" when there is nothing to sum (no history) or it cannot be read.
func (j *renderJob) key(p *catalog.Provider, h *history.History) string {
	if h == nil || j.program == "" {
		return ""
	}
	files, err := buildcache.Files(j.data, p.Slug)
	if err != nil {
		return ""
	}
	entry, _ := json.Marshal(p)
	c, _ := j.cat.Category(p.Category)
	category, _ := json.Marshal(c)
	// The clock matters only through where each entry stands: ongoing,
	// stale, upcoming, in progress or over.
	var phases bytes.Buffer
	for i := range h.Incidents {
		fmt.Fprintf(&phases, "%s\x00%s\x00", h.Incidents[i].ID, feeds.PhaseOf(&h.Incidents[i], j.now))
	}
	return buildcache.Key([]byte(j.program), []byte(j.baseURL), entry, category, files, phases.Bytes())
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

// startCPUProfile profiles the process into path until stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile %s: %w", path, err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
