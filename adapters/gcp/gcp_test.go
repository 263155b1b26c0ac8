package gcp

import (
	"os"
	"strings"
	"testing"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/adaptertest"
)

const pageURL = "https://status.cloud.google.com"

// read fetches the page whose incidents.json is body and checks its
// snapshot.
func read(t *testing.T, body []byte) *adapters.Snapshot {
	t.Helper()
	snap := adaptertest.Fetch(t, New(), adaptertest.MapFetcher{pageURL + "/incidents.json": body}, pageURL)
	checkUpdateIDs(t, snap)
	return snap
}

// checkUpdateIDs: Google gives updates no id, so the ids the adapter makes
// must not repeat within an incident.
func checkUpdateIDs(t testing.TB, snap *adapters.Snapshot) {
	t.Helper()
	for _, inc := range snap.Incidents {
		ids := map[string]bool{}
		for _, u := range inc.Updates {
			if ids[u.ID] {
				t.Errorf("%s: update id %s repeats", inc.ID, u.ID)
			}
			ids[u.ID] = true
		}
	}
}

func TestRealYearOfIncidents(t *testing.T) {
	snap := read(t, adaptertest.Real(t, "gcp/incidents-2022-07-365days.json"))

	if got := len(snap.Incidents); got != 157 {
		t.Fatalf("incidents = %d, want 157", got)
	}
	if !snap.IncidentsComplete {
		t.Error("IncidentsComplete = false, the feed is the whole year")
	}
	if snap.Status != adapters.Operational || snap.Description != "" {
		t.Errorf("overall = %s %q, want operational, all resolved", snap.Status, snap.Description)
	}
	updates, impacts := 0, map[adapters.Impact]int{}
	for _, inc := range snap.Incidents {
		updates += len(inc.Updates)
		impacts[inc.Impact]++
		if inc.Open() {
			t.Errorf("%s is open; every incident of this feed has an end", inc.ID)
		}
	}
	if updates != 770 {
		t.Errorf("updates = %d, want 770", updates)
	}
	want := map[adapters.Impact]int{adapters.ImpactCritical: 20, adapters.ImpactMajor: 118, adapters.ImpactNone: 19}
	for k, v := range want {
		if impacts[k] != v {
			t.Errorf("impact %s: %d incidents, want %d", k, impacts[k], v)
		}
	}
	if len(snap.Components) != 60 {
		t.Errorf("components = %d, want the 60 products of the feed", len(snap.Components))
	}
	for _, c := range snap.Components {
		if c.Status != adapters.Operational {
			t.Errorf("component %s = %s, want operational", c.Name, c.Status)
		}
	}

	first := snap.Incidents[0]
	if first.ID != "TaA75H7XA1DQyM2ReK2f" || first.Title != "[Google BigQuery] Lower throughput from the Read API" {
		t.Errorf("newest = %s %q", first.ID, first.Title)
	}
	if !first.StartedAt.Equal(adaptertest.UTC("2022-07-01T13:37:44Z")) || !first.CreatedAt.Equal(adaptertest.UTC("2022-07-01T14:05:02Z")) ||
		!first.ResolvedAt.Equal(adaptertest.UTC("2022-07-01T19:25:45Z")) || !first.UpdatedAt.Equal(adaptertest.UTC("2022-07-01T19:25:45Z")) {
		t.Errorf("newest times: started %v created %v resolved %v updated %v", first.StartedAt, first.CreatedAt, first.ResolvedAt, first.UpdatedAt)
	}
	if first.URL != "https://status.cloud.google.com/incidents/TaA75H7XA1DQyM2ReK2f" {
		t.Errorf("URL = %s", first.URL)
	}
	if first.Impact != adapters.ImpactNone || first.ImpactRaw != "SERVICE_INFORMATION/low" || first.Status != "resolved" || first.StatusRaw != "AVAILABLE" {
		t.Errorf("impact %s (%s), status %s (%s)", first.Impact, first.ImpactRaw, first.Status, first.StatusRaw)
	}
	// An information notice implies no status, so the ref carries none.
	if len(first.Components) != 1 || first.Components[0] != (adapters.ComponentRef{ID: "9CcrhHUcFevXPSVaSxkf", Name: "Google BigQuery"}) {
		t.Errorf("components = %+v", first.Components)
	}
	if len(first.Updates) != 5 {
		t.Fatalf("updates = %d, want 5", len(first.Updates))
	}
	u := first.Updates[0]
	if u.ID != "TaA75H7XA1DQyM2ReK2f-1656703545" || u.Status != "available" || u.StatusRaw != "AVAILABLE" ||
		!u.CreatedAt.Equal(adaptertest.UTC("2022-07-01T19:25:45Z")) || !strings.HasPrefix(u.Body, "The issue with Google BigQuery has been resolved") {
		t.Errorf("newest update = %+v", u)
	}
	if last := first.Updates[4]; last.Status != "service_information" || !last.CreatedAt.Equal(adaptertest.UTC("2022-07-01T14:04:53Z")) {
		t.Errorf("oldest update = %s at %v", last.Status, last.CreatedAt)
	}

	oldest := snap.Incidents[156]
	if oldest.ID != "WXwFb7tx1XvHyGaxwdYs" || !oldest.StartedAt.Equal(adaptertest.UTC("2021-07-07T21:25:00Z")) || oldest.Impact != adapters.ImpactCritical ||
		len(oldest.Components) != 2 || oldest.Components[0].Status != adapters.MajorOutage {
		t.Errorf("oldest = %s at %v, %s", oldest.ID, oldest.StartedAt, oldest.Impact)
	}

	// end is set although the newest update still says SERVICE_DISRUPTION:
	// end wins.
	nj := adaptertest.Incident(t, snap, "NJJp8jkNzFStMyiJZWWD")
	if nj.Open() || nj.Status != "resolved" || nj.StatusRaw != "SERVICE_DISRUPTION" || !nj.ResolvedAt.Equal(adaptertest.UTC("2021-08-24T03:41:13Z")) {
		t.Errorf("NJJp8jkNzFStMyiJZWWD: status %s (%s) resolved %v", nj.Status, nj.StatusRaw, nj.ResolvedAt)
	}
}

