package main

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/generator/fetch"
)

// Every live fetcher the CLI builds refuses loopback, private and
// link-local addresses and ports other than 443. Each refusal happens
// before any connection, so the test needs no network.
func TestCLIFetchersAreGuarded(t *testing.T) {
	t.Parallel()
	fetcher := func(f *fetchFlags) *fetch.HTTPFetcher {
		f.timeout, f.cache = 5*time.Second, t.TempDir()
		h, err := f.fetcher(&env{}, time.Now)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	fetchers := map[string]*fetch.HTTPFetcher{
		"fetch":          fetcher(&fetchFlags{}),
		"fetch --record": fetcher(&fetchFlags{record: t.TempDir()}),
		"check and new":  liveOrReplay(""),
	}
	for name, f := range fetchers {
		f.Sleep = func(context.Context, time.Duration) error { t.Errorf("%s: a refusal was retried", name); return nil }
		for _, url := range []string{
			"https://127.0.0.1/api/v2/summary.json",
			"https://169.254.169.254/latest/meta-data/",
			"https://10.0.0.1/api/v2/summary.json",
			"https://[::1]:8443/api/v2/summary.json",
		} {
			_, err := f.Get(context.Background(), url)
			if !errors.Is(err, fetch.ErrRefused) || !strings.HasPrefix(err.Error(), "fetch "+url+": refused: ") {
				t.Errorf("%s: %s: error %v, want a refusal naming the URL", name, url, err)
			}
		}
	}
}

func TestCheckRefusesLoopbackURL(t *testing.T) {
	t.Parallel()
	_, stderr, code := cli(t, "check", "--adapter", "statuspage", "https://127.0.0.1")
	if code == 0 || !strings.Contains(stderr, "https://127.0.0.1/api/v2/summary.json: refused: 127.0.0.1 is a loopback address") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}
