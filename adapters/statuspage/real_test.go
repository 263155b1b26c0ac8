package statuspage

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/adaptertest"
)

// The real recordings are GitHub's page; see testdata/real/SOURCES.md at the
// repository root.
const github = "https://www.githubstatus.com"

func real(t *testing.T, name string) []byte {
	t.Helper()
	return adaptertest.Real(t, "statuspage/"+name)
}

func TestRealIncidents50(t *testing.T) {
	fs := files{
		summaryPath: real(t, "github-summary-2026-07-31.json"),
		incPath:     real(t, "github-incidents-50-2026-07-31.json"),
	}
	snap := fetch(t, github, fs)
	if len(snap.Incidents) != 50 {
		t.Fatalf("%d incidents, want 50", len(snap.Incidents))
	}
	updates, displayed := 0, 0
	for _, inc := range snap.Incidents {
		updates += len(inc.Updates)
		if inc.Kind != adapters.KindIncident {
			t.Errorf("%s: kind %q", inc.ID, inc.Kind)
		}
		if inc.Status != "resolved" || inc.Open() {
			t.Errorf("%s: status %q resolved %v", inc.ID, inc.Status, inc.ResolvedAt)
		}
		if !strings.HasPrefix(inc.URL, "https://stspg.io/") {
			t.Errorf("%s: url %q", inc.ID, inc.URL)
		}
		for _, u := range inc.Updates {
			if !u.DisplayAt.IsZero() {
				displayed++
			}
			if strings.Contains(strings.ToLower(u.Body), "<br") {
				t.Errorf("update %s keeps a <br: %q", u.ID, u.Body)
			}
		}
	}
	if updates != 287 {
		t.Errorf("%d updates, want 287", updates)
	}
	if displayed != 3 {
		t.Errorf("%d updates with DisplayAt, want 3", displayed)
	}
	if snap.Status != adapters.Operational || snap.StatusRaw != "none" || snap.Description != "All Systems Operational" {
		t.Errorf("overall %q %q %q", snap.Status, snap.StatusRaw, snap.Description)
	}

	// Newest first although the vendor's list has three inversions: the
	// Actions incident of 19 July (listed first) sorts after ph5nns5y4gxj.
	if got := snap.Incidents[0]; got.ID != "9tpgqq1h4bs7" || got.Title != "Copilot model Claude Fable 5 experiencing elevated errors" {
		t.Errorf("first incident %s %q", got.ID, got.Title)
	}
	pos := map[string]int{}
	for i, inc := range snap.Incidents {
		pos[inc.ID] = i
	}
	for _, pair := range [][2]string{{"ph5nns5y4gxj", "8vfyvq16hzh9"}, {"kn7gv3tlfc54", "5t81zk0vrk3z"}, {"b0plzff6yl6f", "4843jm0lsls6"}} {
		if pos[pair[0]] >= pos[pair[1]] {
			t.Errorf("%s should come before %s", pair[0], pair[1])
		}
	}

	first := snap.Incidents[0]
	if first.Impact != adapters.ImpactMinor || first.ImpactRaw != "minor" {
		t.Errorf("impact %q raw %q", first.Impact, first.ImpactRaw)
	}
	if !first.StartedAt.Equal(adaptertest.UTC("2026-07-30T09:07:42.413Z")) || !first.ResolvedAt.Equal(adaptertest.UTC("2026-07-30T10:12:15.489Z")) {
		t.Errorf("started %v resolved %v", first.StartedAt, first.ResolvedAt)
	}
	if len(first.Updates) != 4 || first.Updates[0].ID != "7f4jmtk5hldk" || first.Updates[0].Status != "resolved" {
		t.Fatalf("updates %+v", first.Updates)
	}
	wantRef := adapters.ComponentRef{ID: "cnnb39dkkk82", Name: "Copilot AI Model Providers", Status: adapters.Operational}
	if len(first.Updates[0].Components) != 1 || first.Updates[0].Components[0] != wantRef {
		t.Errorf("update components %+v", first.Updates[0].Components)
	}
	wantBody := "The issues with our upstream model provider have been resolved, and Claude Fable 5 is once again available in Copilot products and IDE surfaces.\n\nWe will continue monitoring to ensure stability, but mitigation is complete."
	if got := first.Updates[1].Body; got != wantBody {
		t.Errorf("body %q", got)
	}

	// A back-dated update keeps both times.
	u := findUpdate(t, adaptertest.Incident(t, snap, "kn7gv3tlfc54"), "xct4bf2yqdw5")
	if !u.CreatedAt.Equal(adaptertest.UTC("2026-06-19T14:38:09.740Z")) || !u.DisplayAt.Equal(adaptertest.UTC("2026-06-17T19:00:00Z")) {
		t.Errorf("created %v display %v", u.CreatedAt, u.DisplayAt)
	}

	impacts := map[adapters.Impact]int{}
	for _, inc := range snap.Incidents {
		impacts[inc.Impact]++
	}
	for _, i := range []adapters.Impact{adapters.ImpactNone, adapters.ImpactMinor, adapters.ImpactMajor, adapters.ImpactCritical} {
		if impacts[i] == 0 {
			t.Errorf("no incident with impact %s", i)
		}
	}
}