func TestRealMarkdownReports(t *testing.T) {
	snap := read(t, adaptertest.Real(t, "gcp/incidents-2026-07-subset-2-markdown-incident-reports.json"))
	if len(snap.Incidents) != 2 {
		t.Fatalf("incidents = %d, want 2", len(snap.Incidents))
	}
	inc := snap.Incidents[0]
	if inc.ID != "3BvH3LVGcupoYqV6F4Nw" || len(inc.Updates) != 12 || !inc.StartedAt.Equal(adaptertest.UTC("2026-07-15T23:57:00Z")) || !inc.ResolvedAt.Equal(adaptertest.UTC("2026-07-16T12:25:00Z")) {
		t.Errorf("newest = %s, %d updates, %v..%v", inc.ID, len(inc.Updates), inc.StartedAt, inc.ResolvedAt)
	}
	var names []string
	for _, c := range inc.Components {
		names = append(names, c.Name)
	}
	if got := strings.Join(names, ", "); got != "Bare Metal Solution, Google Cloud NetApp Volumes, VMWare engine" {
		t.Errorf("products = %s", got)
	}
	// Markdown is kept byte for byte, escapes included.
	if !strings.HasPrefix(inc.Updates[0].Body, `## \# Incident Report`+"\n"+`## \#\# Summary`) {
		t.Errorf("body not kept as is: %q", inc.Updates[0].Body[:40])
	}
	if len(snap.Components) != 3 {
		t.Errorf("components = %d, want 3", len(snap.Components))
	}
	adaptertest.Golden(t, "real-2026-07-markdown", snap)
}

