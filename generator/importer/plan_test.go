package importer

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/uptimus/uptimus/adapters/all"
	"github.com/uptimus/uptimus/generator/catalog"
)

var testAdapters = []string{"statuspage", "feed"}

// testPlatforms are the platforms of testAdapters, as
// adapters.Registry.Platforms gives them.
var testPlatforms = map[string]string{"statuspage": "statuspage", "feed": "feed", "rss": "feed", "atom": "feed"}

// testHosting is where the registered vendors host pages, as the commands
// load the catalogue with it.
var testHosting = catalog.Hosting(all.Registry().Hosting())

func testCatalog() *catalog.Catalog {
	cat := &catalog.Catalog{Providers: []catalog.Provider{
		{Slug: "acme", Name: "Acme", URL: "https://status.acme.com", Aliases: []string{"Acme Cloud"}},
		{Slug: "beta", Name: "Beta Systems", URL: "https://www.betastatus.com"},
		{Slug: "epsilon", Name: "Epsilon Data", URL: "https://status.epsilondata.com"},
		{Slug: "okta", Name: "Okta", URL: "https://feeds.feedburner.com/OktaTrustRSS", Page: "https://status.okta.com"},
	}, Hosting: testHosting}
	for _, slug := range []string{"developer-tools", "cloud-hosting", "media", "payments", "other"} {
		cat.Categories = append(cat.Categories, catalog.Category{Slug: slug, Name: slug, Description: slug + "."})
	}
	return cat
}

