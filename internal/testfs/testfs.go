// Package testfs holds file-tree helpers for tests.
package testfs

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Tree maps every file under dir, by slash path relative to dir, to its
// bytes.
func Tree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Same fails t, naming each file, unless the trees under dirs a and b hold
// the same files with the same bytes: the check that a build is a pure
// function of its inputs.
func Same(t testing.TB, a, b string) {
	t.Helper()
	ta, tb := Tree(t, a), Tree(t, b)
	for _, name := range slices.Sorted(maps.Keys(ta)) {
		if data, ok := tb[name]; !ok {
			t.Errorf("%s: only in %s", name, a)
		} else if !bytes.Equal(data, ta[name]) {
			t.Errorf("%s differs between %s and %s", name, a, b)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(tb)) {
		if _, ok := ta[name]; !ok {
			t.Errorf("%s: only in %s", name, b)
		}
	}
}

// File returns the text of the file at path, failing t if it cannot be
// read.
func File(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Text is Tree with each file's bytes as a string, for trees compared with
// maps.Equal and printed in failure messages.
func Text(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for name, b := range Tree(t, dir) {
		out[name] = string(b)
	}
	return out
}

// Golden compares got with the golden file at path, or rewrites the file
// when update is set (each package's -update flag): a difference fails t,
// naming the file, its first differing line and how to accept an intended
// change.
func Golden(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update and review the diff):\n%s", path, firstDiff(string(want), string(got)))
	}
}

// firstDiff shows the first differing line, enough to see what moved.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want %s\n  got  %s", i+1, w, g)
		}
	}
	return "(no line differs)"
}
