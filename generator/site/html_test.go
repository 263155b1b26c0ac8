package site

import (
	"strings"
	"testing"

	"github.com/uptimus/uptimus/internal/htmltest"
)

// assertSafe fails when a page holds markup that runs code or loads
// something from another host.
func assertSafe(t *testing.T, name, doc string) {
	t.Helper()
	for _, e := range htmltest.Elements(t, doc) {
		switch e.Tag {
		case "script":
			// Structured data and the watch list's settings are inert
			// JSON; every other script is ours.
			if htmltest.DataBlock(e) {
				continue
			}
			if !strings.HasPrefix(e.Attrs["src"], "/uptimus/static/") {
				t.Errorf("%s: script not from our static folder: %v", name, e.Attrs)
			}
		case "img", "iframe", "object", "embed", "style", "form":
			if e.Tag != "form" || e.Attrs["id"] != "search" && e.Attrs["id"] != "watch-pick" {
				t.Errorf("%s: unexpected <%s> %v", name, e.Tag, e.Attrs)
			}
		case "link":
			if h := e.Attrs["href"]; !strings.HasPrefix(h, "/uptimus/") && !strings.HasPrefix(h, "https://example.org/uptimus/") {
				t.Errorf("%s: <link> to another host: %s", name, h)
			}
		}
		for k, v := range e.Attrs {
			if strings.HasPrefix(k, "on") {
				t.Errorf("%s: event handler attribute %s=%q", name, k, v)
			}
			if (k == "href" || k == "src") && !strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "https://") &&
				!strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "mailto:") && !strings.HasPrefix(v, "#") &&
				!strings.HasPrefix(v, "webcal://") { // the maintenance calendar's subscription link
				t.Errorf("%s: %s=%q has an unsafe scheme", name, k, v)
			}
		}
	}
}
