package site

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/model"
)

// manyProviders is the fixture grown to n providers the way the catalogue
// grows: imported entries without description or homepage, most without
// data; every tenth has acme's history (an open incident, maintenance
// running) and every seventh (from the sixth) a check failing since ever,
// which makes the data of those with history stale.
func manyProviders(n int) fixture {
	f := fixtureOptions()
	f.Checks = map[string]model.Check{}
	for i := range n {
		slug := fmt.Sprintf("imported-%04d", i)
		f.Catalog.Providers = append(f.Catalog.Providers, catalog.Provider{Slug: slug, Name: fmt.Sprintf("Imported %04d", i),
			URL: "https://status." + slug + ".example", Adapter: catalog.AutoAdapter, Category: "communication", Source: catalog.SourceAuto})
		if i%10 == 0 {
			h := acmeHistory()
			h.Slug = slug
			f.Histories[slug] = h
		}
		if i%7 == 6 {
			f.Checks[slug] = model.Check{LastAttempt: fixtureNow, LastError: "GET https://status." + slug + ".example: 404", LastHTTPStatus: 404}
		}
	}
	return f
}

// At hundreds of providers the home page lists those needing attention (up
// to a cap, then links the rest), names a few providers per category, and
// stays small; the category page is one line per provider.
func TestPagesAboutManyProvidersStaySmall(t *testing.T) {
	dir, _ := build(t, manyProviders(400))
	home := readFile(t, dir, "index.html")
	if len(home) > 40_000 {
		t.Errorf("home page is %d bytes with 403 providers, want at most 40,000", len(home))
	}
	att := home[strings.Index(home, `id="attention"`):strings.Index(home, `id="unchecked"`)]
	if n := strings.Count(att, `<a class="pname"`); n != attentionShown {
		t.Errorf("home lists %d providers needing attention, want %d", n, attentionShown)
	}
	mustContain(t, "home", home,
		// Acme and 40 imported less the 6 stale (20, 90, ..., 370); the 57
		// failing (6, 13, ..., 398), those 6 stale ones included.
		`Needs attention <span class="count">(35)</span>`,
		`<a href="/uptimus/providers/#attention">All 35 providers that need attention</a>`,
		`Not checked lately <span class="count">(57)</span>`, `and 47 more in the <a href="/uptimus/providers/">A-Z list</a>`,
		`<a href="/uptimus/status/imported-0020/">Imported 0020</a> (last known: 1 open incident)`,
		`<a href="/uptimus/category/communication/">All 401 in Communication</a>`,
		`<span class="st s-unknown">360 no data yet</span>`)
	if n := strings.Count(home, "Imported "); n > attentionShown+uncheckedShown+2*sectionShown+latestShown {
		t.Errorf("home names imported providers %d times: a wall of cards", n)
	}
	cat := readFile(t, dir, "category/communication/index.html")
	mustNotContain(t, "category", cat, `class="plist"`)
	if n := strings.Count(cat, `<a class="pname"`); n != 401 {
		t.Errorf("category page has %d provider lines, want 401", n)
	}
	if len(cat)/401 > 450 {
		t.Errorf("category page is %d bytes, %d a provider: want one short line each", len(cat), len(cat)/401)
	}
}

// The category page lists the providers needing attention first, worst
// first, then the rest by name, one line each with state and latest
// incident, and marks listings not yet reviewed.
func TestCategoryPageRows(t *testing.T) {
	f := manyProviders(8)
	dir, _ := build(t, f)
	doc := readFile(t, dir, "category/communication/index.html")
	rows := regexp.MustCompile(`<a class="pname" href="/uptimus/status/([a-z0-9-]+)/">`).FindAllStringSubmatch(doc, -1)
	var order []string
	for _, r := range rows {
		order = append(order, r[1])
	}
	// imported-0000 has an open incident; the others by name.
	want := "imported-0000 imported-0001 imported-0002 imported-0003 imported-0004 imported-0005 imported-0006 imported-0007 pusher"
	if strings.Join(order, " ") != want {
		t.Errorf("rows in order %v, want %s", order, want)
	}
	att := doc[strings.Index(doc, `id="attention"`):strings.Index(doc, `id="all"`)]
	mustContain(t, "attention rows", att, `<strong>1 open incident:</strong> <a href="/uptimus/status/imported-0000/incidents/inc-open/">Elevated WebSocket errors in EU</a>`)
	mustContain(t, "category", doc,
		`<h2 id="all">The others, A to Z</h2>`,
		`The official page answered 404 Not Found`,
		// Pending review is the listing's, so it stands by the name.
		`<a class="pname" href="/uptimus/status/imported-0001/">Imported 0001</a> <span class="pend">listing pending review</span></span>`,
		`<script src="/uptimus/static/search.js?v=`)
	for _, note := range regexp.MustCompile(`<span class="pnote">.*?</li>`).FindAllString(doc, -1) {
		if strings.Contains(note, `class="pend"`) {
			t.Errorf("the pending review chip follows the incident, as if it were the incident's: %s", note)
		}
	}
}

