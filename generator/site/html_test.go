package site

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"
)

// element is one start tag of a page with its attributes.
type element struct {
	tag   string
	attrs map[string]string
}

// elements tokenizes doc the way a browser would and returns its start tags,
// so tests check what a browser would run, not how text happens to be escaped.
func elements(t *testing.T, doc string) []element {
	t.Helper()
	l := html.NewLexer(parse.NewInput(strings.NewReader(doc)))
	var out []element
	for {
		tt, data := l.Next()
		switch tt {
		case html.ErrorToken:
			if l.Err() != io.EOF {
				t.Fatalf("tokenize: %v", l.Err())
			}
			return out
		case html.StartTagToken:
			out = append(out, element{tag: strings.ToLower(string(l.Text())), attrs: map[string]string{}})
		case html.AttributeToken:
			if len(out) > 0 {
				val := bytes.Trim(l.AttrVal(), `"'`)
				out[len(out)-1].attrs[strings.ToLower(string(l.AttrKey()))] = string(val)
			}
		}
		_ = data
	}
}

// assertSafe fails when a page holds markup that runs code or loads
// something from another host.
func assertSafe(t *testing.T, name, doc string) {
	t.Helper()
	for _, e := range elements(t, doc) {
		switch e.tag {
		case "script":
			// Structured data is inert JSON; every other script is ours.
			if e.attrs["type"] == "application/ld+json" {
				continue
			}
			if !strings.HasPrefix(e.attrs["src"], "/uptimus/static/") {
				t.Errorf("%s: script not from our static folder: %v", name, e.attrs)
			}
		case "img", "iframe", "object", "embed", "style", "form":
			if e.tag != "form" || e.attrs["id"] != "search" {
				t.Errorf("%s: unexpected <%s> %v", name, e.tag, e.attrs)
			}
		case "link":
			if h := e.attrs["href"]; !strings.HasPrefix(h, "/uptimus/") && !strings.HasPrefix(h, "https://example.org/uptimus/") {
				t.Errorf("%s: <link> to another host: %s", name, h)
			}
		}
		for k, v := range e.attrs {
			if strings.HasPrefix(k, "on") {
				t.Errorf("%s: event handler attribute %s=%q", name, k, v)
			}
			if (k == "href" || k == "src") && !strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "https://") &&
				!strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "mailto:") && !strings.HasPrefix(v, "#") {
				t.Errorf("%s: %s=%q has an unsafe scheme", name, k, v)
			}
		}
	}
}
