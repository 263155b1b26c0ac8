package catalog

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzLoad feeds arbitrary bytes as a provider file: Load must never panic,
// must report problems only as positioned *Error values, and must never
// accept a provider that breaks the catalogue's rules.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(testFoo))
	f.Add([]byte(testFoo + "aliases: [a, b]\nsource: auto\nverified: true\n"))
	f.Add([]byte("name: &a Foo\naliases: [*a, *a]\n"))
	f.Add([]byte("- a\n- b\n"))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("name: Foo\n\turl: x\n"))
	f.Add([]byte("? [a, b]\n: c\n"))
	f.Add([]byte("<<: {name: Foo}\n"))
	if files, _ := filepath.Glob("../../content/providers/*.yaml"); len(files) > 0 {
		for _, name := range files[:min(5, len(files))] {
			if data, err := os.ReadFile(name); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"categories.yaml":    {Data: []byte(testCategories)},
			"providers/foo.yaml": {Data: data},
		}
		cat, err := Load(fsys, testAdapters)
		if err != nil {
			if cat != nil {
				t.Fatal("catalog returned together with errors")
			}
			var list Errors
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %v (%T) is not a non-empty Errors", err, err)
			}
			for _, e := range list {
				var one *Error
				if !errors.As(e, &one) || one.File != "content/providers/foo.yaml" || one.Line < 0 || one.Msg == "" {
					t.Fatalf("bad error item %#v", e)
				}
			}
			return
		}
		if len(cat.Providers) != 1 {
			t.Fatalf("%d providers", len(cat.Providers))
		}
		p := cat.Providers[0]
		if p.Slug != "foo" || p.Name == "" || p.Description == "" || CheckURL(p.URL) != "" ||
			strings.HasSuffix(p.URL, "/") || CheckURL(p.Homepage) != "" ||
			(p.Adapter != "statuspage" && p.Adapter != "instatus") ||
			(p.Category != "dev" && p.Category != "cloud") ||
			(p.Source != "manual" && p.Source != "auto") {
			t.Fatalf("accepted invalid provider %+v", p)
		}
	})
}
