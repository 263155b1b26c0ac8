package statuspage

import (
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/adaptertest"
)

const example = "https://status.example.com"

// A Los Angeles page: times in -08:00 and -07:00 across both DST switches,
// groups whose children share names, unsorted incidents and updates.
func TestDSTAndGroups(t *testing.T) {
	snap := fetch(t, example, testdataPage(t, "dst-groups"))
	adaptertest.Golden(t, "dst-groups", snap)

	// Indicator major and the open major incident agree.
	if snap.Status != adapters.PartialOutage || snap.StatusRaw != "major" {
		t.Errorf("overall %q %q", snap.Status, snap.StatusRaw)
	}

	wantComps := []struct {
		id, name, group string
		isGroup         bool
		pos             int
		status          adapters.Status
		updated         string
	}{
		{"grpus", "US West", "", true, 1, adapters.PartialOutage, "2025-11-02T09:40:00Z"},
		{"usapi", "API", "grpus", false, 1, adapters.PartialOutage, "2025-11-02T09:40:00Z"},
		{"usdash", "Dashboard", "grpus", false, 2, adapters.Operational, "2025-07-04T19:00:00Z"},
		{"grpeu", "EU Central", "", true, 2, adapters.Operational, "2025-03-09T10:30:00.5Z"},
		{"euapi", "API", "grpeu", false, 1, adapters.Degraded, "2025-03-09T10:30:00.5Z"},
		// eudash has no group_id; its group lists it among its children.
		{"eudash", "Dashboard", "grpeu", false, 2, adapters.Maintenance, "2025-03-09T07:59:59Z"},
		{"billing", "Billing", "", false, 3, adapters.Operational, "2025-01-01T00:00:00Z"},
	}
	if len(snap.Components) != len(wantComps) {
		t.Fatalf("%d components, want %d", len(snap.Components), len(wantComps))
	}
	for i, w := range wantComps {
		c := snap.Components[i]
		if c.ID != w.id || c.Name != w.name || c.GroupID != w.group || c.Group != w.isGroup || c.Position != w.pos || c.Status != w.status || !c.UpdatedAt.Equal(adaptertest.UTC(w.updated)) {
			t.Errorf("component %d = %+v, want %+v", i, c, w)
		}
	}

	order := []string{}
	for _, inc := range snap.Incidents {
		order = append(order, inc.ID)
	}
	// dec1mnt sorts by its window (1 Dec), oct5mnt by its own (5 Oct).
	if got, want := strings.Join(order, " "), "dec1mnt nov2inc oct5mnt jul4inc mar8inc"; got != want {
		t.Errorf("order %q, want %q", got, want)
	}

	mar := adaptertest.Incident(t, snap, "mar8inc")
	for _, c := range []struct {
		what string
		got  time.Time
		want string
	}{
		{"created", mar.CreatedAt, "2025-03-09T07:30:00Z"},
		{"started", mar.StartedAt, "2025-03-09T07:25:00Z"},
		{"resolved", mar.ResolvedAt, "2025-03-09T10:30:00.5Z"},
	} {
		if !c.got.Equal(adaptertest.UTC(c.want)) {
			t.Errorf("mar8inc %s = %v, want %s", c.what, c.got, c.want)
		}
	}
	if got := updateIDs(mar); got != "mar8u3 mar8u2 mar8u1" {
		t.Errorf("mar8inc updates %q", got)
	}
	u2 := mar.Updates[1]
	if !u2.CreatedAt.Equal(adaptertest.UTC("2025-03-09T10:05:00Z")) || !u2.DisplayAt.Equal(adaptertest.UTC("2025-03-09T09:55:00Z")) {
		t.Errorf("mar8u2 created %v display %v", u2.CreatedAt, u2.DisplayAt)
	}
	if !mar.Updates[0].DisplayAt.IsZero() {
		t.Errorf("DisplayAt set although equal to created_at")
	}

	// The summary's copy of nov2inc is newer than the list's: it wins,
	// with the update posted in the repeated 01:xx hour after the switch.
	nov := adaptertest.Incident(t, snap, "nov2inc")
	if nov.Status != "identified" || len(nov.Updates) != 2 || !nov.Open() {
		t.Errorf("nov2inc %q with %d updates", nov.Status, len(nov.Updates))
	}
	if !nov.StartedAt.Equal(adaptertest.UTC("2025-11-02T08:15:00Z")) || !nov.UpdatedAt.Equal(adaptertest.UTC("2025-11-02T09:40:00Z")) {
		t.Errorf("nov2inc started %v updated %v", nov.StartedAt, nov.UpdatedAt)
	}
	if got := updateIDs(nov); got != "nov2u2 nov2u1" {
		t.Errorf("nov2inc updates %q", got)
	}
	if c := nov.Updates[1].Components; len(c) != 1 || c[0] != (adapters.ComponentRef{ID: "usapi", Name: "API", Status: adapters.PartialOutage}) {
		t.Errorf("nov2u1 components %+v", c)
	}

	// A postmortem without resolved_at ends at its newest update.
	jul := adaptertest.Incident(t, snap, "jul4inc")
	if !jul.ResolvedAt.Equal(adaptertest.UTC("2025-07-06T17:00:00Z")) || !jul.StartedAt.Equal(adaptertest.UTC("2025-07-04T08:59:59.999Z")) {
		t.Errorf("jul4inc started %v resolved %v", jul.StartedAt, jul.ResolvedAt)
	}

	// A completed maintenance with impact none and no resolved_at.
	oct := adaptertest.Incident(t, snap, "oct5mnt")
	if oct.Kind != adapters.KindMaintenance || oct.Impact != adapters.ImpactMaintenance || oct.ImpactRaw != "none" {
		t.Errorf("oct5mnt kind %q impact %q raw %q", oct.Kind, oct.Impact, oct.ImpactRaw)
	}
	if !oct.ResolvedAt.Equal(adaptertest.UTC("2025-10-05T11:00:30Z")) || !oct.ScheduledFor.Equal(adaptertest.UTC("2025-10-05T09:00:00Z")) {
		t.Errorf("oct5mnt resolved %v scheduled %v", oct.ResolvedAt, oct.ScheduledFor)
	}
	dec := adaptertest.Incident(t, snap, "dec1mnt")
	if !dec.Open() || !dec.ScheduledFor.Equal(adaptertest.UTC("2025-12-02T06:00:00Z")) || !dec.ScheduledUntil.Equal(adaptertest.UTC("2025-12-02T10:00:00Z")) {
		t.Errorf("dec1mnt %+v", dec)
	}
	if c := dec.Updates[0].Components; len(c) != 1 || c[0].Status != adapters.Maintenance {
		t.Errorf("dec1u1 components %+v", c)
	}
}

