package main

import (
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/uptimus/uptimus/generator/fetch"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/internal/testfs"
)

// vendorCase is one provider per adapter, with the recorded or written
// responses that answer its requests, laid out as --record would.
type vendorCase struct {
	slug, adapter, url string
	// files maps a URL the adapter asks for to a fixture path relative to
	// the repository root (real recordings are under testdata/real/).
	files map[string]string
	// wantComponents and wantIncidents are what must reach data/.
	wantComponents, wantIncidents bool
}

var vendorCases = []vendorCase{
	{"sp", "statuspage", "https://status.example.com", map[string]string{
		"https://status.example.com/api/v2/summary.json":                "cmd/uptimus/testdata/replay/status.example.com/api/v2/summary.json",
		"https://status.example.com/api/v2/incidents.json":              "cmd/uptimus/testdata/replay/status.example.com/api/v2/incidents.json",
		"https://status.example.com/api/v2/scheduled-maintenances.json": "cmd/uptimus/testdata/replay/status.example.com/api/v2/scheduled-maintenances.json",
	}, true, true},
	{"iio", "incidentio", "https://status.example-ai.test", map[string]string{
		"https://status.example-ai.test/api/v2/summary.json":   "adapters/incidentio/testdata/summary.json",
		"https://status.example-ai.test/api/v2/incidents.json": "adapters/incidentio/testdata/incidents.json",
	}, true, true},
	{"ins", "instatus", "https://status.instatus-example.test", map[string]string{
		"https://status.instatus-example.test/summary.json":       "adapters/instatus/testdata/summary-incident.json",
		"https://status.instatus-example.test/v3/components.json": "adapters/instatus/testdata/components-groups.json",
	}, true, true},
	{"bs", "betterstack", "https://status.betterstack-example.test", map[string]string{
		"https://status.betterstack-example.test/index.json": "adapters/betterstack/testdata/index-normal.json",
	}, true, true},
	{"sio", "statusio", "https://status.statusio-example.test", map[string]string{
		"https://status.statusio-example.test/":                     "adapters/statusio/testdata/page.html",
		"https://api.status.io/1.0/status/5b36dc6502d06804c08349f7": "adapters/statusio/testdata/status-incident.json",
	}, true, true},
	{"cach", "cachet", "https://status.cachet-example.test", map[string]string{
		"https://status.cachet-example.test/":                            "adapters/cachet/testdata/page.html",
		"https://status.cachet-example.test/api/v1/components":           "adapters/cachet/testdata/components-2.json",
		"https://status.cachet-example.test/api/v1/components/groups":    "adapters/cachet/testdata/groups.json",
		"https://status.cachet-example.test/api/v1/incidents":            "adapters/cachet/testdata/incidents.json",
		"https://status.cachet-example.test/api/v1/incidents/41/updates": "adapters/cachet/testdata/updates-41.json",
		"https://status.cachet-example.test/api/v1/schedules":            "adapters/cachet/testdata/schedules.json",
	}, true, true},
	{"azure", "azure", "https://azure.status.microsoft", map[string]string{
		"https://azure.status.microsoft/en-us/status/feed/": "adapters/azure/testdata/two-items.xml",
	}, false, true},
	{"slack", "slack", "https://slack-status.com", map[string]string{
		"https://slack-status.com/api/v2.0.0/current": "adapters/slack/testdata/current-active.json",
		"https://slack-status.com/api/v2.0.0/history": "testdata/real/slack/history-2026-08-18-first5-entries.json",
	}, true, true},
	{"gcp", "gcp", "https://status.cloud.google.com", map[string]string{
		"https://status.cloud.google.com/incidents.json": "testdata/real/gcp/incidents-2026-07-subset-2-markdown-incident-reports.json",
	}, true, true},
	{"aws", "aws", "https://health.aws.amazon.com/health/status", map[string]string{
		"https://status.aws.amazon.com/rss/all.rss": "testdata/real/aws/rss-all-2026-08-18-50-items.rss",
	}, true, true},
	{"feed", "feed", "https://status.us-west-1.saucelabs.com", map[string]string{
		"https://status.us-west-1.saucelabs.com/history.atom": "testdata/real/statuspage/saucelabs-us-west-history-2020-11.atom",
	}, false, true},
}

