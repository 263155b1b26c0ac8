//go:build browser

package main

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// watchSite serves the sample site with two more written providers
// (testdata/watch): Relay & Mail, in an outage with an open incident and
// an ampersand in its name, and Calm Queue, operational with maintenance
// scheduled; through wrap, for this test alone.
func watchSite(t *testing.T, wrap func(http.Handler) http.Handler) *httptest.Server {
	t.Helper()
	content, rec := watchSources(t)
	return serveBuilt(t, content, rec, wrap)
}

// watchSample is watchSite as served to the tests that only read it.
var watchSample builtSite

// sharedWatchSite is watchSite with nothing in between, built once for
// every test that asks.
func sharedWatchSite(t *testing.T) *httptest.Server {
	t.Helper()
	return watchSample.serve(t, watchSources)
}

// watchSources returns the content and replay folders of watchSite.
func watchSources(t *testing.T) (content, rec string) {
	t.Helper()
	content = t.TempDir()
	for _, from := range []string{"testdata/content", "testdata/watch/content"} {
		if err := os.CopyFS(content, os.DirFS(from)); err != nil {
			t.Fatal(err)
		}
	}
	rec = replayDir(t)
	if err := os.CopyFS(rec, os.DirFS("testdata/watch/replay")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(content, "providers", "relay-mail.yaml")); err != nil {
		t.Fatal(err)
	}
	return content, rec
}

// watchHarness drives /watch/ in an iframe as a reader would: it picks
// providers through the search box (by an alias, with Enter, by a click),
// reloads the page, removes one, and exports the OPML file (caught as the
// download starts), then writes what it saw as JSON, or "error: ...".
const watchHarness = `<!doctype html><html><body>
<iframe id="f" style="border:0;width:390px;height:844px"></iframe><pre id="r">pending</pre>
<script>
const f = document.getElementById("f"), out = {requests: []};
const sleep = ms => new Promise(r => setTimeout(r, ms));
async function until(cond, what) {
  for (const end = Date.now() + 30000; Date.now() < end; await sleep(10)) { const v = cond(); if (v) return v; }
  throw new Error("no " + what);
}
const load = go => new Promise(res => { f.onload = res; go(); });
async function ready() {
  await until(() => f.contentDocument && f.contentDocument.querySelector("#watch-app[data-ready]"), "watch list");
  return f.contentDocument;
}
function type(d, text) {
  const q = d.getElementById("watch-q");
  q.value = text;
  q.dispatchEvent(new Event("input", {bubbles: true}));
  return {hint: d.getElementById("watch-hint").textContent,
    options: [...d.querySelectorAll("#watch-options button")].map(b => b.textContent)};
}
function cards(d) {
  return [...d.querySelectorAll("#watch-list > li")].map(li => ({slug: li.dataset.slug, text: li.textContent,
    links: [...li.querySelectorAll("a")].map(a => a.getAttribute("href"))}));
}
function requests() {
  const p = f.contentWindow.performance;
  out.requests.push(...[...p.getEntriesByType("navigation"), ...p.getEntriesByType("resource")].map(e => e.name));
}
async function run() {
  // A probe off the origin, which the policy must block and report.
  new Image().src = "` + offsiteProbe + `";
  await load(() => { f.src = "/watch/"; });
  let d = await ready();
  out.empty = !d.getElementById("watch-empty").hidden;
  // GitHub first: the list must still show the one in trouble first.
  type(d, "git");
  d.querySelector('#watch-options [data-add="github"]').click();
  out.post = type(d, "post");
  d.querySelector('#watch-options [data-add="relay-mail"]').click();
  out.calm = type(d, "calm");
  d.getElementById("watch-pick").requestSubmit();
  out.nothing = type(d, "zzz");
  // By keyboard: down into the matches (the watched are skipped), up
  // back to the box.
  type(d, "e");
  const key = k => d.activeElement.dispatchEvent(new KeyboardEvent("keydown", {key: k, bubbles: true}));
  d.getElementById("watch-q").focus();
  key("ArrowDown");
  out.keys = [d.activeElement.textContent];
  key("ArrowDown");
  out.keys.push(d.activeElement.textContent);
  key("ArrowUp");
  key("ArrowUp");
  out.keys.push(d.activeElement.id);
  out.again = type(d, "relay");
  out.stored = f.contentWindow.localStorage.getItem("uptimus-watch");
  out.cookie = d.cookie;
  requests();
  await load(() => f.contentWindow.location.reload());
  d = await ready();
  out.reloaded = cards(d);
  const t = d.querySelector("#watch-checked time");
  out.checked = t ? t.getAttribute("datetime") + " " + t.hasAttribute("data-relative") + " " + t.textContent : "";
  d.querySelector('[data-remove="github"]').click();
  out.removed = cards(d);
  out.notice = d.getElementById("watch-notice").textContent;
  out.calendars = [...d.querySelectorAll("#watch-cals input")].map(i => i.value);
  const w = f.contentWindow, make = w.URL.createObjectURL.bind(w.URL);
  let blob = null;
  w.URL.createObjectURL = b => { blob = b; return make(b); };
  d.addEventListener("click", e => {
    if (e.target.matches("a[download]")) { out.file = e.target.getAttribute("download"); e.preventDefault(); }
  }, true);
  d.getElementById("watch-opml").click();
  out.type = blob ? blob.type : "";
  out.opml = blob ? await blob.text() : "";
  requests();
}
run().then(() => { document.getElementById("r").textContent = JSON.stringify(out); },
  e => { document.getElementById("r").textContent = "error: " + e.message + " " + JSON.stringify(out); });
</script></body></html>`

