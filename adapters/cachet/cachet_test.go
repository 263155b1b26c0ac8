package cachet

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin without the system's zoneinfo

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/adaptertest"
	"github.com/uptimus/uptimus/adapters/internal/jsonx"
)

// The fixtures under testdata are written from Cachet 2.x's API (its
// controllers and presenters: pagination meta, numeric statuses, zone-less
// dates) and the HTML its status page renders; no recorded response exists
// (see testdata/real/SOURCES.md, "Not found").

const page = "https://status.example.com"

const (
	componentsURL = page + "/api/v1/components?per_page=100"
	groupsURL     = page + "/api/v1/components/groups?per_page=100"
	incidentsURL  = page + "/api/v1/incidents?sort=id&order=desc&per_page=100"
	schedulesURL  = page + "/api/v1/schedules?per_page=100"
)

// full is a Cachet 2.4 page: groups, schedules, updates, and HTML.
func full(t testing.TB) adaptertest.MapFetcher {
	return adaptertest.MapFetcher{
		page:                                  adaptertest.Testdata(t, "page.html"),
		componentsURL:                         adaptertest.Testdata(t, "components-1.json"),
		componentsURL + "&page=2":             adaptertest.Testdata(t, "components-2.json"),
		groupsURL:                             adaptertest.Testdata(t, "groups.json"),
		incidentsURL:                          adaptertest.Testdata(t, "incidents.json"),
		page + "/api/v1/incidents/41/updates": adaptertest.Testdata(t, "updates-41.json"),
		schedulesURL:                          adaptertest.Testdata(t, "schedules.json"),
	}
}

// legacy is an older Cachet: no groups, schedules or updates endpoints,
// and no HTML to learn the offset from.
func legacy(t testing.TB) adaptertest.MapFetcher {
	return adaptertest.MapFetcher{
		componentsURL:             adaptertest.Testdata(t, "components-1.json"),
		componentsURL + "&page=2": adaptertest.Testdata(t, "components-2.json"),
		incidentsURL:              adaptertest.Testdata(t, "incidents.json"),
	}
}

func read(t *testing.T, a adapters.Adapter, f adapters.Fetcher) *adapters.Snapshot {
	t.Helper()
	snap := adaptertest.Fetch(t, a, f, page)
	adaptertest.CheckGroupsFirst(t, snap)
	return snap
}

func incidentByID(snap *adapters.Snapshot, id string) adapters.Incident {
	for _, inc := range snap.Incidents {
		if inc.ID == id {
			return inc
		}
	}
	return adapters.Incident{}
}

func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

func TestName(t *testing.T) {
	if New().Name() != "cachet" || New().Capabilities().HistoryWindow != MaxPages*PerPage {
		t.Errorf("Name %q, capabilities %+v", New().Name(), New().Capabilities())
	}
}

func TestGolden(t *testing.T) {
	odd := adaptertest.MapFetcher{componentsURL: adaptertest.Testdata(t, "components-odd.json"), incidentsURL: adaptertest.Testdata(t, "incidents-odd.json")}
	tests := []struct {
		name string
		f    adapters.Fetcher
	}{{"full", full(t)}, {"legacy", legacy(t)}, {"odd", odd}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snap := read(t, New(), tt.f)
			adaptertest.Golden(t, tt.name, snap)
		})
	}
}

func TestComponentsAndGroups(t *testing.T) {
	snap := read(t, New(), full(t))
	var got []string
	for _, c := range snap.Components {
		got = append(got, c.ID+":"+c.Name+"="+string(c.Status))
	}
	// Two pages were read (the next-page link is http://, kept on our host);
	// the disabled "Old forum" is left out; groups come with their members.
	want := "1:Website=operational,group:2:Communication=operational,6:Mailing lists=operational," +
		"group:1:Build infrastructure=degraded,2:Open Build Service=degraded,3:Download mirrors=operational,4:Wiki=operational"
	if strings.Join(got, ",") != want {
		t.Errorf("components:\n got %s\nwant %s", strings.Join(got, ","), want)
	}
	// Without the groups endpoint the members stay ungrouped.
	for _, c := range read(t, New(), legacy(t)).Components {
		if c.Group || c.GroupID != "" {
			t.Errorf("legacy component %+v is grouped", c)
		}
	}
}

