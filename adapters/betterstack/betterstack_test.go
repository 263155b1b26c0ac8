package betterstack

import (
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/adaptertest"
)

// The fixtures under testdata are written from Better Stack's API
// reference (status page, section, resource, report and update attributes)
// and the shape of the public index.json; no recorded response exists (see
// testdata/real/SOURCES.md, "Not found").

const page = "https://status.example.com"

// read fetches the page whose index.json is testdata/<name>.
func read(t *testing.T, name string) *adapters.Snapshot {
	t.Helper()
	snap := adaptertest.Fetch(t, New(), adaptertest.MapFetcher{page + "/index.json": adaptertest.Testdata(t, name)}, page)
	adaptertest.CheckGroupsFirst(t, snap)
	return snap
}

func byID(snap *adapters.Snapshot) (map[string]adapters.Component, map[string]adapters.Incident) {
	cs := map[string]adapters.Component{}
	for _, c := range snap.Components {
		cs[c.ID] = c
	}
	is := map[string]adapters.Incident{}
	for _, i := range snap.Incidents {
		is[i.ID] = i
	}
	return cs, is
}

func TestName(t *testing.T) {
	if New().Name() != "betterstack" || !New().Capabilities().Timeline {
		t.Errorf("Name %q, capabilities %+v", New().Name(), New().Capabilities())
	}
}

func TestGolden(t *testing.T) {
	for _, name := range []string{"normal", "maintenance", "odd"} {
		t.Run(name, func(t *testing.T) {
			snap := read(t, "index-"+name+".json")
			adaptertest.Golden(t, name, snap)
		})
	}
}

func TestNormal(t *testing.T) {
	snap := read(t, "index-normal.json")
	if snap.Status != adapters.Degraded || snap.StatusRaw != "degraded" {
		t.Errorf("status = %q (%q)", snap.Status, snap.StatusRaw)
	}
	var names []string
	for _, c := range snap.Components {
		names = append(names, c.Name)
	}
	// The unnamed section is no group; the named one holds API and Dashboard.
	if got := strings.Join(names, ","); got != "Webhooks,Core services,API,Dashboard" {
		t.Errorf("components = %s", got)
	}
	cs, is := byID(snap)
	if g := cs["section:61001"]; !g.Group || g.Status != adapters.Degraded {
		t.Errorf("group = %+v", g)
	}
	if api := cs["2140001"]; api.GroupID != "section:61001" || api.Status != adapters.Degraded {
		t.Errorf("API = %+v", api)
	}

	old := is["1000101"]
	wantEnd := time.Date(2026, 11, 10, 8, 54, 0, 0, time.UTC) // 09:54 at +01:00
	if old.Open() || !old.ResolvedAt.Equal(wantEnd) || old.Status != "resolved" || old.StatusRaw != "resolved" {
		t.Errorf("resolved report = status %q, resolved at %v", old.Status, old.ResolvedAt)
	}
	if old.Impact != adapters.ImpactCritical || old.ImpactRaw != "downtime" {
		t.Errorf("impact = %q (%q), want critical from the downtime update", old.Impact, old.ImpactRaw)
	}
	if len(old.Updates) != 3 || old.Updates[0].Status != "resolved" || old.Updates[2].Status != "investigating" {
		t.Fatalf("updates = %+v", old.Updates)
	}
	if old.Updates[2].StatusRaw != "degraded,downtime" || !old.CreatedAt.Equal(time.Date(2026, 11, 10, 8, 12, 0, 0, time.UTC)) {
		t.Errorf("first update raw %q, created %v", old.Updates[2].StatusRaw, old.CreatedAt)
	}
	if len(old.Components) != 2 || old.Components[0].Status != adapters.MajorOutage || old.Components[1].Name != "Dashboard" {
		t.Errorf("affected = %+v", old.Components)
	}
	if old.URL != page+"/incident/1000101" {
		t.Errorf("URL = %q", old.URL)
	}

	open := is["1000102"]
	if !open.Open() || open.Status != "investigating" || open.Impact != adapters.ImpactMinor {
		t.Errorf("open report = %+v", open)
	}

	maint := is["1000103"]
	if maint.Kind != adapters.KindMaintenance || maint.Status != "scheduled" || maint.Impact != adapters.ImpactMaintenance {
		t.Errorf("maintenance = kind %q status %q impact %q", maint.Kind, maint.Status, maint.Impact)
	}
	if !maint.ScheduledFor.Equal(time.Date(2026, 11, 25, 22, 0, 0, 0, time.UTC)) || maint.ScheduledUntil.Sub(maint.ScheduledFor) != 2*time.Hour {
		t.Errorf("window = %v .. %v", maint.ScheduledFor, maint.ScheduledUntil)
	}
	if snap.Incidents[0].ID != "1000103" || snap.Incidents[2].ID != "1000101" {
		t.Errorf("order = %s, %s, %s", snap.Incidents[0].ID, snap.Incidents[1].ID, snap.Incidents[2].ID)
	}
}

