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
