package site

import (
	"bytes"
	"fmt"
	"html/template"
	"os"
	"testing"
	"time"

	"github.com/uptimus/uptimus/generator/publish"
)

// shellReference is the page frame as a template, the way every page was
// written before shell.go (testdata/shell-reference.html, minified as
// pages' templates are), with a breadcrumb step and a content to frame.
func shellReference(t testing.TB) *template.Template {
	src, err := os.ReadFile("testdata/shell-reference.html")
	if err != nil {
		t.Fatal(err)
	}
	if src, err = publish.MinifyTemplate("base.html", src); err != nil {
		t.Fatal(err)
	}
	tmpl := template.Must(template.New("base.html").Funcs(template.FuncMap{
		"rfc": func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	}).Parse(string(src)))
	return template.Must(tmpl.Parse(`{{define "crumb"}}{{.Here}}{{end}}{{define "content"}}<p>content</p>{{end}}`))
}

// shellPages vary every field the frame prints, with the strings whose
// escaping differs from one place to another.
func shellPages() []page {
	site := siteLinks{Name: "Uptimus", Home: "/", CSS: "/static/style.css?v=1", Favicon: "/static/favicon.svg?v=2",
		Aged: "/static/aged.js?v=3", Icons: "/static/icons.svg?v=4", Index: "/providers/", WatchPage: "/watch/"}
	pages := []page{
		{Site: site, Title: "Home", Description: "All providers"},
		{Site: site, Title: "Not found", NoIndex: true},
	}
	for i, s := range escapeCases {
		odd := site
		odd.Name, odd.Home, odd.Icons, odd.CSS = s, s, s, s
		pages = append(pages, page{
			Site: odd, Title: s, Description: s, Canonical: s, NoIndex: i%2 == 0,
			Scripts:        []string{s, "/static/time.js"},
			FreshUntil:     time.Date(2026, 12, 7, 18, 0, 0, 0, time.FixedZone("", 3600)),
			Alternates:     []alternate{{Type: s, Title: s, URL: s}},
			Crumbs:         []crumb{{Name: "Home", URL: "/"}, {Name: s, URL: s}},
			Here:           s,
			StructuredData: []template.JS{`{"@type":"BreadcrumbList"}`, template.JS(`{"name":"` + template.JSEscapeString(s) + `"}`)},
		})
	}
	return pages
}

// TestShellAsTemplate holds writeShell to the bytes the template frame
// writes for the same page.
func TestShellAsTemplate(t *testing.T) {
	ref := shellReference(t)
	b := &builder{}
	for _, p := range shellPages() {
		var want bytes.Buffer
		if err := ref.ExecuteTemplate(&want, "base", p); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		crumb := func(buf *bytes.Buffer) error { esc(buf, p.Here); return nil }
		content := func(buf *bytes.Buffer) error { buf.WriteString("<p>content</p>"); return nil }
		if err := b.writeShell(&got, &p, crumb, content); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("page %q: %s", p.Title, diffAt(got.String(), want.String()))
		}
	}
}

// FuzzShellAsTemplate is TestShellAsTemplate on any title, link and name.
func FuzzShellAsTemplate(f *testing.F) {
	for _, s := range escapeCases {
		f.Add(s, s, s)
	}
	ref := shellReference(f)
	b := &builder{}
	f.Fuzz(func(t *testing.T, title, link, name string) {
		p := shellPages()[2]
		p.Title, p.Description, p.Canonical, p.Here = title, name, link, name
		p.Site.Name, p.Site.Home, p.Scripts = name, link, []string{link}
		p.Alternates = []alternate{{Type: name, Title: title, URL: link}}
		p.Crumbs = []crumb{{Name: name, URL: link}}
		var want, got bytes.Buffer
		if err := ref.ExecuteTemplate(&want, "base", p); err != nil {
			t.Fatal(err)
		}
		crumb := func(buf *bytes.Buffer) error { esc(buf, p.Here); return nil }
		content := func(buf *bytes.Buffer) error { buf.WriteString("<p>content</p>"); return nil }
		if err := b.writeShell(&got, &p, crumb, content); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Error(diffAt(got.String(), want.String()))
		}
	})
}

// diffAt says where got first differs from want, with what is around it.
func diffAt(got, want string) string {
	i := 0
	for i < min(len(got), len(want)) && got[i] == want[i] {
		i++
	}
	around := func(s string) string { return s[max(0, i-120):min(len(s), i+120)] }
	return fmt.Sprintf("differs from the template at byte %d:\n got …%s\nwant …%s", i, around(got), around(want))
}
