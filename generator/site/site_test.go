package site

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/paths"
	"github.com/uptimus/uptimus/internal/testfs"

	"github.com/uptimus/uptimus/adapters"

	"github.com/uptimus/uptimus/generator/internal/buildtest"
	"github.com/uptimus/uptimus/generator/publish"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// build renders opt into a fresh folder and returns it with the stats.
func build(t *testing.T, opt fixture) (string, stats) {
	t.Helper()
	dir := t.TempDir()
	st, err := buildAll(opt, publish.New(dir))
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return dir, st
}

func readFile(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return string(b)
}

func mustContain(t *testing.T, name, doc string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(doc, w) {
			t.Errorf("%s: missing %q", name, w)
		}
	}
}

func mustNotContain(t *testing.T, name, doc string, bads ...string) {
	t.Helper()
	for _, b := range bads {
		if strings.Contains(doc, b) {
			t.Errorf("%s: must not contain %q", name, b)
		}
	}
}

const evilDir = "status/acme/incidents/inc.2F.2E.2E.2F.2E.2E.2F.2E.2E.2Fevil/"

func TestBuildWritesEveryPage(t *testing.T) {
	dir, st := build(t, fixtureOptions())
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"404.html",
		"category/communication/index.html", "category/developer-tools/index.html",
		"index.html", "now/index.html", "providers/index.html", "reports/feed.atom", "reports/feed.rss", "reports/index.html", "robots.txt", "search.json", "sitemap-1.xml", "sitemap.xml",
		"static/aged.js", "static/bar.js", "static/favicon.svg", "static/icons.svg", "static/match.js", "static/search.js", "static/style.css", "static/time.js", "static/watch.js",
		"status/acme/history/index.html",
		"status/acme/incidents/inc-old/index.html",
		"status/acme/incidents/inc-open/index.html",
		evilDir + "index.html",
		"status/acme/incidents/m-done/index.html",
		"status/acme/incidents/m-now/index.html",
		"status/acme/incidents/m-soon/index.html",
		"status/acme/index.html",
		"status/newbie/history/index.html",
		"status/newbie/index.html",
		"status/pusher/history/index.html",
		"status/pusher/index.html",
		"watch/index.html",
	}
	if !slices.Equal(files, want) {
		t.Errorf("files:\n got %q\nwant %q", files, want)
	}
	if st.Total != len(want) || st.Written != len(want) || st.Unchanged != 0 {
		t.Errorf("stats = %+v, want %d written", st, len(want))
	}
}

// scriptsNeedMatch fails when a page loads search.js or watch.js without
// match.js before it: both call the matcher it defines as they start.
func scriptsNeedMatch(t *testing.T, rel, doc string) {
	t.Helper()
	match := strings.Index(doc, "/static/match.js?v=")
	for _, user := range []string{"/static/search.js?v=", "/static/watch.js?v="} {
		if i := strings.Index(doc, user); i >= 0 && (match < 0 || match > i) {
			t.Errorf("%s loads %s without match.js before it", rel, user)
		}
	}
}

// A build that keeps the last build's provider pages lists the same
// sitemap as one that renders them: pages of a provider with no data
// (noindex) are in neither.
func TestReusedPagesListTheSameSitemap(t *testing.T) {
	fresh, _ := build(t, fixtureOptions())
	f := fixtureOptions()
	f.Reuse = true
	kept, _ := build(t, f)
	want := readFile(t, fresh, "sitemap-1.xml")
	if got := readFile(t, kept, "sitemap-1.xml"); got != want {
		t.Errorf("sitemap with reuse:\n%s\nwant:\n%s", got, want)
	}
	mustNotContain(t, "sitemap-1.xml", want, "/status/newbie/")
}

func TestEveryHTMLPageHasHeadEssentials(t *testing.T) {
	dir, _ := build(t, fixtureOptions())
	titles := map[string]string{}
	titleRE := regexp.MustCompile(`<title>([^<]+)</title>`)
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		doc := readFile(t, dir, rel)
		mustContain(t, rel, doc, `<html lang="en">`, `<meta name="description" content="`, `<main id="main"`,
			`<a class="brand" href="/uptimus/">`, `<a href="/uptimus/watch/">Watch list</a>`, `<footer`, `/uptimus/static/style.css?v=`)
		mustNotContain(t, rel, doc, "//cdn", "fonts.googleapis")
		assertSafe(t, rel, doc)
		m := titleRE.FindStringSubmatch(doc)
		if m == nil {
			t.Errorf("%s: no <title>", rel)
			return nil
		}
		if other, dup := titles[m[1]]; dup {
			t.Errorf("%s and %s share the title %q", rel, other, m[1])
		}
		titles[m[1]] = rel
		scriptsNeedMatch(t, rel, doc)
		if rel == "404.html" {
			mustContain(t, rel, doc, `<meta name="robots" content="noindex">`)
			return nil
		}
		canon := "https://example.org/uptimus/" + strings.TrimSuffix(rel, "index.html")
		mustContain(t, rel, doc, `<link rel="canonical" href="`+canon+`">`)
		return nil
	})
}

