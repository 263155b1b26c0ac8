package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/fetch"
	"github.com/uptimus/uptimus/generator/handover"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/internal/dirlock"
)

// fetchFlags are the flags of fetch and run.
type fetchFlags struct {
	common
	workers        int
	timeout        time.Duration
	record, replay string
	strict         bool
	message        string
	summary        string
	retries        int
	perHost        int
	shard          string
	handover       string
	noBackoff      bool
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
	fs.StringVar(&f.handover, "handover", "", "after the fetch, copy the data/<slug>/ folders of this run's providers, its commit message and their checks into `DIR` (new or empty), for 'uptimus merge-shards'")
	fs.IntVar(&f.perHost, "per-host", fetch.DefaultPerHost, "requests in flight to one host at most")
	fs.StringVar(&f.record, "record", "", "save every raw response as DIR/<host>/<path> (query dropped)")
	fs.StringVar(&f.replay, "replay", "", "answer every request from DIR/<host>/<path> instead of the network (missing file: 404); needs an explicit --data, a scratch folder")
	fs.BoolVar(&f.noBackoff, "no-backoff", false, "fetch providers that keep failing even when their backoff says to wait (providers named on the command line always are)")
	fs.BoolVar(&f.strict, "strict", false, "exit non-zero when any provider failed (default: only when all failed)")
	fs.StringVar(&f.summary, "summary", "", "append the run's totals and its failing and backing-off providers, as Markdown, to `FILE` (for $GITHUB_STEP_SUMMARY)")
	fs.StringVar(&f.message, "message", "", "write a one-line commit message saying what changed to `FILE` (empty when nothing changed)")
}

const fetchAbout = `Fetches the official status page of every provider (or only the named
ones), merges what it finds into the history under --data, and prints a
summary table. A failing provider keeps its history and never stops the
others; one that failed 3 times in a row is tried less and less often,
down to once a day, until it answers (see --no-backoff). An entry with
"adapter: auto" has its vendor detected and kept in the cache. Exits
non-zero only when every provider it fetched failed, or on any failure
with --strict.`

func runFetch(ctx context.Context, e *env, args []string) error {
	var f fetchFlags
	fs := newFlags(e, "fetch", "[slug...]", fetchAbout)
	f.addContent(fs)
	f.addData(fs)
	f.addNow(fs)
	f.addCache(fs)
	f.add(fs)
	slugs, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if err := f.checkReplay(fs); err != nil {
		return err
	}
	return f.fetch(ctx, e, slugs)
}

// checkReplay refuses --replay without an explicit --data: replayed
// responses are not what the real pages said, and data/, the default,
// holds only that. It also refuses a replay folder that is not there.
func (f *fetchFlags) checkReplay(fs *flag.FlagSet) error {
	if f.replay == "" {
		return nil
	}
	if !isSet(fs, "data") {
		return usageError{"--replay needs --data DIR: replayed responses are not what the real pages said, and data/ holds only that; " +
			"pass scratch folders, e.g. --data /tmp/uptimus/data --cache /tmp/uptimus/cache"}
	}
	return checkReplayDir(f.replay)
}

func (f *fetchFlags) fetch(ctx context.Context, e *env, slugs []string) error {
	if f.record != "" && f.replay != "" {
		return usageError{"--record and --replay cannot be used together"}
	}
	now, err := f.clock(e)
	if err != nil {
		return err
	}
	providers, err := f.providers(slugs)
	if err != nil {
		return err
	}
	if f.handover != "" {
		if err := handover.Prepare(f.handover); err != nil {
			return err
		}
	}
	unlock, err := lockData(e, f.data)
	if err != nil {
		return err
	}
	defer unlock()
	fetcher, err := f.fetcher(e, now)
	if err != nil {
		return err
	}
	opt := f.options(e, fetcher, now)
	opt.IgnoreBackoff = f.noBackoff || len(slugs) > 0
	report := fetch.Run(ctx, opt, providers)
	report.WriteTable(e.stdout)
	if err := f.finish(fetcher, report, now(), providers); err != nil {
		return err
	}
	if stopped := report.Stopped(); stopped > 0 {
		// A stop is no success: the job must not commit and deploy as
		// if every page had been read.
		return fmt.Errorf("stopped (%v) before %d provider(s) were fetched; none is recorded as failing", context.Cause(ctx), stopped)
	}
	switch {
	case report.AllFailed():
		return errors.New("every provider failed")
	case f.strict && report.Failed() > 0:
		return fmt.Errorf("%d provider(s) failed (--strict)", report.Failed())
	}
	return nil
}

