package fetch

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
)

func TestBackoffSchedule(t *testing.T) {
	for failures := range BackoffAfter {
		if d := Backoff("x", failures); d != 0 {
			t.Errorf("%d failures: wait %v, want none", failures, d)
		}
	}
	want := FirstBackoff
	for failures := BackoffAfter; failures < BackoffAfter+12; failures++ {
		d := Backoff("x", failures)
		if d > want || d < want-want/8 {
			t.Errorf("%d failures: wait %v, want within an eighth below %v", failures, d, want)
		}
		want = min(2*want, MaxBackoff)
	}
	if d := Backoff("x", 1<<20); d > MaxBackoff || d < MaxBackoff-MaxBackoff/8 {
		t.Errorf("a million failures: wait %v, want at most a day", d)
	}
	spread := map[time.Duration]bool{}
	for _, slug := range []string{"a", "b", "c", "d", "e", "f"} {
		spread[Backoff(slug, 10)] = true
	}
	if len(spread) < 4 {
		t.Errorf("six slugs share %d waits; want them spread", len(spread))
	}
}

// TestBackoffOverADay runs a provider that answered once and now always
// fails through a week of 15-minute runs, as the scheduled job does, and
// counts its fetches.
func TestBackoffOverADay(t *testing.T) {
	var fetched atomic.Int32
	reg := registryWith(fakeAdapter{name: "vendor", fetch: func(context.Context, adapters.Fetcher, adapters.Page) (*adapters.Snapshot, error) {
		fetched.Add(1)
		return nil, errors.New("fetch https://gone.example/api: no such host")
	}})
	p := []catalog.Provider{{Slug: "gone", URL: "https://gone.example", Adapter: "vendor"}}
	path := filepath.Join(t.TempDir(), ChecksFile)
	start := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	WriteChecks(path, map[string]Check{"gone": {URL: "https://gone.example", LastOK: start.Add(-time.Hour)}})
	var skipped int
	for run := range 4 * 24 * 7 {
		now := start.Add(time.Duration(run) * 15 * time.Minute)
		checks, err := LoadChecks(path)
		if err != nil {
			t.Fatal(err)
		}
		rep := run1(reg, p, checks, now)
		if rep.Results[0].Outcome == Skipped {
			skipped++
		}
		if err := RecordChecks(path, rep, now); err != nil {
			t.Fatal(err)
		}
		if run == 4*24-1 && fetched.Load() > 10 {
			t.Errorf("%d fetches in the first day, want at most 10", fetched.Load())
		}
	}
	// Day 1: 8 attempts; days 2 to 7 about one a day.
	if n := fetched.Load(); n < 10 || n > 16 {
		t.Errorf("%d fetches in a week, want 10 to 16", n)
	}
	if skipped+int(fetched.Load()) != 4*24*7 {
		t.Errorf("%d skipped + %d fetched != %d runs", skipped, fetched.Load(), 4*24*7)
	}
}

// TestBackoffNeverAnswered: a page that never answered (an imported entry
// whose page is gone) has no outage to report and waits from its first
// failure.
func TestBackoffNeverAnswered(t *testing.T) {
	at := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	c := nextCheck(Check{}, Result{Slug: "x", URL: "https://x.example", Outcome: Failed, Err: errors.New("no such host")}, at)
	if c.Failures != 1 || c.NextAttempt.Before(at.Add(FirstBackoff-FirstBackoff/8)) {
		t.Errorf("never answered, first failure: %+v, want a wait of about %v", c, FirstBackoff)
	}
	c = nextCheck(Check{LastOK: at.Add(-time.Hour)}, Result{Slug: "x", URL: "https://x.example", Outcome: Failed, Err: errors.New("503")}, at)
	if !c.NextAttempt.IsZero() {
		t.Errorf("answered before, first failure: %+v, want no wait", c)
	}
}

func run1(reg *adapters.Registry, p []catalog.Provider, checks map[string]Check, now time.Time) *Report {
	return run(context.Background(), Options{Registry: reg, Fetcher: noFetcher{}, Now: func() time.Time { return now }, Checks: checks}, p, newFakeStore())
}

type noFetcher struct{}

func (noFetcher) Get(context.Context, string) ([]byte, error) { return nil, errors.New("no network") }

// TestBackoffSkipsAndStartsOver: a provider whose next attempt is ahead is
// skipped, reported, and left as it was in the checks; asking for it by
// name, or fixing its URL, fetches it at once.
func TestBackoffSkipsAndStartsOver(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	next := now.Add(2 * time.Hour)
	checks := map[string]Check{"ok-1": {URL: "https://ok.example", Failures: 6, NextAttempt: next, LastError: "503"}}
	p := []catalog.Provider{{Slug: "ok-1", URL: "https://ok.example", Adapter: "vendor"}}
	reg := registryWith(fakeAdapter{name: "vendor", fetch: byPage})
	opt := Options{Registry: reg, Now: func() time.Time { return now }, Checks: checks}

	rep := run(context.Background(), opt, p, newFakeStore())
	res := rep.Results[0]
	if res.Outcome != Skipped || res.Detail() != "backing off after 6 failures in a row; next try 2026-11-29 14:00 UTC" {
		t.Errorf("result %+v, detail %q", res, res.Detail())
	}
	if tot := rep.Totals(); !strings.HasSuffix(tot, "0 failed, 1 backing off") || rep.AllFailed() {
		t.Errorf("totals %q, all failed %v", tot, rep.AllFailed())
	}
	path := filepath.Join(t.TempDir(), ChecksFile)
	WriteChecks(path, checks)
	RecordChecks(path, rep, now)
	if got, _ := LoadChecks(path); got["ok-1"].Failures != 6 || !got["ok-1"].NextAttempt.Equal(next) {
		t.Errorf("skipped provider's check changed: %+v", got["ok-1"])
	}

	opt.IgnoreBackoff = true
	if res := run(context.Background(), opt, p, newFakeStore()).Results[0]; res.Outcome != OK {
		t.Errorf("IgnoreBackoff: outcome %s", res.Outcome)
	}
	opt.IgnoreBackoff = false
	p[0].URL = "https://fixed.example"
	if res := run(context.Background(), opt, p, newFakeStore()).Results[0]; res.Outcome != OK {
		t.Errorf("fixed URL: outcome %s, want fetched at once", res.Outcome)
	}
}

// TestRecordChecksBackoff: failures count up and set the next attempt; a
// success clears both; a new URL forgets what was learned of the old one.
func TestRecordChecksBackoff(t *testing.T) {
	at := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	fail := Result{Slug: "x", URL: "https://x.example", Outcome: Failed, Err: errors.New("503")}
	c := Check{}
	for range BackoffAfter {
		c = nextCheck(c, fail, at)
	}
	if c.Failures != BackoffAfter || !c.NextAttempt.After(at) {
		t.Errorf("after %d failures: %+v, want a next attempt", BackoffAfter, c)
	}
	c.Detected, c.Evidence = "statuspage", "kept"
	if moved := nextCheck(c, Result{Slug: "x", URL: "https://y.example", Outcome: Failed, Err: errors.New("503")}, at); moved.Failures != 1 || moved.Detected != "" {
		t.Errorf("new URL: %+v, want counting from 1 and no detection", moved)
	}
	ok := nextCheck(c, Result{Slug: "x", URL: "https://x.example", Outcome: Unchanged}, at)
	if ok.Failures != 0 || !ok.NextAttempt.IsZero() || ok.Failed() || ok.Detected != "statuspage" {
		t.Errorf("after a success: %+v", ok)
	}
}
