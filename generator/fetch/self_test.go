package fetch

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters/adaptertest"
	"github.com/uptimus/uptimus/adapters/all"
	"github.com/uptimus/uptimus/generator/catalog"
)

// TestSelfCheck: the page's own name and address (GitHub's recorded
// summary says "GitHub" at https://www.githubstatus.com) are compared with
// the entry and kept in the checks with their time; a page that names
// another company is flagged in the table and the run summary.
func TestSelfCheck(t *testing.T) {
	summary, err := os.ReadFile(filepath.Join("..", "..", "testdata", "real", "statuspage", "github-summary-2026-07-31.json"))
	if err != nil {
		t.Fatal(err)
	}
	const page = "https://www.githubstatus.com"
	f := adaptertest.MapFetcher{page + "/api/v2/summary.json": summary, page + "/api/v2/incidents.json": []byte(`{"incidents":[]}`)}
	entries := []catalog.Provider{
		{Slug: "github", Name: "GitHub", URL: page, Adapter: "statuspage"},
		{Slug: "gitlab", Name: "GitLab", URL: page, Adapter: "statuspage"},
	}
	rep := Run(context.Background(), Options{Registry: all.Registry(), Fetcher: f, DataDir: t.TempDir(), Now: autoClock}, entries)
	gh, gl := rep.Results[0], rep.Results[1]
	if gh.Self == nil || !gh.Self.Agree || gh.Self.Name != "GitHub" || gh.Self.URL != page {
		t.Errorf("github: self %+v", gh.Self)
	}
	if gl.Self == nil || gl.Self.Agree || !strings.Contains(gl.Detail(), "mismatch: the page calls itself \u201cGitHub\u201d") {
		t.Errorf("gitlab: self %+v, detail %q", gl.Self, gl.Detail())
	}
	var summaryMD strings.Builder
	if err := rep.WriteSummary(&summaryMD); err != nil || !strings.Contains(summaryMD.String(), "#### Pages that name another company or address (1)") ||
		!strings.Contains(summaryMD.String(), "| gitlab |") {
		t.Errorf("summary %q (%v)", summaryMD.String(), err)
	}
	path := filepath.Join(t.TempDir(), ChecksFile)
	if err := RecordChecks(path, rep, autoClock()); err != nil {
		t.Fatal(err)
	}
	checks, _ := LoadChecks(path)
	if s := checks["github"].Self; s == nil || !s.At.Equal(autoClock()) || !s.Agree || !s.AgreeSince.Equal(autoClock()) {
		t.Errorf("recorded self %+v", s)
	}
	if s := checks["gitlab"].Self; s == nil || s.Agree || !s.AgreeSince.IsZero() {
		t.Errorf("recorded mismatch %+v", s)
	}

	// A week later the check still agrees: since when is kept.
	later := autoClock().Add(7 * 24 * time.Hour)
	if err := RecordChecks(path, rep, later); err != nil {
		t.Fatal(err)
	}
	checks, _ = LoadChecks(path)
	if s := checks["github"].Self; !s.At.Equal(later) || !s.AgreeSince.Equal(autoClock()) {
		t.Errorf("a week on: %+v", s)
	}
}

// TestSelfCheckRecorded: what each vendor's real recorded response says of
// the page (AWS's and Azure's feed channels, GitHub's history feed) agrees
// with the catalogue's own entry, as content/providers has it; Google
// Cloud's incidents.json names no page, so its entry gets no check.
func TestSelfCheckRecorded(t *testing.T) {
	cat, err := catalog.Load(os.DirFS(filepath.Join("..", "..", "content")), all.Registry().Names(),
		catalog.LoadOptions{Hosting: catalog.Hosting(all.Registry().Hosting())})
	if err != nil {
		t.Fatal(err)
	}
	real := func(rel string) []byte {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "real", rel))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	f := adaptertest.MapFetcher{
		"https://status.aws.amazon.com/rss/all.rss":         real("aws/rss-all-2026-08-18-50-items.rss"),
		"https://azure.status.microsoft/en-us/status/feed/": real("azure/status-feed-empty-channel-2026-07-31.xml"),
		"https://www.githubstatus.com/history.atom":         real("statuspage/github-history-2026-08-22.atom"),
		"https://status.cloud.google.com/incidents.json":    real("gcp/incidents-2026-07-subset-2-markdown-incident-reports.json"),
	}
	want := map[string]string{"aws": "Amazon Web Services Service Status", "azure": "Azure Status", "github": "GitHub Status - Incident History", "google-cloud": ""}
	var entries []catalog.Provider
	for slug := range want {
		p, ok := cat.Provider(slug)
		if !ok {
			t.Fatalf("no %s in the catalogue", slug)
		}
		if slug == "github" {
			p.Adapter = "feed" // its history feed, which the feed adapter reads
		}
		entries = append(entries, *p)
	}
	rep := Run(context.Background(), Options{Registry: all.Registry(), Fetcher: f, DataDir: t.TempDir(), Now: autoClock}, entries)
	for _, res := range rep.Results {
		if res.Err != nil {
			t.Errorf("%s: %v", res.Slug, res.Err)
			continue
		}
		switch name := want[res.Slug]; {
		case name == "" && res.Self != nil:
			t.Errorf("%s: self %+v, want none", res.Slug, res.Self)
		case name != "" && (res.Self == nil || !res.Self.Agree || res.Self.Name != name):
			t.Errorf("%s: self %+v, want %q agreeing", res.Slug, res.Self, name)
		}
	}
}
