package slack

import (
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/adaptertest"
)

const (
	base    = "https://slack-status.com"
	curURL  = base + currentPath
	histURL = base + historyPath
	realRel = "slack/history-2026-08-18-first5-entries.json"
)

func read(t *testing.T, f adapters.Fetcher) *adapters.Snapshot {
	t.Helper()
	return adaptertest.Fetch(t, New(), f, base)
}

// TestRealHistory checks the real recorded history with an "ok" current.
func TestRealHistory(t *testing.T) {
	hist := adaptertest.Real(t, realRel)
	snap := read(t, adaptertest.MapFetcher{
		curURL:  []byte(`{"status":"ok","active_incidents":[],"date_created":"2026-08-18T10:00:00-07:00","date_updated":"2026-08-18T10:00:00-07:00"}`),
		histURL: hist,
	})
	if snap.Status != adapters.Operational || snap.StatusRaw != "ok" {
		t.Errorf("status = %s (%q), want operational (ok)", snap.Status, snap.StatusRaw)
	}
	var ids []string
	for _, in := range snap.Incidents {
		ids = append(ids, in.ID)
	}
	if got := strings.Join(ids, ","); got != "1576,1575,1574,1573,1572" {
		t.Errorf("incident order = %s", got)
	}
	tests := []struct {
		id       string
		updates  int
		status   string
		started  string
		resolved string
		services string
	}{
		{"1576", 6, "investigating", "2026-08-13T21:21:41Z", "", "Messaging,Workspace/Org Administration"},
		{"1575", 3, "resolved", "2026-08-06T22:22:35Z", "2026-08-07T01:07:04Z", "Search"},
		{"1574", 3, "resolved", "2026-07-28T02:13:57Z", "2026-07-28T03:43:47Z", "Apps/Integrations/APIs"},
		{"1573", 5, "resolved", "2026-07-24T08:22:54Z", "2026-07-24T10:47:02Z", "Workflows"},
		{"1572", 3, "resolved", "2026-07-24T02:18:40Z", "2026-07-24T03:20:37Z", "Notifications"},
	}
	for _, tt := range tests {
		in := adaptertest.Incident(t, snap, tt.id)
		if len(in.Updates) != tt.updates {
			t.Errorf("%s: %d updates, want %d", tt.id, len(in.Updates), tt.updates)
		}
		if in.Status != tt.status || in.StatusRaw == "" {
			t.Errorf("%s: status %q raw %q, want %q", tt.id, in.Status, in.StatusRaw, tt.status)
		}
		if !in.StartedAt.Equal(adaptertest.UTC(tt.started)) || in.StartedAt.Location() != time.UTC {
			t.Errorf("%s: started %v, want %s UTC", tt.id, in.StartedAt, tt.started)
		}
		if tt.resolved == "" && !in.Open() {
			t.Errorf("%s: resolved at %v, want open", tt.id, in.ResolvedAt)
		}
		if tt.resolved != "" && !in.ResolvedAt.Equal(adaptertest.UTC(tt.resolved)) {
			t.Errorf("%s: resolved %v, want %s", tt.id, in.ResolvedAt, tt.resolved)
		}
		var names []string
		for _, c := range in.Components {
			names = append(names, c.Name)
			if c.Status != adapters.PartialOutage {
				t.Errorf("%s: component %s status %s, want partial_outage", tt.id, c.Name, c.Status)
			}
		}
		if got := strings.Join(names, ","); got != tt.services {
			t.Errorf("%s: components %s, want %s", tt.id, got, tt.services)
		}
		if in.Kind != adapters.KindIncident || in.Impact != adapters.ImpactMajor || in.ImpactRaw != "incident" {
			t.Errorf("%s: kind %s impact %s (%q)", tt.id, in.Kind, in.Impact, in.ImpactRaw)
		}
		for i := 1; i < len(in.Updates); i++ {
			if in.Updates[i].CreatedAt.After(in.Updates[i-1].CreatedAt) {
				t.Errorf("%s: updates not newest first at %d", tt.id, i)
			}
		}
	}

	// Notes are oldest first in Slack's data: the newest note becomes the
	// first update, carrying "resolved" for a resolved incident.
	in := adaptertest.Incident(t, snap, "1575")
	first, last := in.Updates[0], in.Updates[len(in.Updates)-1]
	if first.ID != "1575-3" || first.Status != "resolved" || !first.CreatedAt.Equal(adaptertest.UTC("2026-08-07T01:07:04Z")) {
		t.Errorf("newest update = %+v", first)
	}
	wantBody := "We've completed the rollback of the recent change that was the trigger of the issue. The Search bar and Admin dashboard is restored for all users.\nWe apologize for the inconvenience caused to you and your business."
	if first.Body != wantBody {
		t.Errorf("newest body =\n%q\nwant\n%q", first.Body, wantBody)
	}
	if last.ID != "1575-1" || last.Status != "update" || !strings.HasPrefix(last.Body, "Since approximately 21:00 UTC on August 6") {
		t.Errorf("oldest update = %+v", last)
	}
	// "&nbsp;</p><p><br></p><p>" collapses to one paragraph break.
	open := adaptertest.Incident(t, snap, "1576")
	if b := open.Updates[0].Body; !strings.HasSuffix(b, "paused for affected customers.\n\nWe will provide another update as additional information becomes available.") {
		t.Errorf("1576 newest body = %q", b)
	}

	// "ok" wins, but components still come from history: all operational,
	// with the last time an incident naming them started or ended.
	wantComps := map[string]string{
		"apps-integrations-apis":       "2026-07-28T03:43:47Z",
		"messaging":                    "2026-08-13T21:21:41Z",
		"notifications":                "2026-07-24T03:20:37Z",
		"search":                       "2026-08-07T01:07:04Z",
		"workflows":                    "2026-07-24T10:47:02Z",
		"workspace-org-administration": "2026-08-13T21:21:41Z",
	}
	if len(snap.Components) != len(wantComps) {
		t.Fatalf("%d components, want %d: %+v", len(snap.Components), len(wantComps), snap.Components)
	}
	for i, c := range snap.Components {
		if c.Position != i+1 {
			t.Errorf("%s position %d, want %d", c.ID, c.Position, i+1)
		}
		if i > 0 && snap.Components[i-1].Name > c.Name {
			t.Errorf("components not sorted by name at %s", c.Name)
		}
		if !c.UpdatedAt.Equal(adaptertest.UTC(wantComps[c.ID])) {
			t.Errorf("%s updated %v, want %s", c.ID, c.UpdatedAt, wantComps[c.ID])
		}
	}
}

