package statuspage

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/adaptertest"
)

const (
	summaryPath = "/api/v2/summary.json"
	incPath     = "/api/v2/incidents.json"
	maintPath   = "/api/v2/scheduled-maintenances.json"
)

// files maps a page's endpoint paths to bodies; a path left out is a 404.
type files map[string][]byte

func (fs files) fetcher(base string) adaptertest.MapFetcher {
	m := adaptertest.MapFetcher{}
	for path, b := range fs {
		m[base+path] = b
	}
	return m
}

func fetch(t *testing.T, base string, fs files) *adapters.Snapshot {
	t.Helper()
	// A trailing slash on the page URL must not double up in requests.
	snap, err := New().Fetch(context.Background(), fs.fetcher(base), adapters.Page{Slug: "test", URL: base + "/"})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, snap)
	return snap
}

// testdataPage reads testdata/<dir>/{summary,incidents,scheduled-maintenances}.json,
// leaving out the files that are absent (so they answer 404).
func testdataPage(t *testing.T, dir string) files {
	t.Helper()
	fs := files{}
	for name, path := range map[string]string{"summary.json": summaryPath, "incidents.json": incPath, "scheduled-maintenances.json": maintPath} {
		b, err := os.ReadFile(filepath.Join("testdata", dir, name))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		fs[path] = b
	}
	return fs
}

func utc(s string) time.Time {
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return v.UTC()
}

func find(t *testing.T, snap *adapters.Snapshot, id string) adapters.Incident {
	t.Helper()
	for _, inc := range snap.Incidents {
		if inc.ID == id {
			return inc
		}
	}
	t.Fatalf("incident %s not in snapshot", id)
	return adapters.Incident{}
}

