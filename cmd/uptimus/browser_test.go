//go:build browser

package main

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// findChromium finds Debian's headless browser. The tests that drive a
// page build only with -tags browser (scripts/check --browser, which CI
// runs after installing chromium), so a contributor without a browser
// runs every other test with nothing skipped.
func findChromium() (string, error) {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no chromium on PATH: install Debian's chromium package or run without -tags browser")
}

// builtSite is a site built once per test binary, on first use, and served
// until every test has run, for the tests that only read it: none
// writes into its folder, and its server keeps nothing of the requests.
type builtSite struct {
	once sync.Once
	srv  *httptest.Server
}

// sample is the sample site (testdata/content).
var sample builtSite

// servedSite serves the sample site like a static host.
func servedSite(t *testing.T) *httptest.Server {
	t.Helper()
	return sample.serve(t, func(t *testing.T) (string, string) { return "testdata/content", replayDir(t) })
}

// serve returns the site, building it first if no test has: from the
// content and replay folders sources gives, which need live only until
// it is built.
func (s *builtSite) serve(t *testing.T, sources func(t *testing.T) (content, rec string)) *httptest.Server {
	t.Helper()
	s.once.Do(func() {
		out, err := os.MkdirTemp("", "uptimus-site-")
		if err != nil {
			t.Fatal(err)
		}
		afterTests(func() { os.RemoveAll(out) })
		content, rec := sources(t)
		s.srv = buildSite(t, out, content, rec, nil, afterTests)
	})
	if s.srv == nil {
		t.Fatal("the site could not be built: see the first test that asked for it")
	}
	return s.srv
}

// serveBuilt fetches the providers of content from the replay folder rec,
// builds the site, and serves it with the harness pages beside it, through
// wrap when it is not nil, for this test alone.
func serveBuilt(t *testing.T, content, rec string, wrap func(http.Handler) http.Handler) *httptest.Server {
	t.Helper()
	return buildSite(t, t.TempDir(), content, rec, wrap, t.Cleanup)
}

