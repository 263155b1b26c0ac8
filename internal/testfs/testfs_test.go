package testfs

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTextAndFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"a/b.txt": "one", "c.txt": "two"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := Text(t, dir)
	if len(got) != 2 || got["a/b.txt"] != "one" || got["c.txt"] != "two" {
		t.Errorf("Text = %q", got)
	}
	if s := File(t, filepath.Join(dir, "a", "b.txt")); s != "one" {
		t.Errorf("File = %q", s)
	}
}

func TestFirstDiff(t *testing.T) {
	for _, c := range []struct{ want, got, diff string }{
		{"a\nb\nc", "a\nB\nc", "line 2:\n  want b\n  got  B"},
		{"a\n", "a\nb\n", "line 2:\n  want \n  got  b"},
		{"a", "a", "(no line differs)"},
	} {
		if d := firstDiff(c.want, c.got); d != c.diff {
			t.Errorf("firstDiff(%q, %q) = %q, want %q", c.want, c.got, d, c.diff)
		}
	}
}

func TestGoldenUpdateThenCompare(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.golden")
	Golden(t, path, []byte("v1\n"), true)
	if s := File(t, path); s != "v1\n" {
		t.Fatalf("update wrote %q", s)
	}
	Golden(t, path, []byte("v1\n"), false)
	// A difference must fail: run Golden against a recorder.
	rec := &recorder{TB: t}
	Golden(rec, path, []byte("v2\n"), false)
	if !strings.Contains(rec.msg, "x.golden") || !strings.Contains(rec.msg, "got  v2") {
		t.Errorf("difference reported as %q", rec.msg)
	}
}

// recorder keeps an Errorf message instead of failing the test.
type recorder struct {
	testing.TB
	msg string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.msg = fmt.Sprintf(format, args...)
}
