//go:build browser

package main

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// chromium finds Debian's headless browser. The tests that drive a page
// build only with -tags browser (scripts/check --browser, which CI runs
// after installing chromium), so a contributor without a browser runs
// every other test with nothing skipped.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no chromium on PATH: install Debian's chromium package or run without -tags browser")
	return ""
}

// dumpDOM loads url in headless Chromium, lets its scripts run, and returns
// the document as the scripts left it.
func dumpDOM(t *testing.T, browser, url string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
		"--user-data-dir="+t.TempDir(), "--virtual-time-budget=3000", "--dump-dom", url)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium %s: %v", url, err)
	}
	return string(out)
}

// servedSite builds the sample site and serves it like a static host.
func servedSite(t *testing.T) *httptest.Server {
	t.Helper()
	rec := replayDir(t)
	data, out, cache := t.TempDir(), t.TempDir(), t.TempDir()
	srv := httptest.NewServer(siteHandler(out))
	t.Cleanup(srv.Close)
	common := []string{"--content", "testdata/content", "--data", data, "--cache", cache}
	cli(t, append([]string{"fetch", "--replay", rec, "--now", "2026-11-25T12:00:00Z"}, common...)...)
	if _, stderr, code := cli(t, append([]string{"build", "--out", out, "--base-url", srv.URL, "--now", "2026-11-25T12:00:00Z"}, common...)...); code != 0 {
		t.Fatal(stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Fatal(err)
	}
	return srv
}

var card = regexp.MustCompile(`<li data-search="([^"]*)"( hidden(="")?)?>`)

func TestSearchFiltersProvidersAsYouType(t *testing.T) {
	browser := chromium(t)
	srv := servedSite(t)
	dom := dumpDOM(t, browser, srv.URL+"/?q=real+comm")
	shown, hidden := 0, 0
	for _, m := range card.FindAllStringSubmatch(dom, -1) {
		match := strings.Contains(m[1], "example")
		switch {
		case m[2] == "" && !match:
			t.Errorf("card %q is shown but does not match the search", m[1])
		case m[2] != "" && match:
			t.Errorf("card %q matches the search but is hidden", m[1])
		case m[2] == "":
			shown++
		default:
			hidden++
		}
	}
	if shown == 0 || hidden == 0 {
		t.Fatalf("shown %d, hidden %d: the filter did not run\n%s", shown, hidden, dom)
	}
	if !strings.Contains(dom, `id="search" class="search" role="search">`) {
		t.Error("the search form stays hidden when JavaScript runs")
	}
}

func TestRelativeTimesWhereJavaScriptRuns(t *testing.T) {
	browser := chromium(t)
	srv := servedSite(t)
	dom := dumpDOM(t, browser, srv.URL+"/status/example/")
	m := regexp.MustCompile(`<time datetime="2026-11-25T12:00:00Z" data-relative="" title="([^"]+)">([^<]+)</time>`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("no last-checked time rewritten by the script in:\n%s", dom)
	}
	if m[1] != "Nov 25, 2026, 12:00 UTC" {
		t.Errorf("title = %q, want the absolute time", m[1])
	}
	if !regexp.MustCompile(`^(just now|\d+ (minute|hour|day|month|year)s? ago)$`).MatchString(m[2]) {
		t.Errorf("relative text = %q", m[2])
	}
}