func updateIDs(inc adapters.Incident) string {
	ids := make([]string, len(inc.Updates))
	for i, u := range inc.Updates {
		ids[i] = u.ID
	}
	return strings.Join(ids, " ")
}

// Null, missing and oddly typed fields never fail the page.
func TestOddFields(t *testing.T) {
	snap := fetch(t, example, testdataPage(t, "odd-fields"))
	if snap.Status != adapters.Degraded || snap.Description != "42" {
		t.Errorf("overall %q %q", snap.Status, snap.Description)
	}
	if len(snap.Components) != 3 {
		t.Fatalf("%d components, want 3 (junk and id-less ones dropped)", len(snap.Components))
	}
	c1, c2, c3 := snap.Components[0], snap.Components[1], snap.Components[2]
	if c1.Position != 3 || c1.Group || c1.Description != "" || !c1.UpdatedAt.Equal(adaptertest.UTC("2024-05-01T12:00:00Z")) {
		t.Errorf("c1 %+v", c1)
	}
	if c2.Name != "7" || c2.Position != 2 || c2.Description != "5" || c2.GroupID != "17" || c2.Status != adapters.Degraded || !c2.UpdatedAt.IsZero() {
		t.Errorf("c2 %+v", c2)
	}
	if c3.Status != adapters.Unknown || c3.StatusRaw != "" || c3.Position != 0 || c3.Description != "" || !c3.UpdatedAt.IsZero() {
		t.Errorf("c3 %+v", c3)
	}

	if got := len(snap.Incidents); got != 4 {
		t.Fatalf("%d incidents, want 4", got)
	}
	dup := adaptertest.Incident(t, snap, "dup1")
	if dup.Title != "Search slow (newer copy in summary)" || dup.Status != "monitoring" || dup.StatusRaw != "Monitoring" {
		t.Errorf("dup1 %q %q %q", dup.Title, dup.Status, dup.StatusRaw)
	}
	if dup.URL != example+"/incidents/dup1" || !dup.StartedAt.Equal(adaptertest.UTC("2024-05-01T10:00:00Z")) || len(dup.Components) != 0 {
		t.Errorf("dup1 url %q started %v components %+v", dup.URL, dup.StartedAt, dup.Components)
	}
	if len(dup.Updates) != 2 || dup.Updates[0].Components != nil || !dup.Updates[1].DisplayAt.IsZero() {
		t.Errorf("dup1 updates %+v", dup.Updates)
	}

	md := adaptertest.Incident(t, snap, "md1")
	if md.Impact != adapters.ImpactNone || md.ImpactRaw != "2" || md.Status != "resolved" || md.StatusRaw != "RESOLVED" {
		t.Errorf("md1 impact %q raw %q status %q", md.Impact, md.ImpactRaw, md.Status)
	}
	if md.URL != example+"/incidents/md1" || !md.StartedAt.Equal(adaptertest.UTC("2024-04-02T06:00:00.123456Z")) {
		t.Errorf("md1 url %q started %v", md.URL, md.StartedAt)
	}
	if len(md.Components) != 1 || md.Components[0] != (adapters.ComponentRef{ID: "c1", Name: "Web", Status: adapters.Operational}) {
		t.Errorf("md1 components %+v", md.Components)
	}
	// Two updates share a second: the id decides.
	if got := updateIDs(md); got != "m1u0 m1u2 m1u1" {
		t.Errorf("md1 updates %q", got)
	}
	if u := md.Updates[0]; u.Status != "3" || u.Body != "404" {
		t.Errorf("m1u0 %+v", u)
	}
	if u := md.Updates[1]; u.Body != "" || !u.DisplayAt.IsZero() || u.Components != nil {
		t.Errorf("m1u2 %+v", u)
	}
	wantBody := "Line one.\nLine two\nLine three\nLine four\n\nWindows line\n\n**bold** and [a link](https://example.com/a_b)\n\n* item one\n* item two"
	if u := md.Updates[2]; u.Body != wantBody {
		t.Errorf("m1u1 body\n%q\nwant\n%q", u.Body, wantBody)
	}
	if c := md.Updates[2].Components; len(c) != 1 || c[0] != (adapters.ComponentRef{ID: "c1", Name: "Web", Status: adapters.MajorOutage}) {
		t.Errorf("m1u1 components %+v", c)
	}

	// Listed among incidents, but scheduled_for makes it a maintenance.
	s := adaptertest.Incident(t, snap, "sched1")
	if s.Kind != adapters.KindMaintenance || s.Impact != adapters.ImpactMaintenance || s.ImpactRaw != "none" || len(s.Updates) != 0 {
		t.Errorf("sched1 %+v", s)
	}
	if !s.ResolvedAt.Equal(adaptertest.UTC("2024-03-10T03:00:00Z")) {
		t.Errorf("sched1 resolved %v (want its updated_at: no updates)", s.ResolvedAt)
	}

	odd := adaptertest.Incident(t, snap, "odd1")
	if odd.Impact != adapters.ImpactNone || odd.ImpactRaw != "catastrophic" || odd.Updates == nil {
		t.Errorf("odd1 %+v", odd)
	}
}