func TestMaintenanceInProgress(t *testing.T) {
	snap := read(t, "index-maintenance.json")
	if snap.Status != adapters.Maintenance {
		t.Errorf("status = %q", snap.Status)
	}
	_, is := byID(snap)
	if m := is["1000103"]; m.Status != "in_progress" || !m.Open() {
		t.Errorf("maintenance = status %q resolved %v", m.Status, m.ResolvedAt)
	}
	// Linked only through status_report_id, not relationships.
	done := is["1000102"]
	if len(done.Updates) != 2 || done.Updates[0].ID != "5000206" || done.Status != "resolved" {
		t.Fatalf("report 1000102 = %+v", done)
	}
	if !done.ResolvedAt.Equal(time.Date(2026, 11, 20, 15, 10, 0, 0, time.UTC)) {
		t.Errorf("resolved at %v", done.ResolvedAt)
	}
}

// A window its own update closed ends when that update says so, here an
// hour and 20 minutes past its planned end. index-maintenance-completed.json
// is index-maintenance.json edited so: the report resolved, Webhooks
// operational, and a last update (01:20 UTC) with every resource resolved.
func TestMaintenanceCompletedByUpdate(t *testing.T) {
	_, is := byID(read(t, "index-maintenance-completed.json"))
	m := is["1000103"]
	if m.Status != "completed" || !m.ResolvedAt.Equal(time.Date(2026, 11, 21, 1, 20, 0, 0, time.UTC)) ||
		!m.ScheduledUntil.Equal(time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("maintenance = %q, resolved %v, planned end %v", m.Status, m.ResolvedAt, m.ScheduledUntil)
	}
}

func TestOddTypes(t *testing.T) {
	snap := read(t, "index-odd.json")
	// No aggregate state: the worst of resources and open incidents.
	if snap.Status != adapters.MajorOutage {
		t.Errorf("status = %q", snap.Status)
	}
	cs, is := byID(snap)
	if cdn := cs["3001"]; cdn.GroupID != "section:7" || cdn.Status != adapters.MajorOutage {
		t.Errorf("CDN = %+v", cdn)
	}
	if dns := cs["3002"]; dns.GroupID != "" || dns.Status != adapters.Unknown || dns.StatusRaw != "weird" {
		t.Errorf("DNS = %+v", dns)
	}
	if _, ok := cs["section:8"]; ok {
		t.Error("a section without attributes became a group")
	}
	inc := is["9001"]
	if inc.Impact != adapters.ImpactCritical || len(inc.Updates) != 1 || !inc.StartedAt.Equal(time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("incident = %+v", inc)
	}
}

func TestDailyHistory(t *testing.T) {
	h, err := DailyHistory(adaptertest.Testdata(t, "index-normal.json"))
	if err != nil {
		t.Fatal(err)
	}
	api := h["2140001"]
	if len(api) != 90 || api[0].Day != "2026-08-23" || api[89].Day != "2026-11-20" {
		t.Fatalf("API history: %d days, %v .. %v", len(api), api[0], api[len(api)-1])
	}
	for _, d := range api {
		switch d.Day {
		case "2026-11-10":
			if d.Status != adapters.MajorOutage || d.DowntimeSeconds != 2520 {
				t.Errorf("11-10 = %+v", d)
			}
		case "2026-10-02":
			if d.Status != adapters.Maintenance || d.MaintenanceSeconds != 3600 || d.DowntimeSeconds != 0 {
				t.Errorf("10-02 = %+v", d)
			}
		}
	}
	odd, err := DailyHistory(adaptertest.Testdata(t, "index-odd.json"))
	if err != nil {
		t.Fatal(err)
	}
	cdn := odd["3001"]
	if len(cdn) != 2 || cdn[0].Day != "2026-11-19" || cdn[0].Status != adapters.Unknown || cdn[0].DowntimeSeconds != 0 || cdn[1].DowntimeSeconds != 600 {
		t.Errorf("odd CDN history = %+v", cdn)
	}
	if _, err := DailyHistory([]byte("<html>")); err == nil {
		t.Error("DailyHistory accepted HTML")
	}
}

func TestErrors(t *testing.T) {
	u := page + "/index.json"
	tests := []adaptertest.Failure{
		{Name: "503", F: adaptertest.ErrorFetcher{Fail: map[string]int{u: 503}}, URL: u},
		{Name: "404", F: adaptertest.MapFetcher{}, URL: u},
		{Name: "HTML", F: adaptertest.MapFetcher{u: []byte("<!doctype html><title>Status</title>")}, Say: "decode " + u},
		{Name: "no data", F: adaptertest.MapFetcher{u: []byte(`{"included":[]}`)}, Say: "no data object"},
		{Name: "array", F: adaptertest.MapFetcher{u: []byte(`[]`)}, Say: "not a JSON object"},
	}
	adaptertest.FetchFailures(t, New(), page, tests)
}

func FuzzDecode(f *testing.F) {
	for _, name := range []string{"index-normal.json", "index-maintenance.json", "index-odd.json"} {
		f.Add(adaptertest.Testdata(f, name))
	}
	f.Add([]byte(`{"data":{},"included":[{"type":"status_update","id":"1","attributes":{"status_report_id":"2"}},{"type":"status_report","id":"2"}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		doc, err := DecodeIndex(body)
		if err != nil {
			return
		}
		adaptertest.CheckContract(t, buildSnapshot(doc, page))
		dailyHistory(doc)
	})
}