func TestHomePage(t *testing.T) {
	dir, _ := build(t, fixtureOptions())
	doc := readFile(t, dir, "index.html")
	mustContain(t, "home", doc,
		`<input type="search" id="q"`,
		`<script src="/uptimus/static/search.js?v=`,
		`Needs attention`,
		`href="/uptimus/status/acme/"`, `href="/uptimus/status/newbie/"`, `href="/uptimus/status/pusher/"`,
		`id="h-developer-tools"`, `id="h-communication"`,
		`Elevated WebSocket errors in EU`,
		`No data yet`,
		// Categories are counted, not listed in full: each links its page.
		`<a href="/uptimus/category/developer-tools/">All 2 in Developer tools</a>`,
		`<span class="st s-partial_outage">1 partial outage</span>`,
		// The search box loads the index on demand; the A-Z list is there
		// without JavaScript.
		`data-index="/uptimus/search.json?v=`,
		`<a href="/uptimus/providers/">All 3 providers, A to Z</a>`,
		// When it was built, the newest incidents of every provider, and
		// the feeds to follow them.
		`Built <time datetime="2026-07-30T18:00:00Z" data-relative>`,
		`<h2 id="latest">Latest incidents</h2>`,
		`href="/uptimus/feed.rss" type="application/rss&#43;xml">RSS</a>`,
		`<a href="/uptimus/maintenance.ics" type="text/calendar">maintenance calendar</a>`,
	)
	latest := doc[strings.Index(doc, `id="latest"`):strings.Index(doc, `class="follow-feeds"`)]
	if n := strings.Count(latest, "<li>"); n == 0 || n > latestShown || !strings.Contains(latest, `href="/uptimus/status/acme/">Acme Cloud</a>`) {
		t.Errorf("latest incidents: %d items, want 1 to %d naming their provider: %s", n, latestShown, latest)
	}
	// Developer tools lists Acme (open incident) before Newbie, although
	// both would sort the same way by name anyway; categories keep catalogue order.
	if strings.Index(doc, `id="h-developer-tools"`) > strings.Index(doc, `id="h-communication"`) {
		t.Error("categories out of catalogue order")
	}
	// Needs attention, then the categories, then the latest incidents.
	if a, c, l := strings.Index(doc, `id="attention"`), strings.Index(doc, `id="providers"`), strings.Index(doc, `id="latest"`); a > c || c > l {
		t.Errorf("home sections at %d (attention), %d (categories), %d (latest)", a, c, l)
	}
	// The attention list comes before the categories and holds Acme only.
	att := doc[strings.Index(doc, "Needs attention"):strings.Index(doc, `id="providers"`)]
	if !strings.Contains(att, "Acme Cloud") || strings.Contains(att, "Pusher") || strings.Contains(att, "Newbie") {
		t.Errorf("attention section = %s", att)
	}
}

func TestAttentionOrder(t *testing.T) {
	opt := fixtureOptions()
	// Pusher goes down: both need attention, the worse (major) comes first.
	opt.Histories["pusher"].State.Status = "major_outage"
	dir, _ := build(t, opt)
	doc := readFile(t, dir, "index.html")
	att := doc[strings.Index(doc, "Needs attention"):strings.Index(doc, `id="providers"`)]
	if p, a := strings.Index(att, "Pusher"), strings.Index(att, "Acme Cloud"); p < 0 || a < 0 || p > a {
		t.Errorf("want Pusher (major outage) before Acme (partial): %s", att)
	}
}

func TestProviderPage(t *testing.T) {
	dir, _ := build(t, fixtureOptions())
	doc := readFile(t, dir, "status/acme/index.html")
	mustContain(t, "acme", doc,
		`<title>Acme Cloud status: is Acme Cloud down? Incidents and components | Uptimus</title>`,
		`Hosting for rockets.`, `Developer tools`, `Atlassian Statuspage`,
		`href="https://status.acme.example"`, `Verified`,
		// Banner with since.
		`Partial outage</h2>`, `Since <time datetime="2026-07-30T14:00:00Z">Jul 30, 2026, 14:00 UTC</time>`,
		// Counters.
		`<span class="num">3</span><span class="what">Components</span><span class="detail">0 degraded, 1 down</span>`,
		// Open incidents and running maintenance are sections of their own
		// under the banner, not counters; once out of date (aged.js) they
		// say as of when.
		`<h2 id="open">Open incident<span class="aged-only"> at our last successful check</span></h2>`,
		`<h2 id="maint-now">Maintenance in progress<span class="aged-only"> at our last successful check</span></h2>`,
		`<span class="num">3</span><span class="what">Incidents on record</span>`,
		`<span class="num">3</span><span class="what">Maintenance windows</span><span class="detail">1 scheduled</span>`,
		// Components grouped, with real last-changed times.
		`<details class="cgroup" open><summary><span class="cname">Channels`,
		`<time datetime="2026-07-12T09:30:00Z">Jul 12, 2026, 09:30 UTC</time>`,
		`not observed yet`,
		// Incidents by title, with links, duration, affected, latest update.
		`<a href="/uptimus/status/acme/incidents/inc-open/">Elevated WebSocket errors in EU</a>`,
		`<a href="/uptimus/`+evilDir+`">Login failures &lt;script&gt;alert(1)&lt;/script&gt;</a>`,
		`<a href="/uptimus/status/acme/incidents/inc-old/">Slow dashboard</a>`,
		`Lasted 2 h 14 min`, `Lasted 45 min`, `Ongoing`,
		// Components keep their group wherever they are named.
		`Affected:</span> REST API (Channels), WebSocket API (Channels)`,
		`This incident has been resolved.`,
		`We found the cause.`,
		// Maintenance separate, all three phases.
		`Upcoming</h3>`, `In progress</h3>`, `Completed</h3>`,
		`<a href="/uptimus/status/acme/incidents/m-soon/">Database upgrade</a>`,
		`2 h planned`,
	)
	mustNotContain(t, "acme", doc, "Pending review")
	// Maintenance in progress says when it is scheduled to end, and is
	// listed before what is to come.
	mustContain(t, "acme", doc, `<strong>Scheduled to end <time datetime="2026-07-30T19:00:00Z">`)
	if strings.Index(doc, `In progress</h3>`) > strings.Index(doc, `Upcoming</h3>`) {
		t.Error("upcoming maintenance is listed before the maintenance in progress")
	}
	// A component the vendor removed is not in the table, and is listed as removed.
	mustContain(t, "acme", doc, "<li>Legacy API: removed from the official page")
	if strings.Index(doc, "Legacy API") < strings.Index(doc, "No longer listed") {
		t.Error("the removed component appears before the 'No longer listed' list")
	}
	assertSafe(t, "acme", doc)
	// The table follows upstream positions: group, its children by position, then Dashboard.
	order := []string{"Channels", "WebSocket API", "REST API", "Dashboard"}
	last := -1
	for _, name := range order {
		i := strings.Index(doc, `<span class="cname">`+name)
		if i < 0 || i < last {
			t.Errorf("components out of order at %s", name)
		}
		last = i
	}
	// Open incidents and running maintenance come before the components.
	if strings.Index(doc, `id="open"`) > strings.Index(doc, `id="components"`) || strings.Index(doc, `id="maint-now"`) > strings.Index(doc, `id="components"`) {
		t.Error("open incidents or running maintenance not before components")
	}
	// Incidents newest first.
	if recent := doc[strings.Index(doc, `id="incidents"`):]; strings.Index(recent, "Login failures") > strings.Index(recent, "Slow dashboard") {
		t.Error("incidents not newest first")
	}

	pending := readFile(t, dir, "status/pusher/index.html")
	mustContain(t, "pusher", pending, `Pending review`, `Since at least <time datetime="2026-07-29T06:00:00Z">Jul 29, 2026, 06:00 UTC</time>, our first check`, `No incidents on record since`)
	none := readFile(t, dir, "status/newbie/index.html")
	mustContain(t, "newbie", none, `No data yet`, `Pending review`, `No components collected yet.`)
}

