package api

import (
	"testing"
	"time"

	"github.com/uptimus/uptimus/internal/realdata"

	"github.com/uptimus/uptimus/generator/paths"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
)

// realGitHub merges GitHub's recorded 2020 and 2026 snapshots into one
// history, as two scheduled runs would.
func realGitHub(t *testing.T) (Options, *history.History) {
	t.Helper()
	h := realdata.GitHubHistory(t)
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
