package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/generator/synth"
	"github.com/uptimus/uptimus/internal/testfs"
)

// incrementalCorpus is a small synthetic content/ and data/ pair, in which
// one provider (0005) has no data yet: its pages are noindex and stay out
// of the sitemap.
func incrementalCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := synth.Generate(synth.Options{Providers: 6, Incidents: 8, Out: dir, Seed: 3, Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	// Its folder holds a state with nothing collected, as a provider's
	// does when no fetch of it has succeeded.
	empty := filepath.Join(dir, "data", "example-provider-0005")
	if err := os.RemoveAll(empty); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(empty, "state.json"), []byte(`{"schema_version": 1, "status": "unknown"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// buildInto builds corpus into out with the given cache and clock.
func buildInto(t *testing.T, corpus, out, cache, now string) string {
	t.Helper()
	stdout, stderr, code := cli(t, "build", "--content", filepath.Join(corpus, "content"), "--data", filepath.Join(corpus, "data"),
		"--out", out, "--cache", cache, "--now", now)
	if code != 0 {
		t.Fatalf("build exit %d: %s", code, stderr)
	}
	return stdout
}

// freshBuild is what a build from scratch of corpus at now makes, file by
// file.
func freshBuild(t *testing.T, corpus, now string) map[string][]byte {
	t.Helper()
	fresh := t.TempDir()
	buildInto(t, corpus, fresh, t.TempDir(), now)
	return testfs.Tree(t, fresh)
}

// sameAsFreshBuild fails unless out holds exactly want, what a build from
// scratch of the same inputs makes (freshBuild).
func sameAsFreshBuild(t *testing.T, out string, want map[string][]byte) {
	t.Helper()
	got := testfs.Tree(t, out)
	for rel, b := range want {
		if !bytes.Equal(got[rel], b) {
			t.Errorf("%s differs from a fresh build", rel)
		}
	}
	for rel := range got {
		if _, ok := want[rel]; !ok {
			t.Errorf("%s is not in a fresh build", rel)
		}
	}
}

// A rebuild skips the incident pages, archive, feeds and history JSON of
// every provider whose inputs did not change, and still ends byte for byte
// where a fresh build would: after nothing changed, after one provider's
// history changed, after the clock moved, and after a kept file vanished.
func TestRebuildReusesUnchangedProviders(t *testing.T) {
	t.Parallel()
	corpus := incrementalCorpus(t)
	out, cache := t.TempDir(), t.TempDir()
	const now = "2026-11-25T00:00:00Z"
	first := buildInto(t, corpus, out, cache, now)
	if !strings.Contains(first, "0 of 6 providers unchanged") {
		t.Errorf("first build reused something:\n%s", first)
	}

	again := buildInto(t, corpus, out, cache, now)
	// 0005, with no data, is rendered every time: nothing to reuse.
	if !strings.Contains(again, " 0 written") || !strings.Contains(again, "5 of 6 providers unchanged") {
		t.Errorf("a rebuild with nothing changed rendered or wrote:\n%s", again)
	}

	before := testfs.Tree(t, out)
	changeOneTitle(t, filepath.Join(corpus, "data", "example-provider-0002", "incidents"))
	one := buildInto(t, corpus, out, cache, now)
	if !strings.Contains(one, "4 of 6 providers unchanged") {
		t.Errorf("one changed provider:\n%s", one)
	}
	after := testfs.Tree(t, out)
	for rel, b := range after {
		if !bytes.Equal(before[rel], b) && !dependsOnProvider2(rel) {
			t.Errorf("%s was rewritten, but does not depend on the changed provider", rel)
		}
	}
	sameAsFreshBuild(t, out, freshBuild(t, corpus, now))

	later := "2027-03-01T00:00:00Z"
	buildInto(t, corpus, out, cache, later)
	// Inputs and clock stay as they are from here on, so one fresh build
	// is the reference for both checks (builds are deterministic).
	freshLater := freshBuild(t, corpus, later)
	sameAsFreshBuild(t, out, freshLater)

	gone := filepath.Join(out, "status", "example-provider-0001", "feed.rss")
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}
	healed := buildInto(t, corpus, out, cache, later)
	if !strings.Contains(healed, "4 of 6 providers unchanged") {
		t.Errorf("a provider with a missing file was reused:\n%s", healed)
	}
	sameAsFreshBuild(t, out, freshLater)
}

// dependsOnProvider2 names the files that may change with one provider's
// incident: its own, and the pages, feeds and JSON about many providers.
func dependsOnProvider2(rel string) bool {
	return strings.Contains(rel, "example-provider-0002") || !strings.HasPrefix(rel, "status/") ||
		slices.Contains([]string{"feed.rss", "feed.atom", "feed.json", "index.html", "sitemap.xml"}, rel) ||
		// Related providers on the pages of the same category.
		strings.HasSuffix(rel, "/index.html") && strings.Count(rel, "/") == 2
}

// changeOneTitle renames the first incident title found in a year file.
func changeOneTitle(t *testing.T, dir string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		t.Fatalf("no year files in %s", dir)
	}
	b, err := os.ReadFile(files[len(files)-1])
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, []byte(`"title": "`))
	if i < 0 {
		t.Fatalf("no title in %s", files[len(files)-1])
	}
	i += len(`"title": "`)
	b = append(b[:i:i], append([]byte("Renamed "), b[i:]...)...)
	if err := os.WriteFile(files[len(files)-1], b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A history that cannot be read fails the build with the file's name, and
// leaves that provider's pages as the last build made them: rendering it
// without data would tell readers there is none. The others are rebuilt.
func TestBuildKeepsPagesOfUnreadableHistory(t *testing.T) {
	t.Parallel()
	corpus := incrementalCorpus(t)
	out, cache := t.TempDir(), t.TempDir()
	buildInto(t, corpus, out, cache, "2026-11-25T00:00:00Z")
	page := filepath.Join(out, "status", "example-provider-0003", "index.html")
	before, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(corpus, "data", "example-provider-0003", "state.json")
	if err := os.WriteFile(state, []byte("{broken"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := cli(t, "build", "--content", filepath.Join(corpus, "content"), "--data", filepath.Join(corpus, "data"),
		"--out", out, "--cache", cache, "--now", "2026-11-26T00:00:00Z")
	if code == 0 || !strings.Contains(stderr, "example-provider-0003/state.json") {
		t.Fatalf("exit %d, stderr %q: want a failure naming the file", code, stderr)
	}
	if after, _ := os.ReadFile(page); !bytes.Equal(before, after) {
		t.Error("the unreadable provider's page was rewritten")
	}
	other, _ := os.ReadFile(filepath.Join(out, "status", "example-provider-0004", "index.html"))
	if !bytes.Contains(other, []byte("2026-11-26")) && !bytes.Contains(other, []byte("Nov 26, 2026")) {
		t.Error("the other providers' pages were not rebuilt with the new clock")
	}
}
