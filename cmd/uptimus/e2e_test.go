package main

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/paths"
	"github.com/uptimus/uptimus/internal/testfs"
)

// cli runs the CLI in-process and returns its output and exit code.
func cli(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	args = withCache(t, args)
	code = Main(context.Background(), e, args)
	return out.String(), errb.String(), code
}

// withCache gives commands that keep run-by-run state a temporary cache
// folder unless the test names one, so tests never write into the package.
func withCache(t *testing.T, args []string) []string {
	if len(args) == 0 || !slices.Contains([]string{"fetch", "build", "run"}, args[0]) || slices.ContainsFunc(args, func(a string) bool {
		return a == "--cache" || strings.HasPrefix(a, "--cache=")
	}) {
		return args
	}
	return append([]string{args[0], "--cache", t.TempDir()}, args[1:]...)
}

// copyFile copies src to dst, making dst's folders.
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// replayDir lays out recorded responses as --record would: the written
// example fixture, plus GitHub's real responses from testdata/real.
func replayDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/replay")); err != nil {
		t.Fatal(err)
	}
	real := "../../testdata/real/statuspage/"
	gh := filepath.Join(dir, "www.githubstatus.com", "api", "v2")
	copyFile(t, real+"github-summary-2026-07-31.json", filepath.Join(gh, "summary.json"))
	copyFile(t, real+"github-incidents-50-2026-07-31.json", filepath.Join(gh, "incidents.json"))
	return dir
}

