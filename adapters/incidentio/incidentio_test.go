package incidentio

import (
	"context"
	"os"
	"testing"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/adaptertest"
)

const page = "https://status.example-ai.test"

func fixtures(t *testing.T) adaptertest.MapFetcher {
	t.Helper()
	m := adaptertest.MapFetcher{}
	for _, name := range []string{"summary.json", "incidents.json"} {
		m[page+"/api/v2/"+name] = adaptertest.Testdata(t, name)
	}
	return m
}

func TestFetchCompatibleAPI(t *testing.T) {
	// The missing maintenance endpoint must not fail the page.
	snap := adaptertest.Fetch(t, New(), fixtures(t), page)
	// The indicator says none while an incident with major impact is
	// open: the snapshot keeps the vendor's word, and the build overrules
	// it, saying so (model.State.Reason).
	if snap.Status != adapters.Operational || snap.StatusRaw != "none" {
		t.Errorf("status = %s (raw %q), want the indicator's operational", snap.Status, snap.StatusRaw)
	}
	if len(snap.Components) != 2 || snap.Components[0].Group || snap.Components[0].GroupID != "" {
		t.Errorf("components = %+v, want two flat components", snap.Components)
	}
	if len(snap.Incidents) != 1 {
		t.Fatalf("incidents = %d, want 1", len(snap.Incidents))
	}
	inc := snap.Incidents[0]
	if inc.ID != "01JD0A1B2C3D4E5F6G7H8J9K0A" || !inc.Open() || len(inc.Updates) != 2 || inc.Updates[0].Status != "identified" {
		t.Errorf("incident = %+v", inc)
	}
	if got := inc.Updates[1].Components; len(got) != 1 || got[0].Status != adapters.PartialOutage {
		t.Errorf("first update's affected components = %+v", got)
	}
}

func TestCapabilitiesSayNoMaintenance(t *testing.T) {
	c := New().Capabilities()
	if c.Maintenance || !c.Components || !c.Timeline || New().Name() != "incidentio" {
		t.Errorf("capabilities = %+v", c)
	}
}

// An error names this adapter, not the Statuspage one it reads with.
func TestFetchErrorNamesURL(t *testing.T) {
	f := adaptertest.ErrorFetcher{Files: fixtures(t), Fail: map[string]int{page + "/api/v2/summary.json": 503}}
	adaptertest.FetchFails(t, New(), f, page, page+"/api/v2/summary.json", "503")
}

// FuzzDecode serves one body as both endpoints (the maintenance one is
// absent, as on real incident.io pages): the adapter may refuse it, but never
// panics, and what it accepts keeps the snapshot contract.
func FuzzDecode(f *testing.F) {
	for _, name := range []string{"summary.json", "incidents.json"} {
		if b, err := os.ReadFile("testdata/" + name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"incidents":null,"components":null,"status":{"indicator":"none"}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		fs := adaptertest.MapFetcher{page + "/api/v2/summary.json": body, page + "/api/v2/incidents.json": body}
		snap, err := New().Fetch(context.Background(), fs, adapters.Page{Slug: "example-ai", URL: page})
		if err != nil {
			return
		}
		adaptertest.CheckContract(t, snap)
	})
}