// An incident.io page: ULID ids, no groups, no scheduled-maintenances.json,
// incidents null, no scheduled_maintenances key, and an indicator that says
// none while a major incident is open.
func TestIncidentIO(t *testing.T) {
	const base = "https://status.acme.example"
	fs := testdataPage(t, "incidentio")
	if _, ok := fs[maintPath]; ok {
		t.Fatal("the fixture must not have scheduled-maintenances.json")
	}
	snap := fetch(t, base, fs)
	adaptertest.Golden(t, "incidentio", snap)

	if snap.Status != adapters.Operational || snap.StatusRaw != "none" || snap.Description != "All Systems Operational" {
		t.Errorf("overall %q %q %q", snap.Status, snap.StatusRaw, snap.Description)
	}
	if len(snap.Components) != 2 || snap.Components[0].Position != 0 || snap.Components[1].Status != adapters.PartialOutage {
		t.Errorf("components %+v", snap.Components)
	}
	if len(snap.Incidents) != 2 {
		t.Fatalf("%d incidents", len(snap.Incidents))
	}
	open := snap.Incidents[0]
	if open.ID != "01J0A1B2C3D4E5F6G7H8J9K0AB" || !open.Open() || open.Impact != adapters.ImpactMajor || open.Components != nil {
		t.Errorf("open incident %+v", open)
	}
	if open.URL != base+"/incidents/01J0A1B2C3D4E5F6G7H8J9K0AB" {
		t.Errorf("url %q", open.URL)
	}
	if old := snap.Incidents[1]; old.URL != base+"/incidents/01HY00000000000000000000AA" || old.Open() {
		t.Errorf("old incident %+v", old)
	}
}