// TestCurrentActive: the written /current fixture (documented shape, string
// id) overrides the same incident in history and drives the statuses.
func TestCurrentActive(t *testing.T) {
	hist := adaptertest.Real(t, realRel)
	snap := read(t, adaptertest.MapFetcher{curURL: adaptertest.Testdata(t, "current-active.json"), histURL: hist})
	if snap.Status != adapters.PartialOutage || snap.StatusRaw != "active" {
		t.Errorf("status = %s (%q), want partial_outage (active)", snap.Status, snap.StatusRaw)
	}
	if len(snap.Incidents) != 5 {
		t.Fatalf("%d incidents, want 5 (1576 in both documents counts once)", len(snap.Incidents))
	}
	in := adaptertest.Incident(t, snap, "1576")
	if len(in.Updates) != 7 {
		t.Errorf("1576 has %d updates, want the 7 of /current", len(in.Updates))
	}
	if b := in.Updates[0].Body; b != "Technical Summary:\nRetention jobs are resuming in stages.\nWe'll share another update by 13:00 PDT." {
		t.Errorf("plain text note = %q", b)
	}
	want := map[string]adapters.Status{
		"messaging": adapters.PartialOutage, "workspace-org-administration": adapters.PartialOutage,
		"search": adapters.Operational, "workflows": adapters.Operational,
	}
	for _, c := range snap.Components {
		if w, ok := want[c.ID]; ok && c.Status != w {
			t.Errorf("%s = %s, want %s", c.ID, c.Status, w)
		}
	}
	adaptertest.Golden(t, "current-active-history", snap)
}

