package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// synth writes a new corpus: it refuses a folder whose content/ or data/
// already holds files (a clone of the repository above all), and leaves
// them untouched.
func TestSynthRefusesAFolderWithACorpus(t *testing.T) {
	t.Parallel()
	for _, sub := range []string{"content", "data"} {
		out := t.TempDir()
		kept := filepath.Join(out, sub, "categories.yaml")
		os.MkdirAll(filepath.Dir(kept), 0o755)
		os.WriteFile(kept, []byte("real\n"), 0o644)
		_, stderr, code := cli(t, "synth", "--providers", "2", "--incidents", "1", "--out", out, "--now", "2026-11-25T00:00:00Z")
		if code != 2 || !strings.Contains(stderr, filepath.Join(out, sub)) {
			t.Errorf("%s holds a file: exit %d, want 2 naming it\n%s", sub, code, stderr)
		}
		if b, _ := os.ReadFile(kept); string(b) != "real\n" {
			t.Errorf("%s was overwritten: %q", kept, b)
		}
		if _, err := os.Stat(filepath.Join(out, "content", "providers")); err == nil {
			t.Errorf("%s holds a file, yet synth wrote providers", sub)
		}
	}
}

func TestSynthWritesIntoANewOrEmptyFolder(t *testing.T) {
	t.Parallel()
	empty := t.TempDir()
	os.MkdirAll(filepath.Join(empty, "data"), 0o755)
	for _, out := range []string{empty, filepath.Join(t.TempDir(), "new")} {
		stdout, stderr, code := cli(t, "synth", "--providers", "2", "--incidents", "1", "--out", out, "--now", "2026-11-25T00:00:00Z")
		if code != 0 || !strings.Contains(stdout, "wrote 2 providers") {
			t.Fatalf("%s: exit %d\n%s%s", out, code, stdout, stderr)
		}
		if _, _, code := cli(t, "validate", "--content", filepath.Join(out, "content")); code != 0 {
			t.Errorf("%s: the corpus does not validate", out)
		}
	}
}
