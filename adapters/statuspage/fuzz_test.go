package statuspage

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/adaptertest"
)

// FuzzDecode feeds one body to every endpoint and to DecodeIncident: the
// adapter may refuse it, but never panics, and whatever it accepts obeys
// the snapshot invariants.
func FuzzDecode(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*/*.json")
	real, _ := filepath.Glob(filepath.Join(adaptertest.RealDir(), "statuspage", "*.json"))
	for _, path := range append(seeds, real...) {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{"", "null", "[]", "{}", "<html>", `{"incidents":[{"id":1,"incident_updates":[{"body":"<br"}]}]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		fs := files{summaryPath: body, incPath: body, maintPath: body}
		snap, err := New().Fetch(context.Background(), fs.fetcher(example), adapters.Page{URL: example})
		if err == nil {
			adaptertest.CheckContract(t, snap)
			checkInvariants(t, snap)
		}
		if inc, err := DecodeIncident(body); err == nil {
			one := &adapters.Snapshot{Status: adapters.Unknown, Incidents: []adapters.Incident{inc}}
			adaptertest.CheckContract(t, one)
			checkInvariants(t, one)
		}
	})
}