// TestTypes covers the types and statuses the real capture lacks, written
// in the documented shape.
func TestTypes(t *testing.T) {
	hist := `[
	 {"id": 10, "type": "outage", "status": "active", "title": "Slack is down", "date_created": "2026-01-02T10:00:00+01:00", "date_updated": "2026-01-02T10:30:00+01:00", "services": ["Connectivity", "Messaging"], "notes": [{"date_created": "2026-01-02T10:00:00+01:00", "body": "<p>Down.</p>"}]},
	 {"id": "11", "type": "maintenance", "status": "scheduled", "title": "Planned", "date_created": "2026-01-03T00:00:00Z", "date_updated": "2026-01-03T00:00:00Z", "services": ["Files"], "notes": null},
	 {"id": 12, "type": "maintenance", "status": "completed", "title": "Done", "date_created": "2025-12-01T00:00:00Z", "date_updated": "2025-12-01T02:00:00Z", "services": ["Files"], "notes": [{"date_created": "2025-12-01T00:00:00Z", "body": "<p>Start</p>"}, {"date_created": "2025-12-01T01:59:00Z", "body": "<ul><li>a</li><li><b>b</b></li></ul>"}]},
	 {"id": 13, "type": "notice", "status": "active", "title": "FYI", "date_created": "2026-01-01T00:00:00Z", "date_updated": null, "services": ["Calls"]},
	 {"id": 14, "type": "incident", "status": "active", "title": "Slow", "date_created": "2026-01-02T09:00:00Z", "date_updated": "2026-01-02T09:00:00Z", "services": ["Messaging"], "notes": [], "extra": {"ignored": true}}
	]`
	snap := read(t, adaptertest.MapFetcher{
		curURL:  []byte(`{"status":"active","active_incidents":[],"date_created":"2026-01-02T10:00:00Z","date_updated":"2026-01-02T10:00:00Z"}`),
		histURL: []byte(hist),
	})
	if snap.Status != adapters.MajorOutage {
		t.Errorf("overall = %s, want major_outage", snap.Status)
	}
	tests := []struct {
		id     string
		kind   adapters.Kind
		impact adapters.Impact
		status string
		open   bool
	}{
		{"10", adapters.KindIncident, adapters.ImpactCritical, "investigating", true},
		{"11", adapters.KindMaintenance, adapters.ImpactMaintenance, "scheduled", true},
		{"12", adapters.KindMaintenance, adapters.ImpactMaintenance, "completed", false},
		{"13", adapters.KindIncident, adapters.ImpactNone, "investigating", true},
		{"14", adapters.KindIncident, adapters.ImpactMajor, "investigating", true},
	}
	for _, tt := range tests {
		in := adaptertest.Incident(t, snap, tt.id)
		if in.Kind != tt.kind || in.Impact != tt.impact || in.Status != tt.status || in.Open() != tt.open {
			t.Errorf("%s: kind %s impact %s status %s open %v, want %s %s %s %v", tt.id, in.Kind, in.Impact, in.Status, in.Open(), tt.kind, tt.impact, tt.status, tt.open)
		}
	}
	if got := adaptertest.Incident(t, snap, "10").StartedAt; !got.Equal(adaptertest.UTC("2026-01-02T09:00:00Z")) || got.Location() != time.UTC {
		t.Errorf("offset not converted to UTC: %v", got)
	}
	done := adaptertest.Incident(t, snap, "12")
	if done.Updates[0].Status != "completed" || done.Updates[0].Body != "- a\n- **b**" || !done.ResolvedAt.Equal(adaptertest.UTC("2025-12-01T01:59:00Z")) {
		t.Errorf("completed maintenance = %+v", done)
	}
	// Incidents 10 and 14 start at the same instant in different offsets:
	// the id breaks the tie.
	var ids []string
	for _, in := range snap.Incidents {
		ids = append(ids, in.ID)
	}
	if got := strings.Join(ids, ","); got != "11,10,14,13,12" {
		t.Errorf("order = %s, want 11,10,14,13,12", got)
	}
	want := map[string]adapters.Status{
		"connectivity": adapters.MajorOutage, "messaging": adapters.MajorOutage,
		"files": adapters.Operational, "calls": adapters.Operational,
	}
	for _, c := range snap.Components {
		if c.Status != want[c.ID] {
			t.Errorf("%s = %s, want %s", c.ID, c.Status, want[c.ID])
		}
	}
}