func TestWrittenOpenIncidents(t *testing.T) {
	snap := read(t, adaptertest.Testdata(t, "open-incidents.json"))

	var ids []string
	for _, inc := range snap.Incidents {
		ids = append(ids, inc.ID)
	}
	if got := strings.Join(ids, " "); got != "open-outage odd-types open-info available-without-end" {
		t.Fatalf("incidents = %s", got)
	}
	if snap.Status != adapters.MajorOutage || snap.Description != "" {
		t.Errorf("overall = %s %q", snap.Status, snap.Description)
	}

	out := adaptertest.Incident(t, snap, "open-outage")
	if !out.Open() || out.Impact != adapters.ImpactCritical || out.Status != "service_outage" || !out.StartedAt.Equal(adaptertest.UTC("2026-08-18T10:00:00Z")) {
		t.Errorf("open-outage: open %v impact %s status %s started %v", out.Open(), out.Impact, out.Status, out.StartedAt)
	}
	odd := adaptertest.Incident(t, snap, "odd-types")
	if !odd.Open() || odd.Title != "42" || odd.Impact != adapters.ImpactNone || odd.Status != "service_disruption" ||
		len(odd.Updates) != 0 || len(odd.Components) != 0 || !odd.CreatedAt.Equal(adaptertest.UTC("2026-08-17T08:00:00Z")) || !odd.UpdatedAt.Equal(adaptertest.UTC("2026-08-17T09:00:00Z")) {
		t.Errorf("odd-types = %+v", odd)
	}
	if info := adaptertest.Incident(t, snap, "open-info"); len(info.Updates) != 1 {
		t.Errorf("open-info: a null update must be dropped, got %d updates", len(info.Updates))
	}
	done := adaptertest.Incident(t, snap, "available-without-end")
	if done.Open() || !done.ResolvedAt.Equal(adaptertest.UTC("2026-08-10T02:45:00Z")) || done.Status != "resolved" {
		t.Errorf("available-without-end: resolved %v status %s", done.ResolvedAt, done.Status)
	}
	sec := "1786324800" // 2026-08-10T01:20:00Z
	if len(done.Updates) != 3 || done.Updates[1].ID != "available-without-end-"+sec+"-2" || done.Updates[2].ID != "available-without-end-"+sec {
		t.Errorf("same-second update ids: %+v", done.Updates)
	}
	if done.URL != "https://status.cloud.google.com/incidents/available-without-end" {
		t.Errorf("URL = %s", done.URL)
	}

	want := []adapters.Component{
		{ID: "run-1", Name: "Cloud Run", Position: 1, Status: adapters.MajorOutage, UpdatedAt: adaptertest.UTC("2026-08-18T10:00:00Z")},
		{ID: "gcs-1", Name: "Cloud Storage", Position: 2, Status: adapters.Operational, UpdatedAt: adaptertest.UTC("2026-08-10T02:45:00Z")},
		{ID: "gce-1", Name: "Google Compute Engine", Position: 3, Status: adapters.MajorOutage, UpdatedAt: adaptertest.UTC("2026-08-18T10:00:00Z")},
	}
	if len(snap.Components) != len(want) {
		t.Fatalf("components = %+v", snap.Components)
	}
	for i := range want {
		if snap.Components[i] != want[i] {
			t.Errorf("component %d = %+v, want %+v", i, snap.Components[i], want[i])
		}
	}
	adaptertest.Golden(t, "written-open-incidents", snap)
}

func TestImpactMapping(t *testing.T) {
	tests := []struct {
		statusImpact, severity string
		want                   adapters.Impact
	}{
		{"SERVICE_OUTAGE", "high", adapters.ImpactCritical},
		{"SERVICE_DISRUPTION", "medium", adapters.ImpactMajor},
		{"SERVICE_INFORMATION", "low", adapters.ImpactNone},
		{"SERVICE_INFORMATION", "high", adapters.ImpactCritical},
		{"", "medium", adapters.ImpactMajor},
		{"SOMETHING_NEW", "", adapters.ImpactNone},
		{"", "", adapters.ImpactNone},
	}
	for _, tt := range tests {
		if got := impactOf(tt.statusImpact, tt.severity); got != tt.want {
			t.Errorf("impactOf(%q, %q) = %s, want %s", tt.statusImpact, tt.severity, got, tt.want)
		}
	}
}

