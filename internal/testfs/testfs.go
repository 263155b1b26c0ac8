// Package testfs holds file-tree helpers for tests.
package testfs

import (
	"io/fs"
	"os"
	"path/filepath"
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
