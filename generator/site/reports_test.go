package site

import (
	"encoding/xml"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/generator/internal/realdata"
	"github.com/uptimus/uptimus/generator/paths"
	"github.com/uptimus/uptimus/generator/reliability"
)

// GitHub's recorded incidents give reports of the months that are over:
// July 2026 lists its 26 incidents (with the fixture's others) (see generator/reliability's
// TestGitHubRecorded), each linked to its page, in the sitemap and the
// feeds; and a past month's report keeps its bytes as the clock moves on.
func TestReportsOfRecordedGitHub(t *testing.T) {
	opt := fixtureOptions()
	h, _ := realdata.AddGitHub(t, opt.Catalog, opt.Histories)
	opt.Now = time.Date(2026, 8, 18, 12, 0, 0, 0, time.UTC)
	dir, _ := build(t, opt)
	july := readFile(t, dir, "reports/2026-07/index.html")
	mustContain(t, "july", july, "<h1>Outages in July 2026</h1>",
		`<link rel="canonical" href="https://example.org/uptimus/reports/2026-07/">`,
		`<a href="/uptimus/reports/2026-07/developer-tools/">Developer tools</a>`)
	n := 0
	for _, inc := range h.Incidents {
		if !strings.HasPrefix(inc.StartedAt.Format("2006-01"), "2026-07") {
			continue
		}
		n++
		p, _ := paths.IncidentPage("github", inc.ID)
		mustContain(t, "july", july, `<a href="/uptimus`+p+`">`)
	}
	if n != 26 {
		t.Fatalf("%d July incidents in the recording", n)
	}
	cat := readFile(t, dir, "reports/2026-07/developer-tools/index.html")
	mustContain(t, "category", cat, "<h1>Developer tools outages in July 2026</h1>")
	// GitHub's standing counts its 26.
	mustContain(t, "july", july, `<a href="/uptimus/status/github/">GitHub</a>:`, "days known; 26 incidents</li>")
	index := readFile(t, dir, "reports/index.html")
	mustContain(t, "index", index, `<a href="/uptimus/reports/2026-07/">Outages in July 2026</a>`)
	mustNotContain(t, "index", index, "/reports/2026-08/", "noindex")
	sm := readFile(t, dir, "sitemap-1.xml")
	mustContain(t, "sitemap", sm, "<loc>https://example.org/uptimus/reports/2026-07/</loc>", "<loc>https://example.org/uptimus/reports/2026-07/developer-tools/</loc>")
	mustContain(t, "rss", readFile(t, dir, "reports/feed.rss"), "<title>Outages in July 2026</title>")
	mustContain(t, "atom", readFile(t, dir, "reports/feed.atom"), "<title>Outages in July 2026</title>")

	// The category page ranks GitHub, known since 2020, over 90 days; Acme
	// is known for less than 60 days.
	dev := readFile(t, dir, "category/developer-tools/index.html")
	mustContain(t, "category", dev, `<h2 id="ranking">Fewest outages over the last 90 days</h2>`,
		`<ol class="standings"><li><a href="/uptimus/status/github/">GitHub</a>: `,
		`Not ranked yet, known for less than 60 days: <a href="/uptimus/status/acme/">Acme Cloud</a>.`)

	// A week later the July report is the same bytes.
	opt.Now = opt.Now.Add(7 * 24 * time.Hour)
	later, _ := build(t, opt)
	for _, rel := range []string{"reports/2026-07/index.html", "reports/2026-07/developer-tools/index.html", "reports/2026-06/index.html"} {
		if readFile(t, dir, rel) != readFile(t, later, rel) {
			t.Errorf("%s changed as the clock moved on", rel)
		}
	}
}

// The reports' feeds name themselves always, and the hub when the build
// has one, as well-formed XML.
func TestReportFeedsNameTheHub(t *testing.T) {
	rss := `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>x</title></channel></rss>`
	got := withSelf(rss, "<channel>", `<atom:link xmlns:atom="http://www.w3.org/2005/Atom" href="%s" rel="%s"%s></atom:link>`, "https://hub.example/?a=1&b=2", "https://s.example/reports/feed.rss", "application/rss+xml")
	mustContain(t, "rss", got, `<channel><atom:link xmlns:atom="http://www.w3.org/2005/Atom" href="https://hub.example/?a=1&amp;b=2" rel="hub"></atom:link>`, `rel="self"`)
	if err := xml.Unmarshal([]byte(got), new(struct{})); err != nil {
		t.Errorf("not XML: %v\n%s", err, got)
	}
	if got := withSelf(rss, "<channel>", "[%s %s%s]", "", "self", "t"); got != strings.Replace(rss, "<channel>", `<channel>[self self type="t"]`, 1) {
		t.Errorf("without a hub: %s, want the self link alone", got)
	}
}

// Past the ranked ones a report still links every incident of the month:
// GitHub's 26 of July 2026, ranked 2, leave 24 listed by service, by
// start, each by its day.
func TestReportListsEveryIncident(t *testing.T) {
	h := realdata.GitHubHistory(t)
	r := reliability.NewRecord(h, "", time.Date(2026, 8, 18, 0, 0, 0, 0, time.UTC))
	rep := reliability.MonthReport(time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), []reliability.Entry{{Key: "github", Record: &r}})
	u, err := paths.NewLinks("https://example.org/")
	if err != nil {
		t.Fatal(err)
	}
	b := &builder{u: u}
	rv := b.reportView(rep, map[string]*providerView{"github": {Name: "GitHub"}}, "", nil, 2)
	if len(rv.Incidents) != 2 || rv.More != 24 || len(rv.Rest) != 1 || len(rv.Rest[0].Incidents) != 24 {
		t.Fatalf("ranked %d, more %d, rest %+v", len(rv.Incidents), rv.More, rv.Rest)
	}
	linked := map[string]bool{}
	for _, ri := range append(slices.Clone(rv.Incidents), rv.Rest[0].Incidents...) {
		linked[ri.URL] = true
	}
	for _, inc := range rep.Incidents {
		p, _ := paths.IncidentPage("github", inc.ID)
		if !linked[p] {
			t.Errorf("%s not linked", p)
		}
	}
	// The rest by start: the first began on July 1 (rl7f90w0n0gq, 10:51,
	// minor, not among the 2 worst, which are critical).
	first := rv.Rest[0].Incidents[0]
	if p, _ := paths.IncidentPage("github", "rl7f90w0n0gq"); first.URL != p || first.Began != "Jul 1" || first.Duration != "" {
		t.Errorf("first of the rest = %+v", first)
	}
	if rv.Incidents[0].Impact != "critical" || rv.Incidents[1].Impact != "critical" {
		t.Errorf("ranked = %+v, want the critical ones first", rv.Incidents)
	}
}
