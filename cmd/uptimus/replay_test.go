package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Replayed responses are not what the real pages said, and data/ holds
// only that: fetch and run with --replay refuse to fall back to the
// default --data, and write nothing.
func TestReplayNeedsExplicitData(t *testing.T) {
	content, err := filepath.Abs("testdata/content")
	if err != nil {
		t.Fatal(err)
	}
	rec := replayDir(t)
	t.Chdir(t.TempDir()) // were the refusal missing, data/ lands here, not in the package
	for _, args := range [][]string{
		{"fetch", "--content", content, "--replay", rec, "--now", "2026-11-25T12:00:00Z"},
		{"run", "--content", content, "--replay", rec, "--out", t.TempDir(), "--now", "2026-11-25T12:00:00Z"},
	} {
		_, stderr, code := cli(t, args...)
		if code != 2 || !strings.Contains(stderr, "--replay needs --data") {
			t.Errorf("%s --replay without --data: exit %d, want 2\n%s", args[0], code, stderr)
		}
		if _, err := os.Stat("data"); err == nil {
			t.Fatalf("%s --replay without --data wrote into data/", args[0])
		}
	}
	data := filepath.Join(t.TempDir(), "data")
	if _, stderr, code := cli(t, "fetch", "--content", content, "--replay", rec, "--data="+data, "--now", "2026-11-25T12:00:00Z"); code != 0 {
		t.Errorf("--data=DIR: exit %d\n%s", code, stderr)
	}
}

// A --replay folder that does not exist is a typo, not a run in which
// every provider gets 404 and backs off.
func TestReplayOfAMissingFolder(t *testing.T) {
	t.Parallel()
	missing := filepath.Join(t.TempDir(), "rec")
	for _, args := range [][]string{
		{"fetch", "--content", "testdata/content", "--data", t.TempDir(), "--replay", missing},
		{"run", "--content", "testdata/content", "--data", t.TempDir(), "--out", t.TempDir(), "--replay", missing},
		{"check", "--replay", missing, "--adapter", "statuspage", "https://status.example.com"},
		{"new", "acme", "--content", t.TempDir(), "--replay", missing, "--url", "https://status.acme.com", "--category", "ai", "--description", "d"},
	} {
		stdout, stderr, code := cli(t, args...)
		if code != 2 || !strings.Contains(stderr, "--replay "+missing+": no such folder") || strings.Contains(stdout, "failed") {
			t.Errorf("%s --replay MISSING: exit %d, want 2 naming the folder\n%s%s", args[0], code, stdout, stderr)
		}
	}
}