func TestIncidentsAndZone(t *testing.T) {
	snap := read(t, New(), full(t))
	if !snap.IncidentsComplete {
		t.Error("one page of incidents is the whole list")
	}
	open := incidentByID(snap, "42")
	// 15:03 on the page, whose November times carry +01:00.
	if !open.StartedAt.Equal(utc(2026, 11, 20, 14, 3)) || open.Status != "identified" || !open.Open() {
		t.Errorf("incident 42 = %+v", open)
	}
	if len(open.Updates) != 2 || open.Updates[0].ID != "101" || open.Updates[1].ID != "incident-42" || open.Updates[1].Status != "investigating" {
		t.Errorf("incident 42 updates = %+v", open.Updates)
	}
	if len(open.Components) != 1 || open.Components[0].Name != "Open Build Service" {
		t.Errorf("incident 42 components = %+v", open.Components)
	}
	fixed := incidentByID(snap, "41")
	// July times carry +02:00; updates came from /incidents/41/updates.
	if !fixed.StartedAt.Equal(utc(2026, 7, 14, 8, 20)) || !fixed.ResolvedAt.Equal(utc(2026, 7, 14, 9, 2)) || fixed.StatusRaw != "4" {
		t.Errorf("incident 41 = start %v resolved %v raw %q", fixed.StartedAt, fixed.ResolvedAt, fixed.StatusRaw)
	}
	if len(fixed.Updates) != 3 || fixed.Updates[0].Status != "resolved" {
		t.Errorf("incident 41 updates = %+v", fixed.Updates)
	}
	if incidentByID(snap, "39").ID != "" {
		t.Error("invisible incident 39 listed")
	}
	old := incidentByID(snap, "40")
	if old.Kind != adapters.KindMaintenance || old.Status != "scheduled" || old.Impact != adapters.ImpactMaintenance {
		t.Errorf("status-0 incident = %+v", old)
	}
	// The nearest hint (July, +02:00) is wrong for 28 March by an hour:
	// the documented limit of offset hints, which NewIn removes.
	if !old.ScheduledFor.Equal(utc(2026, 3, 28, 18, 0)) {
		t.Errorf("hinted scheduled_for = %v", old.ScheduledFor)
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	in := read(t, NewIn(berlin), full(t))
	if got := incidentByID(in, "40").ScheduledFor; !got.Equal(utc(2026, 3, 28, 19, 0)) {
		t.Errorf("NewIn(Berlin) scheduled_for = %v", got)
	}
	if got := incidentByID(in, "41").StartedAt; !got.Equal(utc(2026, 7, 14, 8, 20)) {
		t.Errorf("NewIn(Berlin) started = %v", got)
	}
	// No HTML: UTC.
	if got := incidentByID(read(t, New(), legacy(t)), "42").StartedAt; !got.Equal(utc(2026, 11, 20, 15, 3)) {
		t.Errorf("legacy started = %v, want the wall time read as UTC", got)
	}
}

func TestSchedules(t *testing.T) {
	snap := read(t, New(), full(t))
	up := incidentByID(snap, "schedule:7")
	// completed_at of an upcoming window is Cachet's "now", not an end.
	if up.Status != "scheduled" || !up.ScheduledFor.Equal(utc(2026, 11, 28, 5, 0)) || !up.ScheduledUntil.IsZero() || !up.Open() {
		t.Errorf("upcoming = %+v", up)
	}
	if len(up.Components) != 1 || up.Components[0].Name != "Mailing lists" {
		t.Errorf("upcoming components = %+v", up.Components)
	}
	if run := incidentByID(snap, "schedule:6"); run.Status != "in_progress" || len(run.Updates) != 0 {
		t.Errorf("running = %+v", run)
	}
	done := incidentByID(snap, "schedule:5")
	if done.Status != "completed" || !done.ResolvedAt.Equal(utc(2026, 6, 1, 4, 30)) || done.ScheduledUntil != done.ResolvedAt {
		t.Errorf("complete = %+v", done)
	}
	// A window runs, but a component has performance issues: unplanned
	// trouble outranks maintenance.
	if snap.Status != adapters.Degraded {
		t.Errorf("status = %q, want degraded (a component is, while a window runs)", snap.Status)
	}
	if legacySnap := read(t, New(), legacy(t)); legacySnap.Status != adapters.Degraded {
		t.Errorf("legacy status = %q", legacySnap.Status)
	}
}

func TestOddTypes(t *testing.T) {
	f := adaptertest.MapFetcher{componentsURL: adaptertest.Testdata(t, "components-odd.json"), incidentsURL: adaptertest.Testdata(t, "incidents-odd.json")}
	snap := read(t, New(), f)
	var got []string
	for _, c := range snap.Components {
		got = append(got, c.ID+"="+string(c.Status)+"/"+c.GroupID)
	}
	if strings.Join(got, ",") != "3=partial_outage/,8=unknown/" {
		t.Errorf("components = %v", got)
	}
	if len(snap.Incidents) != 2 {
		t.Fatalf("%d incidents, want 2", len(snap.Incidents))
	}
	s := incidentByID(snap, "12")
	if s.Status != "investigating" || !s.StartedAt.Equal(utc(2026, 11, 19, 8, 0)) || s.Components[0].ID != "3" || len(s.Updates) != 0 {
		t.Errorf("incident 12 = %+v", s)
	}
	if u := incidentByID(snap, "11"); u.StatusRaw != "9" || !u.StartedAt.Equal(utc(2026, 11, 18, 8, 0)) {
		t.Errorf("incident 11 = %+v", u)
	}
}

// pager answers every incidents page with a link to the next one.
type pager struct{ asked int }

func (p *pager) Get(ctx context.Context, u string) ([]byte, error) {
	switch {
	case strings.HasPrefix(u, page+"/api/v1/incidents?"):
		p.asked++
		return []byte(fmt.Sprintf(`{"meta":{"pagination":{"links":{"next_page":"http://x/api/v1/incidents?sort=id&order=desc&per_page=100&page=%d"}}},"data":[{"id":%d,"name":"n","status":4,"created_at":"2026-01-01 00:00:00","updates":[]}]}`, p.asked+1, 1000-p.asked)), nil
	case strings.HasPrefix(u, page+"/api/v1/components?"):
		return []byte(`{"data":[]}`), nil
	}
	return nil, &adaptertest.StatusError{URL: u, Code: 404}
}

func TestPaginationBound(t *testing.T) {
	p := &pager{}
	snap := read(t, New(), p)
	if p.asked != MaxPages || len(snap.Incidents) != MaxPages || snap.IncidentsComplete {
		t.Errorf("asked %d pages, %d incidents, complete %v", p.asked, len(snap.Incidents), snap.IncidentsComplete)
	}
}

func TestErrors(t *testing.T) {
	html := []byte("<html><body>Whoops, looks like something went wrong.</body></html>")
	withFail := func(u string, code int) adapters.Fetcher {
		return adaptertest.ErrorFetcher{Files: full(t), Fail: map[string]int{u: code}}
	}
	replace := func(u string, body []byte) adapters.Fetcher {
		m := full(t)
		m[u] = body
		return m
	}
	tests := []adaptertest.Failure{
		{Name: "components 503", F: withFail(componentsURL, 503), URL: componentsURL},
		{Name: "components 404", F: withFail(componentsURL, 404), URL: componentsURL},
		{Name: "page 2 503", F: withFail(componentsURL+"&page=2", 503), URL: componentsURL + "&page=2"},
		{Name: "incidents 500", F: withFail(incidentsURL, 500), URL: incidentsURL},
		{Name: "schedules 503", F: withFail(schedulesURL, 503), URL: schedulesURL},
		{Name: "updates 502", F: withFail(page+"/api/v1/incidents/41/updates", 502), Say: "/incidents/41/updates"},
		{Name: "page HTML 503", F: withFail(page, 503), URL: page},
		{Name: "incidents HTML", F: replace(incidentsURL, html), Say: "decode " + incidentsURL},
		{Name: "incidents without data", F: replace(incidentsURL, []byte(`{"data":{"id":1}}`)), Say: "no data list"},
	}
	adaptertest.FetchFailures(t, New(), page, tests)
}

func FuzzDecode(f *testing.F) {
	for _, name := range []string{"components-1.json", "groups.json", "incidents.json", "updates-41.json", "schedules.json", "incidents-odd.json", "components-odd.json", "page.html"} {
		f.Add(adaptertest.Testdata(f, name))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		z := zone{hints: zoneHintsFrom(body)}
		doc, err := DecodeList(body)
		if err != nil {
			return
		}
		in := input{
			components: jsonx.Elements[componentItem](doc.Data),
			groups:     jsonx.Elements[groupItem](doc.Data),
			incidents:  jsonx.Elements[incidentItem](doc.Data),
			schedules:  jsonx.Elements[scheduleItem](doc.Data),
		}
		adaptertest.CheckContract(t, buildSnapshot(in, z))
	})
}