// vendorReplay writes the content and replay folders for every case.
func vendorReplay(t *testing.T) (content, replay string) {
	t.Helper()
	content, replay = t.TempDir(), t.TempDir()
	copyFile(t, "testdata/content/categories.yaml", filepath.Join(content, "categories.yaml"))
	for _, c := range vendorCases {
		layOut(t, replay, c)
		yaml := fmt.Sprintf("name: Vendor %s\nurl: %s\nadapter: %s\ncategory: communication\ndescription: Replay of the %s adapter's fixtures.\nhomepage: https://example.com/%s\n",
			c.slug, c.url, c.adapter, c.adapter, c.slug)
		path := filepath.Join(content, "providers", c.slug+".yaml")
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(yaml), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return content, replay
}

func layOut(t *testing.T, replay string, c vendorCase) {
	for rawURL, src := range c.files {
		src = filepath.Join("..", "..", src)
		u, err := url.Parse(rawURL)
		if err != nil {
			t.Fatal(err)
		}
		dst, err := fetch.PathFor(replay, u)
		if err != nil {
			t.Fatal(err)
		}
		copyFile(t, src, dst)
	}
}

// TestReplayEveryVendor is the whole pipeline for every adapter: recorded
// responses in, history in data/, a second run changes nothing, and the
// build gives each incident its page.
func TestReplayEveryVendor(t *testing.T) {
	t.Parallel()
	content, replay := vendorReplay(t)
	data, out := t.TempDir(), t.TempDir()
	args := []string{"fetch", "--strict", "--content", content, "--data", data, "--replay", replay}
	stdout, stderr, code := cli(t, append(args, "--now", "2026-11-25T12:00:00Z")...)
	if code != 0 {
		t.Fatalf("fetch exit %d\n%s\n%s", code, stdout, stderr)
	}
	first := testfs.Text(t, data)
	for _, c := range vendorCases {
		h, err := history.Load(os.DirFS(data), c.slug)
		if err != nil {
			t.Fatalf("%s: %v", c.adapter, err)
		}
		if c.wantComponents && len(h.State.Components) == 0 {
			t.Errorf("%s: no components reached data/", c.adapter)
		}
		if c.wantIncidents && len(h.Incidents) == 0 {
			t.Errorf("%s: no incidents reached data/", c.adapter)
		}
		if h.State.Status == "" {
			t.Errorf("%s: no overall status", c.adapter)
		}
	}
	if _, _, code := cli(t, append(args, "--now", "2026-11-25T12:15:00Z")...); code != 0 {
		t.Fatalf("second fetch exit %d", code)
	}
	if !maps.Equal(first, testfs.Text(t, data)) {
		t.Error("a second fetch of the same responses changed data/")
	}
	if _, stderr, code := cli(t, "build", "--content", content, "--data", data, "--out", out, "--now", "2026-11-25T12:20:00Z"); code != 0 {
		t.Fatalf("build exit %d: %s", code, stderr)
	}
	for _, c := range vendorCases {
		assertEveryIncidentHasAPage(t, data, out, c.slug)
	}
	assertNoBrokenLinks(t, out, "/")
}

func TestPagesSayWhatAVendorDoesNotProvide(t *testing.T) {
	t.Parallel()
	content, replay := vendorReplay(t)
	data, out := t.TempDir(), t.TempDir()
	cli(t, "fetch", "--content", content, "--data", data, "--replay", replay, "--now", "2026-11-25T12:00:00Z")
	if _, stderr, code := cli(t, "build", "--content", content, "--data", data, "--out", out, "--now", "2026-11-25T12:00:00Z"); code != 0 {
		t.Fatal(stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "status", "azure", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"does not list components", "does not publish maintenance windows"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("azure page lacks %q", want)
		}
	}
}
