//go:build browser

package main

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// crowdHarness loads a page of the site in an iframe w px wide, in the
// font family given as font ("" for the page's own), and, for every
// element matching row, reports each two of its cells (the first match in
// the row of each cell selector) that sit side by side but touch,
// overlap or come in the wrong order, and each cell that reaches past
// the viewport: one line each, or "ok" when there is none. These are
// relations, not distances in pixels, so they hold or fail alike with
// whatever fonts a machine has. Cells not laid out (display: none) are
// left out.
const crowdHarness = `<!doctype html><html><body style="margin:0">
<iframe id="f" style="border:0;display:block;height:900px"></iframe><pre id="r">pending</pre>
<script>
const q = new URLSearchParams(location.search), f = document.getElementById("f");
f.style.width = q.get("w") + "px";
f.onload = () => {
  const d = f.contentDocument, out = [], width = d.documentElement.clientWidth;
  if (q.get("font")) {
    const s = d.createElement("style");
    s.textContent = "* { font-family: " + q.get("font") + " !important }";
    d.head.append(s);
  }
  d.querySelectorAll(q.get("row")).forEach((row, i) => {
    const where = "row " + i + " (" + row.textContent.trim().slice(0, 40) + "): ";
    const cells = q.getAll("cell").map(s => [s, row.querySelector(s)]).filter(([, e]) => e && e.getClientRects().length)
      .map(([s, e]) => [s, e.getBoundingClientRect()]);
    for (const [s, r] of cells) if (r.right > width) out.push(where + s + " ends at " + Math.round(r.right) + " px, past the " + width + " px viewport");
    for (let a = 0; a < cells.length; a++) for (let b = a + 1; b < cells.length; b++) {
      const [sa, ra] = cells[a], [sb, rb] = cells[b];
      if (Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) <= 0) continue;
      if (rb.left <= ra.left) out.push(where + sb + " comes before " + sa);
      else if (rb.left <= ra.right) out.push(where + sa + " and " + sb + " touch or overlap");
    }
  });
  document.getElementById("r").textContent = out.length ? out.join("\n") : "ok";
};
f.src = q.get("path");
</script></body></html>`

// crowded lists the cells of rows on path, w px wide in font (see
// crowdHarness), that touch, overlap, come out of order or leave the
// viewport, checked in tab b.
func crowded(t *testing.T, b *tab, base, path, font string, w int, row string, cells ...string) []string {
	t.Helper()
	v := url.Values{"path": {path}, "font": {font}, "w": {strconv.Itoa(w)}, "row": {row}, "cell": cells}
	got := b.result(base+"/crowd.html?"+v.Encode(), `r !== "pending"`)
	if got == "pending" {
		t.Fatalf("the harness did not check %s: %s", path, got)
	}
	if got == "ok" {
		return nil
	}
	return strings.Split(got, "\n")
}

// Status pills never run into the next column: in the components table
// and in the one-line rows of the home page, the A-Z index and a category
// page, at a phone's, a tablet's and a desktop's width, each cell keeps
// clear of the next, "Degraded performance" (the longest label) included.
// It holds in the page's own fonts and in each generic family forced on
// it, monospace (the widest) included, so it does not hang on which fonts
// a machine has installed.
func TestStatusPillsKeepClearOfTheNextColumn(t *testing.T) {
	t.Parallel()
	srv := servedSite(t)
	b := newTab(t, 1280, 900)
	checks := []struct {
		path, row string
		cells     []string
	}{
		{"/status/example/", ".crows > li, .cgroup > summary", []string{".cname", ".cstat .badge", ".cchg", ".cup"}},
		{"/", ".rows > li", []string{".pname", ".pend", ".badge", ".pnote"}},
		{"/providers/", ".rows > li", []string{".pname", ".pend", ".badge", ".pnote"}},
		{"/category/communication/", ".rows > li", []string{".pname", ".pend", ".badge", ".pnote"}},
	}
	for _, font := range []string{"", "sans-serif", "serif", "monospace"} {
		for _, c := range checks {
			for _, w := range []int{320, 390, 768, 1280} {
				for _, p := range crowded(t, b, srv.URL, c.path, font, w, c.row, c.cells...) {
					t.Errorf("%s at %d px, font %q: %s", c.path, w, font, p)
				}
			}
		}
	}
}