func (f *fetchFlags) options(e *env, fetcher *fetch.HTTPFetcher, now func() time.Time) fetch.Options {
	opt := fetch.Options{
		Registry: registry(),
		Fetcher:  fetcher,
		DataDir:  f.data,
		Now:      now,
		Workers:  f.workers,
		Log:      f.logger(e),
		Checks:   f.checks(e),
	}
	if e.isTerminal {
		opt.Progress = e.stderr
	}
	return opt
}

// checks reads the cache's record of the last runs; a cache that cannot be
// read only costs the record of unseen time, so it is reported and the run
// goes on.
func (f *fetchFlags) checks(e *env) map[string]fetch.Check {
	checks, err := fetch.LoadChecks(filepath.Join(f.cache, fetch.ChecksFile))
	if err != nil {
		fmt.Fprintf(e.stderr, "warning: %v; unseen time is not recorded this run\n", err)
		return nil
	}
	return checks
}

// providers is the catalogue's providers this run fetches: the named ones
// or all, then only this shard's.
func (f *fetchFlags) providers(slugs []string) ([]catalog.Provider, error) {
	cat, err := f.loadCatalog()
	if err != nil {
		return nil, err
	}
	providers, err := pick(cat, slugs)
	if err != nil || f.shard == "" {
		return providers, err
	}
	k, n, err := parseShard(f.shard)
	if err != nil {
		return nil, err
	}
	return shard(providers, k, n), nil
}

// lockData takes the data folder's lock, so that a second fetch on the
// same folder fails at once instead of interleaving its writes with ours,
// then deletes what killed runs left in it: no other writer can be
// running now. It returns the function that releases the lock.
func lockData(e *env, data string) (func(), error) {
	lock, err := dirlock.Acquire(data)
	if err != nil {
		return nil, err
	}
	removed, err := history.RemoveLeftovers(data)
	if err != nil {
		lock.Release()
		return nil, fmt.Errorf("remove what killed runs left in %s: %w", data, err)
	}
	for _, p := range removed {
		fmt.Fprintf(e.stderr, "removed %s, left by a run that was killed\n", p)
	}
	return func() { lock.Release() }, nil
}

// finish keeps what the run learned outside data/: the HTTP cache, the
// checks, the commit message and, for a shard, the handover.
func (f *fetchFlags) finish(fetcher *fetch.HTTPFetcher, report *fetch.Report, now time.Time, providers []catalog.Provider) error {
	if fetcher.Cache != nil {
		if err := fetcher.Cache.Save(); err != nil {
			return fmt.Errorf("save the HTTP cache in %s: %w", f.cache, err)
		}
	}
	checksPath := filepath.Join(f.cache, fetch.ChecksFile)
	if err := fetch.RecordChecks(checksPath, report, now); err != nil {
		return fmt.Errorf("record checks in %s: %w", f.cache, err)
	}
	if err := f.writeSummary(report); err != nil {
		return err
	}
	message := fetch.CommitMessage(report)
	if f.message != "" {
		if err := os.WriteFile(f.message, []byte(message), 0o644); err != nil {
			return err
		}
	}
	if f.handover == "" {
		return nil
	}
	checks, err := fetch.LoadChecks(checksPath)
	if err != nil {
		return err
	}
	slugs := make([]string, len(providers))
	for i, p := range providers {
		slugs[i] = p.Slug
	}
	if err := handover.Write(f.handover, f.data, slugs, message, checks); err != nil {
		return fmt.Errorf("hand over to %s: %w", f.handover, err)
	}
	return nil
}

// writeSummary appends the run's Markdown summary to --summary's file.
func (f *fetchFlags) writeSummary(report *fetch.Report) error {
	if f.summary == "" {
		return nil
	}
	file, err := os.OpenFile(f.summary, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if err := report.WriteSummary(file); err != nil {
		file.Close()
		return err
	}
	return file.Close()
}

// fetcher builds the HTTP fetcher, recording or replaying when asked.
// Live requests are conditional, through the HTTP cache.
func (f *fetchFlags) fetcher(e *env, now func() time.Time) (*fetch.HTTPFetcher, error) {
	// Live requests go through the guard: only public addresses, port 443.
	var rt http.RoundTripper = fetch.NewTransport(nil)
	if e.transport != nil {
		rt = e.transport
	}
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
	fetcher := &fetch.HTTPFetcher{Client: fetch.NewClient(rt), Timeout: f.timeout, Retries: retries, PerHost: f.perHost}
	if f.record != "" || f.replay != "" {
		// A recording must hold every body, and a replay must not depend
		// on what earlier runs cached.
		return fetcher, nil
	}
	cache, err := fetch.OpenHTTPCache(filepath.Join(f.cache, "http"))
	if err != nil {
		return nil, err
	}
	cache.Now = now
	fetcher.Cache = cache
	return fetcher, nil
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