// The A-Z index lists every provider once, by letter, with its state and
// aliases, and those needing attention first.
func TestProvidersIndex(t *testing.T) {
	f := manyProviders(2)
	f.Catalog.Providers[0].Name = "3Com Status"
	dir, _ := build(t, f)
	doc := readFile(t, dir, "providers/index.html")
	mustContain(t, "index", doc,
		`<h1>All 5 providers, A to Z</h1>`,
		`<a href="#l-other">#</a>`, `<a href="#l-i">I</a>`, `<a href="#l-p">P</a>`,
		`<a href="/uptimus/status/acme/">3Com Status</a><span class="st s-partial_outage">Partial outage</span><span class="aka">also ACME</span>`,
		`<a href="/uptimus/status/newbie/">Newbie</a><span class="st s-unknown">No data yet</span>`,
		`<h2 id="attention">Needs attention <span class="count">(2)</span></h2>`,
		`<link rel="canonical" href="https://example.org/uptimus/providers/">`,
	)
	az := doc[strings.Index(doc, `<h2 id="l-other">`):]
	for _, slug := range []string{"acme", "imported-0000", "imported-0001", "newbie", "pusher"} {
		if n := strings.Count(az, `href="/uptimus/status/`+slug+`/"`); n != 1 {
			t.Errorf("%s is listed %d times in the letters", slug, n)
		}
	}
	if strings.Index(az, `id="l-other"`) > strings.Index(az, `id="l-i"`) {
		t.Error(`"#" should come before A`)
	}
}

// The search index holds every provider with name, aliases, category and
// state, and the pages link it by content hash.
func TestSearchIndex(t *testing.T) {
	dir, _ := build(t, manyProviders(1))
	var idx struct {
		Page       string            `json:"page"`
		States     map[string]string `json:"states"`
		Categories []string          `json:"categories"`
		Providers  [][]any           `json:"providers"`
	}
	if err := json.Unmarshal([]byte(readFile(t, dir, "search.json")), &idx); err != nil {
		t.Fatal(err)
	}
	if idx.Page != "/uptimus/status/" || len(idx.Providers) != 4 {
		t.Fatalf("index = %+v", idx)
	}
	acme := idx.Providers[0]
	if fmt.Sprint(acme) != "[acme Acme Cloud partial_outage 0 [ACME]]" || idx.Categories[0] != "Developer tools" {
		t.Errorf("first entry %v (categories %v)", acme, idx.Categories)
	}
	if idx.States["no_data"] != "No data yet" || idx.States["partial_outage"] != "Partial outage" {
		t.Errorf("states = %v", idx.States)
	}
	for _, page := range []string{"index.html", "providers/index.html", "category/communication/index.html"} {
		doc := readFile(t, dir, page)
		mustContain(t, page, doc, `<form id="search" class="search" role="search" action="/uptimus/providers/" data-index="/uptimus/search.json?v=`)
	}
}

// An imported entry's page says where the listing comes from, whether it
// was reviewed, and which vendor the probe detected, with the evidence;
// without a description it says what the page is, from those facts only.
// A detection made at another URL (the entry moved) is not shown.
func TestImportedProviderFacts(t *testing.T) {
	f := manyProviders(3)
	f.Checks["imported-0002"] = model.Check{URL: "https://status.old.example", Detected: "statuspage", LastAttempt: fixtureNow}
	f.Checks["imported-0001"] = model.Check{URL: "https://status.imported-0001.example", LastAttempt: fixtureNow, Detected: "statuspage",
		Evidence: "/api/v2/summary.json answered in Statuspage's format", DetectedAt: fixtureNow}
	dir, _ := build(t, f)
	detected := readFile(t, dir, "status/imported-0001/index.html")
	mustContain(t, "detected", detected,
		`<p class="lead">Imported 0001&#39;s official status page, listed automatically from a public list; not yet reviewed.</p>`,
		`<dt>Adapter</dt><dd>Atlassian Statuspage (detected)<span class="fnote">/api/v2/summary.json answered in Statuspage&#39;s format, <time datetime="2026-07-30T18:00:00Z">Jul 30, 2026</time></span>`,
		`<dt>Source</dt><dd>auto<span class="fnote">imported from a public list</span>`,
		`Pending review`,
		`(Atlassian Statuspage) on a schedule`)
	for _, slug := range []string{"imported-0000", "imported-0002"} {
		undetected := readFile(t, dir, "status/"+slug+"/index.html")
		mustContain(t, slug, undetected, `<dt>Adapter</dt><dd>not detected yet</dd>`, `official status page</a> on a schedule`)
	}
	acme := readFile(t, dir, "status/acme/index.html")
	mustContain(t, "acme", acme, `<p class="lead">Hosting for rockets.</p>`, `<dt>Source</dt><dd>manual<span class="fnote">written by a contributor</span>`)
	mustNotContain(t, "acme", acme, "listed automatically", "(detected)")
}