// The overall status is the vendor's indicator alone, as the vendor says
// it now: an open incident's impact is what it was when the incident was
// created (Statuspage rarely lowers it), and the vendor's current word
// outranks it. Where the indicator says less than the open incidents, the
// build overrules it and says so (model.State.Reason).
func TestOverallStatus(t *testing.T) {
	cases := []struct {
		name      string
		indicator string
		incidents string
		want      adapters.Status
	}{
		{"none and nothing open", "none", `[]`, adapters.Operational},
		{"none with open major", "none", `[{"id":"a","status":"investigating","impact":"major"}]`, adapters.Operational},
		{"minor with open major: lowered by the vendor", "minor", `[{"id":"a","status":"identified","impact":"major"}]`, adapters.Degraded},
		{"major stays above open minor", "major", `[{"id":"a","status":"investigating","impact":"minor"}]`, adapters.PartialOutage},
		{"critical", "critical", `[]`, adapters.MajorOutage},
		{"maintenance", "maintenance", `[{"id":"a","status":"investigating","impact":"major"}]`, adapters.Maintenance},
		{"missing indicator", "", `[{"id":"a","status":"investigating","impact":"minor"}]`, adapters.Unknown},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sum := `{"status":{"indicator":"` + c.indicator + `"},"incidents":` + c.incidents + `}`
			snap := fetch(t, example, files{summaryPath: []byte(sum)})
			if snap.Status != c.want {
				t.Errorf("status %q, want %q", snap.Status, c.want)
			}
		})
	}
}

func TestFetchErrors(t *testing.T) {
	good := testdataPage(t, "incidentio")
	const base = "https://status.acme.example"
	cases := []struct {
		name     string
		files    files
		fail     map[string]int
		wantURL  string
		wantText string
	}{
		{"503 on incidents", good, map[string]int{base + incPath: 503}, base + incPath, "503"},
		{"503 on summary", good, map[string]int{base + summaryPath: 503}, base + summaryPath, "503"},
		{"404 on summary", files{incPath: good[incPath]}, nil, base + summaryPath, "404"},
		{"500 on maintenances", good, map[string]int{base + maintPath: 500}, base + maintPath, "500"},
		{"HTML summary", files{summaryPath: []byte("<!DOCTYPE html><html><body>Down</body></html>")}, nil, base + summaryPath, "HTML"},
		{"HTML incidents", files{summaryPath: good[summaryPath], incPath: []byte("\n  <html>Bad gateway</html>")}, nil, base + incPath, "HTML"},
		{"array incidents", files{summaryPath: good[summaryPath], incPath: []byte(`[{"id":"a"}]`)}, nil, base + incPath, "got an array"},
		{"truncated summary", files{summaryPath: []byte(`{"status":{"indicator":"none"`)}, nil, base + summaryPath, "decode"},
		{"empty summary", files{summaryPath: []byte(" ")}, nil, base + summaryPath, "empty body"},
		{"string summary", files{summaryPath: []byte(`"ok"`)}, nil, base + summaryPath, "got a string"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := adaptertest.ErrorFetcher{Files: c.files.fetcher(base), Fail: c.fail}
			adaptertest.FetchFails(t, New(), f, base, c.wantURL, c.wantText)
		})
	}
}

func TestMissingIncidentsList(t *testing.T) {
	// Without incidents.json the summary's open incidents are all we know.
	sum := `{"status":{"indicator":"minor"},"incidents":[{"id":"a","name":"Slow","status":"investigating","impact":"minor","created_at":"2024-01-01T00:00:00Z"}]}`
	snap := fetch(t, example, files{summaryPath: []byte(sum)})
	if len(snap.Incidents) != 1 || snap.Incidents[0].Title != "Slow" {
		t.Errorf("incidents %+v", snap.Incidents)
	}
}

func TestDecodeIncidentErrors(t *testing.T) {
	for _, in := range []string{"", "<html></html>", "[]", `{"name":"no id"}`, `{"id":`} {
		if _, err := DecodeIncident([]byte(in)); err == nil {
			t.Errorf("DecodeIncident(%q): no error", in)
		}
	}
	inc, err := DecodeIncident([]byte(`{"id":"x","name":"Maint","status":"scheduled","impact":"none","scheduled_for":"2024-06-01T01:00:00-07:00"}`))
	if err != nil {
		t.Fatal(err)
	}
	if inc.Kind != adapters.KindMaintenance || inc.Impact != adapters.ImpactMaintenance || !inc.ScheduledFor.Equal(adaptertest.UTC("2024-06-01T08:00:00Z")) || inc.URL != "" {
		t.Errorf("%+v", inc)
	}
}
