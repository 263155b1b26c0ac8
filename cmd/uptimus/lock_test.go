package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/internal/dirlock"
)

// While a fetch holds data/, a second fetch, a run or a merge of shards on
// the same folder fails at once, naming the folder and the holder's pid,
// and writes nothing.
func TestSecondWriterOnSameDataFailsAtOnce(t *testing.T) {
	t.Parallel()
	data := filepath.Join(t.TempDir(), "data")
	lock, err := dirlock.Acquire(data)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	rec := replayDir(t)
	for _, args := range [][]string{
		{"fetch", "--content", "testdata/content", "--data", data, "--replay", rec, "--now", "2026-11-25T12:00:00Z"},
		{"run", "--content", "testdata/content", "--data", data, "--replay", rec, "--out", t.TempDir(), "--now", "2026-11-25T12:00:00Z"},
		{"merge-shards", "--data", data, "--cache", t.TempDir(), t.TempDir()},
	} {
		start := time.Now()
		_, stderr, code := cli(t, args...)
		if code != 1 || !strings.Contains(stderr, "folder "+data+" is in use") || !strings.Contains(stderr, fmt.Sprintf("process %d", os.Getpid())) {
			t.Errorf("%s while data/ is locked: exit %d, stderr %q; want 1 and a message naming %s and pid %d", args[0], code, stderr, data, os.Getpid())
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s waited %v for the lock; it must fail at once", args[0], d)
		}
	}
	if _, err := os.Stat(data); err == nil {
		t.Error("a refused run wrote into data/")
	}
}

// A run killed mid-write leaves temporary files beside the files it was
// replacing; the next fetch removes them (and says so) before it saves.
func TestFetchRemovesWhatKilledRunsLeft(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	left := []string{
		filepath.Join(data, "example", ".state.json.tmp-2718281828"),
		filepath.Join(data, "example", "incidents", ".2026.json.tmp-31415"),
		filepath.Join(data, "gone-provider", "events", ".2025.json.tmp-1"),
	}
	for _, p := range left {
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(`{"trunc`), 0o644)
	}
	_, stderr, code := cli(t, "fetch", "--content", "testdata/content", "--data", data, "--replay", replayDir(t), "--now", "2026-11-25T12:00:00Z")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, p := range left {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s is still there", p)
		}
		if !strings.Contains(stderr, "removed "+p) {
			t.Errorf("stderr does not say %s was removed:\n%s", p, stderr)
		}
	}
	if temps := tempFiles(t, data); len(temps) > 0 {
		t.Errorf("temporary files left: %v", temps)
	}
}
