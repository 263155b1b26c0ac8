package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/fetch"
)

// fetchFlags are the flags of fetch and run.
type fetchFlags struct {
	common
	workers        int
	timeout        time.Duration
	record, replay string
	strict         bool
	message        string
	retries        int
	perHost        int
	shard          string
}

func (f *fetchFlags) add(fs interface {
	IntVar(*int, string, int, string)
	DurationVar(*time.Duration, string, time.Duration, string)
	StringVar(*string, string, string, string)
	BoolVar(*bool, string, bool, string)
}) {
	fs.IntVar(&f.workers, "workers", fetch.DefaultWorkers, "providers fetched at once")
	fs.DurationVar(&f.timeout, "timeout", 20*time.Second, "timeout of each HTTP request")
	fs.IntVar(&f.retries, "retries", fetch.DefaultRetries, "retries of a request that timed out, failed to connect, or got 5xx or 429 (with backoff and jitter, honouring Retry-After; 0: none)")
	fs.StringVar(&f.shard, "shard", "", "fetch only shard `K/N` of the catalogue (a stable share by slug), for parallel jobs")
	fs.IntVar(&f.perHost, "per-host", fetch.DefaultPerHost, "requests in flight to one host at most")
	fs.StringVar(&f.record, "record", "", "save every raw response as DIR/<host>/<path> (query dropped)")
	fs.StringVar(&f.replay, "replay", "", "answer every request from DIR/<host>/<path> instead of the network (missing file: 404)")
	fs.BoolVar(&f.strict, "strict", false, "exit non-zero when any provider failed (default: only when all failed)")
	fs.StringVar(&f.message, "message", "", "write a one-line commit message saying what changed to `FILE` (empty when nothing changed)")
}

const fetchAbout = `Fetches the official status page of every provider (or only the named
ones), merges what it finds into the history under --data, and prints a
summary table. A failing provider keeps its history and never stops the
others. Exits non-zero only when every provider failed, or on any failure
with --strict.`

func runFetch(ctx context.Context, e *env, args []string) error {
	var f fetchFlags
	fs := newFlags(e, "fetch", "[slug...]", fetchAbout)
	f.addContent(fs)
	f.addData(fs)
	f.addNow(fs)
	f.addCache(fs)
	f.add(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	return f.fetch(ctx, e, fs.Args())
}

func (f *fetchFlags) fetch(ctx context.Context, e *env, slugs []string) error {
	if f.record != "" && f.replay != "" {
		return usageError{"--record and --replay cannot be used together"}
	}
	now, err := f.clock(e)
	if err != nil {
		return err
	}
	cat, err := f.loadCatalog()
	if err != nil {
		return err
	}
	providers, err := pick(cat, slugs)
	if err != nil {
		return err
	}
	if f.shard != "" {
		k, n, err := parseShard(f.shard)
		if err != nil {
			return err
		}
		providers = shard(providers, k, n)
	}
	fetcher := f.fetcher()
	if f.record == "" && f.replay == "" {
		// Conditional requests only live: a recording must hold every body,
		// and a replay must not depend on what earlier runs cached.
		if fetcher.Cache, err = fetch.OpenHTTPCache(filepath.Join(f.cache, "http")); err != nil {
			return err
		}
	}
	opt := fetch.Options{
		Registry: registry(),
		Fetcher:  fetcher,
		DataDir:  f.data,
		Now:      now,
		Workers:  f.workers,
		Log:      f.logger(e),
	}
	if e.isTerminal {
		opt.Progress = e.stderr
	}
	report := fetch.Run(ctx, opt, providers)
	report.WriteTable(e.stdout)
	if fetcher.Cache != nil {
		if err := fetcher.Cache.Save(); err != nil {
			return fmt.Errorf("save the HTTP cache in %s: %w", f.cache, err)
		}
	}
	if err := fetch.RecordChecks(filepath.Join(f.cache, fetch.ChecksFile), report, now()); err != nil {
		return fmt.Errorf("record checks in %s: %w", f.cache, err)
	}
	if f.message != "" {
		if err := os.WriteFile(f.message, []byte(fetch.CommitMessage(report)), 0o644); err != nil {
			return err
		}
	}
	switch {
	case report.AllFailed():
		return errors.New("every provider failed")
	case f.strict && report.Failed() > 0:
		return fmt.Errorf("%d provider(s) failed (--strict)", report.Failed())
	}
	return nil
}

// fetcher builds the HTTP fetcher, recording or replaying when asked.
func (f *fetchFlags) fetcher() *fetch.HTTPFetcher {
	// Live requests go through the guard: only public addresses, port 443.
	var rt http.RoundTripper = fetch.NewTransport(nil)
	switch {
	case f.replay != "":
		rt = fetch.Replay(f.replay)
	case f.record != "":
		rt = fetch.Record(f.record, rt)
	}
	retries := f.retries
	if retries == 0 {
		retries = -1 // the fetcher reads 0 as "default"; the flag means none
	}
	return &fetch.HTTPFetcher{Client: fetch.NewClient(rt), Timeout: f.timeout, Retries: retries, PerHost: f.perHost}
}

// pick returns the named providers in catalogue order, or all of them.
func pick(cat *catalog.Catalog, slugs []string) ([]catalog.Provider, error) {
	if len(slugs) == 0 {
		return cat.Providers, nil
	}
	want := map[string]bool{}
	for _, s := range slugs {
		if _, ok := cat.Provider(s); !ok {
			return nil, usageError{fmt.Sprintf("no provider %q in the catalogue", s)}
		}
		want[s] = true
	}
	var out []catalog.Provider
	for _, p := range cat.Providers {
		if want[p.Slug] {
			out = append(out, p)
		}
	}
	return out, nil
}
