package probe

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/adaptertest"
	"github.com/uptimus/uptimus/adapters/all"
)

const page = "https://status.example.com"

// detectCases are pages of every registered vendor, and pages that one
// vendor's recogniser must not take for another's.
var detectCases = []struct {
	name, url string
	files     map[string]string
	want      string
}{
	{"statuspage", page, map[string]string{"/api/v2/summary.json": `{"page":{"id":"kctbh9vrtdwd"},"status":{"indicator":"none"}}`}, "statuspage"},
	{"incident.io", page, map[string]string{"/api/v2/summary.json": `{"page":{"id":"01HZY3ZQ6N1V4W0XB2T9C8JK7M"}}`}, "incidentio"},
	{"instatus", page, map[string]string{"/summary.json": `{"page":{"name":"X","status":"UP"}}`}, "instatus"},
	{"better stack", page, map[string]string{"/index.json": `{"data":{"attributes":{"aggregate_state":"operational"}}}`}, "betterstack"},
	{"cachet", page, map[string]string{"/api/v1/ping": `{"data":"Pong!"}`}, "cachet"},
	{"status.io", page, map[string]string{"/": `<html><script src="https://api.status.io/1.0/status/5b36dc6502d06804c08349f7"></script></html>`}, "statusio"},
	{"status.io page link", page, map[string]string{"/": `<html><a href="/pages/history/5b36dc6502d06804c08349f7">History</a></html>`}, "statusio"},
	{"atom history", page, map[string]string{"/history.atom": `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>`}, "feed"},
	{"rss history", page, map[string]string{"/history.rss": `<?xml version="1.0"?><rss version="2.0"></rss>`}, "feed"},
	{"feed url", "https://www.fastlystatus.com/rss", nil, "feed"},
	{"slack", "https://slack-status.com", nil, "slack"},
	{"google cloud", "https://status.cloud.google.com", nil, "gcp"},
	{"aws", "https://health.aws.amazon.com/health/status", nil, "aws"},
	{"azure", "https://azure.status.microsoft", nil, "azure"},
	// A summary.json that is Instatus's must not pass for Statuspage's.
	{"instatus not statuspage", page, map[string]string{"/api/v2/summary.json": `<html>not here</html>`, "/summary.json": `{"page":{"status":"HASISSUES"}}`}, "instatus"},
	// A Statuspage page serves a history feed too: its API says more.
	{"statuspage not feed", page, map[string]string{"/api/v2/summary.json": `{"page":{"id":"kctbh9vrtdwd"}}`, "/history.atom": `<feed xmlns="http://www.w3.org/2005/Atom"></feed>`}, "statuspage"},
	// A page that links a status.io id and serves Better Stack's index
	// is Better Stack's: any page may link anything.
	{"betterstack not statusio", page, map[string]string{"/index.json": `{"data":{"attributes":{"aggregate_state":"operational"}}}`, "/": `<a href="/pages/history/5b36dc6502d06804c08349f7">x</a>`}, "betterstack"},
}

func TestDetect(t *testing.T) {
	for _, tt := range detectCases {
		t.Run(tt.name, func(t *testing.T) {
			f := adaptertest.MapFetcher{}
			for p, body := range tt.files {
				f[strings.TrimRight(tt.url, "/")+p] = []byte(body)
			}
			got, evidence, err := Detect(context.Background(), f, all.Registry(), tt.url)
			if err != nil || got != tt.want || evidence == "" {
				t.Errorf("Detect = %q (%s), %v; want %q", got, evidence, err, tt.want)
			}
		})
	}
}

// Every registered adapter has a case above that the probe must tell: a
// new vendor's probe is tried here, or this fails naming it.
func TestEveryAdapterHasAProbeCase(t *testing.T) {
	cased := map[string]bool{}
	for _, tt := range detectCases {
		cased[tt.want] = true
	}
	reg := all.Registry()
	for _, name := range reg.Names() {
		a, _ := reg.Get(name)
		if a.Probe().Empty() {
			t.Errorf("adapter %s: its Probe has no host, URL test or endpoint; the probe cannot recognise it", name)
		}
		if !cased[name] {
			t.Errorf("adapter %s: no case in detectCases (generator/probe/probe_test.go) that detects it", name)
		}
	}
}

// The registry's probes are unambiguous: no host claimed twice, no rank
// held twice, no endpoint without a recogniser.
func TestRegistryProbesDoNotConflict(t *testing.T) {
	for _, c := range Conflicts(all.Registry()) {
		t.Error(c)
	}
}

// toyRegistry holds two adapters that claim what they are given.
func toyRegistry(a, b adapters.Probe) *adapters.Registry {
	r := adapters.NewRegistry()
	r.Add(adapters.Define("alpha", adapters.Capabilities{}, a, nil))
	r.Add(adapters.Define("beta", adapters.Capabilities{}, b, nil))
	return r
}