type watchCard struct {
	Slug, Text string
	Links      []string
}

type watchRun struct {
	Empty               bool
	Post, Calm, Nothing struct {
		Hint    string
		Options []string
	}
	Again struct {
		Hint    string
		Options []string
	}
	Stored, Cookie, Checked  string
	Reloaded, Removed        []watchCard
	Notice, File, Type, OPML string
	Calendars, Requests      []string
	Keys                     []string
}

// opml is the part of an OPML 2.0 file the watch list writes.
type opml struct {
	XMLName  xml.Name `xml:"opml"`
	Version  string   `xml:"version,attr"`
	Title    string   `xml:"head>title"`
	Created  string   `xml:"head>dateCreated"`
	Outlines []struct {
		Type    string `xml:"type,attr"`
		Text    string `xml:"text,attr"`
		Title   string `xml:"title,attr"`
		XMLURL  string `xml:"xmlUrl,attr"`
		HTMLURL string `xml:"htmlUrl,attr"`
	} `xml:"body>outline"`
}

// offsite serves the site under a Content Security Policy that allows
// only its own origin and has the browser report every load it blocks: a
// request the pages try to send to another host arrives here as a report
// instead of leaving. The site's pages get the policy docs/deploy.md
// recommends (but frame-ancestors, as the harness frames them), so the
// watch list is also shown to work under it; the harness may run inline.
type offsite struct {
	mu      sync.Mutex
	reports []string
}

const (
	siteCSP    = "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; report-uri /csp-report"
	harnessCSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; report-uri /csp-report"
)

func (o *offsite) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/csp-report" {
			body, _ := io.ReadAll(r.Body)
			o.mu.Lock()
			o.reports = append(o.reports, string(body))
			o.mu.Unlock()
			return
		}
		csp := siteCSP
		if strings.HasSuffix(r.URL.Path, "-harness.html") {
			csp = harnessCSP
		}
		w.Header().Set("Content-Security-Policy", csp)
		h.ServeHTTP(w, r)
	})
}

// offsiteProbe is the image from another host that the watch harness tries.
const offsiteProbe = "http://offsite.invalid/probe.png"

// await waits, for at most a minute, until url's load has been reported.
func (o *offsite) await(t *testing.T, url string) {
	t.Helper()
	for deadline := time.Now().Add(patience); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		o.mu.Lock()
		seen := slices.ContainsFunc(o.reports, func(r string) bool { return strings.Contains(r, url) })
		o.mu.Unlock()
		if seen {
			return
		}
	}
	t.Errorf("no report of %s blocked in %v", url, patience)
}

// blocked lists the URLs of the reports, once each.
func (o *offsite) blocked(t *testing.T) []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []string
	for _, r := range o.reports {
		var rep struct {
			Report struct {
				Blocked string `json:"blocked-uri"`
			} `json:"csp-report"`
		}
		if err := json.Unmarshal([]byte(r), &rep); err != nil {
			t.Errorf("a report that does not parse: %v: %s", err, r)
		}
		if !slices.Contains(out, rep.Report.Blocked) {
			out = append(out, rep.Report.Blocked)
		}
	}
	return out
}

