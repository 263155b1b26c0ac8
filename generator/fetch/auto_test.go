package fetch

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/adaptertest"
	"github.com/uptimus/uptimus/adapters/all"
	"github.com/uptimus/uptimus/generator/catalog"
)

// vendorPages are recorded or written responses of one status page of
// each vendor, by URL, as the probe and the adapter ask for them; the
// files are the adapters' own test data and the real recordings.
var vendorPages = []struct {
	vendor, url string
	files       map[string]string
}{
	{"statuspage", "https://status.sp.example", map[string]string{
		"/api/v2/summary.json":   "testdata/real/statuspage/github-summary-2026-07-31.json",
		"/api/v2/incidents.json": "testdata/real/statuspage/github-incidents-50-2026-07-31.json",
	}},
	{"incidentio", "https://status.iio.example", map[string]string{
		"/api/v2/summary.json":   "adapters/incidentio/testdata/summary.json",
		"/api/v2/incidents.json": "adapters/incidentio/testdata/incidents.json",
	}},
	{"instatus", "https://status.ins.example", map[string]string{
		"/summary.json":       "adapters/instatus/testdata/summary-incident.json",
		"/v3/components.json": "adapters/instatus/testdata/components-groups.json",
	}},
	{"betterstack", "https://status.bs.example", map[string]string{
		"/index.json": "adapters/betterstack/testdata/index-normal.json",
	}},
	{"feed", "https://status.atom.example", map[string]string{
		"/history.atom": "testdata/real/statuspage/saucelabs-us-west-history-2020-11.atom",
	}},
	{"gcp", "https://status.cloud.google.com", map[string]string{
		"/incidents.json": "testdata/real/gcp/incidents-2026-07-subset-2-markdown-incident-reports.json",
	}},
	{"aws", "https://status.aws.amazon.com", map[string]string{
		"/rss/all.rss": "testdata/real/aws/rss-all-2026-08-18-50-items.rss",
	}},
	{"azure", "https://azure.status.microsoft", map[string]string{
		"/en-us/status/feed/": "testdata/real/azure/status-feed-empty-channel-2026-07-31.xml",
	}},
	{"cachet", "https://status.cachet.example", map[string]string{
		"/api/v1/ping":                                      "generator/fetch/testdata/cachet-ping.json",
		"/api/v1/components?per_page=100":                   "adapters/cachet/testdata/components-1.json",
		"/api/v1/components?per_page=100&page=2":            "adapters/cachet/testdata/components-2.json",
		"/api/v1/incidents?sort=id&order=desc&per_page=100": "adapters/cachet/testdata/incidents.json",
	}},
	{"statusio", "https://status.sio.example", map[string]string{
		"/": "adapters/statusio/testdata/page.html",
		"":  "adapters/statusio/testdata/page.html",
		// The page names its status.io id; the adapter reads the API.
		"!https://api.status.io/1.0/status/5b36dc6502d06804c08349f7": "adapters/statusio/testdata/status-normal.json",
	}},
	{"slack", "https://slack-status.com", map[string]string{
		"/api/v2.0.0/current": "adapters/slack/testdata/current-active.json",
		"/api/v2.0.0/history": "testdata/real/slack/history-2026-08-18-first5-entries.json",
	}},
}

// vendorFetcher serves every page of vendorPages.
func vendorFetcher(t *testing.T) adaptertest.MapFetcher {
	t.Helper()
	f := adaptertest.MapFetcher{}
	for _, v := range vendorPages {
		for p, file := range v.files {
			b, err := os.ReadFile(filepath.Join("..", "..", file))
			if err != nil {
				t.Fatal(err)
			}
			if abs, ok := strings.CutPrefix(p, "!"); ok {
				f[abs] = b
				continue
			}
			f[v.url+p] = b
		}
	}
	return f
}

var autoClock = func() time.Time { return time.Date(2026, 8, 18, 12, 0, 0, 0, time.UTC) }

// TestAutoDetectsEachVendor: an "adapter: auto" entry finds its vendor
// from recorded responses and keeps the same history, byte for byte, as
// the entry that names its adapter.
func TestAutoDetectsEachVendor(t *testing.T) {
	covered := map[string]bool{}
	for _, v := range vendorPages {
		covered[v.vendor] = true
	}
	for _, name := range all.Registry().Names() {
		if !covered[name] {
			t.Errorf("no recorded page of vendor %s in vendorPages", name)
		}
	}
	f := vendorFetcher(t)
	for _, v := range vendorPages {
		t.Run(v.vendor, func(t *testing.T) {
			auto, named := t.TempDir(), t.TempDir()
			p := catalog.Provider{Slug: "x", URL: v.url, Adapter: catalog.AutoAdapter}
			res := Run(context.Background(), Options{Registry: all.Registry(), Fetcher: f, DataDir: auto, Now: autoClock}, []catalog.Provider{p}).Results[0]
			if res.Outcome != OK || res.Detection == nil || res.Detection.Adapter != v.vendor || res.Adapter != v.vendor || res.Detection.Evidence == "" {
				t.Fatalf("result %+v (%v), want detected %s", res, res.Err, v.vendor)
			}
			p.Adapter = v.vendor
			Run(context.Background(), Options{Registry: all.Registry(), Fetcher: f, DataDir: named, Now: autoClock}, []catalog.Provider{p})
			sameTree(t, auto, named)
		})
	}
}

