package main

import (
	"bufio"
	"encoding/json"
	"html"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/uptimus/uptimus/generator/api"
	"github.com/uptimus/uptimus/generator/badge"
	"github.com/uptimus/uptimus/generator/fetch"
	"github.com/uptimus/uptimus/internal/testfs"
)

// realSiteSlugs are the providers of content/ that testdata/real/replay.tsv
// answers for; scripts/real-site fetches the same.
var realSiteSlugs = []string{"github", "google-cloud", "aws", "azure"}

// realReplay lays out testdata/real/replay.tsv as --record would.
func realReplay(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	f, err := os.Open("../../testdata/real/replay.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		rawURL, file, ok := strings.Cut(text, "\t")
		u, err := url.Parse(rawURL)
		if !ok || err != nil {
			t.Fatalf("testdata/real/replay.tsv:%d: want URL<tab>file, got %q", line, text)
		}
		dst, err := fetch.PathFor(dir, u)
		if err != nil {
			t.Fatal(err)
		}
		copyFile(t, filepath.Join("../../testdata/real", file), dst)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestRealSite is what scripts/real-site does: the repository's catalogue,
// fed the real recorded responses, builds a site with every one of their
// incidents on a page, a page for every entry (all but 4 without data),
// no broken link, and pages that show the uptime figures of their JSON.
func TestRealSite(t *testing.T) {
	t.Parallel()
	replay := realReplay(t)
	data, out, cache := t.TempDir(), t.TempDir(), t.TempDir()
	common := []string{"--content", "../../content", "--data", data, "--cache", cache, "--now", "2026-08-18T12:00:00Z"}
	args := append([]string{"fetch", "--strict", "--replay", replay}, common...)
	if stdout, stderr, code := cli(t, append(args, realSiteSlugs...)...); code != 0 {
		t.Fatalf("fetch exit %d\n%s\n%s", code, stdout, stderr)
	}
	if _, stderr, code := cli(t, append([]string{"build", "--out", out}, common...)...); code != 0 {
		t.Fatalf("build exit %d: %s", code, stderr)
	}
	// Azure's recorded feed is the healthy one: an empty channel.
	for _, slug := range []string{"github", "google-cloud", "aws"} {
		assertEveryIncidentHasAPage(t, data, out, slug)
	}
	assertEveryProviderHasAPage(t, "../../content", out)
	assertNoBrokenLinks(t, out, "/")
	assertJulyReport(t, out)
	components := 0
	for _, slug := range realSiteSlugs {
		var pf api.ProviderFile
		readJSON(t, filepath.Join(out, "api/v1/providers", slug+".json"), &pf)
		components += assertUptimeAgrees(t, slug, testfs.File(t, filepath.Join(out, "status", slug, "index.html")), pf)
	}
	if components == 0 {
		t.Error("no component's uptime figure on the pages to compare with the JSON")
	}
}

// realSiteContent is the repository's catalogue cut down to realSiteSlugs,
// for tests about those providers alone: the whole catalogue (1,262
// providers) makes a build 20 times slower.
func realSiteContent(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyFile(t, "../../content/categories.yaml", filepath.Join(dir, "categories.yaml"))
	for _, slug := range realSiteSlugs {
		copyFile(t, filepath.Join("../../content/providers", slug+".yaml"), filepath.Join(dir, "providers", slug+".yaml"))
	}
	return dir
}

// TestOutputsAgreeOnState builds the real recordings at a clock when AWS
// has two ongoing incidents, then again four hours later with no fetch in
// between (every provider stale), and checks that the page's banner and
// open-incident list, the line of the A-Z list of providers, status.json,
// the provider JSON and the badge all say the same thing.
func TestOutputsAgreeOnState(t *testing.T) {
	t.Parallel()
	replay := realReplay(t)
	data, cache := t.TempDir(), t.TempDir()
	common := []string{"--content", realSiteContent(t), "--data", data, "--cache", cache}
	// A clock just after the newest update of AWS's two ongoing incidents
	// (the recordings from later are refused as future-dated then).
	fetchAt := "2026-05-01T00:00:00Z"
	if _, stderr, code := cli(t, append(append([]string{"fetch", "--replay", replay, "--now", fetchAt}, common...), realSiteSlugs...)...); code != 0 {
		t.Fatal(stderr)
	}
	for _, c := range []struct {
		now   string
		stale bool
	}{{"2026-05-01T00:10:00Z", false}, {"2026-05-01T04:10:00Z", true}} {
		out := t.TempDir()
		if _, stderr, code := cli(t, append([]string{"build", "--out", out, "--now", c.now}, common...)...); code != 0 {
			t.Fatal(stderr)
		}
		var status api.StatusFile
		readJSON(t, filepath.Join(out, "api/v1/status.json"), &status)
		index := testfs.File(t, filepath.Join(out, "providers", "index.html"))
		for _, e := range status.Providers {
			if !slices.Contains(realSiteSlugs, e.Slug) {
				continue
			}
			assertAgree(t, out, index, e, c.stale)
		}
	}
}

func assertAgree(t *testing.T, out, index string, e api.StatusEntry, stale bool) {
	t.Helper()
	var pf api.ProviderFile
	readJSON(t, filepath.Join(out, "api/v1/providers", e.Slug+".json"), &pf)
	var shield badge.Shields
	readJSON(t, filepath.Join(out, "badges", e.Slug+".json"), &shield)
	page := testfs.File(t, filepath.Join(out, "status", e.Slug, "index.html"))
	message, _, _ := badge.StyleOf(e.Status)
	banner := regexp.MustCompile(`<h2 id="?now"?>([^<]+)</h2>`).FindStringSubmatch(page)
	openOnPage := 0
	if m := regexp.MustCompile(`(?s)<section aria-labelledby="?open"?.*?</section>`).FindString(page); m != "" {
		openOnPage = strings.Count(m, "<li>")
	}
	wantBanner := e.Status.Label()
	if stale {
		wantBanner = "Status unknown: our data is out of date"
	}
	line := regexp.MustCompile(`<li><a href="[^"]*/status/` + e.Slug + `/">.*?</li>`).FindString(index)
	switch {
	case e.Stale != stale || (pf.Stale != nil) != stale || stale && e.Status != "unknown":
		t.Errorf("%s: status.json stale %v (%s), provider JSON stale %v, want %v", e.Slug, e.Stale, e.Status, pf.Stale != nil, stale)
	case pf.Status != e.Status || pf.OpenIncidents != e.OpenIncidents:
		t.Errorf("%s: provider JSON %s/%d, status.json %s/%d", e.Slug, pf.Status, pf.OpenIncidents, e.Status, e.OpenIncidents)
	case shield.Message != message:
		t.Errorf("%s: badge %q, status.json %s", e.Slug, shield.Message, e.Status)
	case banner == nil || banner[1] != wantBanner:
		t.Errorf("%s: banner %v, want %q", e.Slug, banner, wantBanner)
	case openOnPage != e.OpenIncidents:
		t.Errorf("%s: page lists %d open incidents, status.json %d", e.Slug, openOnPage, e.OpenIncidents)
	case !strings.Contains(line, `">`+e.Status.Label()+`</span>`):
		t.Errorf("%s: the A-Z line does not say %s:\n%s", e.Slug, e.Status.Label(), line)
	}
	if e.Slug == "aws" && !stale && (e.OpenIncidents != 2 || e.Status != "partial_outage") {
		t.Errorf("aws: %s with %d open incidents, want partial_outage with the 2 ongoing", e.Status, e.OpenIncidents)
	}
}

// assertUptimeAgrees checks that the page shows the 90-day figures of the
// provider JSON, the provider's and each component's: one history, one
// window (whole UTC days to the start of the build's day), one figure. The
// page rounds down to two decimals what the JSON rounds down to three; a
// component row says "not enough data" where the JSON has no figure.
func assertUptimeAgrees(t *testing.T, slug, page string, pf api.ProviderFile) (compared int) {
	t.Helper()
	shown := func(u api.Uptime) string {
		if !u.Known || u.Percent == nil {
			return "–"
		}
		// 1e-6 absorbs the binary error of a three-decimal percent.
		return strconv.FormatFloat(math.Floor(*u.Percent*100+1e-6)/100, 'f', -1, 64) + "%"
	}
	m := regexp.MustCompile(`<span class="num">([^<]*)</span><span class="what">Uptime</span>`).FindStringSubmatch(page)
	i := slices.IndexFunc(pf.Uptime, func(u api.Uptime) bool { return u.WindowDays == 90 })
	if m == nil || i < 0 {
		t.Fatalf("%s: no 90-day uptime on the page (%v) or in the JSON (%d)", slug, m, i)
	}
	if want := shown(pf.Uptime[i]); m[1] != want {
		t.Errorf("%s: the page's uptime is %s, the JSON's 90-day figure %s", slug, m[1], want)
	}
	rows := regexp.MustCompile(`(?s)<span class="cname">([^<]*).*?Uptime \(90 days\): </span>([^<]*)</span>`).FindAllStringSubmatch(page, -1)
	onPage := map[string]string{}
	for _, r := range rows {
		onPage[strings.TrimSpace(html.UnescapeString(r[1]))] = r[2]
	}
	for _, c := range pf.Components {
		got, ok := onPage[c.Name]
		if !ok || got == "" { // not listed, or the vendor shows no figure
			continue
		}
		compared++
		if want := shown(c.Uptime); got != want && !(want == "–" && got == "not enough data") {
			t.Errorf("%s: %s's uptime is %s on the page, %s in the JSON", slug, c.Name, got, want)
		}
	}
	return compared
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
