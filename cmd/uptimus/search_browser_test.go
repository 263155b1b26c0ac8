//go:build browser

package main

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// typeHarness loads a page in an iframe, types into its search box one
// character at a time (an input event each, as a keyboard gives), waits
// for the matches, presses ArrowDown "down" times and then Enter, and
// writes the matches it saw, the option the box says is active, and the
// page Enter opened.
const typeHarness = `<!doctype html><html><body>
<iframe id="f" style="border:0;width:390px;height:844px"></iframe><pre id="r">pending</pre>
<script>
const q = new URLSearchParams(location.search), f = document.getElementById("f"), out = document.getElementById("r");
const lines = [];
let typed = false;
const say = s => { lines.push(s); out.textContent = lines.join("\n"); };
f.onload = () => {
  if (typed) { say("opened " + f.contentWindow.location.pathname); return; }
  typed = true;
  const d = f.contentDocument, w = f.contentWindow, form = d.getElementById("search"), input = d.getElementById("q");
  if (!input || input.getAttribute("role") !== "combobox") { say("no search box"); return; }
  const key = k => input.dispatchEvent(new w.KeyboardEvent("keydown", {key: k, bubbles: true, cancelable: true}));
  input.focus();
  const text = q.get("type");
  for (let i = 1; i <= text.length; i++) {
    input.value = text.slice(0, i);
    input.dispatchEvent(new w.Event("input", {bubbles: true}));
  }
  const wait = () => {
    const opts = [...d.querySelectorAll("#q-list [role=option]")];
    if (!opts.length) { setTimeout(wait, 50); return; }
    say("options " + opts.map(o => o.textContent).join(" | "));
    for (let i = 0; i < Number(q.get("down")); i++) { key("ArrowDown"); }
    const id = input.getAttribute("aria-activedescendant"), act = id && d.getElementById(id);
    say("active " + (act && act.getAttribute("aria-selected") === "true" ? act.querySelector(".qname").textContent : "none") +
      "; expanded " + input.getAttribute("aria-expanded"));
    key("Enter");
  };
  wait();
};
f.src = q.get("path");
</script></body></html>`

// The search box finds a provider from part of its name or of an alias as
// one types, from the index it loads on first use, and opens the match
// chosen with the arrow keys and Enter, on the home page and on a
// category page.
func TestSearchFindsByNameAndAlias(t *testing.T) {
	t.Parallel()
	srv := servedSite(t)
	b := newTab(t, 1280, 900)
	for _, tt := range []struct {
		path, typed string
		down        int
		options     []string
		active      string
		opened      string
	}{
		// Part of a name: the name starting with it comes first.
		{"/", "exam", 1, []string{"Example Realtime"}, "Example Realtime", "/status/example/"},
		// Part of an alias: the alias is shown beside the name.
		{"/", "sock", 1, []string{"Example Realtime also Realtime Sockets"}, "Example Realtime", "/status/example/"},
		// A name starting with "e", then one holding it; the second chosen.
		{"/category/developer-tools/", "e", 2, []string{"Example Realtime", "Broken Upstream"}, "Broken Upstream", "/status/broken/"},
		// Enter without an arrow opens the best match.
		{"/providers/", "githu", 0, []string{"GitHub"}, "none", "/status/github/"},
	} {
		v := url.Values{"path": {tt.path}, "type": {tt.typed}, "down": {strconv.Itoa(tt.down)}}
		// Done when the harness has said what opened: typing, the index's
		// fetch, the keys and the navigation Enter starts all take their
		// time, which a loaded machine stretches.
		out := b.result(srv.URL+"/type.html?"+v.Encode(), `/\nopened /.test(r) || r === "no search box"`)
		got := strings.Split(out, "\n")
		if len(got) != 3 || !strings.HasPrefix(got[0], "options ") {
			t.Errorf("%s %q: %q", tt.path, tt.typed, got)
			continue
		}
		opts := strings.Split(strings.TrimPrefix(got[0], "options "), " | ")
		if len(opts) != len(tt.options) {
			t.Errorf("%s %q: options %q, want %q", tt.path, tt.typed, opts, tt.options)
		}
		for i := range min(len(opts), len(tt.options)) {
			if !strings.HasPrefix(opts[i], tt.options[i]) {
				t.Errorf("%s %q: option %d is %q, want it to start %q", tt.path, tt.typed, i, opts[i], tt.options[i])
			}
		}
		wantExpanded := "; expanded true"
		if got[1] != "active "+tt.active+wantExpanded {
			t.Errorf("%s %q after %d ArrowDown: %q, want active %s", tt.path, tt.typed, tt.down, got[1], tt.active)
		}
		if got[2] != "opened "+tt.opened {
			t.Errorf("%s %q: Enter %s, want %s", tt.path, tt.typed, got[2], tt.opened)
		}
	}
}

// matchHarness runs match.js, as the site serves it, over a fixed list and
// writes what each query finds: "query => name[/alias]:rank, ...".
const matchHarness = `<!doctype html><html><body><pre id="r">pending</pre>
<script src="/static/match.js"></script>
<script>
const items = [
  {name: "Digital Ocean", slug: "digitalocean"},
  {name: "GitHub", slug: "github"},
  {name: "Example", slug: "example", aliases: ["Git Mirror"]},
  {name: "Zürich Cloud", slug: "zurich-cloud"},
  {name: "Google Cloud", slug: "gcp", aliases: ["GCP", "Google Cloud Platform"]},
  {name: "Relay & Mail", slug: "relay"},
];
const queries = ["git", "ZURICH", "zür", "cloud", "cloud google", "ocean  digital", "gcp", "relay mail", "mail relay", "   ", "nothing here"];
document.getElementById("r").textContent = queries.map(q => q + " => " +
  window.uptimusMatch.find(q, items, it => it).map(m => m.item.name + (m.alias ? "/" + m.alias : "") + ":" + m.rank).join(", ")).join("\n");
</script></body></html>`

