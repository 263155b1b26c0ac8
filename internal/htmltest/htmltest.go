// Package htmltest reads built HTML the way a browser would, for tests
// that check what a page links to or runs rather than how its text happens
// to be escaped.
package htmltest

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"
)

// Element is one start tag of a page with its attributes.
type Element struct {
	Tag   string
	Attrs map[string]string
}

// Elements tokenizes doc the way a browser would and returns its start tags,
// so tests check what a browser would run, not how text happens to be escaped.
func Elements(t testing.TB, doc string) []Element {
	t.Helper()
	l := html.NewLexer(parse.NewInput(strings.NewReader(doc)))
	var out []Element
	for {
		tt, data := l.Next()
		switch tt {
		case html.ErrorToken:
			if l.Err() != io.EOF {
				t.Fatalf("tokenize: %v", l.Err())
			}
			return out
		case html.StartTagToken:
			out = append(out, Element{Tag: strings.ToLower(string(l.Text())), Attrs: map[string]string{}})
		case html.SVGToken, html.MathToken:
			// The lexer hands back inline SVG and MathML whole; read the
			// attributes of every tag inside, so handlers there are seen too.
			out = append(out, foreignElements(data)...)
		case html.AttributeToken:
			if len(out) > 0 {
				val := bytes.Trim(l.AttrVal(), `"'`)
				out[len(out)-1].Attrs[strings.ToLower(string(l.AttrKey()))] = string(val)
			}
		}
		_ = data
	}
}

var (
	foreignTag  = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9:-]*)([^>]*)>`)
	foreignAttr = regexp.MustCompile(`([^\s=/]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)`)
)

// foreignElements lists the tags of an SVG or MathML block.
func foreignElements(data []byte) []Element {
	var out []Element
	for _, m := range foreignTag.FindAllSubmatch(data, -1) {
		e := Element{Tag: strings.ToLower(string(m[1])), Attrs: map[string]string{}}
		for _, a := range foreignAttr.FindAllSubmatch(m[2], -1) {
			e.Attrs[strings.ToLower(string(a[1]))] = strings.Trim(string(a[2]), `"'`)
		}
		out = append(out, e)
	}
	return out
}

// DataBlock reports whether e is a script element a browser never runs:
// one whose type is JSON (JSON-LD, or settings a script of ours reads).
func DataBlock(e Element) bool {
	t := e.Attrs["type"]
	return e.Tag == "script" && (t == "application/ld+json" || t == "application/json")
}