func TestIncidentPage(t *testing.T) {
	dir, _ := build(t, fixtureOptions())
	doc := readFile(t, dir, evilDir+"index.html")
	mustContain(t, "incident", doc,
		// The minifier leaves ">" bare; "&lt;" is what keeps a tag from opening.
		`<title>Acme Cloud incident: Login failures &lt;script&gt;alert(1)&lt;/script&gt;</title>`,
		`<h1>Login failures &lt;script&gt;alert(1)&lt;/script&gt;</h1>`,
		`Critical impact`, `Resolved`,
		`<time datetime="2026-07-12T09:00:00Z">Jul 12, 2026, 09:00 UTC</time>`,
		`<time datetime="2026-07-12T11:14:00Z">Jul 12, 2026, 11:14 UTC</time>`,
		`2 h 14 min`, `REST API (Channels), WebSocket API (Channels)`,
		// Markdown: links kept with rel, bare URL linked, heading demoted, list, hard wraps.
		`<a href="https://blog.acme.example/post" rel="nofollow ugc noopener">our post</a>`,
		`<a href="https://acme.example/help" rel="nofollow ugc noopener">https://acme.example/help</a>`,
		`<h5>Root cause</h5>`, `<li>one</li>`,
		"Users cannot log in.<br>",
		`Fixed.`,
		`See the runbook,`,
		// Images become links: nothing loads from other hosts.
		`<a href="https://img.example/x.png" rel="nofollow ugc noopener">pic</a>`,
		// Neighbours.
		`href="/uptimus/status/acme/incidents/inc-old/" rel="prev"`,
		`href="/uptimus/status/acme/incidents/inc-open/" rel="next"`,
	)
	mustNotContain(t, "incident", doc, "javascript:", "<img", "View on Acme Cloud", "alert('x')")
	assertSafe(t, "incident", doc)
	// Timeline newest first.
	if r, m, i := strings.Index(doc, ">Resolved</h3>"), strings.Index(doc, ">Monitoring</h3>"), strings.Index(doc, ">Investigating</h3>"); !(r < m && m < i) || r < 0 {
		t.Errorf("timeline order: resolved %d, monitoring %d, investigating %d", r, m, i)
	}

	open := readFile(t, dir, "status/acme/incidents/inc-open/index.html")
	mustContain(t, "open incident", open, `Ongoing incident`, `href="https://status.acme.example/incidents/inc-open"`, `View on Acme Cloud`)
	// Where a search for the incident lands, the provider's state now.
	mustContain(t, "open incident", open, `<p class="pnow"><a href="/uptimus/status/acme/">Acme Cloud now</a>:`, "Partial outage", "1 open incident")
	maint := readFile(t, dir, "status/acme/incidents/m-soon/index.html")
	mustContain(t, "maintenance", maint, `<title>Acme Cloud maintenance: Database upgrade</title>`, `Scheduled maintenance`, `Scheduled start`)
}

func TestSitemapAndRobots(t *testing.T) {
	dir, _ := build(t, fixtureOptions())
	index := readFile(t, dir, "sitemap.xml")
	mustContain(t, "sitemap index", index, `<sitemapindex`,
		`<sitemap><loc>https://example.org/uptimus/sitemap-1.xml</loc><lastmod>2026-07-30T17:00:00Z</lastmod></sitemap>`)
	sm := readFile(t, dir, "sitemap-1.xml")
	mustContain(t, "sitemap", sm,
		`<loc>https://example.org/uptimus/</loc><lastmod>2026-07-30T17:00:00Z</lastmod>`,
		`<loc>https://example.org/uptimus/status/acme/</loc><lastmod>2026-07-30T17:00:00Z</lastmod>`,
		`<loc>https://example.org/uptimus/status/acme/incidents/inc-open/</loc><lastmod>2026-07-30T15:10:00Z</lastmod>`,
		`<loc>https://example.org/uptimus/`+evilDir+`</loc>`,
	)
	// The provider without data is thin content: neither its page nor its
	// archive is listed.
	mustNotContain(t, "sitemap", sm, "404", "/status/newbie/")
	// The watch list, without a lastmod: it does not change with the data.
	mustContain(t, "sitemap", sm, `<url><loc>https://example.org/uptimus/watch/</loc></url>`)
	// 9 pages, 2 category pages, 2 archive pages (an archive's index is
	// its newest year), the A-Z index, the watch list and /now/ (undated:
	// it changes with every build).
	mustContain(t, "sitemap", sm, `<url><loc>https://example.org/uptimus/now/</loc></url>`)
	if n := strings.Count(sm, "<loc>"); n != 16 {
		t.Errorf("sitemap has %d URLs, want 16", n)
	}
	robots := readFile(t, dir, "robots.txt")
	if robots != "User-agent: *\nAllow: /\n\nSitemap: https://example.org/uptimus/sitemap.xml\n" {
		t.Errorf("robots.txt = %q", robots)
	}
}

