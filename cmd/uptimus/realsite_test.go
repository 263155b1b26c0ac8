package main

import (
	"bufio"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/uptimus/uptimus/generator/fetch"
)

// realSiteSlugs are the providers of content/ that testdata/real/replay.tsv
// answers for; scripts/real-site fetches the same.
var realSiteSlugs = []string{"github", "google-cloud", "aws", "azure"}

// realReplay lays out testdata/real/replay.tsv as --record would.
func realReplay(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	f, err := os.Open("../../testdata/real/replay.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		rawURL, file, ok := strings.Cut(text, "\t")
		u, err := url.Parse(rawURL)
		if !ok || err != nil {
			t.Fatalf("testdata/real/replay.tsv:%d: want URL<tab>file, got %q", line, text)
		}
		dst, err := fetch.PathFor(dir, u)
		if err != nil {
			t.Fatal(err)
		}
		copyFile(t, filepath.Join("../../testdata/real", file), dst)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestRealSite is what scripts/real-site does: the repository's catalogue,
// fed the real recorded responses, builds a site with every one of their
// incidents on a page and no broken link.
func TestRealSite(t *testing.T) {
	replay := realReplay(t)
	data, out, cache := t.TempDir(), t.TempDir(), t.TempDir()
	common := []string{"--content", "../../content", "--data", data, "--cache", cache, "--now", "2026-08-18T12:00:00Z"}
	args := append([]string{"fetch", "--strict", "--replay", replay}, common...)
	if stdout, stderr, code := cli(t, append(args, realSiteSlugs...)...); code != 0 {
		t.Fatalf("fetch exit %d\n%s\n%s", code, stdout, stderr)
	}
	if _, stderr, code := cli(t, append([]string{"build", "--out", out}, common...)...); code != 0 {
		t.Fatalf("build exit %d: %s", code, stderr)
	}
	// Azure's recorded feed is the healthy one: an empty channel.
	for _, slug := range []string{"github", "google-cloud", "aws"} {
		assertEveryIncidentHasAPage(t, data, out, slug)
	}
	if _, err := os.Stat(filepath.Join(out, "status", "azure", "index.html")); err != nil {
		t.Error(err)
	}
	assertNoBrokenLinks(t, out, "/")
}
