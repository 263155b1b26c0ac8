package instatus

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/adaptertest"
)

// The fixtures under testdata are written from Instatus's public
// documentation (instatus.com/help/api/public-data, the components API
// reference) and the shapes real pages serve; no recorded response exists
// (see testdata/real/SOURCES.md, "Not found").

const page = "https://status.example.com"

func files(t testing.TB, summary, components string) adaptertest.MapFetcher {
	m := adaptertest.MapFetcher{page + "/summary.json": adaptertest.Testdata(t, summary)}
	if components != "" {
		m[page+"/v3/components.json"] = adaptertest.Testdata(t, components)
	}
	return m
}

func read(t *testing.T, f adapters.Fetcher) *adapters.Snapshot {
	t.Helper()
	snap := adaptertest.Fetch(t, New(), f, page)
	checkInvariants(t, snap)
	return snap
}

func TestName(t *testing.T) {
	if got := New().Name(); got != "instatus" {
		t.Errorf("Name() = %q", got)
	}
	if New().Capabilities().Timeline {
		t.Error("Instatus public JSON has no timeline; Capabilities must say so")
	}
}

func TestFetchGolden(t *testing.T) {
	tests := []struct {
		name, summary, components string
		status                    adapters.Status
		components_, incidents    int
	}{
		{"normal", "summary-up.json", "components-groups.json", adapters.Operational, 7, 0},
		{"incident", "summary-incident.json", "components-groups.json", adapters.MajorOutage, 7, 2},
		{"maintenance", "summary-maintenance.json", "", adapters.Maintenance, 0, 2},
		{"odd", "summary-odd.json", "components-odd.json", adapters.MajorOutage, 4, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snap := read(t, files(t, tt.summary, tt.components))
			if snap.Status != tt.status {
				t.Errorf("Status = %q, want %q", snap.Status, tt.status)
			}
			if len(snap.Components) != tt.components_ {
				t.Errorf("%d components, want %d", len(snap.Components), tt.components_)
			}
			if len(snap.Incidents) != tt.incidents {
				t.Errorf("%d incidents, want %d", len(snap.Incidents), tt.incidents)
			}
			adaptertest.Golden(t, tt.name, snap)
		})
	}
}

// checkInvariants adds Instatus's rules to the contract: children follow
// their groups, and every item has a (possibly empty) list of updates.
func checkInvariants(t *testing.T, snap *adapters.Snapshot) {
	t.Helper()
	adaptertest.CheckGroupsFirst(t, snap)
	for _, inc := range snap.Incidents {
		if inc.Updates == nil {
			t.Errorf("incident %s: nil Updates", inc.ID)
		}
	}
}

func TestGroups(t *testing.T) {
	snap := read(t, files(t, "summary-up.json", "components-groups.json"))
	byID := map[string]adapters.Component{}
	for _, c := range snap.Components {
		byID[c.ID] = c
	}
	deploy := byID["clx2f1b0q000208l4grp00001"]
	if !deploy.Group || deploy.Name != "Deployments" || deploy.Status != adapters.Degraded {
		t.Errorf("group from members = %+v, want group Deployments, degraded", deploy)
	}
	if eu := byID["clx2f1b0q000408l4i9j0k1l2"]; eu.GroupID != deploy.ID || eu.StatusRaw != "DEGRADEDPERFORMANCE" {
		t.Errorf("EU West = %+v", eu)
	}
	db := byID["clx2f1b0q000608l4grp00002"]
	if !db.Group || db.Status != adapters.Maintenance {
		t.Errorf("group from children = %+v", db)
	}
	if redis := byID["clx2f1b0q000808l4q7r8s9t0"]; redis.GroupID != db.ID || redis.Status != adapters.Maintenance {
		t.Errorf("Redis = %+v", redis)
	}
	// Each group comes right before its children, children by order.
	var order []string
	for _, c := range snap.Components {
		order = append(order, c.Name)
	}
	want := "Dashboard,Deployments,EU West,US West,Databases,Postgres,Redis"
	if got := strings.Join(order, ","); got != want {
		t.Errorf("order = %s, want %s", got, want)
	}
}

func TestOpenIncident(t *testing.T) {
	snap := read(t, files(t, "summary-incident.json", "components-groups.json"))
	if snap.StatusRaw != "HASISSUES" {
		t.Errorf("StatusRaw = %q", snap.StatusRaw)
	}
	first, second := snap.Incidents[0], snap.Incidents[1]
	if first.ID != "cm3k9x1ab000208jq7tuvwxyz" || first.Status != "monitoring" || first.Impact != adapters.ImpactMinor {
		t.Errorf("newest incident = %+v", first)
	}
	if !first.StartedAt.Equal(time.Date(2026, 11, 20, 14, 3, 0, 0, time.UTC)) || !first.Open() {
		t.Errorf("newest incident times = %v, resolved %v", first.StartedAt, first.ResolvedAt)
	}
	// No id: the id comes from the URL; the JavaScript date form parses.
	if second.ID != "cl4a8n3070721qtmzvts760c4" || second.Impact != adapters.ImpactCritical || second.ImpactRaw != "MAJOROUTAGE" {
		t.Errorf("older incident = %+v", second)
	}
	if !second.StartedAt.Equal(time.Date(2022, 6, 11, 18, 55, 50, 0, time.UTC)) {
		t.Errorf("JS date parsed as %v", second.StartedAt)
	}
}

