package site

import (
	"encoding/json"
	"html"
	"reflect"
	"regexp"
	"testing"

	"github.com/uptimus/uptimus/adapters"
)

// TestGoldenWatchPage pins the watch list page; refresh with go test -run
// Golden -update after a deliberate change.
func TestGoldenWatchPage(t *testing.T) {
	dir, _ := build(t, fixtureOptions())
	checkGolden(t, dir, "watch/index.html", "watch.golden.html")
}

// Without JavaScript the watch list page explains itself and links every
// feed and calendar a reader can follow; it is a page for search engines
// too, so it is indexed.
func TestWatchPageWithoutJavaScript(t *testing.T) {
	dir, _ := build(t, fixtureOptions())
	doc := readFile(t, dir, "watch/index.html")
	mustContain(t, "watch", doc,
		`<link rel="canonical" href="https://example.org/uptimus/watch/">`,
		`<h1>Your watch list</h1>`,
		`<noscript><p class="empty">The list itself runs in your browser with JavaScript`,
		`<section id="watch-app" class="needs-js" aria-labelledby="mine">`,
		`nothing about it is sent to Uptimus or anyone else`,
		`<a href="/uptimus/api/v1/status.json" type="application/json">status.json</a>`,
		`Find the provider in <a href="/uptimus/#providers">the list of all providers</a>`,
		// Every provider.
		`<a href="/uptimus/feed.rss" type="application/rss&#43;xml">RSS</a> · <a href="/uptimus/feed.atom" type="application/atom&#43;xml">Atom</a> · <a href="/uptimus/feed.json" type="application/feed&#43;json">JSON Feed</a>`,
		`<a href="webcal://example.org/uptimus/maintenance.ics">subscribe</a> · <a href="/uptimus/maintenance.ics" type="text/calendar">.ics file</a>`,
		// Each category with providers, with its count.
		`<a href="/uptimus/category/developer-tools/">Developer tools</a> <span class="count">(2 providers)</span>`,
		`<a href="/uptimus/category/developer-tools/feed.rss" type="application/rss&#43;xml">RSS</a>`,
		`<a href="/uptimus/category/developer-tools/feed.atom" type="application/atom&#43;xml">Atom</a>`,
		`<a href="webcal://example.org/uptimus/category/developer-tools/maintenance.ics">subscribe</a> · <a href="/uptimus/category/developer-tools/maintenance.ics" type="text/calendar">.ics file</a>`,
		`<a href="/uptimus/category/communication/">Communication</a> <span class="count">(1 provider)</span>`,
		`<script src="/uptimus/static/time.js?v=`, `<script src="/uptimus/static/watch.js?v=`,
	)
	mustNotContain(t, "watch", doc, `name="robots"`, "noindex")
	assertSafe(t, "watch", doc)
	// The list is not shown where no script runs.
	mustContain(t, "style.css", readFile(t, dir, "static/style.css"), `.needs-js{display:none}@media(scripting:enabled){.needs-js{display:block}}`)
}

// The watch list's script gets every link from the page, built by paths:
// it only puts a slug where "{slug}" stands.
func TestWatchPageConfig(t *testing.T) {
	dir, _ := build(t, fixtureOptions())
	m := regexp.MustCompile(`<script type="application/json" id="watch-config">([^<]*)</script>`).FindStringSubmatch(readFile(t, dir, "watch/index.html"))
	if m == nil {
		t.Fatal("no #watch-config on the watch page")
	}
	var c watchConfig
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &c); err != nil {
		t.Fatal(err)
	}
	want := watchConfig{
		Status:   "/uptimus/api/v1/status.json",
		Page:     "/uptimus/status/{slug}/",
		PageAbs:  "https://example.org/uptimus/status/{slug}/",
		Feed:     "https://example.org/uptimus/status/{slug}/feed.rss",
		Webcal:   "webcal://example.org/uptimus/status/{slug}/maintenance.ics",
		Calendar: "/uptimus/status/{slug}/maintenance.ics",
		Title:    "Uptimus watch list",
		File:     "uptimus-watch-list.opml",
	}
	if !regexp.MustCompile(`^/uptimus/static/icons\.svg\?v=[0-9a-f]+$`).MatchString(c.Icons) {
		t.Errorf("icons %q", c.Icons)
	}
	got := c
	got.Icons, got.Statuses = "", nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("config:\n got %+v\nwant %+v", got, want)
	}
	for _, s := range adapters.Statuses {
		if c.Statuses[s] != s.Label() {
			t.Errorf("status %s reads %q, want %q", s, c.Statuses[s], s.Label())
		}
	}
}

// Each provider page's "Get alerts" names every way to follow it: feeds,
// the calendar, the watch list, a feed in chat, and the notify command
// for those who run their own copy.
func TestProviderPageGetAlerts(t *testing.T) {
	dir, _ := build(t, fixtureOptions())
	mustContain(t, "acme", readFile(t, dir, "status/acme/index.html"),
		`<h2 id="follow">Get alerts for Acme Cloud</h2>`,
		`href="/uptimus/status/acme/feed.atom"`,
		`<a href="webcal://example.org/uptimus/status/acme/maintenance.ics">subscribe</a>`,
		`<a href="/uptimus/watch/?add=acme">add Acme Cloud to my watch list</a>`,
		`<code>/feed subscribe https://example.org/uptimus/status/acme/feed.rss</code>`,
		`(<code>uptimus notify</code>, described in <code>docs/alerts.md</code>)`)
}
