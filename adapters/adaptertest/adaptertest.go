// Package adaptertest holds what every adapter's tests need: in-memory
// Fetchers, access to the real recorded responses in testdata/real, golden
// snapshots, the snapshot contract (CheckContract), fetches that check it
// (Fetch) and fetches that must fail naming their URL (FetchFailures). It
// is imported only from _test.go files.
package adaptertest

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/uptimus/uptimus/adapters"
)

// update rewrites golden files instead of comparing with them:
// go test ./adapters/... -update
var update = flag.Bool("update", false, "rewrite golden files")

// StatusError is what MapFetcher returns for a URL it does not hold.
type StatusError struct {
	URL  string
	Code int
}

func (e *StatusError) Error() string { return fmt.Sprintf("fetch %s: %d", e.URL, e.Code) }

// HTTPStatus makes adapters.IsNotFound recognise the error.
func (e *StatusError) HTTPStatus() int { return e.Code }

// MapFetcher answers GETs from memory; a URL it lacks is a 404.
type MapFetcher map[string][]byte

// Get implements adapters.Fetcher.
func (m MapFetcher) Get(ctx context.Context, url string) ([]byte, error) {
	if b, ok := m[url]; ok {
		return b, nil
	}
	return nil, &StatusError{URL: url, Code: 404}
}

// ErrorFetcher fails every URL in Fail with its status code and answers
// the rest from Files.
type ErrorFetcher struct {
	Files MapFetcher
	Fail  map[string]int
}

// Get implements adapters.Fetcher.
func (f ErrorFetcher) Get(ctx context.Context, url string) ([]byte, error) {
	if code, ok := f.Fail[url]; ok {
		return nil, &StatusError{URL: url, Code: code}
	}
	return f.Files.Get(ctx, url)
}

// RealDir is the repository's testdata/real, where the real recorded
// vendor responses live with their provenance (SOURCES.md).
func RealDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "real")
}

// Real reads a real recorded response, e.g. Real(t, "statuspage/x.json").
func Real(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(RealDir(), rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Golden compares snap, as indented JSON, with testdata/<name>.golden.json,
// or rewrites that file with -update.
func Golden(t *testing.T, name string, snap *adapters.Snapshot) {
	t.Helper()
	got, err := json.MarshalIndent(snap, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", name+".golden.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("snapshot differs from %s (run with -update to accept):\n%s", path, firstDiff(string(want), string(got)))
	}
}

// firstDiff shows the first differing line, enough to see what moved.
func firstDiff(want, got string) string {
	wl, gl := splitLines(want), splitLines(got)
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want %s\n  got  %s", i+1, w, g)
		}
	}
	return "(no line differs)"
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