// buildSite is serveBuilt into the folder out; the server is closed by the
// function given to cleanup.
func buildSite(t *testing.T, out, content, rec string, wrap func(http.Handler) http.Handler, cleanup func(func())) *httptest.Server {
	t.Helper()
	data, cache := t.TempDir(), t.TempDir()
	h := siteHandler(out)
	if wrap != nil {
		h = wrap(h)
	}
	srv := httptest.NewServer(h)
	cleanup(srv.Close)
	common := []string{"--content", content, "--data", data, "--cache", cache}
	cli(t, append([]string{"fetch", "--replay", rec, "--now", "2026-11-25T12:00:00Z"}, common...)...)
	if _, stderr, code := cli(t, append([]string{"build", "--out", out, "--base-url", srv.URL, "--now", "2026-11-25T12:00:00Z"}, common...)...); code != 0 {
		t.Fatal(stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Fatal(err)
	}
	for name, harness := range map[string]string{"measure.html": measureHarness, "press.html": pressHarness, "watch-harness.html": watchHarness, "nojs-harness.html": noScriptHarness, "type.html": typeHarness, "match.html": matchHarness, "crowd.html": crowdHarness} {
		if err := os.WriteFile(filepath.Join(out, name), []byte(harness), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return srv
}

// measureHarness loads a page of the site in an iframe of a given size and
// writes where the elements matching each selector sit in it, one line per
// selector ("<selector> top bottom", or "missing").
const measureHarness = `<!doctype html><html><body style="margin:0">
<iframe id="f" style="border:0;display:block"></iframe><pre id="r">pending</pre>
<script>
const q = new URLSearchParams(location.search), f = document.getElementById("f");
f.style.width = q.get("w") + "px"; f.style.height = q.get("h") + "px";
f.onload = () => {
  const d = f.contentDocument;
  document.getElementById("r").textContent = q.getAll("sel").map(s => {
    const e = d.querySelector(s);
    if (!e) return s + " missing";
    const b = e.getBoundingClientRect();
    return s + " " + Math.round(b.top) + " " + Math.round(b.bottom);
  }).join("\n");
};
f.src = q.get("path");
</script></body></html>`

// measure reports the top and bottom of the first element matching each
// selector on path, laid out in a w×h viewport, measured in tab b.
func measure(t *testing.T, b *tab, base, path string, w, h int, sels ...string) map[string][2]int {
	t.Helper()
	v := url.Values{"path": {path}, "w": {strconv.Itoa(w)}, "h": {strconv.Itoa(h)}, "sel": sels}
	got := b.result(base+"/measure.html?"+v.Encode(), `r !== "pending"`)
	if got == "pending" {
		t.Fatalf("the harness did not measure %s: %s", path, got)
	}
	out := map[string][2]int{}
	for _, line := range strings.Split(got, "\n") {
		i := strings.LastIndex(line, " ")
		j := strings.LastIndex(line[:max(i, 0)], " ")
		if i < 0 || j < 0 || strings.HasSuffix(line, " missing") {
			t.Errorf("%s at %dx%d: %s", path, w, h, line)
			continue
		}
		top, _ := strconv.Atoi(line[j+1 : i])
		bottom, _ := strconv.Atoi(line[i+1:])
		out[line[:j]] = [2]int{top, bottom}
	}
	return out
}

// During an outage, the open incident (title, impact, affected components,
// start, latest update) is inside the first screen of a phone and of a
// desktop, above the facts, the counters and the 90-day bar.
func TestOpenIncidentInTheFirstScreen(t *testing.T) {
	t.Parallel()
	srv := servedSite(t)
	b := newTab(t, 1280, 900)
	first := `section[aria-labelledby="open"] .ilist > li:first-child`
	sels := []string{first + " h3 a", first + " .meta-line", first + " .affected", first + " .latest", "dl.facts", ".counters", "ol.bar"}
	for _, size := range [][2]int{{390, 844}, {1280, 800}} {
		got := measure(t, b, srv.URL, "/status/example/", size[0], size[1], sels...)
		if len(got) < len(sels) {
			continue
		}
		if b := got[first+" .latest"][1]; b > size[1] {
			t.Errorf("%dx%d: the open incident ends at %d px, below the first screen", size[0], size[1], b)
		}
		for _, later := range []string{"dl.facts", ".counters", "ol.bar"} {
			if got[later][0] < got[first+" .latest"][1] {
				t.Errorf("%dx%d: %s (top %d) comes before the open incident ends (%d)", size[0], size[1], later, got[later][0], got[first+" .latest"][1])
			}
		}
	}
}

// checkedShown is true once time.js has filled in the time of the last
// check from status.json.
const checkedShown = `document.querySelector("[data-checked] time")`

func TestRelativeTimesWhereJavaScriptRuns(t *testing.T) {
	t.Parallel()
	srv := servedSite(t)
	// Read within 3 hours of the build, while the page is current.
	b := newTab(t, 1280, 800)
	b.clock(builtAt.Add(5 * time.Minute))
	b.navigate(srv.URL + "/status/example/")
	dom := b.dom(checkedShown)
	// The time of the last check comes from status.json.
	m := regexp.MustCompile(`<p class="since" data-checked="example"[^>]*>Last checked <time datetime="2026-11-25T12:00:00Z" data-relative="" title="([^"]+)">([^<]+)</time>`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("no last-checked time filled in from status.json in:\n%s", dom)
	}
	if m[1] != "Nov 25, 2026, 12:00 UTC" {
		t.Errorf("title = %q, want the absolute time", m[1])
	}
	if !regexp.MustCompile(`^(just now|\d+ (minute|hour|day|month|year)s? ago)$`).MatchString(m[2]) {
		t.Errorf("relative text = %q", m[2])
	}
}

// Where JavaScript runs, times of day read in the reader's time zone, with
// the UTC text kept as the tooltip and in datetime.
func TestTimesInTheReadersZone(t *testing.T) {
	t.Parallel()
	srv := servedSite(t)
	b := tabIn(t, sharedBrowser(t, []string{"TZ=America/New_York"}, nil), 1280, 800)
	b.navigate(srv.URL + "/status/example/")
	dom := b.dom(`document.querySelector("time[datetime][title]:not([data-relative])")`)
	m := regexp.MustCompile(`<time datetime="([^"]+)" title="([^"]+ UTC)">([^<]+)</time>`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("no time rewritten into the reader's zone in:\n%s", dom)
	}
	at, err := time.Parse(time.RFC3339, m[1])
	if err != nil {
		t.Fatal(err)
	}
	ny, _ := time.LoadLocation("America/New_York")
	want := at.In(ny).Format("Jan 2, 2006, 15:04 MST")
	if m[3] != want || m[2] != at.UTC().Format("Jan 2, 2006, 15:04 UTC") {
		t.Errorf("time %s reads %q (tooltip %q), want %q", m[1], m[3], m[2], want)
	}
	// The footer no longer says every time is in UTC.
	if !strings.Contains(dom, `>Times are in your time zone (America/New_York).</p>`) || strings.Contains(dom, "All times are in UTC") {
		t.Error("the footer does not say times are in the reader's zone")
	}
}

// pressHarness loads a page in an iframe, presses the first button matching
// sel (as a tap or the Enter key does: a click) and writes what is open
// then: the text of every open popover.
const pressHarness = `<!doctype html><html><body>
<iframe id="f" style="border:0;width:390px;height:844px"></iframe><pre id="r">pending</pre>
<script>
const q = new URLSearchParams(location.search), f = document.getElementById("f");
f.onload = () => {
  const d = f.contentDocument, b = d.querySelector(q.get("sel"));
  if (!b) { document.getElementById("r").textContent = "missing"; return; }
  b.click();
  const open = [...d.querySelectorAll("[popover]")].filter(p => p.matches(":popover-open"));
  document.getElementById("r").textContent = open.length + " open: " + open.map(p => p.textContent).join(" | ");
};
f.src = q.get("path");
</script></body></html>`

// The 90-day bar works by touch and keyboard: pressing a day opens its
// date, state and incidents, with no script of ours running.
func TestDayOfTheBarOpensByTouchAndKeyboard(t *testing.T) {
	t.Parallel()
	srv := servedSite(t)
	v := url.Values{"path": {"/status/example/"}, "sel": {`ol.bar button[aria-label*="incident"]`}}
	got := newTab(t, 1280, 900).result(srv.URL+"/press.html?"+v.Encode(), `r !== "pending"`)
	if !strings.HasPrefix(got, "1 open: ") {
		t.Fatalf("pressing a day with incidents did not open one popover: %q", got)
	}
	if !regexp.MustCompile(`[A-Z][a-z]{2} \d+, \d{4}`).MatchString(got) {
		t.Errorf("the day's popover does not give its date: %s", got)
	}
}

// An incident's page says when the provider was last checked, read from
// status.json, so that the page itself need not change every run.
func TestIncidentPageSaysWhenLastChecked(t *testing.T) {
	t.Parallel()
	srv := servedSite(t)
	b := openTab(t, srv.URL+"/status/example/", 1280, 800)
	link := regexp.MustCompile(`href="(/status/example/incidents/[^"]+/)"`).FindStringSubmatch(b.dom("true"))
	if link == nil {
		t.Fatal("no incident link on the provider page")
	}
	b.navigate(srv.URL + link[1])
	dom := b.dom(checkedShown)
	if !regexp.MustCompile(`<span data-checked="example"[^>]*> · last checked <time datetime="2026-11-25T12:00:00Z" data-relative="" title="Nov 25, 2026, 12:00 UTC">`).MatchString(dom) {
		t.Errorf("the incident page does not say when its provider was last checked:\n%s", dom)
	}
}

// The 90-day bar is one stop in the Tab order: Tab reaches today and then
// leaves the bar; the arrow keys, Home and End move between the days, each
// announced by its label; a day's details open with Enter, Tab goes into
// them, and while they are open the arrow keys bring the next day's.
func TestDayBarIsOneTabStop(t *testing.T) {
	t.Parallel()
	srv := servedSite(t)
	b := openTab(t, srv.URL+"/status/example/", 1280, 800)
	if got := b.eval(`[...document.querySelectorAll("ol.bar button")].filter(d => d.tabIndex >= 0).length`); got != "1" {
		t.Errorf("%s days of the bar in the Tab order, want 1", got)
	}
	if got := b.str(`document.querySelector("ol.bar").getAttribute("role")`); got != "toolbar" {
		t.Errorf("the bar's role is %q, want toolbar", got)
	}
	// From the last link before the bar, one Tab enters it, one leaves.
	b.eval(`[...document.querySelectorAll("a, button")].filter(e => e.compareDocumentPosition(document.querySelector("ol.bar")) & Node.DOCUMENT_POSITION_FOLLOWING).pop().focus()`)
	b.press("Tab")
	if got := b.focused(); !strings.HasPrefix(got, "button Nov 25, 2026: ") {
		t.Fatalf("Tab into the bar reached %s, want today", got)
	}
	b.press("Tab")
	if got := b.str(`document.activeElement.closest("ol.bar") ? "in the bar" : "out"`); got != "out" {
		t.Errorf("a second Tab stayed in the bar: %s", b.focused())
	}
	b.eval(`document.querySelector("ol.bar button[tabindex='0']").focus()`)
	for _, step := range []struct{ key, want string }{
		{"ArrowLeft", "Nov 24, 2026"}, {"Home", "Aug 28, 2026"}, {"ArrowLeft", "Aug 28, 2026"},
		{"ArrowRight", "Aug 29, 2026"}, {"End", "Nov 25, 2026"}, {"ArrowRight", "Nov 25, 2026"},
	} {
		b.press(step.key)
		if got := b.focused(); !strings.HasPrefix(got, "button "+step.want+": ") {
			t.Errorf("%s: focus on %s, want %s", step.key, got, step.want)
		}
	}
	// Back to the newest day with an incident, and open it.
	for range 90 {
		if strings.Contains(b.focused(), "incident") {
			break
		}
		b.press("ArrowLeft")
	}
	day := b.focused()
	b.press("Enter")
	open := `[...document.querySelectorAll("[popover]")].filter(p => p.matches(":popover-open")).map(p => p.id).join(" ")`
	id := b.str(`document.activeElement.getAttribute("popovertarget")`)
	if got := b.str(open); got != id {
		t.Fatalf("Enter on %s opened %q, want %q", day, got, id)
	}
	b.press("Tab")
	if got := b.str(`document.activeElement.closest("[popover]")?.id ?? document.activeElement.outerHTML`); got != id {
		t.Errorf("Tab from an open day went to %s, not into its details", got)
	}
	b.eval(`document.querySelector("ol.bar button[tabindex='0']").focus()`)
	b.press("ArrowLeft")
	if got, want := b.str(open), b.str(`document.activeElement.getAttribute("popovertarget")`); got != want {
		t.Errorf("moving from an open day left %q open, want the new day's %q", got, want)
	}
}

// In forced colours (Windows High Contrast) the day bar and its legend
// stay visible and tell the states apart: each state's swatch is drawn in
// system colours, differently from every other state's, and every day of
// the bar shows against the page.
func TestDayBarInForcedColors(t *testing.T) {
	t.Parallel()
	srv := servedSite(t)
	b := openTab(t, srv.URL+"/status/example/", 1280, 800, "--force-high-contrast")
	if b.eval(`matchMedia("(forced-colors: active)").matches`) != "true" {
		t.Fatal("the browser is not in forced colours")
	}
	// What a cell draws: its fill, its pattern and its border, or
	// "nothing" when it is as the page.
	look := `e => { const s = getComputedStyle(e), page = getComputedStyle(document.body).backgroundColor;
	  const fill = s.backgroundColor !== page && s.backgroundColor !== "rgba(0, 0, 0, 0)" ? s.backgroundColor : "";
	  const image = s.backgroundImage !== "none" ? s.backgroundImage : "";
	  const border = parseFloat(s.borderTopWidth) > 0 && s.borderTopStyle !== "none" ? s.borderTopStyle + " " + s.borderTopColor : "";
	  return fill || image || border ? [fill, image, border].join(" / ") : "nothing" }`
	var swatches map[string]string
	if err := json.Unmarshal([]byte(b.eval(`Object.fromEntries([...document.querySelectorAll(".legend .swatch")].map(e => [e.className, (`+look+`)(e)]))`)), &swatches); err != nil {
		t.Fatal(err)
	}
	if len(swatches) != 6 {
		t.Errorf("%d states in the legend, want 6: %v", len(swatches), swatches)
	}
	seen := map[string]string{}
	for state, drawn := range swatches {
		if drawn == "nothing" {
			t.Errorf("%s draws nothing", state)
		}
		if other, ok := seen[drawn]; ok {
			t.Errorf("%s and %s look the same: %s", state, other, drawn)
		}
		seen[drawn] = state
	}
	if blank := b.eval(`[...document.querySelectorAll("ol.bar > li")].filter(e => (` + look + `)(e) === "nothing").length`); blank != "0" {
		t.Errorf("%s days of the bar draw nothing", blank)
	}
}