func runWatch(t *testing.T) (watchRun, string, []string) {
	o := &offsite{}
	srv := watchSite(t, o.wrap)
	got := newTab(t, 1280, 900).result(srv.URL+"/watch-harness.html", `r !== "pending"`)
	if got == "pending" || strings.HasPrefix(got, "error: ") {
		t.Fatalf("the harness did not finish: %s", got)
	}
	var run watchRun
	if err := json.Unmarshal([]byte(got), &run); err != nil {
		t.Fatalf("%v in %s", err, got)
	}
	// The browser reports a blocked load on its own time; the harness's
	// probe, tried first, is the last report to wait for.
	o.await(t, offsiteProbe)
	return run, srv.URL, o.blocked(t)
}

func TestWatchListPicksKeepsShowsAndExports(t *testing.T) {
	t.Parallel()
	run, site, offsite := runWatch(t)
	if !run.Empty {
		t.Error("a first visit does not say that the list is empty")
	}
	// Found by its alias, Postbox; one match, announced.
	if !slices.Equal(run.Post.Options, []string{"Add Relay & Mail"}) || run.Post.Hint != "1 provider matches." {
		t.Errorf("typing an alias: %+v", run.Post)
	}
	if run.Nothing.Hint != "No provider matches “zzz”." || len(run.Nothing.Options) != 0 {
		t.Errorf("typing what matches nothing: %+v", run.Nothing)
	}
	if !slices.Equal(run.Keys, []string{"Add Example Realtime", "Add Broken Upstream", "watch-q"}) {
		t.Errorf("arrow keys went through %q, want the two matches not watched yet and back to the box", run.Keys)
	}
	if !slices.Equal(run.Again.Options, []string{"Relay & Mail (in your list)"}) {
		t.Errorf("a watched provider is offered again: %+v", run.Again)
	}
	if run.Stored != `["github","relay-mail","calm-queue"]` || run.Cookie != "" {
		t.Errorf("kept %q with cookies %q, want the three slugs in localStorage and no cookie", run.Stored, run.Cookie)
	}
	var slugs []string
	for _, c := range run.Reloaded {
		slugs = append(slugs, c.Slug)
	}
	if !slices.Equal(slugs, []string{"relay-mail", "calm-queue", "github"}) {
		t.Fatalf("after a reload the list holds %q, want the outage first, then the maintenance ahead, then the calm one", slugs)
	}
	want := []struct {
		card  watchCard
		texts []string
	}{
		{run.Reloaded[0], []string{"Relay & Mail", "Partial outage", "Open incident: Outgoing mail <delayed> & bouncing", "started Nov 25, 2026, 10:00 UTC", "Last checked"}},
		{run.Reloaded[1], []string{"Calm Queue", "Operational", "Upcoming maintenance: Broker upgrade", "Nov 27, 2026, 02:00 UTC to Nov 27, 2026, 04:00 UTC"}},
		{run.Reloaded[2], []string{"GitHub", "Operational", "No open incident and no maintenance scheduled."}},
	}
	for _, w := range want {
		for _, text := range w.texts {
			if !strings.Contains(w.card.Text, text) {
				t.Errorf("%s's card lacks %q: %q", w.card.Slug, text, w.card.Text)
			}
		}
	}
	if links := run.Reloaded[0].Links; !slices.Equal(links, []string{"/status/relay-mail/", site + "/status/relay-mail/incidents/relay-inc1/"}) {
		t.Errorf("relay-mail links %q", links)
	}
	if links := run.Reloaded[1].Links; !slices.Equal(links, []string{"/status/calm-queue/", site + "/status/calm-queue/incidents/calm-m1/"}) {
		t.Errorf("calm-queue links %q", links)
	}
	if !regexp.MustCompile(`^2026-11-25T12:00:00Z true (just now|\d+ (minute|hour|day|month|year)s? ago)$`).MatchString(run.Checked) {
		t.Errorf("the time of the last check reads %q, want status.json's checked_at as a relative time", run.Checked)
	}
	if len(run.Removed) != 2 || run.Removed[1].Slug != "calm-queue" || run.Notice != "GitHub removed from your watch list." {
		t.Errorf("after removing GitHub: %+v, notice %q", run.Removed, run.Notice)
	}
	host := strings.TrimPrefix(site, "http://")
	if !slices.Equal(run.Calendars, []string{"webcal://" + host + "/status/relay-mail/maintenance.ics", "webcal://" + host + "/status/calm-queue/maintenance.ics"}) {
		t.Errorf("calendar links %q", run.Calendars)
	}
	checkOPML(t, run, site)
	for _, r := range run.Requests {
		if !strings.HasPrefix(r, site+"/") {
			t.Errorf("the page requested %s, off its origin", r)
		}
	}
	if len(run.Requests) == 0 {
		t.Error("no requests recorded: the check of origins cannot have run")
	}
	// The harness tried one image from another host, to show that such a
	// request is caught; the site must have tried none.
	if !slices.Equal(offsite, []string{offsiteProbe}) {
		t.Errorf("loads blocked by the same-origin policy: %q, want only the harness's probe", offsite)
	}
}

