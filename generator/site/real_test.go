package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/internal/realdata"

	"github.com/uptimus/uptimus/generator/paths"

	"github.com/uptimus/uptimus/generator/catalog"
)

// TestRealGitHubHistory renders GitHub's recorded status page, merged from
// a 2020 snapshot (an incident and a maintenance never closed upstream) and
// a 2026 one (50 incidents), and checks that every incident gets a page
// linked by its title and that the forgotten 2020 entries are not "ongoing".
func TestRealGitHubHistory(t *testing.T) {
	h := realdata.GitHubHistory(t)
	opt := fixtureOptions()
	opt.Catalog.Providers = append(opt.Catalog.Providers, catalog.Provider{
		Slug: "github", Name: "GitHub", URL: "https://www.githubstatus.com", Adapter: "statuspage",
		Category: "developer-tools", Homepage: "https://github.com", Verified: true})
	opt.Histories["github"] = h
	opt.Now = time.Date(2026, 7, 31, 12, 5, 0, 0, time.UTC)
	dir, _ := build(t, opt)
	page := readFile(t, dir, "status/github/index.html")
	assertSafe(t, "github", page)
	if len(h.Incidents) < 50 {
		t.Fatalf("only %d incidents merged", len(h.Incidents))
	}
	// The provider page lists the newest incidents; the archive lists all.
	archive, _ := filepath.Glob(filepath.Join(dir, "status/github/history/*/index.html"))
	listed := page
	for _, f := range archive {
		listed += readFile(t, dir, strings.TrimPrefix(f, dir+string(filepath.Separator)))
	}
	for _, inc := range h.Incidents {
		seg, err := paths.Segment(inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		rel := "status/github/incidents/" + seg + "/index.html"
		if _, err := os.Stat(filepath.Join(dir, rel)); err != nil {
			t.Errorf("incident %s: %v", inc.ID, err)
			continue
		}
		link := `<a href="/uptimus/status/github/incidents/` + seg + `/">`
		if !strings.Contains(listed, link) {
			t.Errorf("neither the provider page nor the archive links %s", link)
		}
		assertSafe(t, rel, readFile(t, dir, rel))
	}
	mustContain(t, "github", page, `<span class="num">51</span><span class="what">Incidents on record</span>`, `Copilot AI Model Providers`)
	mustNotContain(t, "github", page, `id="open"`)
	mustContain(t, "github archive", listed, `Not marked resolved`, `Not marked completed`)
	mustNotContain(t, "github", page, "This incident has been resolved.</a>", "Not recorded", "&lt;a href")
}
