//go:build browser

package main

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// builtAt is when servedSite fetches and builds: our last good check of
// every provider, so its pages are current until 3 hours later.
var builtAt = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// clock makes every document the tab opens from now on read the time as
// at, moving on from there at the pace of the tab's own clock: the page's
// Date is replaced before any of its scripts runs. Dates built from a
// value are left as they are.
func (b *tab) clock(at time.Time) {
	b.t.Helper()
	src := `(() => { const R = Date, off = ` + strconv.FormatInt(at.UnixMilli(), 10) + ` - R.now();
	  class D extends R { constructor(...a) { if (a.length === 0) { super(R.now() + off); } else { super(...a); } } static now() { return R.now() + off; } }
	  globalThis.Date = D; })();`
	b.call("Page.enable", nil, nil)
	b.call("Page.addScriptToEvaluateOnNewDocument", map[string]any{"source": src}, nil)
}

// aged is true once a page has swapped its banner for the out-of-date one.
const aged = `document.documentElement.classList.contains("aged")`

// shown is the text a reader sees of the first element sel finds ("" if
// none), without what the stylesheet hides.
func (b *tab) shown(sel string) string {
	b.t.Helper()
	return b.str(`(() => { const e = document.querySelector(` + strconv.Quote(sel) + `); return e ? e.innerText : ""; })()`)
}

// visible is whether the first element sel finds is shown.
func (b *tab) visible(sel string) bool {
	b.t.Helper()
	return b.eval(`(() => { const e = document.querySelector(`+strconv.Quote(sel)+`); return e !== null && e.checkVisibility(); })()`) == "true"
}

// A page read within 3 hours of the last good check is current: its
// banner stands, its durations count on from the build.
func TestPageReadInTimeIsCurrent(t *testing.T) {
	t.Parallel()
	srv := servedSite(t)
	b := newTab(t, 390, 844)
	b.clock(builtAt.Add(2*time.Hour + 59*time.Minute))
	b.navigate(srv.URL + "/status/example/")
	dom := b.dom(checkedShown)
	if strings.Contains(dom, `class="aged"`) || !b.visible("#now") || b.visible("#aged-now") || strings.Contains(b.shown("#open"), "at our last") {
		t.Errorf("a page read 2 h 59 min after its build turned out of date:\n%s", dom)
	}
	b.navigate(srv.URL + "/")
	if b.eval(aged) != "false" || !strings.Contains(b.shown(".hero"), "report") || strings.Contains(b.shown(".hero"), "out of date") {
		t.Error("the home page turned out of date within 3 hours")
	}
	b.navigate(srv.URL + "/category/communication/")
	if b.eval(aged) != "false" || strings.Contains(b.shown("main"), "out of date") || strings.Contains(b.shown("#attention"), "at our last") {
		t.Error("the category page turned out of date within 3 hours")
	}
}