func checkOPML(t *testing.T, run watchRun, site string) {
	t.Helper()
	if run.File != "uptimus-watch-list.opml" || !strings.HasPrefix(run.Type, "text/x-opml") {
		t.Errorf("download %q of type %q", run.File, run.Type)
	}
	var doc opml
	if err := xml.Unmarshal([]byte(run.OPML), &doc); err != nil {
		t.Fatalf("the OPML file does not parse: %v\n%s", err, run.OPML)
	}
	if doc.Version != "2.0" || doc.Title != "Uptimus watch list" || doc.Created == "" {
		t.Errorf("head: version %q, title %q, dateCreated %q", doc.Version, doc.Title, doc.Created)
	}
	var got []string
	for _, o := range doc.Outlines {
		got = append(got, strings.Join([]string{o.Type, o.Text, o.Title, o.XMLURL, o.HTMLURL}, " | "))
	}
	want := []string{
		"rss | Relay & Mail | Relay & Mail | " + site + "/status/relay-mail/feed.rss | " + site + "/status/relay-mail/",
		"rss | Calm Queue | Calm Queue | " + site + "/status/calm-queue/feed.rss | " + site + "/status/calm-queue/",
	}
	if !slices.Equal(got, want) {
		t.Errorf("outlines:\n got %q\nwant %q", got, want)
	}
	if !strings.Contains(run.OPML, `text="Relay &amp; Mail"`) {
		t.Errorf("the ampersand is not escaped:\n%s", run.OPML)
	}
}

// A provider page's "add to my watch list" link adds it when the watch
// list opens, then drops the query.
func TestWatchListAddsFromAProviderPage(t *testing.T) {
	t.Parallel()
	srv := sharedWatchSite(t)
	b := openTab(t, srv.URL+"/status/relay-mail/", 1280, 800)
	link := regexp.MustCompile(`href="(/watch/\?add=relay-mail)"`).FindStringSubmatch(b.dom("true"))
	if link == nil {
		t.Fatal("the provider page does not link its watch list entry")
	}
	b.navigate(srv.URL + link[1])
	dom := b.dom(`document.querySelector("#watch-app[data-ready]")`)
	if !strings.Contains(dom, `<li data-slug="relay-mail">`) || !strings.Contains(dom, "Relay &amp; Mail added to your watch list.") {
		t.Errorf("opening %s did not add the provider:\n%s", link[1], dom)
	}
}

// noScriptHarness loads a page in an iframe where scripts may not run and
// writes, for each id given, whether that element is displayed.
const noScriptHarness = `<!doctype html><html><body>
<iframe id="f" sandbox="allow-same-origin" style="border:0;width:390px;height:844px"></iframe><pre id="r">pending</pre>
<script>
const q = new URLSearchParams(location.search), f = document.getElementById("f");
f.onload = () => {
  const d = f.contentDocument;
  document.getElementById("r").textContent = q.getAll("id").map(id => {
    const e = d.getElementById(id);
    return id + " " + (e ? getComputedStyle(e).display !== "none" && e.getClientRects().length > 0 : "missing");
  }).join("\n");
};
f.src = q.get("path");
</script></body></html>`

// Where no script runs, the watch list's controls are not shown, and the
// page says why and what works instead.
func TestWatchListWithoutScripts(t *testing.T) {
	t.Parallel()
	srv := sharedWatchSite(t)
	got := newTab(t, 1280, 900).result(srv.URL+"/nojs-harness.html?path=/watch/&id=watch-app&id=watch-q&id=how&id=all&id=bycat", `r !== "pending"`)
	want := "watch-app false\nwatch-q false\nhow true\nall true\nbycat true"
	if got != want {
		t.Errorf("shown without scripts:\n%s\nwant\n%s", got, want)
	}
}