func component(t *testing.T, snap *adapters.Snapshot, id string) adapters.Component {
	t.Helper()
	for _, c := range snap.Components {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("component %s not in snapshot", id)
	return adapters.Component{}
}

func sortKey(inc adapters.Incident) time.Time {
	if inc.Kind == adapters.KindMaintenance && !inc.ScheduledFor.IsZero() {
		return inc.ScheduledFor
	}
	return inc.StartedAt
}

// checkInvariants holds for every snapshot the adapter may return.
func checkInvariants(t testing.TB, snap *adapters.Snapshot) {
	t.Helper()
	adaptertest.CheckContract(t, snap)
	isUTC := func(what string, v time.Time) {
		if !v.IsZero() && v.Location() != time.UTC {
			t.Errorf("%s: %v is not UTC", what, v)
		}
	}
	if !snap.Status.Valid() {
		t.Errorf("overall status %q invalid", snap.Status)
	}
	if snap.IncidentsComplete {
		t.Error("IncidentsComplete is true for a 50-item window")
	}
	for _, c := range snap.Components {
		if !c.Status.Valid() {
			t.Errorf("component %s: status %q invalid", c.ID, c.Status)
		}
		isUTC(c.ID, c.UpdatedAt)
	}
	seen := map[string]bool{}
	for i, inc := range snap.Incidents {
		if seen[inc.ID] {
			t.Errorf("incident %s listed twice", inc.ID)
		}
		seen[inc.ID] = true
		if i > 0 {
			prev := snap.Incidents[i-1]
			a, b := sortKey(prev), sortKey(inc)
			if a.Before(b) || (a.Equal(b) && prev.ID >= inc.ID) {
				t.Errorf("incidents %s and %s out of order", prev.ID, inc.ID)
			}
		}
		if inc.Kind != adapters.KindIncident && inc.Kind != adapters.KindMaintenance {
			t.Errorf("incident %s: kind %q", inc.ID, inc.Kind)
		}
		if inc.Impact.Rank() == 0 && inc.Impact != adapters.ImpactNone {
			t.Errorf("incident %s: impact %q", inc.ID, inc.Impact)
		}
		for _, v := range []time.Time{inc.CreatedAt, inc.StartedAt, inc.UpdatedAt, inc.ResolvedAt, inc.ScheduledFor, inc.ScheduledUntil} {
			isUTC(inc.ID, v)
		}
		for j, u := range inc.Updates {
			isUTC(u.ID, u.CreatedAt)
			isUTC(u.ID, u.DisplayAt)
			if brTag.MatchString(u.Body) || strings.Contains(u.Body, "\r") {
				t.Errorf("update %s: body keeps a raw break: %q", u.ID, u.Body)
			}
			if j > 0 {
				p := inc.Updates[j-1]
				if p.CreatedAt.Before(u.CreatedAt) || (p.CreatedAt.Equal(u.CreatedAt) && p.ID > u.ID) {
					t.Errorf("incident %s: updates %s and %s out of order", inc.ID, p.ID, u.ID)
				}
			}
		}
	}
}

func TestNameAndCapabilities(t *testing.T) {
	a := New()
	if a.Name() != "statuspage" {
		t.Errorf("Name = %q", a.Name())
	}
	want := adapters.Capabilities{Status: true, Components: true, Maintenance: true, Timeline: true, HistoryWindow: 50}
	if got := a.Capabilities(); got != want {
		t.Errorf("Capabilities = %+v, want %+v", got, want)
	}
}

func TestIndicatorAndComponentWords(t *testing.T) {
	indicators := []struct {
		in   string
		want adapters.Status
	}{
		{"none", adapters.Operational},
		{"minor", adapters.Degraded},
		{"major", adapters.PartialOutage},
		{"critical", adapters.MajorOutage},
		{"maintenance", adapters.Maintenance},
		{"Major", adapters.PartialOutage},
		{"", adapters.Unknown},
		{"blue", adapters.Unknown},
	}
	for _, c := range indicators {
		if got := indicatorStatus(c.in); got != c.want {
			t.Errorf("indicatorStatus(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	comps := []struct {
		in   string
		want adapters.Status
	}{
		{"operational", adapters.Operational},
		{"degraded_performance", adapters.Degraded},
		{"partial_outage", adapters.PartialOutage},
		{"major_outage", adapters.MajorOutage},
		{"under_maintenance", adapters.Maintenance},
		{"", adapters.Unknown},
		{"degraded", adapters.Unknown},
	}
	for _, c := range comps {
		if got := componentStatus(c.in); got != c.want {
			t.Errorf("componentStatus(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParseTime(t *testing.T) {
	cases := []struct {
		in   string
		want string
	}{
		{"2020-05-22T16:41:53.142Z", "2020-05-22T16:41:53.142Z"},
		{"2020-05-22T16:41:53Z", "2020-05-22T16:41:53Z"},
		{"2025-03-08T23:30:00.000-08:00", "2025-03-09T07:30:00Z"},
		{"2025-03-09T03:30:00-07:00", "2025-03-09T10:30:00Z"},
		{"2025-11-02T01:30:00-07:00", "2025-11-02T08:30:00Z"},
		{"2025-11-02T01:30:00-08:00", "2025-11-02T09:30:00Z"},
		{"2024-04-02T08:00:00.123456+02:00", "2024-04-02T06:00:00.123456Z"},
		{"2024-04-02T08:00:00", "2024-04-02T08:00:00Z"},
		{"", ""},
		{"yesterday", ""},
	}
	for _, c := range cases {
		got := parseTime(text(c.in))
		if c.want == "" {
			if !got.IsZero() {
				t.Errorf("parseTime(%q) = %v, want zero", c.in, got)
			}
			continue
		}
		if !got.Equal(utc(c.want)) || got.Location() != time.UTC {
			t.Errorf("parseTime(%q) = %v, want %s in UTC", c.in, got, c.want)
		}
	}
}

func TestNormalizeBody(t *testing.T) {
	cases := []struct{ in, want string }{
		{"a<br />b", "a\nb"},
		{"a<br>b<BR>c<br/>d<Br / >e", "a\nb\nc\nd\ne"},
		{"a\r\nb\rc", "a\nb\nc"},
		{"trailing   \nspaces\t\n", "trailing\nspaces"},
		{"<br /><br />para", "\n\npara"},
		{"**bold** <a href=\"x\">link</a>\n\n* item", "**bold** <a href=\"x\">link</a>\n\n* item"},
		{"<bread>", "<bread>"},
		{"", ""},
	}
	for _, c := range cases {
		if got := normalizeBody(c.in); got != c.want {
			t.Errorf("normalizeBody(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