func TestFetchReplayTwiceThenBuild(t *testing.T) {
	t.Parallel()
	rec := replayDir(t)
	data, out := t.TempDir(), t.TempDir()
	fetchArgs := []string{"fetch", "--content", "testdata/content", "--data", data, "--replay", rec}

	stdout, stderr, code := cli(t, append(fetchArgs, "--now", "2026-11-25T12:00:00Z")...)
	if code != 0 {
		t.Fatalf("fetch exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "broken") || !strings.Contains(stdout, "failed") {
		t.Errorf("summary should report the broken provider as failed:\n%s", stdout)
	}
	first := testfs.Text(t, data)
	if len(first) == 0 {
		t.Fatal("fetch wrote no data")
	}
	if _, ok := first["/broken/state.json"]; ok {
		t.Error("a failed provider must not get history")
	}

	// A second identical run, later, changes no byte: no diff, no commit.
	stdout, _, code = cli(t, append(fetchArgs, "--now", "2026-11-25T12:15:00Z")...)
	if code != 0 {
		t.Fatalf("second fetch exit %d", code)
	}
	if second := testfs.Text(t, data); !maps.Equal(first, second) {
		t.Errorf("second identical fetch changed data/")
	}
	if !strings.Contains(stdout, "unchanged") {
		t.Errorf("second run should report unchanged providers:\n%s", stdout)
	}

	stdout, stderr, code = cli(t, "build", "--content", "testdata/content", "--data", data, "--out", out, "--now", "2026-11-25T12:20:00Z")
	if code != 0 {
		t.Fatalf("build exit %d\n%s\n%s", code, stdout, stderr)
	}
	for _, slug := range []string{"example", "github"} {
		assertEveryIncidentHasAPage(t, data, out, slug)
	}
	for _, slug := range []string{"example", "github", "broken"} {
		if _, err := os.Stat(filepath.Join(out, "status", slug, "index.html")); err != nil {
			t.Errorf("no provider page for %s: %v", slug, err)
		}
	}
}

// assertEveryIncidentHasAPage reads the incident ids back from data/ (not
// from the fixtures) and checks each has its page, and the provider page
// lists it by title.
func assertEveryIncidentHasAPage(t *testing.T, data, out, slug string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(data, slug, "incidents", "*.json"))
	if len(files) == 0 {
		t.Fatalf("%s: no incident files", slug)
	}
	provider, err := os.ReadFile(filepath.Join(out, "status", slug, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	// The provider page lists the newest incidents; its archive, all.
	archive, _ := filepath.Glob(filepath.Join(out, "status", slug, "history", "*", "index.html"))
	pages, _ := filepath.Glob(filepath.Join(out, "status", slug, "history", "*", "*", "index.html"))
	archive = append(append(archive, pages...), filepath.Join(out, "status", slug, "history", "index.html"))
	for _, f := range archive {
		b, _ := os.ReadFile(f)
		provider = append(provider, b...)
	}
	n := 0
	for _, f := range files {
		var doc struct {
			Incidents []struct{ ID, Title string }
		}
		b, _ := os.ReadFile(f)
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, inc := range doc.Incidents {
			n++
			seg, err := paths.Segment(inc.ID)
			if err != nil {
				t.Fatal(err)
			}
			page := filepath.Join(out, "status", slug, "incidents", seg, "index.html")
			body, err := os.ReadFile(page)
			if err != nil {
				t.Errorf("%s: incident %s has no page: %v", slug, inc.ID, err)
				continue
			}
			if !strings.Contains(html.UnescapeString(string(body)), inc.Title) {
				t.Errorf("%s: page of %s does not show its title %q", slug, inc.ID, inc.Title)
			}
			if !strings.Contains(string(provider), "incidents/"+seg+"/") {
				t.Errorf("%s: neither the provider page nor its archive links incident %s", slug, inc.ID)
			}
		}
	}
	t.Logf("%s: %d incidents, each with its page", slug, n)
}

// A build from no data at all gives every provider its page, and links
// nothing that is not there. The repository's whole catalogue is checked
// the same way by TestRealSite, in whose build all but 4 of its entries
// have no data: building it a second time only for this took a quarter
// of this package's test time.
func TestBuildWithoutData(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	stdout, stderr, code := cli(t, "build", "--content", "testdata/content", "--data", t.TempDir(), "--out", out, "--now", "2026-11-25T12:00:00Z")
	if code != 0 {
		t.Fatalf("build exit %d\n%s\n%s", code, stdout, stderr)
	}
	assertEveryProviderHasAPage(t, "testdata/content", out)
	assertNoBrokenLinks(t, out, "/")
}

// assertEveryProviderHasAPage checks that the site in out has a page for
// every provider of the catalogue in content.
func assertEveryProviderHasAPage(t *testing.T, content, out string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(content, "providers"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		slug := strings.TrimSuffix(e.Name(), ".yaml")
		if _, err := os.Stat(filepath.Join(out, "status", slug, "index.html")); err != nil {
			t.Errorf("no page for provider %s", slug)
		}
	}
	if len(entries) == 0 {
		t.Errorf("%s lists no provider", content)
	}
}

func TestValidateReportsEveryError(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	copyFile(t, "testdata/content/categories.yaml", filepath.Join(dir, "categories.yaml"))
	os.MkdirAll(filepath.Join(dir, "providers"), 0o755)
	os.WriteFile(filepath.Join(dir, "providers", "a.yaml"), []byte("name: A\nurl: http://a.example.com\nadapter: statuspage\ncategory: developer-tools\ndescription: d\nhomepage: https://a.example.com\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "providers", "b.yaml"), []byte("name: B\nurl: https://b.example.com\nadapter: statuspag\ncategory: developer-tools\ndescription: d\nhomepage: https://b.example.com\ncolour: red\n"), 0o644)
	_, stderr, code := cli(t, "validate", "--content", dir)
	if code == 0 {
		t.Fatal("validate passed a broken catalogue")
	}
	for _, want := range []string{"a.yaml:2:", "b.yaml:3:", "b.yaml:7:", "statuspag"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

func TestUsageAndFlags(t *testing.T) {
	t.Parallel()
	stdout, _, code := cli(t, "help")
	if code != 0 || !strings.Contains(stdout, "fetch") || !strings.Contains(stdout, "build") {
		t.Errorf("help: code %d\n%s", code, stdout)
	}
	_, stderr, code := cli(t, "fetch", "-h")
	if code != 0 || !strings.Contains(stderr, "-replay") || !strings.Contains(stderr, "-strict") {
		t.Errorf("fetch -h: code %d\n%s", code, stderr)
	}
	if _, _, code := cli(t, "frobnicate"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
	if _, stderr, code := cli(t, "build", "--now", "yesterday"); code != 2 || !strings.Contains(stderr, "RFC 3339") {
		t.Errorf("bad --now: exit %d %s", code, stderr)
	}
	if _, stderr, code := cli(t, "fetch", "--content", "testdata/content", "--replay", t.TempDir(), "--data", t.TempDir(), "nosuch"); code != 2 || !strings.Contains(stderr, "nosuch") {
		t.Errorf("unknown slug: exit %d %s", code, stderr)
	}
}

func TestFetchAllFailedExitsNonZero(t *testing.T) {
	t.Parallel()
	_, _, code := cli(t, "fetch", "--content", "testdata/content", "--data", t.TempDir(), "--replay", t.TempDir(), "--now", "2026-11-25T12:00:00Z")
	if code != 1 {
		t.Errorf("every provider failed: exit %d, want 1", code)
	}
}

func TestFetchStrict(t *testing.T) {
	t.Parallel()
	rec := replayDir(t)
	_, _, code := cli(t, "fetch", "--strict", "--content", "testdata/content", "--data", t.TempDir(), "--replay", rec, "--now", "2026-11-25T12:00:00Z")
	if code != 1 {
		t.Errorf("--strict with one failure: exit %d, want 1", code)
	}
}

// A corrupt history file stops that provider's merge with an error naming
// the file, is never overwritten, and does not stop the other providers.
func TestCorruptHistoryIsNeverOverwritten(t *testing.T) {
	t.Parallel()
	rec := replayDir(t)
	data := t.TempDir()
	bad := filepath.Join(data, "example", "state.json")
	os.MkdirAll(filepath.Dir(bad), 0o755)
	corrupt := []byte(`{"schema_version": 1, "status": "operatio`)
	os.WriteFile(bad, corrupt, 0o644)
	stdout, _, code := cli(t, "fetch", "--content", "testdata/content", "--data", data, "--replay", rec, "--now", "2026-11-25T12:00:00Z")
	if code != 0 {
		t.Fatalf("exit %d: one corrupt provider must not fail the run\n%s", code, stdout)
	}
	if !strings.Contains(stdout, "example") || !strings.Contains(stdout, "state.json") {
		t.Errorf("the report should name the corrupt file:\n%s", stdout)
	}
	if b, _ := os.ReadFile(bad); string(b) != string(corrupt) {
		t.Errorf("corrupt file was rewritten: %q", b)
	}
	if _, err := os.Stat(filepath.Join(data, "example", "incidents")); err == nil {
		t.Error("a provider whose history could not be read got new files")
	}
	if _, err := os.Stat(filepath.Join(data, "github", "state.json")); err != nil && strings.Contains(stdout, "github") {
		t.Errorf("the other providers must still be fetched: %v", err)
	}
}

// The fetch cache records when each provider was last checked; build shows
// it, and a failing provider's page says its data is stale.
func TestLastCheckedFromTheCache(t *testing.T) {
	t.Parallel()
	rec := replayDir(t)
	data, out, cache := t.TempDir(), t.TempDir(), t.TempDir()
	common := []string{"--content", "testdata/content", "--data", data, "--cache", cache}
	cli(t, append([]string{"fetch", "--replay", rec, "--now", "2026-11-25T12:00:00Z"}, common...)...)
	if _, stderr, code := cli(t, append([]string{"build", "--out", out, "--now", "2026-11-25T12:05:00Z"}, common...)...); code != 0 {
		t.Fatal(stderr)
	}
	if _, err := os.Stat(filepath.Join(data, ".cache")); err == nil {
		t.Error("run-by-run state went into data/")
	}
	// When each provider was last checked changes every run: it is in
	// status.json, which the page reads where JavaScript runs, so that the
	// page itself changes only when the provider does.
	status, _ := os.ReadFile(filepath.Join(out, "api", "v1", "status.json"))
	type entry struct {
		Slug, Status string
		CheckedAt    string `json:"checked_at"`
	}
	var doc struct{ Providers []entry }
	if err := json.Unmarshal(status, &doc); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(doc.Providers, entry{Slug: "example", Status: "degraded", CheckedAt: "2026-11-25T12:00:00Z"}) {
		t.Errorf("status.json does not say when example was last checked:\n%s", status)
	}
	example, _ := os.ReadFile(filepath.Join(out, "status", "example", "index.html"))
	if !strings.Contains(string(example), `data-checked="example"`) || strings.Contains(string(example), `Last checked <time datetime=`) {
		t.Error("example's page carries the time of the last check, or no place for it")
	}
	broken, _ := os.ReadFile(filepath.Join(out, "status", "broken", "index.html"))
	if !strings.Contains(string(broken), "No data yet") || !strings.Contains(string(broken), "The official status page answered 404 Not Found at our latest attempt") {
		t.Error("the failing provider's page does not say in plain words what went wrong")
	}
}

// An entry dated 9999 already in data/ (from before fetch refused them)
// dates nothing in the outputs past the build's clock plus a day: not the
// feeds' order, not the sitemap, not status.json.
func TestFarFutureDatesAreClamped(t *testing.T) {
	t.Parallel()
	data, out, cache := t.TempDir(), t.TempDir(), t.TempDir()
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	far := time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	h := &history.History{Slug: "example", State: history.State{SchemaVersion: history.SchemaVersion,
		Status: adapters.Operational, FirstChecked: now.Add(-48 * time.Hour), StatusSince: now.Add(-48 * time.Hour)}}
	h.Incidents = []adapters.Incident{
		{ID: "typo", Kind: adapters.KindIncident, Title: "From the far future", Impact: adapters.ImpactMinor, Status: "resolved",
			CreatedAt: far, ResolvedAt: far, Updates: []adapters.Update{{ID: "u", Status: "resolved", Body: "x", CreatedAt: far}}},
		{ID: "real", Kind: adapters.KindIncident, Title: "Yesterday", Impact: adapters.ImpactMinor, Status: "resolved",
			CreatedAt: now.Add(-24 * time.Hour), ResolvedAt: now.Add(-23 * time.Hour),
			Updates: []adapters.Update{{ID: "u", Status: "resolved", Body: "y", CreatedAt: now.Add(-23 * time.Hour)}}},
	}
	if _, err := history.Save(data, h); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := cli(t, "build", "--content", "testdata/content", "--data", data, "--out", out, "--cache", cache, "--now", now.Format(time.RFC3339)); code != 0 {
		t.Fatal(stderr)
	}
	// The date fields of each output: item dates, feed dates, lastmod,
	// updated_at. (An item's text may still show the vendor's date: the
	// record keeps what was published.)
	fields := map[string]*regexp.Regexp{
		"feed.json":                     regexp.MustCompile(`"date_(?:published|modified)":"([^"]+)"`),
		"feed.atom":                     regexp.MustCompile(`<(?:updated|published)>([^<]+)<`),
		"status/example/feed.rss":       regexp.MustCompile(`<(?:pubDate|lastBuildDate)>([^<]+)<`),
		"status/example/updates.json":   regexp.MustCompile(`"date_(?:published|modified)":"([^"]+)"`),
		"sitemap-1.xml":                 regexp.MustCompile(`<lastmod>([^<]+)<`),
		"api/v1/status.json":            regexp.MustCompile(`"updated_at":"([^"]+)"`),
		"api/v1/providers/example.json": regexp.MustCompile(`"known_since":"[^"]+","updated_at":"([^"]+)"`),
	}
	for rel, re := range fields {
		b, err := os.ReadFile(filepath.Join(out, rel))
		if err != nil {
			t.Fatal(err)
		}
		ms := re.FindAllStringSubmatch(string(b), -1)
		if len(ms) == 0 {
			t.Errorf("%s: no date field found", rel)
		}
		for _, m := range ms {
			if strings.Contains(m[1], "9999") {
				t.Errorf("%s: a date field says %s", rel, m[1])
			}
		}
	}
}