// A page read past 3 hours after the last good check, the site not rebuilt
// (the update job late or down), turns by itself to the out-of-date state:
// no live status, what it showed marked as of then; the home page no
// longer says, as current, that a provider reports a problem, and a
// category page marks its counts and lists as of its build. A page left
// open turns so when the time comes, with no reload.
func TestPagesAgeByThemselves(t *testing.T) {
	t.Parallel()
	srv := servedSite(t)
	b := newTab(t, 390, 844)
	b.clock(builtAt.Add(2*24*time.Hour + 12*time.Hour))
	b.navigate(srv.URL + "/status/example/")
	b.dom(aged)
	page := b.shown("main")
	for _, want := range []string{"Status unknown: our data is out of date", "Built 2 days ago"} {
		if !strings.Contains(page, want) {
			t.Errorf("the provider page read 2.5 days later lacks %q:\n%s", want, page)
		}
	}
	if !strings.HasSuffix(b.shown("#open"), "at our last successful check") {
		t.Errorf("the open incident's heading 2.5 days later reads %q", b.shown("#open"))
	}
	if b.str(`getComputedStyle(document.querySelector(".comps .cstat .badge")).filter`) != "grayscale(1)" {
		t.Error("the components' states are not muted as of then 2.5 days later")
	}
	if b.visible("#now") {
		t.Error("the live banner is still shown 2.5 days later")
	}
	// The record's "N days ago" of the build counts on with the days.
	b.navigate(srv.URL + "/status/github/")
	b.dom(aged)
	at := b.str(`document.querySelector("[data-days-since]").getAttribute("data-days-since")`)
	ended, err := time.Parse(time.RFC3339, at)
	if err != nil {
		t.Fatalf("data-days-since %q: %v", at, err)
	}
	days := int(builtAt.Add(60*time.Hour).Sub(ended) / (24 * time.Hour))
	if got, want := b.str(`document.querySelector("[data-days-since]").textContent`), strconv.Itoa(days)+" days ago"; got != want {
		t.Errorf("the last incident's end reads %q 2.5 days later, want %q", got, want)
	}
	b.navigate(srv.URL + "/")
	b.dom(aged)
	banner := b.shown(".hero")
	if !strings.Contains(banner, "this page is out of date") || strings.Contains(banner, "reports a problem") {
		t.Errorf("the home page's banner 2.5 days later reads %q", banner)
	}
	if n := strings.Count(banner, "Built "); n != 1 {
		t.Errorf("the home page's first screen says when it was built %d times 2.5 days later, want once: %q", n, banner)
	}
	if !strings.Contains(b.shown("#attention"), "at our last build") {
		t.Error("the home page's list of providers needing attention is not marked as of the build")
	}
	b.navigate(srv.URL + "/category/communication/")
	b.dom(aged)
	cat := b.shown("main")
	for _, want := range []string{"No current status: this page is out of date", "Built 2 days ago"} {
		if !strings.Contains(cat, want) {
			t.Errorf("the category page read 2.5 days later lacks %q:\n%s", want, cat)
		}
	}
	if !strings.Contains(b.shown("#attention"), "at our last build") {
		t.Error("the category page's providers needing attention are not marked as of the build")
	}
	if b.str(`getComputedStyle(document.querySelector(".catnow .st")).filter`) != "grayscale(1)" {
		t.Error("the category page's counts are not muted as of the build")
	}

	// Opened ten minutes before the page turns, left open: a minute's
	// tick turns it once the time comes, the tab's virtual clock run 11
	// minutes ahead rather than waited for (the wait below gives up after
	// one real minute).
	left := newTab(t, 390, 844)
	left.clock(builtAt.Add(3*time.Hour - 10*time.Minute))
	left.navigate(srv.URL + "/status/example/")
	if left.eval(aged) != "false" {
		t.Fatal("the page was out of date before its time")
	}
	left.call("Emulation.setVirtualTimePolicy", map[string]any{"policy": "advance", "budget": 11 * 60 * 1000}, nil)
	left.waitFor(aged)
}

// While the page is current, the first screen of a phone and of a desktop
// names the cause (what is down, for how long) and the maintenance
// starting this week, above the open incident.
func TestCauseInTheFirstScreen(t *testing.T) {
	t.Parallel()
	srv := servedSite(t)
	b := newTab(t, 1280, 900)
	b.clock(builtAt.Add(10 * time.Minute))
	sels := []string{".banner .cause", ".banner .soon", `section[aria-labelledby="open"]`}
	for _, size := range [][2]int{{390, 844}, {1280, 800}} {
		got := measure(t, b, srv.URL, "/status/example/", size[0], size[1], sels...)
		if len(got) < len(sels) {
			continue
		}
		for _, s := range sels[:2] {
			if got[s][1] > size[1] {
				t.Errorf("%dx%d: %s ends at %d px, below the first screen", size[0], size[1], s, got[s][1])
			}
		}
		if got[sels[1]][1] > got[sels[2]][0] {
			t.Errorf("%dx%d: the banner runs into the open incident", size[0], size[1])
		}
	}
	b.navigate(srv.URL + "/status/example/")
	if cause := b.str(`document.querySelector(".banner .cause").textContent`); !strings.HasPrefix(cause, "For ") || !strings.Contains(cause, "REST API (Channels)") {
		t.Errorf("the banner's cause reads %q", cause)
	}
}