func TestSitemapSplitsIntoParts(t *testing.T) {
	defer func(n int) { sitemapPart = n }(sitemapPart)
	sitemapPart = 4
	dir, _ := build(t, fixtureOptions())
	index := readFile(t, dir, "sitemap.xml")
	if n := strings.Count(index, "<sitemap>"); n != 4 {
		t.Fatalf("index lists %d parts, want 4 (16 URLs by 4):\n%s", n, index)
	}
	total := 0
	for i := 1; i <= 4; i++ {
		part := readFile(t, dir, fmt.Sprintf("sitemap-%d.xml", i))
		n := strings.Count(part, "<loc>")
		if n > 4 {
			t.Errorf("sitemap-%d.xml has %d URLs, more than a part holds", i, n)
		}
		total += n
	}
	// 18 pages, less the page and archive of the provider without data.
	if total != 16 {
		t.Errorf("parts list %d URLs, want 16", total)
	}
	if strings.Contains(index+readFile(t, dir, "sitemap-4.xml"), "/status/newbie/") {
		t.Error("the provider without data is in the sitemap")
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	opt := fixtureOptions()
	a, _ := build(t, opt)
	opt.Workers = 7
	b, _ := build(t, opt)
	testfs.Same(t, a, b)
	sa := testfs.Tree(t, a)
	// Building again into the same folder writes nothing.
	st, err := buildAll(opt, publish.New(a))
	if err != nil {
		t.Fatal(err)
	}
	if st.Written != 0 || st.Unchanged != len(sa) || st.Total != len(sa) {
		t.Errorf("second build stats = %+v, want 0 written, %d unchanged", st, len(sa))
	}
}

func TestPruneRemovesDeletedProvider(t *testing.T) {
	opt := fixtureOptions()
	dir, _ := build(t, opt)
	opt = fixtureOptions()
	var keep = opt.Catalog.Providers[:0]
	for _, p := range opt.Catalog.Providers {
		if p.Slug != "acme" {
			keep = append(keep, p)
		}
	}
	opt.Catalog.Providers = keep
	pub := publish.New(dir)
	if _, err := buildAll(opt, pub); err != nil {
		t.Fatal(err)
	}
	removed, err := pub.Prune()
	if err != nil {
		t.Fatal(err)
	}
	// acme's page, its 6 incident pages and its archive page.
	if len(removed) != 8 {
		t.Errorf("removed %d files, want acme's 8: %q", len(removed), removed)
	}
	if _, err := os.Stat(filepath.Join(dir, "status", "acme")); !os.IsNotExist(err) {
		t.Errorf("status/acme still there: %v", err)
	}
	mustNotContain(t, "home", readFile(t, dir, "index.html"), "Acme Cloud")
	mustNotContain(t, "sitemap", readFile(t, dir, "sitemap-1.xml"), "/acme/")
}

func TestBaseURL(t *testing.T) {
	if _, err := buildAll(fixture{Options: Options{Catalog: fixtureCatalog(), BaseURL: "nope"}}, publish.New(t.TempDir())); err == nil {
		t.Error("Build with a bad base URL succeeded")
	}
}

func TestBuildRejectsBadSlug(t *testing.T) {
	opt := fixtureOptions()
	opt.Catalog.Providers[0].Slug = "../acme"
	if _, err := buildAll(opt, publish.New(t.TempDir())); err == nil || !strings.Contains(err.Error(), "../acme") {
		t.Errorf("err = %v, want an invalid slug error", err)
	}
}

func TestDuplicateTitlesGetDates(t *testing.T) {
	opt := fixtureOptions()
	incs := opt.Histories["acme"].Incidents
	for i := range incs {
		if incs[i].ID == "inc-old" {
			incs[i].Title = "Elevated WebSocket errors in EU"
		}
	}
	dir, _ := build(t, opt)
	mustContain(t, "old", readFile(t, dir, "status/acme/incidents/inc-old/index.html"),
		`<title>Acme Cloud incident: Elevated WebSocket errors in EU (Jul 3, 2026)</title>`)
	mustContain(t, "open", readFile(t, dir, "status/acme/incidents/inc-open/index.html"),
		`<title>Acme Cloud incident: Elevated WebSocket errors in EU (Jul 30, 2026)</title>`)
}

// TestGoldenProviderPage pins the whole rendered page of a small provider;
// refresh with go test -run Golden -update after a deliberate change.
func TestGoldenProviderPage(t *testing.T) {
	dir, _ := build(t, fixtureOptions())
	checkGolden(t, dir, "status/pusher/index.html", "pusher.golden.html")
}

// checkGolden compares the page rel of the site in dir with
// testdata/<golden>, or rewrites it with -update.
func checkGolden(t *testing.T, dir, rel, golden string) {
	t.Helper()
	got := readFile(t, dir, rel)
	// Pretty-print a little so golden diffs are readable.
	got = strings.ReplaceAll(got, "><", ">\n<")
	// Asset versions change with every stylesheet tweak; the page does not.
	got = regexp.MustCompile(`\?v=[0-9a-f]+`).ReplaceAllString(got, "?v=HASH")
	golden = filepath.Join("testdata", golden)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s; run go test -run Golden -update and review the diff", rel, golden)
	}
}

func TestVendorWithoutComponentsOrMaintenanceSaysSo(t *testing.T) {
	opt := fixtureOptions()
	opt.Capabilities = map[string]adapters.Capabilities{
		"instatus": {Title: "Instatus", Components: false, Maintenance: false, Timeline: false},
	}
	dir, _ := build(t, opt)
	doc := readFile(t, dir, "status/newbie/index.html")
	mustContain(t, "newbie", doc,
		"Not provided by this vendor: Instatus does not list components",
		"Not provided by this vendor: Instatus does not publish maintenance windows")
	// A vendor that provides both never shows the notice.
	mustNotContain(t, "acme", readFile(t, dir, "status/acme/index.html"), "Not provided by this vendor")
}

