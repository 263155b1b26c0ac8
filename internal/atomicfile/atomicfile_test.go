package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteReplacesAndLeavesNoTemp(t *testing.T) {
	for _, write := range []func(string, []byte) error{Write, WriteSync} {
		dir := t.TempDir()
		p := filepath.Join(dir, "a", "f.json")
		if err := write(p, []byte("one")); err != nil {
			t.Fatal(err)
		}
		if err := write(p, []byte("two")); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(p); string(b) != "two" {
			t.Errorf("content %q", b)
		}
		if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o644 {
			t.Errorf("mode %v", fi.Mode())
		}
		entries, _ := os.ReadDir(filepath.Dir(p))
		if len(entries) != 1 {
			t.Errorf("entries %v: a temp file was left", entries)
		}
	}
}

func TestFailedRenameLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "d")
	os.MkdirAll(filepath.Join(target, "x"), 0o755)
	if err := Write(target, []byte("x")); err == nil {
		t.Fatal("renaming over a non-empty folder succeeded")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("entries %v: the temp file was not removed", entries)
	}
}

func TestIsTemp(t *testing.T) {
	for name, want := range map[string]bool{".f.json.tmp-123": true, "f.json": false, ".hidden": false, "x.tmp-1": false} {
		if IsTemp(name) != want {
			t.Errorf("IsTemp(%q) = %v", name, !want)
		}
	}
}

func TestRemove(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	os.WriteFile(p, nil, 0o644)
	if err := Remove(p); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); !os.IsNotExist(err) {
		t.Errorf("still there: %v", err)
	}
}
