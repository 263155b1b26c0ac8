package fetch

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestRecordChecks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache", ChecksFile)
	t1 := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	t2 := t1.Add(15 * time.Minute)
	first := &Report{Results: []Result{{Slug: "a", Outcome: OK}, {Slug: "b", Outcome: Unchanged}}}
	if err := RecordChecks(path, first, t1); err != nil {
		t.Fatal(err)
	}
	second := &Report{Results: []Result{{Slug: "a", Outcome: Failed, Err: errors.New("fetch https://x: 503")}}}
	if err := RecordChecks(path, second, t2); err != nil {
		t.Fatal(err)
	}
	checks, err := LoadChecks(path)
	if err != nil {
		t.Fatal(err)
	}
	a, b := checks["a"], checks["b"]
	if !a.LastAttempt.Equal(t2) || !a.LastOK.Equal(t1) || a.LastError != "fetch https://x: 503" || !a.Failed() {
		t.Errorf("a = %+v, want stale since t1 with the reason", a)
	}
	if !b.LastAttempt.Equal(t1) || !b.LastOK.Equal(t1) || b.Failed() {
		t.Errorf("b = %+v, want kept from the first run", b)
	}
	before, _ := os.ReadFile(path)
	if err := RecordChecks(path, &Report{}, t2); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("an empty run changed the checks file")
	}
}

func TestLoadChecksMissingAndCorrupt(t *testing.T) {
	dir := t.TempDir()
	if c, err := LoadChecks(filepath.Join(dir, "none.json")); err != nil || len(c) != 0 {
		t.Errorf("missing file: %v %v", c, err)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{"), 0o644)
	if _, err := LoadChecks(bad); err == nil {
		t.Error("a corrupt checks file loaded")
	}
}
