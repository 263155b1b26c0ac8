package handover

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/generator/fetch"
	"github.com/uptimus/uptimus/internal/testfs"
)

// writeTree writes files (slash paths) under root.
func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestHandOverAndMerge: two shards hand over their providers; the merging
// job's data/, an older copy with a year file the shard removed and a
// killed write's temp file, ends with each provider exactly as its shard
// left it, and the provider no shard fetched untouched.
func TestHandOverAndMerge(t *testing.T) {
	root := t.TempDir()
	shard1, shard2, final := filepath.Join(root, "s1"), filepath.Join(root, "s2"), filepath.Join(root, "final")
	writeTree(t, shard1, map[string]string{"a/state.json": "a2", "a/incidents/2025.json": "a-2025", "a/.state.json.tmp-1": "half", "c/state.json": "c-shard1"})
	writeTree(t, shard2, map[string]string{"b/state.json": "b2", "b/events/2025.json": "b-ev", "c/state.json": "c-shard2"})
	writeTree(t, final, map[string]string{"a/state.json": "a1", "a/incidents/2024.json": "a-2024 stale", "a/incidents/.2025.json.tmp-7": "x",
		"b/state.json": "b1", "c/state.json": "c-checkout"})
	at := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	checks := map[string]fetch.Check{"a": {LastAttempt: at, LastOK: at}, "b": {LastAttempt: at, LastError: "503"}, "c": {LastAttempt: at}}
	h1, h2 := filepath.Join(root, "h1"), filepath.Join(root, "h2")
	for _, s := range []struct {
		hand, data, msg string
		slugs           []string
	}{{h1, shard1, "a: 1 new incident", []string{"a", "gone"}}, {h2, shard2, "b: 1 component changed", []string{"b"}}} {
		if err := Prepare(s.hand); err != nil {
			t.Fatal(err)
		}
		if err := Write(s.hand, s.data, s.slugs, s.msg, checks); err != nil {
			t.Fatal(err)
		}
	}
	if got := testfs.Text(t, h1); got["a/.state.json.tmp-1"] != "" || got["a/state.json"] != "a2" || got["c/state.json"] != "" {
		t.Fatalf("handover 1 holds %v: want a's files only, without temp files", got)
	}
	m, err := Merge(final, []string{h1, h2})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a/state.json": "a2", "a/incidents/2025.json": "a-2025", "b/state.json": "b2", "b/events/2025.json": "b-ev", "c/state.json": "c-checkout"}
	if got := testfs.Text(t, final); !reflect.DeepEqual(got, want) {
		t.Errorf("merged data/:\n%v\nwant\n%v", got, want)
	}
	if !reflect.DeepEqual(m.Providers, []string{"a", "b"}) || m.Written != 4 || m.Removed != 2 {
		t.Errorf("merged %v, %d written, %d removed; want [a b], 4, 2", m.Providers, m.Written, m.Removed)
	}
	if m.Message != "a: 1 new incident; b: 1 component changed" {
		t.Errorf("message %q", m.Message)
	}
	if len(m.Checks) != 2 || m.Checks["b"].LastError != "503" {
		t.Errorf("checks %+v, want a's and b's", m.Checks)
	}
	// Merging again changes nothing.
	if m, err := Merge(final, []string{h1, h2}); err != nil || m.Written+m.Removed != 0 {
		t.Errorf("second merge: %+v, %v", m, err)
	}
}

func TestMergeRefusesBeforeChangingAnything(t *testing.T) {
	root := t.TempDir()
	final := filepath.Join(root, "data")
	writeTree(t, final, map[string]string{"a/state.json": "old"})
	tests := []struct {
		name  string
		hands map[string]map[string]string
		want  string
	}{
		{"two shards claim a provider", map[string]map[string]string{
			"h1": {"a/state.json": "new"}, "h2": {"a/state.json": "other"}}, "provider a is handed over by both"},
		{"a stray file", map[string]map[string]string{
			"h1": {"a/state.json": "new"}, "h2": {"notes.txt": "hi"}}, "notes.txt: unexpected in a handover folder"},
		{"a folder that is no slug", map[string]map[string]string{
			"h1": {"a/state.json": "new"}, "h2": {"Bad_Slug/state.json": "x"}}, "Bad_Slug: unexpected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var dirs []string
			for _, name := range []string{"h1", "h2"} {
				writeTree(t, filepath.Join(dir, name), tt.hands[name])
				dirs = append(dirs, filepath.Join(dir, name))
			}
			_, err := Merge(final, dirs)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err %v, want %q", err, tt.want)
			}
			if got := testfs.Text(t, final); got["a/state.json"] != "old" {
				t.Errorf("a refused merge changed data/: %v", got)
			}
		})
	}
}

func TestPrepareWantsAFreshFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "h")
	if err := Prepare(dir); err != nil {
		t.Fatal(err)
	}
	if err := Prepare(dir); err != nil {
		t.Fatalf("an empty folder: %v", err)
	}
	writeTree(t, dir, map[string]string{"old/state.json": "x"})
	if err := Prepare(dir); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("a used folder: %v", err)
	}
}