func TestConflictsAreCaught(t *testing.T) {
	yes := func([]byte) bool { return true }
	a := adapters.Probe{Hosts: []string{"status.shared.example"}, Endpoints: []adapters.Endpoint{{Rank: 100, Path: "/a.json", Says: "a", Match: yes}}}
	b := adapters.Probe{Hosts: []string{"Status.Shared.example"}, Endpoints: []adapters.Endpoint{{Rank: 100, Path: "b.json", Says: "b"}}, URL: func(*url.URL) bool { return false }}
	got := strings.Join(Conflicts(toyRegistry(a, b)), "\n")
	for _, want := range []string{"host status.shared.example is claimed by alpha and beta", "rank 100 is held by alpha and beta", `beta: endpoint "b.json" needs`, "beta: a URL test needs"} {
		if !strings.Contains(got, want) {
			t.Errorf("Conflicts:\n%s\nwant a line with %q", got, want)
		}
	}
}

// Endpoints are asked by rank, not by the registry's order of names, and a
// path two vendors share is asked once.
func TestDetectAsksByRankEachPathOnce(t *testing.T) {
	has := func(word string) func([]byte) bool {
		return func(b []byte) bool { return strings.Contains(string(b), word) }
	}
	loose := adapters.Probe{Endpoints: []adapters.Endpoint{{Rank: 20, Path: "/doc.json", Says: "any doc", Match: has("doc")}}}
	strict := adapters.Probe{Endpoints: []adapters.Endpoint{{Rank: 10, Path: "/doc.json", Says: "a strict doc", Match: has("strict")}}}
	f := &countingMap{m: adaptertest.MapFetcher{page + "/doc.json": []byte("strict doc")}}
	got, evidence, err := Detect(context.Background(), f, toyRegistry(loose, strict), page)
	if err != nil || got != "beta" || !strings.Contains(evidence, "a strict doc") {
		t.Errorf("Detect = %q (%s), %v; want beta, whose endpoint ranks first", got, evidence, err)
	}
	f.m[page+"/doc.json"] = []byte("loose doc")
	f.n = 0
	if got, _, _ := Detect(context.Background(), f, toyRegistry(loose, strict), page); got != "alpha" || f.n != 1 {
		t.Errorf("Detect = %q after %d requests; want alpha after 1", got, f.n)
	}
}

// countingMap serves m and counts the requests.
type countingMap struct {
	m adaptertest.MapFetcher
	n int
}

func (c *countingMap) Get(ctx context.Context, u string) ([]byte, error) {
	c.n++
	return c.m.Get(ctx, u)
}

// A page no vendor claims gets an error naming every path asked, each
// once.
func TestDetectGivesUpClearly(t *testing.T) {
	_, _, err := Detect(context.Background(), adaptertest.MapFetcher{}, all.Registry(), page)
	var unknown *UnknownVendorError
	if !errors.As(err, &unknown) || !strings.Contains(err.Error(), "/api/v2/summary.json") {
		t.Fatalf("err = %v, want what was tried", err)
	}
	paths := map[string]bool{}
	for _, e := range endpoints(probesOf(all.Registry())) {
		paths[e.Path] = true
	}
	if len(unknown.Tried) != len(paths) {
		t.Errorf("tried %v, want each of the %d paths once", unknown.Tried, len(paths))
	}
}

// A URL that is not https is refused before any request, with what to
// give instead: no adapter could fetch it.
func TestDetectRefusesAnURLThatIsNotHTTPS(t *testing.T) {
	for _, u := range []string{"http://status.example.com", "status.example.com", "https://", "ftp://status.example.com"} {
		_, _, err := Detect(context.Background(), adaptertest.MapFetcher{}, all.Registry(), u)
		var bad *BadURLError
		if !errors.As(err, &bad) || !strings.Contains(err.Error(), strconv.Quote(u)) || !strings.Contains(err.Error(), "https://") {
			t.Errorf("Detect(%q): err = %v, want a BadURLError saying to give an https:// URL", u, err)
		}
	}
	if err := CheckURL("https://status.example.com/"); err != nil {
		t.Errorf("CheckURL refused an https URL: %v", err)
	}
}

// countingFetcher fails every GET without an HTTP answer, as a host that
// does not resolve does, and counts them.
type countingFetcher struct{ n int }

func (c *countingFetcher) Get(ctx context.Context, url string) ([]byte, error) {
	c.n++
	return nil, fmt.Errorf("fetch %s: dial tcp: lookup: no such host", url)
}

// TestDetectStopsAtNoAnswer: a host that gives no HTTP answer is asked
// once, not once a vendor: the catalogue holds hundreds of such entries,
// and each request may be retried and wait for its timeout.
func TestDetectStopsAtNoAnswer(t *testing.T) {
	f := &countingFetcher{}
	_, _, err := Detect(context.Background(), f, all.Registry(), page)
	var unreachable *UnreachableError
	if !errors.As(err, &unreachable) || !strings.Contains(err.Error(), "no such host") {
		t.Errorf("err = %v, want an UnreachableError", err)
	}
	if f.n != 1 {
		t.Errorf("%d requests, want 1", f.n)
	}
}
