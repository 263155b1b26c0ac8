package importer

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/uptimus/uptimus/generator/catalog"
)

func outcomeLines(res *Result) []string {
	var got []string
	for _, o := range res.Outcomes {
		got = append(got, describeOutcome(o))
	}
	return got
}

// TestPlanDuplicateKeepsItsName: a row that repeats an entry by its host
// does not hand that entry its name. Here a US page labelled "OVHcloud"
// would otherwise make the global OVHcloud page, a later row, a
// duplicate of the US entry, and the company would be listed by its US
// page alone.
func TestPlanDuplicateKeepsItsName(t *testing.T) {
	cat := testCatalog()
	cat.Providers = append(cat.Providers, catalog.Provider{Slug: "ovhcloud-us", Name: "OVHcloud US",
		URL: "https://status.us.ovhcloud.com", Category: "cloud-hosting"})
	rows := []Row{
		listRow(2, "OVHcloud", "https://status.us.ovhcloud.com", "statusio", "cloud"),
		listRow(3, "OVHcloud", "https://www.status-ovhcloud.com", "unknown", "cloud"),
	}
	res := Plan(cat, testPlatforms, rows)
	want := []string{`2 duplicate ovhcloud-us: same status page status.us.ovhcloud.com`, `3 added ovhcloud`}
	if got := outcomeLines(res); !slices.Equal(got, want) {
		t.Fatalf("outcomes %q, want %q", got, want)
	}
	if p := res.Providers[0]; p.Name != "OVHcloud" || p.URL != "https://www.status-ovhcloud.com" {
		t.Errorf("added %+v", p)
	}
}

// TestPlanRefusesRetired: a row of a retired entry, by its page or its
// name, is refused with the reason, not proposed again nor counted as a
// plain duplicate.
func TestPlanRefusesRetired(t *testing.T) {
	cat := testCatalog()
	cat.Providers = append(cat.Providers, catalog.Provider{Slug: "edgio", Name: "Edgio", URL: "https://status.edg.io",
		Category: "cloud-hosting", Retired: &catalog.Retirement{Date: "2025-01", Reason: "Edgio shut its services down."}})
	rows := []Row{
		listRow(2, "Edgio", "https://status.edg.io", "unknown", "cloud"),
		listRow(3, "Edgio", "https://edgio.statuspage.io", "statuspage", "cloud"),
	}
	res := Plan(cat, testPlatforms, rows)
	want := []string{
		`2 refused: edgio is retired since 2025-01 (same status page status.edg.io): Edgio shut its services down.`,
		`3 refused: edgio is retired since 2025-01 (same company as "Edgio"): Edgio shut its services down.`,
	}
	if got := outcomeLines(res); !slices.Equal(got, want) {
		t.Errorf("outcomes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(res.Providers) != 0 {
		t.Errorf("added %+v", res.Providers)
	}
}

// TestPlanTiesCompanies: a row of a company already listed, on its
// domain or under its name with a region, is added as a page of that
// company (family); a regional page takes its service's category.
func TestPlanTiesCompanies(t *testing.T) {
	cat := testCatalog()
	cat.Providers = append(cat.Providers,
		catalog.Provider{Slug: "sumo-logic", Name: "Sumo Logic", URL: "https://status.sumologic.com", Category: "developer-tools"},
		catalog.Provider{Slug: "sumo-logic-us1", Name: "Sumo Logic US1", URL: "https://status.us1.sumologic.com", Category: "developer-tools", Family: "sumo-logic"})
	rows := []Row{
		listRow(2, "Sumo Logic EU", "https://status.eu.sumo-eu.example", "unknown", "cloud"),
		listRow(3, "Sumo Ads", "https://ads.sumologic.com", "unknown", "cloud"),
		listRow(4, "Sumo Ads DE", "https://ads-de.status.example", "unknown", "cloud"),
		listRow(5, "Unrelated", "https://status.unrelated.example", "unknown", "cloud"),
	}
	res := Plan(cat, testPlatforms, rows)
	family := map[string]string{}
	category := map[string]string{}
	for _, p := range res.Providers {
		family[p.Slug], category[p.Slug] = p.Family, p.Category
	}
	wantFamily := map[string]string{"sumo-logic-eu": "sumo-logic", "sumo-ads": "sumo-logic", "sumo-ads-de": "sumo-logic", "unrelated": ""}
	for slug, w := range wantFamily {
		if got, ok := family[slug]; !ok || got != w {
			t.Errorf("%s: family %q (added %v), want %q; outcomes %q", slug, got, ok, w, outcomeLines(res))
		}
	}
	if category["sumo-logic-eu"] != "developer-tools" || category["sumo-ads"] != "cloud-hosting" || category["sumo-ads-de"] != "cloud-hosting" {
		t.Errorf("categories %v: a regional page takes its service's, a product keeps its own", category)
	}

	fsys := testCatalogFS(t, testCatalog())
	for _, p := range append(cat.Providers[len(cat.Providers)-2:], res.Providers...) {
		p.Adapter, p.Source = "statuspage", catalog.SourceAuto
		data, err := File(p)
		if err != nil {
			t.Fatal(err)
		}
		fsys["providers/"+p.Slug+".yaml"] = &fstest.MapFile{Data: data}
	}
	if _, err := catalog.Load(fsys, testAdapters, catalog.LoadOptions{Hosting: testHosting}); err != nil {
		t.Errorf("the tied entries do not validate: %v", err)
	}
}
