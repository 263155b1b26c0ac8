package catalog

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadFieldLimits(t *testing.T) {
	long := func(n int) string { return strings.Repeat("é", n) } // two bytes, one character
	aliases := func(n int, item string) string {
		return "aliases:\n" + strings.Repeat("  - "+item+"\n", n)
	}
	url := func(n int) string {
		return "https://status.foo.com/" + strings.Repeat("a", n-len("https://status.foo.com/"))
	}
	tests := []struct {
		name, file, want string // want "" when the file is valid
	}{
		{"name of 100", fooWith(1, "name: "+long(MaxName)), ""},
		{"name of 101", fooWith(1, "name: "+long(MaxName+1)), foo + `:1: field "name": 101 characters, over the limit of 100`},
		{"description of 300", fooWith(5, "description: "+long(MaxDescription)), ""},
		{"description of 301", fooWith(5, "description: "+long(MaxDescription+1)), foo + `:5: field "description": 301 characters, over the limit of 300`},
		{"20 aliases", testFoo + aliases(MaxAliases, "Foo"), ""},
		{"21 aliases", testFoo + aliases(MaxAliases+1, "Foo"), foo + `:8: field "aliases": 21 items, over the limit of 20`},
		{"alias of 100", testFoo + aliases(1, long(MaxAlias)), ""},
		{"alias of 101", testFoo + aliases(2, long(MaxAlias+1)), foo + `:8: field "aliases": item 1: 101 characters, over the limit of 100` + "\n" +
			foo + `:9: field "aliases": item 2: 101 characters, over the limit of 100`},
		{"url of 2,048", fooWith(2, "url: "+url(MaxURL)), ""},
		{"url of 2,049", fooWith(2, "url: "+url(MaxURL+1)), foo + `:2: field "url": 2049 characters, over the limit of 2048`},
		{"homepage of 2,049", fooWith(6, "homepage: "+url(MaxURL+1)), foo + `:6: field "homepage": 2049 characters, over the limit of 2048`},
		{"adapter of 101", fooWith(3, "adapter: "+long(101)), foo + `:3: field "adapter": 101 characters, over the limit of 100`},
	}
	check := func(t *testing.T, fsys fs.FS, want string) {
		t.Helper()
		_, err := Load(fsys, testAdapters)
		switch {
		case want == "" && err != nil:
			t.Errorf("unexpected errors:\n%v", err)
		case want != "" && err == nil:
			t.Errorf("no error, want %q", want)
		case want != "" && strings.Join(messages(t, err), "\n") != want:
			t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(messages(t, err), "\n"), want)
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, testFS(map[string]string{"providers/foo.yaml": tt.file}), tt.want)
		})
	}
	t.Run("description of 50 MB", func(t *testing.T) {
		fsys := testFS(nil)
		fsys["providers/foo.yaml"] = &fstest.MapFile{Data: fooWithLong(5, "description: ", 'x', 50<<20)}
		check(t, fsys, foo+": cannot read: larger than 65536 bytes (64 KiB), the limit for a catalogue file")
	})
}

// fooWithLong is fooWith(n, field+strings.Repeat(c, size)) as bytes, made
// in one piece: building 50 MB as a string, then a file, then the file
// system's copy took seconds under the race detector.
func fooWithLong(n int, field string, c byte, size int) []byte {
	pre, post, _ := strings.Cut(fooWith(n, field+"\x00"), "\x00")
	data := make([]byte, len(pre)+size+len(post))
	copy(data, pre)
	long := data[len(pre) : len(pre)+size]
	long[0] = c
	for done := 1; done < size; done *= 2 {
		copy(long[done:], long[:done])
	}
	copy(data[len(pre)+size:], post)
	return data
}

func TestLoadCategoryLimits(t *testing.T) {
	cats := testCategories + fmt.Sprintf("- slug: games\n  name: %s\n  description: %s\n", strings.Repeat("n", MaxName+1), strings.Repeat("d", MaxDescription+1))
	_, err := Load(testFS(map[string]string{"categories.yaml": cats}), testAdapters)
	want := []string{
		"content/categories.yaml:8: field \"name\": 101 characters, over the limit of 100",
		"content/categories.yaml:9: field \"description\": 301 characters, over the limit of 300",
	}
	if got := messages(t, err); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
