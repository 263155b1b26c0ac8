package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"strconv"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/all"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/paths"
)

// common holds the flags every command shares.
type common struct {
	content, data, out string
	cache              string
	now                string
	verbose            bool
}

func (c *common) addContent(fs *flag.FlagSet) {
	fs.StringVar(&c.content, "content", "content", "catalogue folder (providers/*.yaml, categories.yaml)")
}

func (c *common) addData(fs *flag.FlagSet) {
	fs.StringVar(&c.data, "data", "data", "history folder, one sub-folder per provider")
}

func (c *common) addCache(fs *flag.FlagSet) {
	fs.StringVar(&c.cache, "cache", ".cache/uptimus", "run-by-run state (when each provider was last checked, HTTP validators, what the last build published), kept out of --data")
}

func (c *common) addOut(fs *flag.FlagSet) {
	fs.StringVar(&c.out, "out", "public", "folder the site is written to")
}

// addBaseURL registers --base-url, stored in p: the build links its pages
// under it and notify links them in messages, so both take it alike.
func addBaseURL(fs interface {
	StringVar(*string, string, string, string)
}, p *string) {
	fs.StringVar(p, "base-url", paths.DefaultBaseURL, "absolute URL the site is served from (canonical links, sitemap, feeds, links in alerts)")
}

func (c *common) addNow(fs *flag.FlagSet) {
	fs.StringVar(&c.now, "now", "", "the clock, as RFC 3339 (default: $SOURCE_DATE_EPOCH if set, else the current time)")
	fs.BoolVar(&c.verbose, "v", false, "verbose logging")
}

// clock returns the time every output of this run is stamped with: --now,
// then SOURCE_DATE_EPOCH (reproducible builds), then the wall clock. It is
// read once, so a run is consistent with itself.
func (c *common) clock(e *env) (func() time.Time, error) {
	t, err := c.fixedTime(e)
	if err != nil {
		return nil, err
	}
	if t.IsZero() {
		return func() time.Time { return time.Now().UTC() }, nil
	}
	return func() time.Time { return t }, nil
}

func (c *common) fixedTime(e *env) (time.Time, error) {
	if c.now != "" {
		t, err := time.Parse(time.RFC3339, c.now)
		if err != nil {
			return time.Time{}, usageError{fmt.Sprintf("--now %q: want RFC 3339, e.g. 2026-11-25T12:00:00Z", c.now)}
		}
		return t.UTC(), nil
	}
	if s := e.getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, usageError{fmt.Sprintf("SOURCE_DATE_EPOCH %q: want seconds since 1970", s)}
		}
		return time.Unix(sec, 0).UTC(), nil
	}
	return time.Time{}, nil
}

func (c *common) logger(e *env) *slog.Logger {
	level := slog.LevelInfo
	if c.verbose {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))
}

// registry is the one place the CLI learns which adapters exist.
func registry() *adapters.Registry { return all.Registry() }

// hosting is where the registry's vendors host pages, as the catalogue
// reads it.
func hosting() catalog.Hosting { return catalog.Hosting(registry().Hosting()) }

// loadCatalog reads and validates the catalogue under c.content.
func (c *common) loadCatalog() (*catalog.Catalog, error) {
	if _, err := os.Stat(c.content); err != nil {
		return nil, fmt.Errorf("catalogue folder: %w", err)
	}
	return catalog.Load(os.DirFS(c.content), registry().Names(), catalog.LoadOptions{Root: c.content, Hosting: hosting()})
}

// printCatalogErrors prints each problem of a catalogue that did not load,
// one file:line message a line, and returns how many there were.
func printCatalogErrors(e *env, err error) int {
	var list catalog.Errors
	if !errors.As(err, &list) {
		return 0
	}
	for _, le := range list {
		fmt.Fprintln(e.stderr, le)
	}
	return len(list)
}

// checkReplayDir refuses a --replay folder that is not there: every
// request would get 404, and every provider would fail and back off.
func checkReplayDir(dir string) error {
	if dir == "" {
		return nil
	}
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return usageError{fmt.Sprintf("--replay %s: no such folder (want recorded responses as DIR/<host>/<path>, as --record writes them)", dir)}
	case err != nil:
		return usageError{fmt.Sprintf("--replay: %v", err)}
	case !fi.IsDir():
		return usageError{fmt.Sprintf("--replay %s: not a folder", dir)}
	}
	return nil
}

// isSet reports whether the flag name was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
