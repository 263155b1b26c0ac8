package statusio

import (
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/adaptertest"
)

// The fixtures under testdata are written from status.io's public status
// API (api.status.io/1.0/status/<page_id>) and its API reference (status
// and state codes, incident and maintenance objects); no recorded response
// exists (see testdata/real/SOURCES.md, "Not found").

const (
	page   = "https://status.example.com"
	pageID = "5b36dc6502d06804c08349f7"
	apiURL = "https://api.status.io/1.0/status/" + pageID
)

func files(t testing.TB, status string) adaptertest.MapFetcher {
	return adaptertest.MapFetcher{page: adaptertest.Testdata(t, "page.html"), apiURL: adaptertest.Testdata(t, status)}
}

func read(t *testing.T, f adapters.Fetcher, u string) *adapters.Snapshot {
	t.Helper()
	snap := adaptertest.Fetch(t, New(), f, u)
	adaptertest.CheckGroupsFirst(t, snap)
	return snap
}

func TestName(t *testing.T) {
	if New().Name() != "statusio" {
		t.Errorf("Name() = %q", New().Name())
	}
}

func TestPageID(t *testing.T) {
	tests := []struct{ url, want string }{
		{apiURL, pageID},
		{"https://status.example.com/?page_id=5B36DC6502D06804C08349F7", pageID},
		{"https://status.example.com/pages/history/" + pageID, pageID},
		{"https://status.example.com", ""},
		{"https://status.example.com/pages/history/1234", ""},
	}
	for _, tt := range tests {
		got, err := PageID(tt.url)
		if got != tt.want || (err == nil) != (tt.want != "") {
			t.Errorf("PageID(%s) = %q, %v; want %q", tt.url, got, err, tt.want)
		}
	}
	if got := FindPageID(adaptertest.Testdata(t, "page.html")); got != pageID {
		t.Errorf("FindPageID(page.html) = %q: a bare 24-hex value must not win over the page's links", got)
	}
	for _, html := range []string{
		`<script>window.statuspage_id = "` + pageID + `";</script>`,
		`<a href="https://status.example.com/pages/incident/` + pageID + `/6abea6ac2dc48705ab3d9c9e">`,
		`fetch("https://api.status.io/1.0/status/` + pageID + `")`,
	} {
		if got := FindPageID([]byte(html)); got != pageID {
			t.Errorf("FindPageID(%s) = %q", html, got)
		}
	}
	if got := FindPageID([]byte(`<p>build 0123456789abcdef01234567</p>`)); got != "" {
		t.Errorf("FindPageID took an unmarked hex string: %q", got)
	}
}

func TestGolden(t *testing.T) {
	for _, name := range []string{"normal", "incident", "maintenance", "odd"} {
		t.Run(name, func(t *testing.T) {
			snap := read(t, files(t, "status-"+name+".json"), page)
			adaptertest.Golden(t, name, snap)
		})
	}
}

func TestNormal(t *testing.T) {
	snap := read(t, files(t, "status-normal.json"), page)
	if snap.Status != adapters.Operational || snap.StatusRaw != "100" || snap.Description != "Operational" {
		t.Errorf("status = %q %q %q", snap.Status, snap.StatusRaw, snap.Description)
	}
	var got []string
	for _, c := range snap.Components {
		s := c.ID
		if c.Group {
			s += "[group]"
		}
		got = append(got, s)
	}
	// Containers repeat across components, so children combine both ids.
	want := "5b36dc6502d06804c08349f9[group],5b36dc6502d06804c08349f9/5b36dc6502d06804c08349fa," +
		"5b36dc6502d06804c0834a01[group],5b36dc6502d06804c0834a01/5b36dc6502d06804c08349fa,5b36dc6502d06804c0834a01/5b36dc6502d06804c08349fb," +
		"5b36dc6502d06804c0834a02"
	if strings.Join(got, ",") != want {
		t.Errorf("components:\n got %s\nwant %s", strings.Join(got, ","), want)
	}
}

