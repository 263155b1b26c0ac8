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
	"github.com/uptimus/uptimus/internal/testfs"
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
	testfs.Golden(t, filepath.Join("testdata", name+".golden.json"), append(got, '\n'), *update)
}
