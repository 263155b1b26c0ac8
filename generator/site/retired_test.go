package site

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/model"
)

// A retired provider's page says so, names its successor and keeps its
// history; a company's pages link each other, and the search index ties a
// page to its company's entry.
func TestRetiredAndFamilyPages(t *testing.T) {
	opt := fixtureOptions()
	cat := *opt.Catalog
	cat.Providers = slices.Clone(cat.Providers)
	for i := range cat.Providers {
		switch cat.Providers[i].Slug {
		case "acme":
			cat.Providers[i].Retired = &catalog.Retirement{Date: "2025-05", Reason: "Acme shut down.", Successor: "pusher"}
		case "newbie":
			cat.Providers[i].Family = "pusher"
			cat.Providers[i].URL = "https://stats.pingdom.com/newbie"
		}
	}
	opt.Catalog = &cat
	opt.Checks = map[string]model.Check{"pusher": {LastAttempt: fixtureNow, LastOK: fixtureNow,
		Self: &model.SelfCheck{Name: "Pusher", URL: "https://status.pusher.example", At: fixtureNow, Agree: true}},
		"newbie": {LastAttempt: fixtureNow, Self: &model.SelfCheck{Name: "Other", At: fixtureNow, Why: "the page calls itself “Other”"}}}
	dir, _ := build(t, opt)

	acme := readFile(t, dir, "status/acme/index.html")
	mustContain(t, "acme", acme, `<h2 id="now">Retired since 2025-05</h2>`, `Acme shut down. Its successor: <a href="/uptimus/status/pusher/">Pusher</a>.`,
		`no longer checks Acme Cloud`, `status page; what it recorded before stays below.`)
	mustNotContain(t, "acme", acme, `<h2 id="now">Partial outage</h2>`)

	newbie := readFile(t, dir, "status/newbie/index.html")
	mustContain(t, "newbie", newbie, `<dt>Company</dt><dd><a href="/uptimus/status/pusher/">Pusher</a></dd>`,
		`cannot collect Newbie`, `<dt>Checked</dt><dd><strong>Mismatch</strong>: the page calls itself “Other”; checked `, `its page is a Pingdom public report, which has no machine-readable form that Uptimus reads.`,
		`<dt>Adapter</dt><dd>none<span class="fnote">the page is a Pingdom public report`, `<meta name="robots" content="noindex">`,
		`The <a href="https://stats.pingdom.com/newbie" rel="nofollow noopener">official status page</a> has the current state.`)
	pusher := readFile(t, dir, "status/pusher/index.html")
	mustContain(t, "pusher", pusher, `<dt>Checked</dt><dd>The page calls itself “Pusher” at https://status.pusher.example; checked `, `<dt>Other pages</dt><dd><a href="/uptimus/status/newbie/">Newbie</a></dd>`)

	var idx struct {
		States    map[string]string `json:"states"`
		Providers [][]any           `json:"providers"`
	}
	if err := json.Unmarshal([]byte(readFile(t, dir, "search.json")), &idx); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range idx.Providers {
		got[fmt.Sprint(p[0])] = fmt.Sprint(p)
	}
	if got["newbie"] != "[newbie Newbie no_data 0 [] pusher]" || got["acme"] != "[acme Acme Cloud retired 0 [ACME]]" || idx.States["retired"] != "Retired" {
		t.Errorf("search index %v, states %v", got, idx.States)
	}
}

// A page whose vendor names no page (adapters.Capabilities.Self false)
// says it cannot be checked; a page read by a vendor that names it, and
// never checked yet, says nothing; one checked by its address alone says
// so.
func TestUncheckablePage(t *testing.T) {
	opt := fixtureOptions()
	opt.Capabilities = map[string]adapters.Capabilities{"statuspage": {Title: "Atlassian Statuspage", Self: true}, "instatus": {Title: "Instatus"}}
	opt.Checks = map[string]model.Check{"pusher": {LastAttempt: fixtureNow, LastOK: fixtureNow,
		Self: &model.SelfCheck{URL: "https://status.pusher.example", At: fixtureNow, Agree: true}}}
	dir, _ := build(t, opt)
	mustContain(t, "newbie", readFile(t, dir, "status/newbie/index.html"), `<dt>Checked</dt><dd>Cannot be: what Instatus publishes names no page</dd>`)
	mustNotContain(t, "acme", readFile(t, dir, "status/acme/index.html"), `<dt>Checked</dt>`)
	mustContain(t, "pusher", readFile(t, dir, "status/pusher/index.html"), `<dt>Checked</dt><dd>The page gives its address as https://status.pusher.example; checked `)
}