func findUpdate(t *testing.T, inc adapters.Incident, id string) adapters.Update {
	t.Helper()
	for _, u := range inc.Updates {
		if u.ID == id {
			return u
		}
	}
	t.Fatalf("update %s not in incident %s", id, inc.ID)
	return adapters.Update{}
}

// TestRealUpdatesSortedUpstream checks the recording's own claim that the
// vendor lists updates newest first, so the adapter's sort changes nothing.
func TestRealUpdatesSortedUpstream(t *testing.T) {
	var doc struct {
		Incidents []struct {
			IncidentUpdates []struct {
				ID string `json:"id"`
			} `json:"incident_updates"`
		} `json:"incidents"`
	}
	body := real(t, "github-incidents-50-2026-07-31.json")
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	snap := fetch(t, github, files{summaryPath: real(t, "github-summary-2026-07-31.json"), incPath: body})
	byID := map[string][]adapters.Update{}
	for _, inc := range snap.Incidents {
		for _, u := range inc.Updates {
			byID[u.ID] = inc.Updates
		}
	}
	for _, wi := range doc.Incidents {
		if len(wi.IncidentUpdates) == 0 {
			continue
		}
		got := byID[wi.IncidentUpdates[0].ID]
		for i, wu := range wi.IncidentUpdates {
			if i >= len(got) || got[i].ID != wu.ID {
				t.Errorf("update %s moved from position %d", wu.ID, i)
			}
		}
	}
}

func TestRealSummary20200522(t *testing.T) {
	snap := fetch(t, github, files{summaryPath: real(t, "github-summary-2020-05-22-unresolved-incident-upcoming-maint.json")})
	if snap.Status != adapters.Degraded || snap.StatusRaw != "minor" || snap.Description != "Minor Service Outage" {
		t.Errorf("overall %q %q %q", snap.Status, snap.StatusRaw, snap.Description)
	}
	if len(snap.Components) != 9 {
		t.Errorf("%d components, want 9", len(snap.Components))
	}
	visit := adaptertest.Component(t, snap, "0l2p9nhqnxpd")
	if visit.Name != "Visit www.githubstatus.com for more information" || visit.Description != "" || visit.Position != 4 {
		t.Errorf("component %+v", visit)
	}
	if len(snap.Incidents) != 3 {
		t.Fatalf("%d incidents, want 1 incident and 2 maintenances", len(snap.Incidents))
	}
	inc := adaptertest.Incident(t, snap, "6tcfpztf6j9m")
	if inc.Kind != adapters.KindIncident || !inc.Open() || inc.Status != "investigating" || inc.Impact != adapters.ImpactMinor {
		t.Errorf("incident %+v", inc)
	}
	if inc.URL != "http://stspg.io/g1l6nqnlv29b" || len(inc.Updates) != 6 || inc.Updates[0].ID != "2hdg5g90ysg5" {
		t.Errorf("url %q updates %d", inc.URL, len(inc.Updates))
	}
	if !inc.StartedAt.Equal(adaptertest.UTC("2020-05-22T16:41:53.133Z")) {
		t.Errorf("started %v", inc.StartedAt)
	}
	// Maintenances sort by their window: 16:00 before 07:00 the same day.
	for i, want := range []struct{ id, from, until string }{
		{"ry5psbndh11j", "2020-09-30T16:00:00Z", "2020-09-30T19:00:00Z"},
		{"skzhfwy9kf8q", "2020-09-30T07:00:00Z", "2020-09-30T10:00:00Z"},
	} {
		m := snap.Incidents[i]
		if m.ID != want.id || m.Kind != adapters.KindMaintenance || m.Impact != adapters.ImpactMaintenance || m.Status != "scheduled" || !m.Open() {
			t.Errorf("maintenance %d: %+v", i, m)
		}
		if !m.ScheduledFor.Equal(adaptertest.UTC(want.from)) || !m.ScheduledUntil.Equal(adaptertest.UTC(want.until)) {
			t.Errorf("%s: window %v..%v", m.ID, m.ScheduledFor, m.ScheduledUntil)
		}
		if m.Title != "Deprecating password authentication" {
			t.Errorf("%s: title %q", m.ID, m.Title)
		}
	}
}