func TestEmptyFeedIsOperational(t *testing.T) {
	snap := read(t, []byte(" [] "))
	if snap.Status != adapters.Operational || snap.Description != "" || len(snap.Incidents) != 0 || len(snap.Components) != 0 {
		t.Errorf("empty feed = %+v", snap)
	}
}

func TestErrorsNameTheURL(t *testing.T) {
	url := pageURL + "/incidents.json"
	tests := []adaptertest.Failure{
		{Name: "503", F: adaptertest.ErrorFetcher{Fail: map[string]int{url: 503}}, URL: url, Say: "503"},
		{Name: "404", F: adaptertest.MapFetcher{}, URL: url, Say: "404"},
		{Name: "HTML", F: adaptertest.MapFetcher{url: []byte("<!DOCTYPE html><html><body>Error</body></html>")}, URL: url, Say: "HTML"},
		{Name: "object", F: adaptertest.MapFetcher{url: []byte(`{"incidents": []}`)}, URL: url, Say: "JSON array"},
		{Name: "truncated", F: adaptertest.MapFetcher{url: []byte(`[{"id": "x"`)}, URL: url, Say: "JSON array"},
		{Name: "empty", F: adaptertest.MapFetcher{url: nil}, URL: url, Say: "empty"},
	}
	adaptertest.FetchFailures(t, New(), pageURL, tests)
}

func TestNameAndCapabilities(t *testing.T) {
	a := New()
	if a.Name() != "gcp" {
		t.Errorf("Name = %s", a.Name())
	}
	want := adapters.Capabilities{Title: "Google Cloud status", Components: true, Maintenance: false, Timeline: true, HistoryWindow: 0, Listing: adapters.ListsWindow}
	// The docs link is checked with every adapter's, in adapters/all.
	want.Docs = a.Capabilities().Docs
	if a.Capabilities() != want {
		t.Errorf("Capabilities = %+v", a.Capabilities())
	}
}

func FuzzDecode(f *testing.F) {
	for _, rel := range []string{"gcp/incidents-2026-07-subset-2-markdown-incident-reports.json"} {
		f.Add(adaptertest.Real(f, rel))
	}
	if b, err := os.ReadFile("testdata/open-incidents.json"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`[{"id":"a","updates":[{"created":"2026-01-01T00:00:00Z"},{"created":"2026-01-01T00:00:00Z"}],"affected_products":[{"id":"p"}]}]`))
	f.Add([]byte(`[null, 1, "x", {"id": 7, "end": true}]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		snap, err := decode(body, pageURL)
		if err != nil {
			return
		}
		adaptertest.CheckContract(t, snap)
		checkUpdateIDs(t, snap)
	})
}

// An incident the feed lists twice (CI's fuzzer found this) becomes one
// incident, the first and so newest copy, never two with the same id.
func TestRepeatedIDKeepsFirstCopy(t *testing.T) {
	body := []byte(`[
	 {"id":"0","external_desc":"current title","begin":"2026-01-01T00:00:00Z","updates":[{"created":"2026-01-01T01:00:00Z","text":"fixed"}]},
	 {"id":"0","external_desc":"old title","begin":"2026-01-01T00:00:00Z","updates":[{"created":"2026-01-01T00:00:00Z","text":"looking"}]}]`)
	snap, err := decode(body, pageURL)
	if err != nil {
		t.Fatal(err)
	}
	adaptertest.CheckContract(t, snap)
	if len(snap.Incidents) != 1 || snap.Incidents[0].Title != "current title" {
		t.Errorf("incidents = %+v, want the first copy only", snap.Incidents)
	}
}