// On a provider page the facts and the counter cards below them keep a
// visible gap, on a phone and on a desktop: the counters start below the
// facts by at least three quarters of the root font size (12 px at the
// usual 16 px). A length in the page's own unit rather than in pixels:
// the gap is the stylesheet's margin, whatever fonts draw the text.
func TestFactsKeepClearOfTheCounters(t *testing.T) {
	t.Parallel()
	srv := servedSite(t)
	b := newTab(t, 1280, 900)
	b.navigate(srv.URL + "/status/example/")
	rem, err := strconv.ParseFloat(strings.TrimSuffix(b.str(`getComputedStyle(document.documentElement).fontSize`), "px"), 64)
	if err != nil || rem <= 0 {
		t.Fatalf("root font size: %v", err)
	}
	for _, size := range [][2]int{{390, 844}, {1280, 800}} {
		got := measure(t, b, srv.URL, "/status/example/", size[0], size[1], "dl.pfacts", ".counters")
		if gap := got[".counters"][0] - got["dl.pfacts"][1]; len(got) == 2 && float64(gap) < .75*rem {
			t.Errorf("%dx%d: the counters start %d px below the facts, want at least %g (0.75 rem)", size[0], size[1], gap, .75*rem)
		}
	}
}

// defaultFont returns the flag that gives the browser a profile whose
// default font size is px, as a reader who asked for larger text has:
// the same flag for the same size, so that tests share its browser.
func defaultFont(t *testing.T, px int) string {
	t.Helper()
	browsers.Lock()
	defer browsers.Unlock()
	dir := filepath.Join(browsersDir(t), fmt.Sprintf("font-%d", px))
	if _, err := os.Stat(filepath.Join(dir, "Default", "Preferences")); err == nil {
		return "--user-data-dir=" + dir
	}
	prefs := fmt.Sprintf(`{"webkit":{"webprefs":{"default_font_size":%d}}}`, px)
	if err := os.MkdirAll(filepath.Join(dir, "Default"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Default", "Preferences"), []byte(prefs), 0o644); err != nil {
		t.Fatal(err)
	}
	return "--user-data-dir=" + dir // the last one given wins
}

// At 320 px wide (WCAG's reflow width), with the default font and with a
// larger one, no page scrolls sideways: home, the A-Z list, a category, a
// provider and an incident. Where something is wider than the screen,
// the error names it.
func TestPagesReflowAt320(t *testing.T) {
	t.Parallel()
	srv := servedSite(t)
	overflow := `(() => { const w = document.documentElement.clientWidth;
	  if (document.documentElement.scrollWidth <= w) return "";
	  const e = [...document.querySelectorAll("body *")].find(e => e.getBoundingClientRect().right > w + 1);
	  return document.documentElement.scrollWidth + " px wide" + (e ? ", first " + e.tagName.toLowerCase() + "." + e.className : "") })()`
	for _, px := range []int{16, 20} {
		b := openTab(t, srv.URL+"/status/example/", 320, 640, defaultFont(t, px))
		incident := b.str(`document.querySelector("a[href*='/incidents/']").pathname`)
		for _, path := range []string{"/", "/providers/", "/category/communication/", "/status/example/", incident} {
			b.navigate(srv.URL + path)
			if got := b.str(overflow); got != "" {
				t.Errorf("%s at 320 px, %d px text: %s", path, px, got)
			}
		}
	}
}

// On a phone nothing on a provider page scrolls sideways inside its own
// box either, the reliability tables included: a box that scrolls does not
// widen the page, so the reflow test above does not see it. Where
// something scrolls, the error names it.
func TestProviderPageScrollsNothingSidewaysOnAPhone(t *testing.T) {
	t.Parallel()
	srv := servedSite(t)
	scrolls := `[...document.querySelectorAll("main *")]
	  .filter(e => e.scrollWidth > e.clientWidth + 1 && /auto|scroll/.test(getComputedStyle(e).overflowX))
	  .map(e => e.tagName.toLowerCase() + "." + e.className + " holds " + e.scrollWidth + " px in " + e.clientWidth).join("; ")`
	for _, w := range []int{320, 390} {
		b := openTab(t, srv.URL+"/status/example/", w, 844)
		if b.eval(`document.querySelectorAll(".rtable table").length >= 1`) != "true" {
			t.Fatal("the provider page has no reliability table to check")
		}
		if got := b.str(scrolls); got != "" {
			t.Errorf("at %d px: %s", w, got)
		}
	}
}

// Text follows the size the reader chose for their browser: body text is
// their default size, smaller text scales with it.
func TestTextFollowsTheReadersFontSize(t *testing.T) {
	t.Parallel()
	srv := servedSite(t)
	for _, px := range []int{16, 24} {
		b := openTab(t, srv.URL+"/status/example/", 1280, 800, defaultFont(t, px))
		got := b.str(`[document.body, document.querySelector("p.small")].map(e => getComputedStyle(e).fontSize).join(" ")`)
		if want := fmt.Sprintf("%dpx %gpx", px, float64(px)*.875); got != want {
			t.Errorf("default font %d px: body and small text are %s, want %s", px, got, want)
		}
	}
}
