package main

import (
	"path/filepath"
	"testing"
)

// A registered adapter is a whole vendor only with its recorded pipeline
// (vendorCases: fetch, merge, build, a second fetch changing nothing) and
// its outage drill (testdata/drills/: an incident's whole life). The probe
// has its own check (generator/fetch TestAutoDetectsEachVendor). Each
// missing piece fails here, naming the adapter and what to add.
func TestEveryAdapterHasItsReplayAndDrill(t *testing.T) {
	t.Parallel()
	replayed := map[string]bool{}
	for _, c := range vendorCases {
		replayed[c.adapter] = true
	}
	files, err := filepath.Glob(filepath.Join("testdata", "drills", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	drilled := map[string]bool{}
	for _, f := range files {
		drilled[loadDrill(t, f).Provider.Adapter] = true
	}
	for _, name := range registry().Names() {
		if !replayed[name] {
			t.Errorf("adapter %s: no case in vendorCases (vendors_test.go): add its recorded responses", name)
		}
		if !drilled[name] {
			t.Errorf("adapter %s: no drill in testdata/drills/ names it: add one (see the README there)", name)
		}
	}
}
