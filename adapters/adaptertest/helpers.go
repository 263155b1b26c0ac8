package adaptertest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
)

// Fetch reads the page at url with a, answering from f, fails t on an
// error and checks the snapshot contract.
func Fetch(t testing.TB, a adapters.Adapter, f adapters.Fetcher, url string) *adapters.Snapshot {
	t.Helper()
	snap, err := a.Fetch(context.Background(), f, adapters.Page{Slug: "test", URL: url})
	if err != nil {
		t.Fatal(err)
	}
	CheckContract(t, snap)
	return snap
}

// Failure is a fetch that must fail: F answers the adapter's requests, and
// the error must name URL and say Say (a status, what came instead); an
// empty one is not checked.
type Failure struct {
	Name     string
	F        adapters.Fetcher
	URL, Say string
}

// FetchFailures runs FetchFails on the page at url for each failure, as
// subtests.
func FetchFailures(t *testing.T, a adapters.Adapter, url string, failures []Failure) {
	t.Helper()
	for _, f := range failures {
		t.Run(f.Name, func(t *testing.T) { FetchFails(t, a, f.F, url, f.URL, f.Say) })
	}
}

// FetchFails reads the page at url with a, answering from f, and fails t
// unless the fetch fails with an error that starts with the adapter's
// name and says every one of wants (the URL, the status, what came).
func FetchFails(t testing.TB, a adapters.Adapter, f adapters.Fetcher, url string, wants ...string) {
	t.Helper()
	_, err := a.Fetch(context.Background(), f, adapters.Page{Slug: "test", URL: url})
	if err == nil {
		t.Fatal("no error")
	}
	if !strings.HasPrefix(err.Error(), "adapter "+a.Name()+": ") {
		t.Errorf("error %q does not start with the adapter", err)
	}
	for _, want := range wants {
		if want != "" && !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

// Testdata reads testdata/<name> of the package under test.
func Testdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// UTC reads an RFC 3339 time a test expects; a typo in it panics.
func UTC(s string) time.Time {
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return v.UTC()
}

// Incident returns the snapshot's incident with id, failing t without one.
func Incident(t testing.TB, snap *adapters.Snapshot, id string) adapters.Incident {
	t.Helper()
	return find(t, snap.Incidents, "incident", id, func(i *adapters.Incident) string { return i.ID })
}

// Component returns the snapshot's component with id, failing t without
// one.
func Component(t testing.TB, snap *adapters.Snapshot, id string) adapters.Component {
	t.Helper()
	return find(t, snap.Components, "component", id, func(c *adapters.Component) string { return c.ID })
}

func find[T any](t testing.TB, items []T, what, id string, idOf func(*T) string) T {
	t.Helper()
	for i := range items {
		if idOf(&items[i]) == id {
			return items[i]
		}
	}
	t.Fatalf("%s %s not in snapshot", what, id)
	var zero T
	return zero
}
