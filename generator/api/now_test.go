package api

import (
	"testing"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/paths"
)

// The fixture's Acme has an open incident: now.json lists it alone, with
// the site's page; operational providers are not in it.
func TestNowJSON(t *testing.T) {
	dir := build(t, fixtureOptions())
	f := read[NowFile](t, dir, paths.NowJSON())
	if f.Count != 1 || len(f.Groups) != 1 || len(f.Groups[0].Providers) != 1 {
		t.Fatalf("now.json = %+v", f)
	}
	p := f.Groups[0].Providers[0]
	if p.Slug != "acme" || p.Status == adapters.Operational || len(p.Titles) == 0 || p.Page != "https://example.org/uptimus/status/acme/" || !f.Groups[0].Since.Equal(p.Began) {
		t.Errorf("provider = %+v", p)
	}
}