// The search box and the watch list find providers by one rule, match.js's:
// case and accents ignored, the start of a name's word before an alias's,
// both before a hit inside a word, then the slug, then every typed word
// in any order; among equals the given (name) order.
func TestMatchRanksNamesAliasesAndWords(t *testing.T) {
	t.Parallel()
	srv := servedSite(t)
	out := newTab(t, 1280, 800).result(srv.URL+"/match.html", `r !== "pending"`)
	want := []string{
		"git => GitHub:0, Example/Git Mirror:2, Digital Ocean:4",
		"ZURICH => Zürich Cloud:0",
		"zür => Zürich Cloud:0",
		"cloud => Zürich Cloud:1, Google Cloud:1",
		"cloud google => Google Cloud:7",
		"ocean  digital => Digital Ocean:7",
		"gcp => Google Cloud/GCP:2",
		"relay mail => Relay & Mail:7",
		"mail relay => Relay & Mail:7",
		"    => ",
		"nothing here => ",
	}
	got := strings.Split(out, "\n")
	if !slices.Equal(got, want) {
		t.Errorf("matches:\n got %q\nwant %q", got, want)
	}
}

// searchFor opens path at a phone's width, types text into the search box
// and waits for its matches.
func searchFor(t *testing.T, base, path, text string) *tab {
	t.Helper()
	b := openTab(t, base+path, 390, 844)
	b.eval(`document.getElementById("q").focus()`)
	b.typeText(text)
	b.waitFor(`document.querySelectorAll("#q-list [role=option]").length > 0`)
	return b
}

// comboState reads the combobox as assistive technology does: whether it
// says it is expanded, whether the list shows, and the status message.
const comboState = `(() => { const q = document.getElementById("q"), l = document.getElementById("q-list");
  return "expanded " + q.getAttribute("aria-expanded") + "; list " + (l.hidden ? "hidden" : "shown") +
    "; status " + JSON.stringify(document.querySelector(".qstatus").textContent) })()`

// Escape closes the list of matches and says nothing untrue: the status
// does not claim that nothing matched.
func TestSearchEscapeCloses(t *testing.T) {
	t.Parallel()
	srv := servedSite(t)
	b := searchFor(t, srv.URL, "/", "exam")
	b.press("Escape")
	if got, want := b.str(comboState), `expanded false; list hidden; status ""`; got != want {
		t.Errorf("after Escape: %s, want %s", got, want)
	}
	if got := b.focused(); got != "input#q" {
		t.Errorf("Escape moved the focus to %s", got)
	}
}

// Tab from the search box goes on to the next control, never to the list
// itself, and the list closes as the focus leaves the form.
func TestSearchClosesWhenFocusLeaves(t *testing.T) {
	t.Parallel()
	srv := servedSite(t)
	b := searchFor(t, srv.URL, "/", "e")
	b.press("Tab")
	if got := b.focused(); got == "input#q" || strings.Contains(got, "q-list") {
		t.Errorf("Tab from the search box went to %s", got)
	}
	if got := b.str(comboState); !strings.HasPrefix(got, "expanded false; list hidden") {
		t.Errorf("after Tab: %s", got)
	}
	if got := b.str(`String(document.getElementById("q-list").tabIndex)`); got != "-1" {
		t.Errorf("the list's tabIndex is %s, want -1", got)
	}
}

// An option holds nothing interactive (axe's nested-interactive), and a
// click anywhere on its row, with a real mouse, opens the provider.
func TestSearchOptionOpensOnClick(t *testing.T) {
	t.Parallel()
	srv := servedSite(t)
	b := searchFor(t, srv.URL, "/", "sock")
	if n := b.eval(`document.querySelectorAll("#q-list [role=option] :is(a, button, input, [tabindex])").length`); n != "0" {
		t.Errorf("%s interactive elements inside the options", n)
	}
	b.click("#q-o0 .qinfo")
	b.waitFor(`location.pathname === "/status/example/"`)
}

// Ctrl-click, Cmd-click, Shift-click or a middle click on an option opens
// the provider in a new tab, as on a link, and leaves this page as it is.
func TestSearchOptionOpensInANewTab(t *testing.T) {
	t.Parallel()
	srv := servedSite(t)
	for _, c := range []struct {
		button    string
		modifiers int
	}{{"left", 2}, {"left", 4}, {"left", 8}, {"middle", 0}} {
		b := searchFor(t, srv.URL, "/", "sock")
		b.eval(`window.opened = []; window.open = (u, name, features) => { window.opened.push(u + " " + name + " " + features); return null; }; true`)
		b.clickWith("#q-o0 .qinfo", c.button, c.modifiers)
		b.waitFor(`window.opened.length > 0`)
		if got := b.eval(`window.opened.join("|") + " at " + location.pathname`); got != `"/status/example/ _blank noopener at /"` {
			t.Errorf("%s click with modifiers %d: %s", c.button, c.modifiers, got)
		}
	}
}