func TestProviderPageShowsUptimeAndDayBar(t *testing.T) {
	dir, _ := build(t, fixtureOptions())
	doc := readFile(t, dir, "status/acme/index.html")
	mustContain(t, "acme", doc, `<ol class="bar"`, "Last 90 days", "Uptime (90 days)", "known days of the last 90", "never assumed up or down")
	if n := strings.Count(doc, `<li class="s-`); n < 90 {
		t.Errorf("%d day cells, want 90", n)
	}
	// The provider without history is kept out of search engines and
	// shows no empty counters or bar.
	newbie := readFile(t, dir, "status/newbie/index.html")
	mustContain(t, "newbie", newbie, `<meta name="robots" content="noindex">`, "No data yet")
	mustNotContain(t, "newbie", newbie, `<ol class="bar"`, `class="counters"`)
}

// structuredData returns the parsed JSON-LD objects of a page.
func structuredData(t *testing.T, doc string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, part := range strings.Split(doc, `<script type="application/ld+json">`)[1:] {
		var v map[string]any
		if err := json.Unmarshal([]byte(part[:strings.Index(part, "</script>")]), &v); err != nil {
			t.Fatalf("JSON-LD does not parse: %v", err)
		}
		out = append(out, v)
	}
	return out
}

func TestStructuredData(t *testing.T) {
	dir, _ := build(t, fixtureOptions())
	for _, rel := range []string{"index.html", "status/acme/index.html"} {
		ld := structuredData(t, readFile(t, dir, rel))
		if len(ld) == 0 || ld[0]["@type"] != "BreadcrumbList" {
			t.Errorf("%s: first JSON-LD = %v, want a BreadcrumbList", rel, ld)
		}
	}
	ld := structuredData(t, readFile(t, dir, "status/acme/index.html"))
	if len(ld) != 2 || ld[1]["@type"] != "FAQPage" {
		t.Fatalf("provider JSON-LD = %v, want BreadcrumbList and FAQPage", ld)
	}
	qs := ld[1]["mainEntity"].([]any)
	first := qs[0].(map[string]any)
	if first["name"] != "Is Acme Cloud down right now?" || !strings.Contains(first["acceptedAnswer"].(map[string]any)["text"].(string), "partial outage") {
		t.Errorf("first FAQ = %v", first)
	}
	crumbs := ld[0]["itemListElement"].([]any)
	last := crumbs[len(crumbs)-1].(map[string]any)
	if !strings.HasPrefix(last["item"].(string), "https://") || last["name"] != "Acme Cloud" {
		t.Errorf("breadcrumb's last item = %v, want the page, absolute", last)
	}
}

func TestCategoryPage(t *testing.T) {
	dir, _ := build(t, fixtureOptions())
	doc := readFile(t, dir, "category/developer-tools/index.html")
	mustContain(t, "category", doc, "<h1>Developer tools: service status</h1>", "Acme Cloud", "Newbie",
		`href="/uptimus/category/communication/"`)
	mustNotContain(t, "category", doc, ">Pusher<")
	// Provider pages link their category page.
	mustContain(t, "acme", readFile(t, dir, "status/acme/index.html"), `href="/uptimus/category/developer-tools/"`)
}

func TestArchivePaginates(t *testing.T) {
	defer func(n int) { archivePage = n }(archivePage)
	archivePage = 2
	dir, _ := build(t, fixtureOptions())
	// The index is the newest year's first page: its incidents are listed
	// once, not on the index and again on a year page.
	index := readFile(t, dir, "status/acme/history/index.html")
	mustContain(t, "archive index", index, "Acme Cloud incident history", "2026: entries 1 to 2 of 6", "(6)",
		"Page 1 of 3", `rel="next" href="/uptimus/status/acme/history/2026/2/"`)
	mustNotContain(t, "archive index", index, "No incidents on record yet")
	if _, err := os.Stat(filepath.Join(dir, "status/acme/history/2026/index.html")); err == nil {
		t.Error("the newest year's first page is written twice")
	}
	second := readFile(t, dir, "status/acme/history/2026/2/index.html")
	mustContain(t, "archive page 2", second, "Page 2 of 3", `rel="prev" href="/uptimus/status/acme/history/"`,
		`rel="next" href="/uptimus/status/acme/history/2026/3/"`)
}

func TestLastCheckedAndStaleData(t *testing.T) {
	opt := fixtureOptions()
	opt.Checks = map[string]model.Check{
		"acme": {LastAttempt: at(30, 17, 0), LastOK: at(30, 14, 0), LastHTTPStatus: 503,
			LastError: "adapter statuspage: fetch https://status.acme.example/api/v2/summary.json: 503"},
		"pusher": {LastAttempt: at(30, 17, 0), LastOK: at(30, 16, 45), LastHTTPStatus: 502, LastError: "fetch: 502"},
	}
	dir, _ := build(t, opt)
	acme := readFile(t, dir, "status/acme/index.html")
	mustContain(t, "acme", acme, "Status unknown: our data is out of date",
		`Our last successful check of the official page was <time datetime="2026-07-30T14:00:00Z" data-relative>`,
		"the official page answered 503 Service Unavailable", "summary.json: 503", `/static/time.js`)
	pusher := readFile(t, dir, "status/pusher/index.html")
	// The time of the last check changes every run: the page names where
	// to read it (status.json) instead of carrying it.
	mustContain(t, "pusher", pusher, `data-checked="pusher" data-status="/uptimus/api/v1/status.json" hidden`, "the official page answered 502 Bad Gateway; what is shown is from the check before")
	// The page turns out of date by itself 3 hours after that last good
	// check (aged.js, in <head>), to the banner it carries hidden.
	mustContain(t, "pusher", pusher, `/static/aged.js?v=`, `data-fresh-until="2026-07-30T19:45:00Z"></script>`,
		`<section class="banner s-unknown aged-only" aria-labelledby="aged-now">`,
		`<p class="since">Last successful check <time datetime="2026-07-30T16:45:00Z" data-relative>`)
	aged := strings.Index(pusher, `<section class="banner s-unknown aged-only"`)
	live := pusher[:aged] + pusher[aged+strings.Index(pusher[aged:], `</section>`):]
	mustNotContain(t, "pusher", live, "Status unknown", "As of our last", `class="asof`, ` asof"`)
	// A stale page is out of date as built: nothing to turn.
	mustNotContain(t, "acme", acme, "aged.js", "aged-only")
}