// testCatalogFS is cat as a content folder: categories.yaml and a file
// per provider (as an auto entry: name and url are what the catalogue
// compares across files).
func testCatalogFS(t testing.TB, cat *catalog.Catalog) fstest.MapFS {
	t.Helper()
	var cats bytes.Buffer
	for _, c := range cat.Categories {
		fmt.Fprintf(&cats, "- slug: %s\n  name: %s\n  description: %s\n", c.Slug, c.Name, c.Description)
	}
	fsys := fstest.MapFS{"categories.yaml": {Data: cats.Bytes()}}
	for _, p := range cat.Providers {
		p.Adapter, p.Category, p.Source = "statuspage", cat.Categories[0].Slug, catalog.SourceAuto
		data, err := File(p)
		if err != nil {
			t.Fatal(err)
		}
		fsys["providers/"+p.Slug+".yaml"] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// listRow is a list row on line n: name, url, platform, category guess.
func listRow(n int, fields ...string) Row {
	return Row{Line: n, Name: fields[0], URL: fields[1], Platform: fields[2], Category: fields[3], Repo: "example/list"}
}

var testRows = []Row{
	listRow(2, "Acme Inc.", "https://acme.statuspage.io", "statuspage", "development"),
	listRow(3, "Acme Cloud", "https://acmecloud.example.net", "unknown", "cloud"),
	listRow(4, "Status of Beta", "https://betastatus.com/incidents", "unknown", "cloud"),
	listRow(5, "Okta RSS", "https://feeds.feedburner.com/OktaTrustRSS/", "rss", "other"),
	listRow(6, "Other Feed Co", "https://feeds.feedburner.com/OtherCo", "rss", "cloud"),
	listRow(7, "Gamma (statuspage.io)", "https://gamma.statuspage.io", "statuspage", "development"),
	listRow(8, "Gamma", "https://status.gamma.io", "unknown", "cloud"),
	listRow(9, "Gamma", "https://gamma.instatus.com", "unknown", "development"),
	listRow(10, "Delta", "https://status.delta.com", "unknown", "gaming"),
	listRow(11, "Delta", "https://delta.statuspage.io", "statuspage", "gaming"),
	listRow(12, "Plain", "http://status.plain.com", "unknown", "cloud"),
	listRow(13, "Query", "https://status.query.com/?x=1", "unknown", "cloud"),
	listRow(14, "Numbers", "https://192.0.2.1", "unknown", "cloud"),
	listRow(15, "Ops", "https://status.ops.com", "unknown", "devops"),
	listRow(16, "Weird", "https://status.weird.com", "unknown", "astrology"),
	listRow(17, "https://status.url.com", "https://status.url.com", "unknown", "cloud"),
	listRow(18, "www.hostname.com", "https://www.hostname.com/status", "unknown", "cloud"),
	listRow(19, "Zürich Café", "https://status.zurich.ch", "unknown", "finance"),
	listRow(20, "Epsilon", "https://status.eps-games.co.uk", "unknown", "gaming"),
	listRow(21, "Hunter Douglas, Inc.", "https://status.hunterdouglas.com", "unknown", "other"),
	listRow(22, "CoachHub - The digital coaching platform", "https://status.coachhub.com", "unknown", ""),
	{Line: 23, Err: "3 fields, want 5"},
	listRow(24, "Other Feed Co.", "https://status.otherfeed.com", "unknown", "cloud"),
	listRow(25, "Sigma", "https://sigma.status.io", "statusio", "cloud"),
	listRow(26, "", "https://status.noname.com", "unknown", "cloud"),
}

// What became of each row of testRows, one line each.
var wantOutcomes = []string{
	`2 duplicate acme: same company as "Acme"`,
	`3 duplicate acme: same company as "Acme Cloud"`,
	`4 duplicate beta: same host betastatus.com`,
	`5 duplicate okta: same status page feeds.feedburner.com/OktaTrustRSS`,
	`6 added other-feed-co`,
	`7 duplicate gamma: same company; line 8 gives its own domain status.gamma.io, preferred to gamma.statuspage.io`,
	`8 added gamma`,
	`9 duplicate gamma: same company as "Gamma"`,
	`10 added delta`,
	`11 duplicate delta: same company as "Delta"`,
	`12 refused: status_url "http://status.plain.com" is http://: the catalogue fetches only https; list the page's https:// address`,
	`13 refused: status_url "https://status.query.com/?x=1" must not have a query (?...)`,
	`14 refused: status_url "https://192.0.2.1": the host must be a DNS name, not an IP address (192.0.2.1)`,
	`15 refused: category_guess "devops" maps to "devops", which categories.yaml does not have`,
	`16 refused: unknown category_guess "astrology" (known: ai, analytics, cloud, communication, data, development, devops, ecommerce, education, finance, gaming, health, marketing, media, other, payments, productivity, security, unknown)`,
	`17 refused: name "https://status.url.com" is an address, not a company's name`,
	`18 refused: name "www.hostname.com" is an address, not a company's name`,
	`19 added zurich-cafe`,
	`20 added epsilon-eps-games`,
	`21 added hunter-douglas`,
	`22 added coachhub`,
	`23 refused: 3 fields, want 5`,
	`24 duplicate other-feed-co: same company as "Other Feed Co"`,
	`25 added sigma`,
	`26 refused: no name`,
}

func describeOutcome(o Outcome) string {
	switch o.Kind {
	case Added:
		return fmt.Sprintf("%d added %s", o.Line, o.Slug)
	case Duplicate:
		return fmt.Sprintf("%d duplicate %s: %s", o.Line, o.Slug, o.Reason)
	}
	return fmt.Sprintf("%d refused: %s", o.Line, o.Reason)
}

func TestPlan(t *testing.T) {
	res := Plan(testCatalog(), testPlatforms, testRows)
	var got []string
	for _, o := range res.Outcomes {
		got = append(got, describeOutcome(o))
	}
	if !slices.Equal(got, wantOutcomes) {
		t.Errorf("outcomes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantOutcomes, "\n"))
	}
	want := []catalog.Provider{
		{Slug: "coachhub", Name: "CoachHub", URL: "https://status.coachhub.com", Adapter: "auto", Category: "other"},
		{Slug: "delta", Name: "Delta", URL: "https://status.delta.com", Adapter: "auto", Category: "media"},
		{Slug: "epsilon-eps-games", Name: "Epsilon", URL: "https://status.eps-games.co.uk", Adapter: "auto", Category: "media"},
		{Slug: "gamma", Name: "Gamma", URL: "https://status.gamma.io", Adapter: "auto", Category: "cloud-hosting"},
		{Slug: "hunter-douglas", Name: "Hunter Douglas, Inc.", URL: "https://status.hunterdouglas.com", Adapter: "auto", Category: "other"},
		{Slug: "other-feed-co", Name: "Other Feed Co", URL: "https://feeds.feedburner.com/OtherCo", Adapter: "feed", Category: "cloud-hosting"},
		{Slug: "sigma", Name: "Sigma", URL: "https://sigma.status.io", Adapter: "auto", Category: "cloud-hosting"},
		{Slug: "zurich-cafe", Name: "Zürich Café", URL: "https://status.zurich.ch", Adapter: "auto", Category: "payments"},
	}
	if len(res.Providers) != len(want) {
		t.Fatalf("%d providers, want %d: %+v", len(res.Providers), len(want), res.Providers)
	}
	for i, w := range want {
		w.Source = catalog.SourceAuto
		if got := res.Providers[i]; fmt.Sprint(got) != fmt.Sprint(w) {
			t.Errorf("provider %d = %+v\nwant %+v", i, got, w)
		}
	}
}

// A second import of the same list into the catalogue the first produced
// adds nothing, and the files the first wrote validate.
func TestPlanTwiceAddsNothing(t *testing.T) {
	cat := testCatalog()
	first := Plan(cat, testPlatforms, testRows)
	cat.Providers = append(cat.Providers, first.Providers...)
	second := Plan(cat, testPlatforms, testRows)
	if len(second.Providers) != 0 {
		t.Errorf("second import adds %+v", second.Providers)
	}
	for _, o := range second.Outcomes {
		if o.Kind == Added {
			t.Errorf("second import: %s", describeOutcome(o))
		}
	}
	fsys := testCatalogFS(t, testCatalog())
	for _, p := range first.Providers {
		data, err := File(p)
		if err != nil {
			t.Fatal(err)
		}
		fsys["providers/"+p.Slug+".yaml"] = &fstest.MapFile{Data: data}
	}
	if _, err := catalog.Load(fsys, testAdapters, catalog.LoadOptions{Hosting: testHosting}); err != nil {
		t.Errorf("imported files do not validate: %v", err)
	}
}

func TestFile(t *testing.T) {
	data, err := File(catalog.Provider{Slug: "cs-go-stats", Name: "CS:GO stats", URL: "https://status.csgostats.gg",
		Adapter: "auto", Category: "media", Source: catalog.SourceAuto, Description: "never written", Homepage: "https://never.example.com"})
	if err != nil {
		t.Fatal(err)
	}
	want := "name: CS:GO stats\nurl: https://status.csgostats.gg\nadapter: auto\ncategory: media\nsource: auto\nverified: false\n"
	if string(data) != want {
		t.Errorf("file:\n%s\nwant:\n%s", data, want)
	}
}

// The list order decides: the same rows in the same order give the same
// result, whatever the catalogue's provider order.
func TestPlanIsDeterministic(t *testing.T) {
	a := Plan(testCatalog(), testPlatforms, testRows)
	cat := testCatalog()
	slices.Reverse(cat.Providers)
	b := Plan(cat, testPlatforms, testRows)
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("two plans differ:\n%+v\n%+v", a, b)
	}
}
