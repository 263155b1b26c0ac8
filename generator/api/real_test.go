package api

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/generator/paths"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/statuspage"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
)

// realFixtures is the shared folder of recorded vendor responses.
const realFixtures = "../../../shared/fixtures-real/statuspage/"

type notFound struct{ url string }

func (e notFound) Error() string   { return e.url + ": 404" }
func (e notFound) HTTPStatus() int { return 404 }

// fileFetcher answers a URL with the fixture whose key ends the URL.
type fileFetcher map[string]string

func (f fileFetcher) Get(_ context.Context, url string) ([]byte, error) {
	for suffix, file := range f {
		if strings.HasSuffix(url, suffix) {
			return os.ReadFile(realFixtures + file)
		}
	}
	return nil, notFound{url}
}

// realGitHub merges GitHub's recorded 2020 and 2026 snapshots into one
// history, as two scheduled runs would.
func realGitHub(t *testing.T) (Options, *history.History) {
	t.Helper()
	if _, err := os.Stat(realFixtures); errors.Is(err, os.ErrNotExist) {
		t.Skip("shared fixtures not present")
	}
	h := &history.History{Slug: "github"}
	for i, f := range []fileFetcher{
		{"summary.json": "github-summary-2020-05-22-unresolved-incident-upcoming-maint.json"},
		{"summary.json": "github-summary-2026-07-31.json", "incidents.json": "github-incidents-50-2026-07-31.json"},
	} {
		snap, err := statuspage.New().Fetch(context.Background(), f, adapters.Page{Slug: "github", URL: "https://www.githubstatus.com"})
		if err != nil {
			t.Fatalf("snapshot %d: %v", i, err)
		}
		snap.FetchedAt = time.Date(2026, 7, 31, 12, i, 0, 0, time.UTC)
		history.Merge(h, snap)
	}
	opt := fixtureOptions()
	opt.Catalog.Providers = append(opt.Catalog.Providers, catalog.Provider{
		Slug: "github", Name: "GitHub", URL: "https://www.githubstatus.com", Adapter: "statuspage", Category: "developer-tools"})
	opt.Histories["github"] = h
	opt.Now = time.Date(2026, 7, 31, 12, 5, 0, 0, time.UTC)
	return opt, h
}

// TestRealGitHubMatchesSchema validates the API files built from GitHub's
// real recorded data.
func TestRealGitHubMatchesSchema(t *testing.T) {
	opt, h := realGitHub(t)
	dir := build(t, opt)
	got := files(t, dir)
	validateAll(t, got)
	pf := read[ProviderFile](t, dir, paths.ProviderJSON("github"))
	if pf.Status == adapters.Unknown || len(pf.Components) == 0 {
		t.Errorf("github: status %s, %d components", pf.Status, len(pf.Components))
	}
	all := read[IncidentsFile](t, dir, paths.IncidentsJSON("github"))
	if all.Count != len(h.Incidents) || len(all.Incidents) != all.Count {
		t.Errorf("history: count %d, %d listed, %d in history", all.Count, len(all.Incidents), len(h.Incidents))
	}
}