func TestRealSummary20201217(t *testing.T) {
	snap := fetch(t, github, files{summaryPath: real(t, "github-summary-2020-12-17-maintenance-in-progress.json")})
	if snap.Status != adapters.Maintenance || snap.StatusRaw != "maintenance" || snap.Description != "Service Under Maintenance" {
		t.Errorf("overall %q %q %q", snap.Status, snap.StatusRaw, snap.Description)
	}
	actions := adaptertest.Component(t, snap, "br0l2tvcx85d")
	if actions.Name != "Actions" || actions.Status != adapters.Maintenance || actions.StatusRaw != "under_maintenance" {
		t.Errorf("Actions %+v", actions)
	}
	if len(snap.Incidents) != 1 {
		t.Fatalf("%d incidents, want 1", len(snap.Incidents))
	}
	m := snap.Incidents[0]
	if m.ID != "3jr0nb7zjpbm" || m.Title != "macOS virtual environment maintenance" || m.Kind != adapters.KindMaintenance || m.Status != "in_progress" || !m.Open() {
		t.Errorf("maintenance %+v", m)
	}
	if !m.ScheduledFor.Equal(adaptertest.UTC("2020-12-15T10:00:00Z")) || !m.ScheduledUntil.Equal(adaptertest.UTC("2020-12-19T04:00:00Z")) || len(m.Updates) != 3 {
		t.Errorf("window %v..%v, %d updates", m.ScheduledFor, m.ScheduledUntil, len(m.Updates))
	}
}

func TestRealSummary20260731(t *testing.T) {
	snap := fetch(t, github, files{summaryPath: real(t, "github-summary-2026-07-31.json")})
	if len(snap.Components) != 12 {
		t.Fatalf("%d components, want 12", len(snap.Components))
	}
	for _, c := range snap.Components {
		if c.Status != adapters.Operational || c.StatusRaw != "operational" || c.Group || c.GroupID != "" || c.UpdatedAt.IsZero() {
			t.Errorf("component %+v", c)
		}
	}
	// The showcase:false pseudo-component is kept.
	found := false
	for _, c := range snap.Components {
		found = found || c.Name == "Visit www.githubstatus.com for more information"
	}
	if !found {
		t.Error("showcase:false component dropped")
	}
	if snap.Status != adapters.Operational || len(snap.Incidents) != 0 {
		t.Errorf("status %q, %d incidents", snap.Status, len(snap.Incidents))
	}
}

func TestRealIncidentDetail(t *testing.T) {
	inc, err := DecodeIncident(real(t, "github-incident-detail-actions-critical.json"))
	if err != nil {
		t.Fatal(err)
	}
	if inc.ID != "8vfyvq16hzh9" || inc.Title != "Incident with GitHub Actions" || inc.Impact != adapters.ImpactCritical || inc.Status != "resolved" {
		t.Errorf("incident %+v", inc)
	}
	if len(inc.Updates) != 18 {
		t.Errorf("%d updates, want 18", len(inc.Updates))
	}
	if !inc.CreatedAt.Equal(adaptertest.UTC("2026-07-19T23:34:03.457Z")) || !inc.ResolvedAt.Equal(adaptertest.UTC("2026-07-20T04:44:03.085Z")) {
		t.Errorf("created %v resolved %v", inc.CreatedAt, inc.ResolvedAt)
	}
	one := &adapters.Snapshot{Status: adapters.Operational, Incidents: []adapters.Incident{inc}}
	adaptertest.CheckContract(t, one)
	checkInvariants(t, one)
}

// status.json is not fetched (summary.json carries the same status), but
// its indicator decodes with the same types.
func TestRealStatusJSON(t *testing.T) {
	cases := []struct {
		file, raw, desc string
		want            adapters.Status
	}{
		{"github-status-2020-05-22-minor.json", "minor", "Minor Service Outage", adapters.Degraded},
		{"github-status-2020-12-17-maintenance.json", "maintenance", "Service Under Maintenance", adapters.Maintenance},
	}
	for _, c := range cases {
		snap := fetch(t, github, files{summaryPath: real(t, c.file)})
		if snap.Status != c.want || snap.StatusRaw != c.raw || snap.Description != c.desc {
			t.Errorf("%s: %q %q %q", c.file, snap.Status, snap.StatusRaw, snap.Description)
		}
		if len(snap.Components) != 0 || len(snap.Incidents) != 0 {
			t.Errorf("%s: components or incidents out of nowhere", c.file)
		}
	}
}

func TestRealGolden(t *testing.T) {
	snap := fetch(t, github, files{summaryPath: real(t, "github-summary-2020-05-22-unresolved-incident-upcoming-maint.json")})
	adaptertest.Golden(t, "real-github-summary-2020-05-22", snap)
}

// GitHub's pseudo-component "Visit www.githubstatus.com for more
// information" has showcase: false; the page shows no uptime for it, and
// the snapshot says so. Every real component is showcased.
func TestRealShowcaseFalse(t *testing.T) {
	snap := fetch(t, github, files{summaryPath: real(t, "github-summary-2026-07-31.json")})
	var none []string
	for _, c := range snap.Components {
		if c.NoUptime {
			none = append(none, c.Name)
		}
	}
	if len(none) != 1 || !strings.HasPrefix(none[0], "Visit www.githubstatus.com") {
		t.Errorf("components without uptime: %q, want only the pseudo-component", none)
	}
}