func TestMaintenance(t *testing.T) {
	snap := read(t, files(t, "summary-maintenance.json", ""))
	if len(snap.Components) != 0 {
		t.Errorf("components.json 404 should give no components, got %d", len(snap.Components))
	}
	up, now := snap.Incidents[0], snap.Incidents[1]
	if up.Kind != adapters.KindMaintenance || up.Status != "scheduled" || up.ID != "cm3kc9e0f000908jq33334444" {
		t.Errorf("upcoming = %+v", up)
	}
	// 03:00 at +01:00 is 02:00 UTC; 90 minutes, given as a number.
	if !up.ScheduledFor.Equal(time.Date(2026, 11, 28, 2, 0, 0, 0, time.UTC)) || up.ScheduledUntil.Sub(up.ScheduledFor) != 90*time.Minute {
		t.Errorf("upcoming window = %v .. %v", up.ScheduledFor, up.ScheduledUntil)
	}
	if now.Status != "in_progress" || now.Impact != adapters.ImpactMaintenance || now.ScheduledUntil.Sub(now.ScheduledFor) != time.Hour {
		t.Errorf("in progress = %+v", now)
	}
}

func TestOddTypes(t *testing.T) {
	snap := read(t, files(t, "summary-odd.json", "components-odd.json"))
	var ids []string
	for _, inc := range snap.Incidents {
		ids = append(ids, inc.ID)
	}
	if strings.Join(ids, ",") != "1234,Unknown impact word@yesterday" {
		t.Errorf("incident ids = %v", ids)
	}
	if snap.Incidents[0].Impact != adapters.ImpactMinor {
		t.Errorf("unknown impact should count as minor, got %q", snap.Incidents[0].Impact)
	}
	var names []string
	for _, c := range snap.Components {
		names = append(names, c.Name+"="+string(c.Status))
	}
	// null and 7 are dropped, so "Nameless id" is third (position 2) and
	// sorts before the Network group, placed at its first member (order "3").
	want := "Nameless id=partial_outage,Network=major_outage,DNS=unknown,Edge=major_outage"
	if got := strings.Join(names, ","); got != want {
		t.Errorf("components = %s, want %s", got, want)
	}
}

func TestErrors(t *testing.T) {
	html := []byte("<!DOCTYPE html><html><body>Just a moment...</body></html>")
	tests := []adaptertest.Failure{
		{Name: "summary 503", F: adaptertest.ErrorFetcher{Fail: map[string]int{page + "/summary.json": 503}}, URL: page + "/summary.json"},
		{Name: "summary 404", F: adaptertest.MapFetcher{}, URL: page + "/summary.json"},
		{Name: "components 503", F: adaptertest.ErrorFetcher{Files: files(t, "summary-up.json", ""), Fail: map[string]int{page + "/v3/components.json": 503}}, URL: page + "/v3/components.json"},
		{Name: "summary HTML", F: adaptertest.MapFetcher{page + "/summary.json": html}, Say: "decode " + page + "/summary.json"},
		{Name: "components HTML", F: adaptertest.MapFetcher{page + "/summary.json": adaptertest.Testdata(t, "summary-up.json"), page + "/v3/components.json": html}, Say: "decode " + page + "/v3/components.json"},
		{Name: "summary without page", F: adaptertest.MapFetcher{page + "/summary.json": []byte(`{"components":[]}`)}, Say: "no page object"},
		{Name: "truncated", F: adaptertest.MapFetcher{page + "/summary.json": []byte(`{"page":{"status":"UP"`)}, Say: "invalid JSON"},
	}
	adaptertest.FetchFailures(t, New(), page+"/", tests)
}

func FuzzDecode(f *testing.F) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".json") && !strings.HasSuffix(e.Name(), ".golden.json") {
			f.Add(adaptertest.Testdata(f, e.Name()))
		}
	}
	f.Add([]byte(`[{"id":1,"children":[{"children":[]}]}]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		sum, serr := DecodeSummary(body)
		comps, cerr := DecodeComponents(body)
		if serr == nil {
			adaptertest.CheckContract(t, buildSnapshot(sum, comps))
		}
		if cerr == nil {
			buildComponents(comps.Components)
		}
	})
}
