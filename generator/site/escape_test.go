package site

import (
	"html/template"
	"strings"
	"testing"
)

// escapeCases are strings whose escaping differs between escapers: quotes,
// "+", NUL, entities, markup, non-ASCII, invalid UTF-8, URL schemes and
// characters a URL must encode.
var escapeCases = []string{
	"", "plain", `a "quoted" 'word'`, "1 + 1 & <b>x</b>", "nul\x00byte", "&amp; already",
	"Zürich – 東京", "bad \xff utf-8", "https://example.com/a b?q=1&r=2+3#frag",
	"https://example.com/%7Euser/it's", "HTTP://Example.com/ü", "javascript:alert(1)",
	"mailto:ops@example.com", "0%0X0", "a%41%4g%", "/relative/path?x=<y>", "data:text/html,x", "a/b:c",
	"https://x.example/[ipv6]/~tilde/\"q\"/`tick`/{brace}|pipe\\back^caret",
}

// TestEscapeAsTemplate holds htmlText and hrefValue to what html/template
// writes for the same string in text and in a quoted href.
func TestEscapeAsTemplate(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`<p>{{.}}</p><a href="{{.}}">`))
	for _, s := range escapeCases {
		var want strings.Builder
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		got := "<p>" + htmlText.Replace(s) + `</p><a href="` + hrefValue(s) + `">`
		if got != want.String() {
			t.Errorf("%q:\n got %s\nwant %s", s, got, want.String())
		}
	}
}

// FuzzEscapeAsTemplate is TestEscapeAsTemplate on any string.
func FuzzEscapeAsTemplate(f *testing.F) {
	for _, s := range escapeCases {
		f.Add(s)
	}
	tmpl := template.Must(template.New("").Parse(`<p>{{.}}</p><a href="{{.}}">`))
	f.Fuzz(func(t *testing.T, s string) {
		var want strings.Builder
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		if got := "<p>" + htmlText.Replace(s) + `</p><a href="` + hrefValue(s) + `">`; got != want.String() {
			t.Errorf("%q:\n got %s\nwant %s", s, got, want.String())
		}
	})
}