func TestIncident(t *testing.T) {
	snap := read(t, files(t, "status-incident.json"), page)
	if snap.Status != adapters.MajorOutage || snap.StatusRaw != "500" {
		t.Errorf("status = %q %q", snap.Status, snap.StatusRaw)
	}
	up, inc := snap.Incidents[0], snap.Incidents[1]
	if inc.ID != "6abea6ac2dc48705ab3d9c9e" || inc.Status != "identified" || inc.StatusRaw != "200" {
		t.Errorf("incident = %+v", inc)
	}
	if inc.Impact != adapters.ImpactCritical || inc.ImpactRaw != "500" || !inc.Open() {
		t.Errorf("impact %q (%q), open %v", inc.Impact, inc.ImpactRaw, inc.Open())
	}
	if inc.URL != page+"/pages/incident/"+pageID+"/6abea6ac2dc48705ab3d9c9e" {
		t.Errorf("URL = %s", inc.URL)
	}
	if len(inc.Components) != 1 || inc.Components[0].ID != "5b36dc6502d06804c0834a01/5b36dc6502d06804c08349fb" || inc.Components[0].Name != "europe-west1" {
		t.Errorf("affected = %+v", inc.Components)
	}
	if len(inc.Updates) != 2 || inc.Updates[0].Status != "identified" || inc.Updates[1].Status != "investigating" {
		t.Errorf("updates = %+v", inc.Updates)
	}
	if up.Kind != adapters.KindMaintenance || up.Status != "scheduled" || !up.ScheduledFor.Equal(time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("upcoming = %+v", up)
	}
	// Website has a named container; API has none, so the component itself.
	if len(up.Components) != 2 || up.Components[0].Name != "us-east1" || up.Components[1].ID != "5b36dc6502d06804c0834a02" {
		t.Errorf("upcoming affected = %+v", up.Components)
	}
}

func TestMaintenance(t *testing.T) {
	snap := read(t, files(t, "status-maintenance.json"), page)
	if snap.Status != adapters.Maintenance {
		t.Errorf("status = %q", snap.Status)
	}
	m := snap.Incidents[0]
	if m.Status != "in_progress" || m.Updates[0].Body != "Maintenance has started." || m.Updates[0].Status != "in_progress" {
		t.Errorf("maintenance = %+v", m)
	}
	if !m.StartedAt.Equal(time.Date(2026, 11, 20, 13, 0, 0, 0, time.UTC)) || m.ScheduledUntil.Sub(m.ScheduledFor) != 2*time.Hour {
		t.Errorf("window = %v .. %v", m.ScheduledFor, m.ScheduledUntil)
	}
}

func TestAPIURLDirectly(t *testing.T) {
	f := adaptertest.MapFetcher{apiURL: adaptertest.Testdata(t, "status-incident.json")}
	snap := read(t, f, apiURL)
	for _, inc := range snap.Incidents {
		if inc.URL != "" {
			t.Errorf("incident %s: URL %q, want none without a page host", inc.ID, inc.URL)
		}
	}
}

func TestOddTypes(t *testing.T) {
	snap := read(t, files(t, "status-odd.json"), page)
	// No overall status: the worst leaf (CDN, 400) against the open
	// incident (security event, 600 → critical).
	if snap.Status != adapters.MajorOutage || snap.StatusRaw != "" {
		t.Errorf("status = %q %q", snap.Status, snap.StatusRaw)
	}
	var got []string
	for _, c := range snap.Components {
		got = append(got, c.ID+"="+string(c.Status))
	}
	if strings.Join(got, ",") != "17=partial_outage,c2=unknown,c2/k1=degraded,name:No code=unknown" {
		t.Errorf("components = %v", got)
	}
	sec := snap.Incidents[0]
	if sec.ID != "i1" || sec.Impact != adapters.ImpactCritical || sec.Status != "monitoring" || len(sec.Components) != 0 {
		t.Errorf("incident = %+v", sec)
	}
	if !sec.StartedAt.Equal(time.Date(2026, 11, 19, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("start taken from the first message: %v", sec.StartedAt)
	}
	if none := snap.Incidents[1]; none.Status != "investigating" || none.Impact != adapters.ImpactMinor {
		t.Errorf("incident without messages = %+v", none)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		f    adapters.Fetcher
		url  string
		want string
	}{
		{"api 503", adaptertest.ErrorFetcher{Files: files(t, "status-normal.json"), Fail: map[string]int{apiURL: 503}}, page, apiURL},
		{"page 503", adaptertest.ErrorFetcher{Fail: map[string]int{page: 503}}, page, page},
		{"page without id", adaptertest.MapFetcher{page: []byte("<html>nothing</html>")}, page, "no status.io page id in " + page},
		{"api HTML", adaptertest.MapFetcher{apiURL: []byte("<html><body>502 Bad Gateway</body></html>")}, apiURL, "decode " + apiURL},
		{"api error", adaptertest.MapFetcher{apiURL: []byte(`{"status":{"error":"yes","message":"Page not found"}}`)}, apiURL, `"Page not found"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { adaptertest.FetchFails(t, New(), tt.f, tt.url, tt.want) })
	}
}

func FuzzDecode(f *testing.F) {
	for _, name := range []string{"status-normal.json", "status-incident.json", "status-maintenance.json", "status-odd.json", "page.html"} {
		f.Add(adaptertest.Testdata(f, name))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		FindPageID(body)
		doc, err := DecodeStatus(body)
		if err != nil {
			return
		}
		adaptertest.CheckContract(t, buildSnapshot(doc, page, pageID))
	})
}
