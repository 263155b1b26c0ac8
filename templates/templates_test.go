package templates

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// TestNothingFromOtherHosts keeps the site self-contained: no stylesheet,
// script, font or image from another host, only the system font stack.
func TestNothingFromOtherHosts(t *testing.T) {
	external := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}`)
	err := fs.WalkDir(FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(FS, p)
		if err != nil {
			return err
		}
		text := strings.ReplaceAll(string(data), `xmlns="http://www.w3.org/2000/svg"`, "")
		if m := external.FindString(text); m != "" {
			t.Errorf("%s refers to another host: %s", p, m)
		}
		if strings.Contains(text, "@import") || strings.Contains(text, "@font-face") {
			t.Errorf("%s loads fonts or stylesheets", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	css, _ := fs.ReadFile(FS, "static/style.css")
	for _, want := range []string{"system-ui", "prefers-color-scheme: dark", "max-width: 640px"} {
		if !strings.Contains(string(css), want) {
			t.Errorf("style.css lacks %q", want)
		}
	}
	for _, asset := range []string{"static/favicon.svg", "static/search.js"} {
		if _, err := fs.Stat(FS, asset); err != nil {
			t.Error(err)
		}
	}
}

// Counts are printed with the num template function ("1,250", as headings
// write "1,262"), never as the raw number: an action that prints a count
// field or a len directly is refused.
func TestCountsUseNum(t *testing.T) {
	raw := regexp.MustCompile(`{{-?\s*((?:\$?\.[\w.]*\.|\$?\.)(?:N|Total|Count|Days|More|First|Last|Counts\.\w+)|len [^}]*|\(len [^}]*\))\s*-?}}`)
	pages, err := fs.Glob(FS, "*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range pages {
		b, err := fs.ReadFile(FS, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range raw.FindAllString(string(b), -1) {
			t.Errorf("%s: %s prints a count without num", name, m)
		}
	}
}
