package site

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/internal/realdata"
	"github.com/uptimus/uptimus/generator/outage"
)

// The fixture's Acme has an open incident and maintenance in progress:
// /now/ lists it, dated by the build in words and in data-built.
func TestNowPage(t *testing.T) {
	opt := fixtureOptions()
	dir, _ := build(t, opt)
	page := readFile(t, dir, "now/index.html")
	built := opt.Now.UTC().Format(time.RFC3339)
	mustContain(t, "now", page, `data-built="`+built+`"`, `As of <time datetime="`+built+`">`,
		`<a href="/uptimus/status/acme/">Acme Cloud</a>`, "Elevated WebSocket errors in EU", "1 provider reports problems since")
	mustNotContain(t, "now", page, "/status/pusher/")
	// One provider is no event for the home page.
	mustNotContain(t, "home", readFile(t, dir, "index.html"), "A large outage")
}

func TestHeadline(t *testing.T) {
	since := time.Date(2026, 10, 20, 14, 5, 0, 0, time.UTC)
	g := outage.Group{Since: since, Problems: make([]outage.Problem, 14),
		Mentions: []outage.Mention{{Key: "aws", Name: "Amazon Web Services", Count: 9}, {Key: "cf", Name: "Cloudflare", Count: 1}}}
	if got, want := headline(g), "14 providers report problems since Oct 20, 14:05 UTC; 9 mention Amazon Web Services; 1 mentions Cloudflare"; got != want {
		t.Errorf("headline = %q, want %q", got, want)
	}
}

// A provider in a group of several names the others; one alone, none.
func TestAlsoNow(t *testing.T) {
	a, b, c, d := &providerView{Slug: "a"}, &providerView{Slug: "b"}, &providerView{Slug: "c"}, &providerView{Slug: "d"}
	also := alsoNow([]nowGroup{{Rows: []nowRow{{View: a}, {View: b}, {View: c}}}, {Rows: []nowRow{{View: d}}}})
	if got := also["b"]; len(got) != 2 || got[0] != a || got[1] != c {
		t.Errorf("b also: %v", got)
	}
	if _, ok := also["d"]; ok || len(also) != 3 {
		t.Errorf("also = %v", also)
	}
	if !strings.Contains(headline(outage.Group{Problems: make([]outage.Problem, 1)}), "1 provider reports problems since") {
		t.Error("a group of one")
	}
}

// Ten providers whose incidents began together are an event: the home
// page leads with it, and each of their pages names the others.
func TestNowEvent(t *testing.T) {
	opt := fixtureOptions()
	i := slices.IndexFunc(opt.Catalog.Providers, func(p catalog.Provider) bool { return p.Slug == "acme" })
	base := opt.Catalog.Providers[i]
	for i := 2; i <= outage.Lead; i++ {
		p := base
		p.Slug, p.Name = "acme"+string(rune('0'+i%10))+"x", base.Name+" "+string(rune('0'+i%10))
		opt.Catalog.Providers = append(opt.Catalog.Providers, p)
		h := acmeHistory()
		h.Slug = p.Slug
		opt.Histories[p.Slug] = h
	}
	dir, _ := build(t, opt)
	mustContain(t, "home", readFile(t, dir, "index.html"), `A large outage`, `10 providers report problems since`)
	mustContain(t, "acme", readFile(t, dir, "status/acme/index.html"), `Also reporting problems now: <a href="/uptimus/status/acme`)
}

// /now/ names a region of another provider's history: AWS's recording has
// the component "Multiple services (me-south-1)", and Acme's open
// incident's latest update names me-south-1.
func TestNowPageNamesARegion(t *testing.T) {
	opt := fixtureOptions()
	opt.Catalog.Providers = append(opt.Catalog.Providers, catalog.Provider{Slug: "aws", Name: "Amazon Web Services", Aliases: []string{"AWS"},
		URL: "https://health.aws.amazon.com/health/status", Adapter: "aws", Category: opt.Catalog.Providers[0].Category})
	opt.Histories["aws"] = realdata.CloudHistory(t, "aws")
	for i, inc := range opt.Histories["acme"].Incidents {
		if inc.ID == "inc-open" {
			opt.Histories["acme"].Incidents[i].Updates[0].Body = "Customers in me-south-1 see errors."
		}
	}
	dir, _ := build(t, opt)
	mustContain(t, "now", readFile(t, dir, "now/index.html"), "1 provider reports problems since Jul 30, 14:00 UTC; 1 mentions AWS me-south-1")
}
