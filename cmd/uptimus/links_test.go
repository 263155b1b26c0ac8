package main

import (
	"html"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/uptimus/uptimus/internal/htmltest"
)

// assertNoBrokenLinks follows every href and src on every page of a built
// site that points into the site: each must name a file that was built (a
// folder link needs its index.html), and every #fragment on the same page
// must name an element id.
func assertNoBrokenLinks(t *testing.T, dir, base string) {
	t.Helper()
	checked := 0
	// Every page links the same few pages and files: each target is
	// looked up on disk once.
	exists := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		doc := string(b)
		ids := map[string]bool{}
		elements := htmltest.Elements(t, doc)
		for _, e := range elements {
			if id := e.Attrs["id"]; id != "" {
				ids[id] = true
			}
		}
		for _, e := range elements {
			for _, attr := range []string{"href", "src"} {
				link := html.UnescapeString(e.Attrs[attr])
				if link == "" || e.Tag == "link" && e.Attrs["rel"] == "canonical" {
					continue
				}
				checked++
				checkLink(t, dir, rel, base, link, ids, exists)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("only %d links checked: the crawl found too little", checked)
	}
}

func checkLink(t *testing.T, dir, page, base, link string, ids, exists map[string]bool) {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Errorf("%s: bad link %q: %v", page, link, err)
		return
	}
	if u.Scheme != "" || u.Host != "" {
		return // another site: not ours to check
	}
	if u.Path == "" {
		if u.Fragment != "" && !ids[u.Fragment] {
			t.Errorf("%s: link %q names no element on the page", page, link)
		}
		return
	}
	if !strings.HasPrefix(u.Path, base) {
		t.Errorf("%s: link %q is outside the site's base path %s", page, link, base)
		return
	}
	target := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(u.Path, base)))
	if strings.HasSuffix(u.Path, "/") {
		target = filepath.Join(target, "index.html")
	}
	found, seen := exists[target]
	if !seen {
		_, err := os.Stat(target)
		found = err == nil
		exists[target] = found
	}
	if !found {
		t.Errorf("%s: broken link %q", page, link)
	}
}