// Stale data is the last known state, never a live outage: a provider
// whose last good check showed an open incident is not counted or ranked
// as having one, is listed as not checked lately with what it last showed,
// and its incidents read as ongoing at that check.
// The page of maintenance in progress says when it is scheduled to end
// and its window, never "Ended: Ongoing".
func TestMaintenanceInProgressSaysWhenItEnds(t *testing.T) {
	dir, _ := build(t, fixtureOptions())
	doc := readFile(t, dir, "status/acme/incidents/m-now/index.html")
	mustContain(t, "m-now", doc, `<h2 id="state">Maintenance in progress</h2>`,
		`; scheduled to end <time datetime="2026-07-30T19:00:00Z">`,
		`<dt>Scheduled end</dt><dd><time datetime="2026-07-30T19:00:00Z">`,
		`<dt>Scheduled window</dt><dd><time datetime="2026-07-30T17:00:00Z">Jul 30, 2026, 17:00 UTC</time> to <time datetime="2026-07-30T19:00:00Z">`,
		`<dt>Duration</dt><dd>2 h planned</dd>`)
	mustNotContain(t, "m-now", doc, "<dd>Ongoing</dd>")
	// A completed window's banner gives when it ran; the facts do not
	// repeat it, and give its planned window.
	done := readFile(t, dir, "status/acme/incidents/m-done/index.html")
	mustContain(t, "m-done", done, `<h2 id="state">Completed</h2><p>From <time datetime=`, `<dt>Scheduled window</dt>`)
	mustNotContain(t, "m-done", done, "<dt>Scheduled end</dt>", "<dt>Ended</dt>", "<dt>Duration</dt>", "<dt>Status</dt>")
}

// A cancelled window's page says it will not run, and why, never that it
// ran from its creation to its cancellation; the provider page lists it as
// cancelled, apart from the upcoming and running windows.
func TestCancelledMaintenancePages(t *testing.T) {
	opt := fixtureOptions()
	opt.Histories["acme"].Incidents = append(opt.Histories["acme"].Incidents, buildtest.CancelledWindows()...)
	dir, _ := build(t, opt)
	off := readFile(t, dir, "status/acme/incidents/m-off/index.html")
	mustContain(t, "m-off", off, `<h2 id="state">Maintenance cancelled</h2>`,
		`The provider cancelled this maintenance before it was due to start. It was planned for <time datetime="2026-07-29T09:00:00Z">`,
		`<dt>Scheduled start</dt><dd><time datetime="2026-07-29T09:00:00Z">`,
		`<dt>Scheduled end</dt><dd><time datetime="2026-07-29T11:00:00Z">`,
		`<dt>Cancelled</dt><dd><time datetime="2026-07-20T11:00:00Z">`,
		`<dt>Duration</dt><dd>None: cancelled</dd>`)
	mustNotContain(t, "m-off", off, "Completed", "<dt>Ended</dt>", "<dt>Started</dt>", "2 h", "From <time")
	gone := readFile(t, dir, "status/acme/incidents/m-gone/index.html")
	mustContain(t, "m-gone", gone, `<h2 id="state">Maintenance withdrawn</h2>`, `The provider withdrew this maintenance`,
		`<dd>Scheduled, then no longer listed</dd>`, `<dt>Withdrawn</dt><dd><time datetime="2026-07-28T12:00:00Z">`)
	mustNotContain(t, "m-gone", gone, "Scheduled maintenance")
	prov := readFile(t, dir, "status/acme/index.html")
	mustContain(t, "provider", prov, `<h3 class="subhead">Completed or cancelled</h3>`, `<strong>Withdrawn</strong>`, `<strong>Cancelled</strong>`,
		`Was scheduled <time datetime="2026-07-31T06:00:00Z">`)
	upcoming := prov[strings.Index(prov, `>Upcoming</h3>`):strings.Index(prov, `>Completed or cancelled</h3>`)]
	mustNotContain(t, "upcoming list", upcoming, "Storage migration", "Network switch replacement")
	item := prov[strings.Index(prov, `Network switch replacement</a>`):]
	item = item[:strings.Index(item, "</li>")]
	mustNotContain(t, "m-off item", item, "Lasted", "Started", "Completed")
}

func TestStaleOutageIsLastKnownNotLive(t *testing.T) {
	opt := fixtureOptions()
	opt.Checks = map[string]model.Check{"acme": {LastAttempt: at(30, 17, 0), LastOK: at(29, 16, 0), LastHTTPStatus: 503, LastError: "fetch: 503"}}
	dir, _ := build(t, opt)
	home := readFile(t, dir, "index.html")
	mustContain(t, "home", home, `<h2 id="unchecked">Not checked lately`,
		`<a href="/uptimus/status/acme/">Acme Cloud</a> (last known: 1 open incident)`,
		`<strong>Ongoing at our last successful check</strong> (<time datetime="2026-07-29T16:00:00Z"`,
		"No provider reports a problem", "None of the 1 provider with current data")
	mustNotContain(t, "home", home, `id="attention"`, "report a problem or maintenance", "<strong>Ongoing</strong>")
	cat := readFile(t, dir, "category/developer-tools/index.html")
	mustContain(t, "category", cat, `Our data is out of date: the official page answered 503 Service Unavailable; last known: 1 open incident (<a href="/uptimus/status/acme/incidents/inc-open/">Elevated WebSocket errors in EU</a>)`)
	mustNotContain(t, "category", cat, `id="attention"`)
	page := readFile(t, dir, "status/acme/index.html")
	mustContain(t, "acme", page, "Open incident at our last successful check</h2>", "Maintenance in progress at our last successful check</h2>",
		"and was still ongoing at our last successful check.", "when it showed 1 open incident)",
		// Its components and counters are the last known ones, and say so.
		`<p class="muted small">As of our last successful check</p>`,
		`these are the states the official page showed at our last successful check, <time datetime="2026-07-29T16:00:00Z">`,
		`<div class="comps asof">`, `<li class="asof"><span class="num">3</span><span class="what">Components</span><span class="detail">As of our last check: 0 degraded, 1 down`)
	inc := readFile(t, dir, "status/acme/incidents/inc-open/index.html")
	mustContain(t, "incident", inc, `<h2 id="state">Ongoing at our last successful check</h2>`, "so we cannot say whether it is still ongoing", "Not by our last successful check")
	mustNotContain(t, "incident", inc, "Ongoing incident")
	maint := readFile(t, dir, "status/acme/incidents/m-now/index.html")
	mustContain(t, "maintenance", maint, `<h2 id="state">In progress at our last successful check</h2>`)
}

