package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/uptimus/uptimus/generator/internal/realdata"
	"github.com/uptimus/uptimus/generator/paths"
)

// TestRealGitHubHistory renders GitHub's recorded status page, merged from
// a 2020 snapshot (an incident and a maintenance never closed upstream) and
// a 2026 one (50 incidents), and checks that every incident gets a page
// linked by its title and that the forgotten 2020 entries are not "ongoing".
func TestRealGitHubHistory(t *testing.T) {
	opt := fixtureOptions()
	h, now := realdata.AddGitHub(t, opt.Catalog, opt.Histories)
	opt.Now = now
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

// TestRealGitHubComponents checks the provider page's table of components
// over the last 90 days (to 2026-07-31, the figures' end) against the
// recording, counted by hand: Actions is named by 12 incidents begun
// since 2026-05-02 and is the most disrupted; Packages by one, minor,
// during which it was degraded from 16:56:49.684 to 17:07:46.835 on
// 2026-06-06 (10 min 57 s); Git Operations and the "Visit
// www.githubstatus.com" notice are named by none and stayed operational.
func TestRealGitHubComponents(t *testing.T) {
	opt := fixtureOptions()
	_, now := realdata.AddGitHub(t, opt.Catalog, opt.Histories)
	opt.Now = now
	dir, _ := build(t, opt)
	page := readFile(t, dir, "status/github/index.html")
	i := strings.Index(page, "By component, last 90 days")
	if i < 0 {
		t.Fatal("no component table")
	}
	table := page[i : i+strings.Index(page[i:], "</table>")]
	if rows := strings.Count(table, `<th scope="row">`); rows != 10 {
		t.Errorf("%d components listed, want the 10 named by an incident:\n%s", rows, table)
	}
	mustContain(t, "component table", table, `<tr><th scope="row">Actions<td>12<td>`, `<th scope="row">Packages<td>1<td>10 min</tbody>`)
	if a, p := strings.Index(table, ">Actions<"), strings.Index(table, ">Packages<"); a > p || a > strings.Index(table, ">Webhooks<") {
		t.Error("Actions is not first or Packages not after it")
	}
	mustContain(t, "github", page, "2 components had none.")
}