func sameTree(t *testing.T, a, b string) {
	t.Helper()
	n := 0
	filepath.WalkDir(b, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(b, path)
		want, _ := os.ReadFile(path)
		got, err := os.ReadFile(filepath.Join(a, rel))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s differs from the named adapter's (%v)", rel, err)
		}
		n++
		return nil
	})
	if n == 0 {
		t.Error("no history written")
	}
}

// TestAutoUsesKeptDetection: a later run fetches with the adapter the
// checks keep, without probing again.
func TestAutoUsesKeptDetection(t *testing.T) {
	f := &countingMap{files: vendorFetcher(t)}
	p := catalog.Provider{Slug: "x", URL: "https://status.ins.example", Adapter: catalog.AutoAdapter}
	checks := map[string]Check{"x": {URL: p.URL, Detected: "instatus", Evidence: "kept"}}
	res := Run(context.Background(), Options{Registry: all.Registry(), Fetcher: f, DataDir: t.TempDir(), Now: autoClock, Checks: checks}, []catalog.Provider{p}).Results[0]
	if res.Outcome != OK || res.Detection != nil || res.Adapter != "instatus" {
		t.Fatalf("result %+v (%v), want fetched with the kept adapter", res, res.Err)
	}
	for _, u := range f.asked {
		if u == p.URL+"/api/v2/summary.json" {
			t.Errorf("probed again: asked %v", f.asked)
		}
	}
}

// TestAutoDetectsAgain: a page that moved to another vendor (the kept
// adapter's endpoint is gone) is detected again in the same run; a page
// that is only down is not.
func TestAutoDetectsAgain(t *testing.T) {
	files := vendorFetcher(t)
	p := catalog.Provider{Slug: "x", URL: "https://status.sp.example", Adapter: catalog.AutoAdapter}
	checks := map[string]Check{"x": {URL: p.URL, Detected: "instatus", Evidence: "kept"}}
	res := Run(context.Background(), Options{Registry: all.Registry(), Fetcher: files, DataDir: t.TempDir(), Now: autoClock, Checks: checks}, []catalog.Provider{p}).Results[0]
	if res.Outcome != OK || res.Detection == nil || res.Detection.Adapter != "statuspage" {
		t.Fatalf("moved page: result %+v (%v), want detected again as statuspage", res, res.Err)
	}

	down := adaptertest.ErrorFetcher{Files: files, Fail: map[string]int{"https://status.ins.example/summary.json": 503}}
	p.URL = "https://status.ins.example"
	checks = map[string]Check{"x": {URL: p.URL, Detected: "instatus", Evidence: "kept"}}
	res = Run(context.Background(), Options{Registry: all.Registry(), Fetcher: down, DataDir: t.TempDir(), Now: autoClock, Checks: checks}, []catalog.Provider{p}).Results[0]
	if res.Outcome != Failed || res.Detection != nil {
		t.Errorf("down page: result %+v, want failed with no new detection", res)
	}
}

// TestAutoUnknownVendor: a page no probe recognises fails with what was
// tried, and the checks record no vendor, so the next attempt probes
// again.
func TestAutoUnknownVendor(t *testing.T) {
	p := catalog.Provider{Slug: "x", URL: "https://status.nobody.example", Adapter: catalog.AutoAdapter}
	rep := Run(context.Background(), Options{Registry: all.Registry(), Fetcher: adaptertest.MapFetcher{p.URL + "/": []byte("<html>hand-made</html>")}, DataDir: t.TempDir(), Now: autoClock}, []catalog.Provider{p})
	res := rep.Results[0]
	if res.Outcome != Failed || res.Err == nil || res.Detection == nil || res.Detection.Adapter != "" {
		t.Fatalf("result %+v, want failed detection", res)
	}
	path := filepath.Join(t.TempDir(), ChecksFile)
	if err := RecordChecks(path, rep, autoClock()); err != nil {
		t.Fatal(err)
	}
	c, _ := LoadChecks(path)
	if c["x"].Detected != "" || c["x"].Failures != 1 || c["x"].LastError == "" {
		t.Errorf("check %+v", c["x"])
	}
}

// countingMap is a MapFetcher that remembers what it was asked.
type countingMap struct {
	files adaptertest.MapFetcher
	asked []string
}

func (c *countingMap) Get(ctx context.Context, url string) ([]byte, error) {
	c.asked = append(c.asked, url)
	return c.files.Get(ctx, url)
}

var _ adapters.Fetcher = (*countingMap)(nil)