func TestHomeWithoutAnyDataSaysSo(t *testing.T) {
	opt := fixtureOptions()
	opt.Histories = nil
	dir, _ := build(t, opt)
	home := readFile(t, dir, "index.html")
	mustContain(t, "home", home, "No status collected yet")
	mustNotContain(t, "home", home, "No provider reports a problem")
}

func TestRelatedProviders(t *testing.T) {
	dir, _ := build(t, fixtureOptions())
	acme := readFile(t, dir, "status/acme/index.html")
	mustContain(t, "acme", acme, "Related providers", `href="/uptimus/status/newbie/"`)
	// Pusher is in another category; acme is not its own relation.
	related := acme[strings.Index(acme, `id="related"`):]
	related = related[:strings.Index(related, "</section>")]
	mustNotContain(t, "acme related", related, "/status/pusher/", "/status/acme/")
}

func TestComponentsLinkTheirFeeds(t *testing.T) {
	dir, _ := build(t, fixtureOptions())
	mustContain(t, "acme", readFile(t, dir, "status/acme/index.html"),
		`href="/uptimus/status/acme/components/ws/feed.rss" type="application/rss+xml"`)
}

// Feeds link each item to the incident page the site writes, and the page
// calls an entry stale exactly when the feeds do (the site takes its phases
// from model.PhaseOf), also for ids that need escaping and a maintenance
// window that was never closed.
func TestPagesMatchFeedLinksAndPhases(t *testing.T) {
	opt := fixtureOptions()
	h := opt.Histories["acme"]
	long := strings.Repeat("ü/", 80)
	h.Incidents = append(h.Incidents,
		adapters.Incident{ID: long, Kind: adapters.KindIncident, Title: "Long id", Status: "resolved", CreatedAt: at(2, 0, 0), ResolvedAt: at(2, 1, 0)},
		adapters.Incident{ID: "m-over", Kind: adapters.KindMaintenance, Title: "Forgotten window", Status: "scheduled",
			CreatedAt: at(1, 0, 0), ScheduledFor: at(2, 0, 0), ScheduledUntil: at(2, 2, 0)})
	dir := t.TempDir()
	if _, err := buildAll(opt, publish.New(dir)); err != nil {
		t.Fatal(err)
	}
	for _, inc := range h.Incidents {
		p, err := paths.IncidentPage("acme", inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		page, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(p, "/")), "index.html"))
		if err != nil {
			t.Errorf("incident %q: feeds link to %s, which the site did not write", inc.ID, p)
			continue
		}
		stale := model.PhaseOf(&inc, opt.Now) == model.PhaseStale
		if onPage := bytes.Contains(page, []byte("Never marked")); onPage != stale {
			t.Errorf("incident %q: page says stale %v, feeds say %s", inc.ID, onPage, model.PhaseOf(&inc, opt.Now))
		}
	}
}

// A component the vendor does not showcase (GitHub's "Visit
// www.githubstatus.com" pseudo-component) is listed without an uptime
// figure or a feed.
func TestComponentWithoutShowcase(t *testing.T) {
	opt := fixtureOptions()
	pseudo := comp("visit", "Visit status.pusher.example for more information", "", 9, adapters.Operational, at(29, 6, 0))
	pseudo.NoUptime = true
	h := opt.Histories["pusher"]
	h.State.Components = append(h.State.Components, pseudo)
	dir, _ := build(t, opt)
	doc := readFile(t, dir, "status/pusher/index.html")
	row := doc[strings.Index(doc, "Visit status.pusher.example"):]
	row = row[:strings.Index(row, "</li>")]
	if !strings.Contains(row, "not shown by the vendor") || strings.Contains(row, "%") || strings.Contains(row, `class="cfeed"`) {
		t.Errorf("pseudo-component row: %s", row)
	}
}

// Each day of the bar is a button that opens, without JavaScript, the
// day's date, state and incidents with links.
func TestDayBarDetails(t *testing.T) {
	dir, _ := build(t, fixtureOptions())
	doc := readFile(t, dir, "status/acme/index.html")
	if n := strings.Count(doc, `<button type="button" popovertarget="d2`); n != 90 {
		t.Errorf("%d day buttons, want 90", n)
	}
	// Login failures (critical) started Jul 12 and lasted 2 h 14 min.
	day := doc[strings.Index(doc, `<div popover id="d260712"`):]
	day = day[:strings.Index(day, "</div>")]
	mustContain(t, "Jul 12", day, "Jul 12, 2026", "Major outage",
		`href="/uptimus/`+evilDir+`">Login failures &lt;script&gt;alert(1)&lt;/script&gt;</a>`, "(critical impact)")
	mustContain(t, "acme", doc, `aria-label="Jul 12, 2026: Major outage, 2 incidents"`)
	// bar.js (the arrow keys) comes only where there is a bar.
	mustContain(t, "acme", doc, `<script src="/uptimus/static/bar.js?v=`)
	for _, other := range []string{"status/newbie/index.html", "index.html", "status/acme/history/index.html"} {
		mustNotContain(t, other, readFile(t, dir, other), `bar.js`)
	}
}

