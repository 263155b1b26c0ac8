package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Flags may follow the slugs, URLs and folders a command takes:
// "fetch acme --data /tmp/x" is "fetch --data /tmp/x acme".
func TestFlagsAfterArguments(t *testing.T) {
	t.Parallel()
	rec := replayDir(t)
	now := "2026-11-25T12:00:00Z"
	data := t.TempDir()
	if stdout, stderr, code := cli(t, "fetch", "example", "--content", "testdata/content", "--data", data, "--replay", rec, "--now", now); code != 0 {
		t.Fatalf("fetch SLUG --flags: exit %d\n%s%s", code, stdout, stderr)
	}
	if entries, _ := os.ReadDir(data); !slices.ContainsFunc(entries, func(e os.DirEntry) bool { return e.Name() == "example" }) || len(entries) != 1 {
		t.Errorf("fetch example wrote %v, want only example", entries)
	}
	if stdout, stderr, code := cli(t, "run", "--content", "testdata/content", "example", "--data", t.TempDir(), "--out", t.TempDir(), "--replay", rec, "github", "--now", now); code != 0 || !strings.Contains(stdout, "github") {
		t.Errorf("run with flags between slugs: exit %d\n%s%s", code, stdout, stderr)
	}
	if stdout, stderr, code := cli(t, "check", "--replay", "testdata/replay", "example", "--content", "testdata/content"); code != 0 || !strings.Contains(stdout, "(adapter statuspage)") {
		t.Errorf("check --flag SLUG --flag: exit %d\n%s%s", code, stdout, stderr)
	}
	// After "--" everything is an argument.
	if _, stderr, code := cli(t, "fetch", "--content", "testdata/content", "--data", t.TempDir(), "--", "--now"); code != 2 || !strings.Contains(stderr, `no provider "--now"`) {
		t.Errorf("fetch -- --now: exit %d\n%s", code, stderr)
	}
}

// A command that takes no arguments says so instead of ignoring them.
func TestCommandsWithoutArgumentsRefuseThem(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"validate", "--content", "testdata/content", "extra-arg"},
		{"build", "--content", "testdata/content", "--data", t.TempDir(), "--out", t.TempDir(), "extra-arg"},
		{"synth", "--out", filepath.Join(t.TempDir(), "s"), "extra-arg"},
	} {
		stdout, stderr, code := cli(t, args...)
		if code != 2 || !strings.Contains(stderr, `"extra-arg"`) {
			t.Errorf("%s extra-arg: exit %d, want 2 naming it\n%s%s", args[0], code, stdout, stderr)
		}
	}
	// A serve that ran would stop at once: its context is cancelled.
	if stdout, stderr, code := serveCancelled(t, "extra-arg"); code != 2 || !strings.Contains(stderr, `"extra-arg"`) {
		t.Errorf("serve extra-arg: exit %d, want 2 naming it\n%s%s", code, stdout, stderr)
	}
}
