// Package realdata builds histories from the real recorded vendor responses
// in the repository's testdata/real, for tests of everything downstream of
// the merge (pages, feeds, JSON, uptime). It runs a vendor adapter and the
// merge (history.Merge), both upstream of every package whose tests use
// it, which is why it lives under generator/ and is imported by tests only.
package realdata

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/aws"
	"github.com/uptimus/uptimus/adapters/azure"
	"github.com/uptimus/uptimus/adapters/gcp"
	"github.com/uptimus/uptimus/adapters/statuspage"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
)

// GitHubPage is where the recordings came from.
const GitHubPage = "https://www.githubstatus.com"

// GitHubHistory merges GitHub's recorded 2020 snapshot (an incident and a
// maintenance never closed upstream) and its 2026 one (50 incidents) into
// one history, as two scheduled runs on 2026-07-31 would.
func GitHubHistory(t testing.TB) *history.History {
	t.Helper()
	_, self, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(self), "..", "..", "..", "testdata", "real", "statuspage")
	h := &history.History{Slug: "github"}
	for i, recorded := range []map[string]string{
		{"summary.json": "github-summary-2020-05-22-unresolved-incident-upcoming-maint.json"},
		{"summary.json": "github-summary-2026-07-31.json", "incidents.json": "github-incidents-50-2026-07-31.json"},
	} {
		f := files{}
		for name, file := range recorded {
			b, err := os.ReadFile(filepath.Join(dir, file))
			if err != nil {
				t.Fatal(err)
			}
			f[GitHubPage+"/api/v2/"+name] = b
		}
		snap, err := statuspage.New().Fetch(context.Background(), f, adapters.Page{Slug: "github", URL: GitHubPage})
		if err != nil {
			t.Fatalf("snapshot %d: %v", i, err)
		}
		snap.FetchedAt = time.Date(2026, 7, 31, 12, i, 0, 0, time.UTC)
		history.Merge(h, snap)
	}
	return h
}

// CloudsAt is when the recordings of Google Cloud, AWS and Azure are
// merged by CloudHistory: scripts/real-site's clock, just after the newest
// recording.
var CloudsAt = time.Date(2026, 8, 18, 12, 0, 0, 0, time.UTC)

// clouds are the adapters and pages of the providers CloudHistory knows,
// as content/ lists them.
var clouds = map[string]struct {
	adapter adapters.Adapter
	page    string
}{
	"google-cloud": {gcp.New(), "https://status.cloud.google.com"},
	"aws":          {aws.New(), "https://health.aws.amazon.com/health/status"},
	"azure":        {azure.New(), "https://azure.status.microsoft"},
}

// CloudHistory merges the recorded responses of google-cloud, aws or azure
// (those testdata/real/replay.tsv serves, as scripts/real-site fetches
// them) into a history, as one run at CloudsAt would.
func CloudHistory(t testing.TB, slug string) *history.History {
	t.Helper()
	c, ok := clouds[slug]
	if !ok {
		t.Fatalf("realdata: no recordings of %q", slug)
	}
	_, self, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(self), "..", "..", "..", "testdata", "real")
	tsv, err := os.ReadFile(filepath.Join(dir, "replay.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	f := files{}
	for line := range strings.Lines(string(tsv)) {
		url, file, ok := strings.Cut(strings.TrimSpace(line), "\t")
		if !ok || strings.HasPrefix(url, "#") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		f[url] = b
	}
	snap, err := c.adapter.Fetch(context.Background(), f, adapters.Page{Slug: slug, URL: c.page})
	if err != nil {
		t.Fatalf("%s: %v", slug, err)
	}
	snap.FetchedAt = CloudsAt
	h := &history.History{Slug: slug}
	history.Merge(h, snap)
	return h
}

// AddGitHub adds GitHub to a test build's catalogue, in category
// developer-tools (buildtest's catalogue has it), with the history
// GitHubHistory merges, and returns that history and a clock reading five
// minutes after the second recording.
func AddGitHub(t testing.TB, cat *catalog.Catalog, hs map[string]*history.History) (*history.History, time.Time) {
	t.Helper()
	h := GitHubHistory(t)
	cat.Providers = append(cat.Providers, catalog.Provider{
		Slug: "github", Name: "GitHub", URL: GitHubPage, Adapter: "statuspage",
		Category: "developer-tools", Homepage: "https://github.com", Verified: true})
	hs["github"] = h
	return h, time.Date(2026, 7, 31, 12, 5, 0, 0, time.UTC)
}

// GoogleCloudPage is where the Google Cloud recording came from.
const GoogleCloudPage = "https://status.cloud.google.com"

// GoogleCloudHistory merges Google Cloud's recorded year of incidents
// (2022-07, 157 entries with long markdown reports): the largest history
// per entry recorded, the worst case for the size of a history file. It
// returns the history and a clock reading a day after the recording.
func GoogleCloudHistory(t testing.TB) (*history.History, time.Time) {
	t.Helper()
	_, self, _, _ := runtime.Caller(0)
	b, err := os.ReadFile(filepath.Join(filepath.Dir(self), "..", "..", "..", "testdata", "real", "gcp", "incidents-2022-07-365days.json"))
	if err != nil {
		t.Fatal(err)
	}
	snap, err := gcp.New().Fetch(context.Background(), files{GoogleCloudPage + "/incidents.json": b}, adapters.Page{Slug: "google-cloud", URL: GoogleCloudPage})
	if err != nil {
		t.Fatal(err)
	}
	snap.FetchedAt = time.Date(2022, 7, 31, 12, 0, 0, 0, time.UTC)
	h := &history.History{Slug: "google-cloud"}
	history.Merge(h, snap)
	return h, snap.FetchedAt.Add(24 * time.Hour)
}

// files answers GETs from memory; anything else is a 404.
type files map[string][]byte

func (f files) Get(_ context.Context, url string) ([]byte, error) {
	if b, ok := f[url]; ok {
		return b, nil
	}
	return nil, notFound(url)
}

type notFound string

func (e notFound) Error() string   { return "fetch " + string(e) + ": 404" }
func (e notFound) HTTPStatus() int { return 404 }