// A group's line is a <summary>, which holds nothing interactive (axe's
// nested-interactive): the group's feed link follows it, in the group.
func TestGroupFeedOutsideSummary(t *testing.T) {
	dir, _ := build(t, fixtureOptions())
	doc := readFile(t, dir, "status/acme/index.html")
	for rest := doc; strings.Contains(rest, "<summary>"); {
		rest = rest[strings.Index(rest, "<summary>"):]
		end := strings.Index(rest, "</summary>")
		if summary := rest[:end]; regexp.MustCompile(`<(a|button|input|select|textarea|details)\b`).MatchString(summary) {
			t.Errorf("interactive element in %s", summary)
		}
		rest = rest[end:]
	}
	mustContain(t, "acme", doc, `</summary><p class="gfeed"><a class="cfeed" href="/uptimus/status/acme/components/g1/feed.rss" type="application/rss+xml">Feed of the incidents that affected Channels</a></p><ul class="crows">`,
		`<span class="cname">WebSocket API <a class="cfeed" href="/uptimus/status/acme/components/ws/feed.rss"`)
}

// Components read one line each; a group folds its members away unless
// something in it is wrong; a provider without figures yet says so once,
// not on every line.
func TestComponentList(t *testing.T) {
	opt := fixtureOptions()
	dir, _ := build(t, opt)
	acme := readFile(t, dir, "status/acme/index.html")
	// Channels is in partial outage: open. Its members are lines of it.
	mustContain(t, "acme", acme, `<details class="cgroup" open><summary><span class="cname">Channels`,
		`<li><span class="cname">WebSocket API`)
	opt.Histories["acme"].State.Components[0].Status = adapters.Operational
	for i := range opt.Histories["acme"].State.Components {
		opt.Histories["acme"].State.Components[i].Status = adapters.Operational
	}
	dir, _ = build(t, opt)
	mustContain(t, "calm acme", readFile(t, dir, "status/acme/index.html"), `<details class="cgroup"><summary>`)
	// A provider known since this morning, no whole UTC day yet (the
	// figures end at the start of today, as the API's do), has no figures: it
	// gets one sentence and a dash per line.
	opt = fixtureOptions()
	h := opt.Histories["pusher"]
	h.State.FirstChecked, h.State.KnownSince = opt.Now.Add(-9*time.Hour), opt.Now.Add(-9*time.Hour)
	dir, _ = build(t, opt)
	doc := readFile(t, dir, "status/pusher/index.html")
	mustContain(t, "new pusher", doc, "Uptime per component: not enough data yet.")
	if n := strings.Count(doc, "not enough data"); n != 2 {
		t.Errorf(`"not enough data" %d times, want twice (the counter and the sentence)`, n)
	}
}

// "Official status page" links the page a person reads, not the feed the
// adapter fetches, where the catalogue gives both.
func TestOfficialPageIsTheHumanOne(t *testing.T) {
	opt := fixtureOptions()
	opt.Catalog.Providers[0].URL = "https://status.acme.example/history.atom"
	opt.Catalog.Providers[0].Page = "https://status.acme.example"
	dir, _ := build(t, opt)
	doc := readFile(t, dir, "status/"+opt.Catalog.Providers[0].Slug+"/index.html")
	mustContain(t, "official", doc, `<a href="https://status.acme.example" rel="nofollow noopener">status.acme.example</a>`)
	mustNotContain(t, "official", doc, `href="https://status.acme.example/history.atom"`)
}

// A provider whose vendor lists no components gets no "0 components, 0
// down" counter, which would read as a count of healthy parts.
func TestNoComponentCounterWithoutComponents(t *testing.T) {
	opt := fixtureOptions()
	opt.Capabilities = map[string]adapters.Capabilities{"statuspage": {Title: "Atlassian Statuspage", Status: true, Maintenance: true, Timeline: true}}
	dir, _ := build(t, opt)
	doc := readFile(t, dir, "status/pusher/index.html")
	mustContain(t, "pusher", doc, `<span class="what">Components</span><span class="detail">not listed by Atlassian Statuspage</span>`)
	mustNotContain(t, "pusher", doc, "0 degraded, 0 down")
}

// The banner follows the vendor's word now: its indicator lowered to
// minor and its component to degraded read "Degraded performance", not the
// "Partial outage" of the open incident's impact at creation. A vendor
// whose status says operational while it lists an open incident is
// overruled, and the banner says so and why.
func TestBannerFollowsTheVendor(t *testing.T) {
	lowered := fixtureOptions()
	h := lowered.Histories["acme"]
	h.State.Status, h.State.Description = adapters.Degraded, "Partially Degraded Service"
	for i := range h.State.Components {
		if c := &h.State.Components[i]; c.ID == "ws" || c.ID == "g1" {
			c.Status = adapters.Degraded
		}
	}
	h.Incidents = slices.DeleteFunc(h.Incidents, func(inc adapters.Incident) bool { return inc.ID == "m-now" })
	dir, _ := build(t, lowered)
	doc := readFile(t, dir, "status/acme/index.html")
	banner := doc[strings.Index(doc, `id="now"`):strings.Index(doc, `</section>`)]
	mustContain(t, "lowered", banner, `Degraded performance</h2>`, `The official page says “Partially Degraded Service”.`)
	if strings.Contains(banner, "Partial outage") || strings.Contains(banner, "Our reading") {
		t.Errorf("lowered by the vendor, the banner still says more:\n%s", banner)
	}

	overruled := fixtureOptions()
	h = overruled.Histories["acme"]
	h.State.Status, h.State.Description = adapters.Operational, "All Systems Operational"
	for i := range h.State.Components {
		h.State.Components[i].Status = adapters.Operational
	}
	dir, _ = build(t, overruled)
	doc = readFile(t, dir, "status/acme/index.html")
	banner = doc[strings.Index(doc, `id="now"`):strings.Index(doc, `</section>`)]
	mustContain(t, "overruled", banner, `Partial outage</h2>`,
		`Our reading: the official page says “All Systems Operational”, yet it lists 1 open incident, so this is the worst impact among them.`)
}
