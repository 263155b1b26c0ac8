package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An error names each place it passed through once: "feeds: hub ...", not
// "feeds: feeds: hub ...". Every package prefixes its own errors, so a
// caller that prefixes them again repeats the name; this runs the commands
// into their error paths and reads every line they print.
func TestErrorsNameEachPlaceOnce(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	badContent := filepath.Join(tmp, "content")
	if err := os.MkdirAll(filepath.Join(badContent, "providers"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(badContent, "categories.yaml"), []byte("- slug: x\n  name: X\n"), 0o644)
	os.WriteFile(filepath.Join(badContent, "providers", "acme.yaml"), []byte("name: Acme\nurl: http://status.acme.test\nadapter: statuspag\ncategory: nope\n"), 0o644)
	out := filepath.Join(tmp, "out")
	content, data := filepath.Join("..", "..", "content"), t.TempDir()
	for _, args := range [][]string{
		{"build", "--content", content, "--data", data, "--hub", "ftp://x", "--out", out},
		{"build", "--content", content, "--data", data, "--base-url", "not a url", "--out", out},
		{"build", "--content", badContent, "--out", out},
		{"validate", "--content", badContent},
		{"fetch", "--content", badContent, "--data", data},
		{"fetch", "--content", content, "--replay", filepath.Join(tmp, "missing"), "--data", data},
		{"fetch", "--content", content, "--shard", "3/2", "--data", data},
		{"check", "--content", content, "no-such-provider"},
		{"new", "acme", "--content", t.TempDir(), "--url", "ftp://status.acme.test", "--category", "developer-tools", "--description", "Rockets."},
		{"import", "--content", content, "--list", filepath.Join(tmp, "missing.csv"), "--dry-run"},
		{"merge-shards", "--data", data, filepath.Join(tmp, "missing")},
		{"ping-hub", "--hub", "ftp://x", "--changed", filepath.Join(tmp, "missing")},
		{"serve", "--addr", "0.0.0.0:0"},
		{"synth", "--providers", "0", "--out", t.TempDir()},
	} {
		_, stderr, code := cli(t, args...)
		if code == 0 {
			t.Errorf("%q: exit 0, want an error", args)
		}
		for _, line := range strings.Split(stderr, "\n") {
			if name, ok := repeatedPlace(line); ok {
				t.Errorf("%q names %q twice in a row:\n%s", args, name, line)
			}
		}
	}
}

// repeatedPlace finds a "name: name: " run in an error line.
func repeatedPlace(line string) (string, bool) {
	parts := strings.Split(line, ": ")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" && parts[i] == parts[i-1] && !strings.ContainsAny(parts[i], " \t") {
			return parts[i], true
		}
	}
	return "", false
}

func TestRepeatedPlace(t *testing.T) {
	t.Parallel()
	for line, want := range map[string]bool{
		`uptimus build: feeds: feeds: hub "ftp://x": want an absolute http(s) URL`: true,
		`uptimus build: feeds: hub "ftp://x": want an absolute http(s) URL`:        false,
		`content/providers/a.yaml:3: unknown adapter "x"`:                          false,
		`fetch: api: api: encode`:                                                  true,
	} {
		if _, got := repeatedPlace(line); got != want {
			t.Errorf("repeatedPlace(%q) = %v, want %v", line, got, want)
		}
	}
}
