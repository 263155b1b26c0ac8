package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/uptimus/uptimus/generator/buildcache"
	"github.com/uptimus/uptimus/generator/fetch"
	"github.com/uptimus/uptimus/generator/paths"
	"github.com/uptimus/uptimus/generator/publish"
	"github.com/uptimus/uptimus/internal/atomicfile"
)

type buildFlags struct {
	common
	baseURL    string
	stats      bool
	cpuProfile string
	sizeLimit  sizeFlag
	fileLimit  countFlag
	hub        string
	changed    string
}

func (b *buildFlags) add(fs interface {
	StringVar(*string, string, string, string)
	BoolVar(*bool, string, bool, string)
	Var(flag.Value, string, string)
}) {
	addBaseURL(fs, &b.baseURL)
	fs.BoolVar(&b.stats, "stats", false, "also print the build's wall time, files per second and peak memory")
	fs.StringVar(&b.cpuProfile, "cpuprofile", "", "write a CPU profile of the build to this file (go tool pprof reads it)")
	b.sizeLimit = sizeFlag{text: "1GB", bytes: 1e9}
	fs.Var(&b.sizeLimit, "size-limit", "warn when the site nears or passes this `size`, such as 1GB or 500MB (GitHub Pages refuses sites over 1 GB; 0 for none)")
	fs.Var(&b.fileLimit, "file-limit", "warn when the site nears or passes this many `files` (Cloudflare Pages: 20000 free, 100000 paid; 0 for none)")
	fs.StringVar(&b.hub, "hub", "", "URL of a WebSub hub that every feed names (link rel=\"hub\", JSON Feed hubs); none when empty")
	fs.StringVar(&b.changed, "changed", "", "write the absolute URLs of the feeds whose bytes changed since the last build with this --cache (all, the first time), one a line, to this file (for uptimus ping-hub); the record is "+feedSumsFile+" in --cache")
}

const buildAbout = `Renders content/ and data/ into the static site under --out. It needs no
network. Files whose bytes did not change are not rewritten, and files no
longer produced are removed. A provider whose history, catalogue entry and
clock-dependent state are as in the last build into the same --out keeps
its incident pages, feeds and history JSON without rendering them again
(the record is in --cache).`

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
	job := &renderJob{cat: cat, data: os.DirFS(b.data), checks: checks, now: now(), baseURL: b.baseURL, hub: b.hub,
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
	if b.changed != "" {
		changed, err := changedFeeds(b.out, b.cache, pub.Seen())
		if err != nil {
			return fmt.Errorf("--changed: %w", err)
		}
		if err := writeChangedFeeds(b.changed, b.baseURL, changed); err != nil {
			return err
		}
	}
	written, unchanged := pub.Counts()
	fmt.Fprintf(e.stdout, "built %s: %d files, %d written, %d unchanged, %d removed; %d of %d providers unchanged since the last build\n",
		b.out, written+unchanged, written, unchanged, len(removed), job.reused.Load(), len(cat.Providers))
	tally := pub.Tally(paths.Kind)
	if b.stats {
		took := time.Since(start)
		fmt.Fprintf(e.stdout, "took %.1f s, %.0f files/s, peak memory %s\n",
			took.Seconds(), float64(written+unchanged)/took.Seconds(), peakMemory())
		printTally(e.stdout, tally)
	}
	warnBudget(e.stderr, tally[""], b.sizeLimit.bytes, int(b.fileLimit))
	return nil
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
	slugs, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if err := f.checkReplay(fs); err != nil {
		return err
	}
	if err := f.fetch(ctx, e, slugs); err != nil {
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

// writeChangedFeeds writes to file the absolute URLs of the changed feeds
// (site-relative paths, sorted), one a line: the topics a WebSub hub is to
// be told about. An empty file says none changed.
func writeChangedFeeds(file, baseURL string, changed []string) error {
	l, err := paths.NewLinks(baseURL)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	for _, rel := range changed {
		buf.WriteString(l.Abs("/"+rel) + "\n")
	}
	if err := atomicfile.Write(file, buf.Bytes()); err != nil {
		return fmt.Errorf("--changed: %w", err)
	}
	return nil
}
