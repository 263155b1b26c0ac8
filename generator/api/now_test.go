package api

import (
	"slices"
	"testing"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/internal/realdata"
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

// A region of another provider's history groups as its provider does:
// AWS's recording names me-south-1 in a component ("Multiple services
// (me-south-1)"), so Acme's open incident naming it in its latest update
// mentions "AWS me-south-1", with the place apart.
func TestNowJSONNamesARegion(t *testing.T) {
	opt := fixtureOptions()
	opt.Catalog.Providers = append(opt.Catalog.Providers, catalog.Provider{Slug: "aws", Name: "Amazon Web Services", Aliases: []string{"AWS"},
		URL: "https://health.aws.amazon.com/health/status", Adapter: "aws", Category: opt.Catalog.Providers[0].Category})
	opt.Histories["aws"] = realdata.CloudHistory(t, "aws")
	// In the update, not the title: a region Acme's own history (its
	// components and incident titles) named as often as AWS's would be
	// Acme's, and Acme does not mention itself.
	acme := opt.Histories["acme"]
	for i := range acme.Incidents {
		if acme.Incidents[i].ID == "inc-open" {
			acme.Incidents[i].Updates[0].Body = "Customers in me-south-1 see errors."
		}
	}
	f := read[NowFile](t, build(t, opt), paths.NowJSON())
	var got []NowMention
	for _, g := range f.Groups {
		for _, p := range g.Providers {
			if p.Slug == "acme" {
				got = g.Mentions
			}
		}
	}
	want := []NowMention{{Slug: "aws", Name: "AWS me-south-1", Place: "me-south-1", Count: 1}}
	if !slices.Equal(got, want) {
		t.Errorf("mentions = %+v, want %+v", got, want)
	}
}
