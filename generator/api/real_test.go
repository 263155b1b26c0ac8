package api

import (
	"testing"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/internal/realdata"
	"github.com/uptimus/uptimus/generator/paths"
)

// TestRealGitHubMatchesSchema validates the API files built from GitHub's
// real recorded data.
func TestRealGitHubMatchesSchema(t *testing.T) {
	opt := fixtureOptions()
	h, now := realdata.AddGitHub(t, opt.Catalog, opt.Histories)
	opt.Now = now
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
