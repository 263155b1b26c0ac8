package statuspage

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
	snap := adaptertest.Fetch(t, New(), fs.fetcher(base), base+"/")
	checkInvariants(t, snap)
	return snap
}

// checkInvariants adds Statuspage's rules to the snapshot contract: a
// window of incidents, bodies without raw breaks, and updates of one
// instant in id order.
func checkInvariants(t testing.TB, snap *adapters.Snapshot) {
	t.Helper()
	if snap.IncidentsComplete {
		t.Error("IncidentsComplete is true for a 50-item window")
	}
	for _, inc := range snap.Incidents {
		for j, u := range inc.Updates {
			if brTag.MatchString(u.Body) || strings.Contains(u.Body, "\r") {
				t.Errorf("update %s: body keeps a raw break: %q", u.ID, u.Body)
			}
			if p := inc.Updates[max(j-1, 0)]; j > 0 && p.CreatedAt.Equal(u.CreatedAt) && p.ID > u.ID {
				t.Errorf("incident %s: updates %s and %s out of order", inc.ID, p.ID, u.ID)
			}
		}
	}
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

func TestNameAndCapabilities(t *testing.T) {
	a := New()
	if a.Name() != "statuspage" {
		t.Errorf("Name = %q", a.Name())
	}
	want := adapters.Capabilities{Title: "Atlassian Statuspage", Status: true, Components: true, Maintenance: true, Timeline: true, HistoryWindow: 50, Listing: adapters.ListsWindow, Self: true}
	// The docs link is checked with every adapter's, in adapters/all.
	want.Docs = a.Capabilities().Docs
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

// Only a summary that sends its list of planned windows, even empty, says
// it lists them all: null, a missing key or another type must not make the
// merge think every stored window was withdrawn.
func TestMaintenanceCompleteNeedsTheList(t *testing.T) {
	for body, want := range map[string]bool{
		`{"scheduled_maintenances": []}`:   true,
		`{"scheduled_maintenances": null}`: false,
		`{}`:                               false,
		`{"scheduled_maintenances": "x"}`:  false,
	} {
		var sum wireSummary
		if err := json.Unmarshal([]byte(body), &sum); err != nil {
			t.Fatal(err)
		}
		if got := build("https://status.example.com", sum, wireIncidents{}, wireIncidents{}).MaintenanceComplete; got != want {
			t.Errorf("%s: MaintenanceComplete %v, want %v", body, got, want)
		}
	}
}