func TestOverall(t *testing.T) {
	inc := func(typ, status string) string {
		return `{"id":1,"type":"` + typ + `","status":"` + status + `","date_created":"2026-01-01T00:00:00Z","services":["X"]}`
	}
	tests := []struct {
		name, current string
		want          adapters.Status
	}{
		{"ok", `{"status":"ok","active_incidents":[]}`, adapters.Operational},
		{"ok wins over a listed incident", `{"status":"ok","active_incidents":[` + inc("outage", "active") + `]}`, adapters.Operational},
		{"active incident", `{"status":"active","active_incidents":[` + inc("incident", "active") + `]}`, adapters.PartialOutage},
		{"active maintenance", `{"status":"active","active_incidents":[` + inc("maintenance", "active") + `]}`, adapters.Maintenance},
		{"scheduled maintenance only", `{"status":"active","active_incidents":[` + inc("maintenance", "scheduled") + `]}`, adapters.Operational},
		{"notice only", `{"status":"active","active_incidents":[` + inc("notice", "active") + `]}`, adapters.Operational},
		{"unknown word, nothing listed", `{"status":"broken","active_incidents":[]}`, adapters.Unknown},
		{"unknown word with outage", `{"status":"broken","active_incidents":[` + inc("outage", "active") + `]}`, adapters.MajorOutage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snap := read(t, adaptertest.MapFetcher{curURL: []byte(tt.current), histURL: []byte(`[]`)})
			if snap.Status != tt.want {
				t.Errorf("status = %s, want %s", snap.Status, tt.want)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	okCur := []byte(`{"status":"ok","active_incidents":[]}`)
	tests := []adaptertest.Failure{
		{Name: "current 503", F: adaptertest.ErrorFetcher{Files: adaptertest.MapFetcher{histURL: []byte(`[]`)}, Fail: map[string]int{curURL: 503}}, URL: curURL, Say: "503"},
		{Name: "history 503", F: adaptertest.ErrorFetcher{Files: adaptertest.MapFetcher{curURL: okCur}, Fail: map[string]int{histURL: 503}}, URL: histURL, Say: "503"},
		{Name: "current is HTML", F: adaptertest.MapFetcher{curURL: []byte("<!DOCTYPE html><html><body>Slack</body></html>"), histURL: []byte(`[]`)}, URL: curURL, Say: "decode"},
		{Name: "history is HTML", F: adaptertest.MapFetcher{curURL: okCur, histURL: []byte("<html>maintenance</html>")}, URL: histURL, Say: "decode"},
		{Name: "history is an object", F: adaptertest.MapFetcher{curURL: okCur, histURL: []byte(`{"status":"ok"}`)}, URL: histURL, Say: "decode"},
		{Name: "current without status", F: adaptertest.MapFetcher{curURL: []byte(`{}`), histURL: []byte(`[]`)}, URL: curURL, Say: "no status"},
		{Name: "bad time", F: adaptertest.MapFetcher{curURL: okCur, histURL: []byte(`[{"id":1,"date_created":"yesterday"}]`)}, URL: histURL, Say: "yesterday"},
		{Name: "bad id", F: adaptertest.MapFetcher{curURL: okCur, histURL: []byte(`[{"id":{"a":1}}]`)}, URL: histURL, Say: "id"},
	}
	adaptertest.FetchFailures(t, New(), base, tests)
}

func TestCapabilities(t *testing.T) {
	a := New()
	if a.Name() != "slack" {
		t.Errorf("name = %q", a.Name())
	}
	c := a.Capabilities()
	if !c.Components || !c.Maintenance || !c.Timeline {
		t.Errorf("capabilities = %+v", c)
	}
}

// FuzzDecode feeds both decoders and the whole normalization arbitrary
// bytes: errors are fine, panics are not.
func FuzzDecode(f *testing.F) {
	f.Add(adaptertest.Testdata(f, "current-active.json"))
	f.Add(adaptertest.Real(f, realRel))
	f.Add([]byte(`[{"id":1,"notes":[{"body":"<p>x<b>y"}],"services":["a",""]}]`))
	f.Add([]byte(`{"status":"active","active_incidents":[{"id":"x","type":"maintenance","status":"active"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		cur, errC := decodeCurrent(b)
		hist, errH := decodeHistory(b)
		if errC == nil {
			adaptertest.CheckContract(t, build(cur, hist))
		}
		if errH == nil {
			adaptertest.CheckContract(t, build(&current{Status: "active"}, hist))
		}
	})
}
