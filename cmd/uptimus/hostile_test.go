package main

import (
	"encoding/json"
	"encoding/xml"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/uptimus/uptimus/internal/htmltest"
)

// TestHostileUpstreamIsHarmless runs hostile responses (testdata/hostile)
// through the whole pipeline, fetch to built site, and checks that nothing
// a vendor wrote can run in a reader's browser or write outside data/ and
// the site folder, and that every feed and JSON file still parses.
func TestHostileUpstreamIsHarmless(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	content, data, out := filepath.Join(root, "content"), filepath.Join(root, "data"), filepath.Join(root, "public")
	copyFile(t, "testdata/content/categories.yaml", filepath.Join(content, "categories.yaml"))
	os.MkdirAll(filepath.Join(content, "providers"), 0o755)
	os.WriteFile(filepath.Join(content, "providers", "hostile.yaml"), []byte(
		"name: Hostile\nurl: https://status.hostile.example.com\nadapter: statuspage\ncategory: communication\n"+
			"description: Every trick an upstream could play.\nhomepage: https://hostile.example.com\n"), 0o644)

	args := []string{"--content", content, "--data", data, "--now", "2026-11-20T12:00:00Z"}
	if stdout, stderr, code := cli(t, append([]string{"fetch", "--strict", "--replay", "testdata/hostile"}, args...)...); code != 0 {
		t.Fatalf("fetch exit %d\n%s\n%s", code, stdout, stderr)
	}
	if _, stderr, code := cli(t, append([]string{"build", "--out", out}, args...)...); code != 0 {
		t.Fatalf("build exit %d\n%s", code, stderr)
	}
	// .data.lock is fetch's lock on data/, beside it by design (never in it).
	assertOnlyUnder(t, root, "content", "data", "public", ".data.lock")
	assertOnlyUnder(t, data, "hostile")

	pages := 0
	walk(t, out, func(rel string, b []byte) {
		switch filepath.Ext(rel) {
		case ".html":
			pages++
			assertNoActiveContent(t, rel, string(b))
		case ".json":
			if !json.Valid(b) {
				t.Errorf("%s: not valid JSON", rel)
			}
		case ".rss", ".atom", ".xml", ".svg":
			if err := xml.Unmarshal(b, new(struct{})); err != nil {
				t.Errorf("%s: not well-formed XML: %v", rel, err)
			}
		}
	})
	if pages < 5 {
		t.Fatalf("only %d pages built", pages)
	}
	page, _ := os.ReadFile(filepath.Join(out, "status", "hostile", "index.html"))
	for _, want := range []string{"API outage", "emoji 🔥🚒", "שלום"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("provider page lost the readable text %q", want)
		}
	}
}

// assertNoActiveContent fails on markup that would run code or load from
// elsewhere: scripts other than ours and inert JSON-LD, event handlers,
// javascript: or data: links, frames, objects and forms pointing away.
func assertNoActiveContent(t *testing.T, rel, doc string) {
	t.Helper()
	for _, e := range htmltest.Elements(t, doc) {
		switch e.Tag {
		case "script":
			if !htmltest.DataBlock(e) && !strings.HasPrefix(e.Attrs["src"], "/static/") {
				t.Errorf("%s: foreign script %v", rel, e.Attrs)
			}
		case "iframe", "object", "embed", "img", "style", "base", "meta", "foreignobject":
			if e.Tag == "meta" && e.Attrs["http-equiv"] == "" {
				continue
			}
			t.Errorf("%s: vendor markup <%s> got through: %v", rel, e.Tag, e.Attrs)
		}
		for k, v := range e.Attrs {
			low := strings.ToLower(strings.TrimSpace(v))
			if strings.HasPrefix(k, "on") {
				t.Errorf("%s: event handler %s=%q on <%s>", rel, k, v, e.Tag)
			}
			if (k == "href" || k == "src" || k == "action") && (strings.HasPrefix(low, "javascript:") || strings.HasPrefix(low, "data:")) {
				t.Errorf("%s: %s=%q on <%s>", rel, k, v, e.Tag)
			}
		}
	}
}

// assertOnlyUnder fails if dir holds anything but the named entries.
func assertOnlyUnder(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{}
	for _, n := range names {
		allowed[n] = true
	}
	for _, e := range entries {
		if !allowed[e.Name()] {
			t.Errorf("%s: unexpected %q: something wrote outside its folder", dir, e.Name())
		}
	}
}

func walk(t *testing.T, dir string, fn func(rel string, b []byte)) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fn(filepath.ToSlash(rel), b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
