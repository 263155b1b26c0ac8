package fetch

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/statuspage"
	"github.com/uptimus/uptimus/generator/catalog"
)

// latencyServer answers Statuspage's three documents for any host after a
// fixed delay, and records the most requests ever in flight to one host.
type latencyServer struct {
	delay time.Duration

	mu       sync.Mutex
	inFlight map[string]int
	peak     int
	requests int
}

func (s *latencyServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.inFlight[r.Host]++
	s.peak = max(s.peak, s.inFlight[r.Host])
	s.requests++
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.inFlight[r.Host]--
		s.mu.Unlock()
	}()
	time.Sleep(s.delay)
	w.Header().Set("Content-Type", "application/json")
	switch {
	case strings.HasSuffix(r.URL.Path, "/summary.json"):
		fmt.Fprint(w, `{"page":{"id":"x","name":"Example"},"status":{"indicator":"none","description":"All Systems Operational"},`+
			`"components":[{"id":"api","name":"API","status":"operational","position":1,"updated_at":"2026-11-20T08:00:00Z"}],"incidents":[]}`)
	case strings.HasSuffix(r.URL.Path, "/incidents.json"):
		fmt.Fprint(w, `{"incidents":[{"id":"i1","name":"Errors","status":"resolved","impact":"minor","created_at":"2026-11-19T08:00:00Z",`+
			`"resolved_at":"2026-11-19T09:00:00Z","incident_updates":[{"id":"u1","status":"resolved","body":"Fixed.","created_at":"2026-11-19T09:00:00Z"}]}]}`)
	default:
		fmt.Fprint(w, `{"scheduled_maintenances":[]}`)
	}
}

// BenchmarkFetch fetches N providers (UPTIMUS_BENCH_PROVIDERS, default
// 1,000), each on its own host, from a local TLS server that takes 100 ms
// to answer each of the three requests, at the default settings, and fails
// if any host ever had more requests in flight than the per-host limit.
func BenchmarkFetch(b *testing.B) {
	n := 1000
	if s := os.Getenv("UPTIMUS_BENCH_PROVIDERS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	srv := &latencyServer{delay: 100 * time.Millisecond, inFlight: map[string]int{}}
	ts := httptest.NewTLSServer(srv)
	defer ts.Close()
	// Every host name resolves to the test server, which presents its own
	// certificate; the client trusts it as it would a public one.
	tr := ts.Client().Transport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{RootCAs: ts.Client().Transport.(*http.Transport).TLSClientConfig.RootCAs, ServerName: "example.com"}
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, ts.Listener.Addr().String())
	}
	providers := make([]catalog.Provider, n)
	for i := range providers {
		slug := fmt.Sprintf("example-provider-%04d", i)
		providers[i] = catalog.Provider{Slug: slug, Name: slug, Adapter: statuspage.Name, URL: "https://status." + slug + ".example"}
	}
	reg := adapters.NewRegistry()
	reg.Add(statuspage.New())
	for b.Loop() {
		opt := Options{Registry: reg, Fetcher: &HTTPFetcher{Client: NewClient(tr)}, DataDir: b.TempDir()}
		report := Run(context.Background(), opt, providers)
		if report.Failed() > 0 {
			b.Fatalf("%d providers failed, e.g. %v", report.Failed(), firstError(report))
		}
	}
	if srv.peak > DefaultPerHost {
		b.Fatalf("%d requests in flight to one host, above the per-host limit of %d", srv.peak, DefaultPerHost)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "providers/s")
}

func firstError(r *Report) error {
	for _, res := range r.Results {
		if res.Err != nil {
			return res.Err
		}
	}
	return nil
}

// catalogueFetcher plays a catalogue of imported pages at a hundredth of
// real time: scale is one real second. Hosts named "sp-*" are Statuspage
// pages, "page-*" answer every path with 404 (a status page of a vendor we
// cannot read), "nxdomain-*" have no address (fail at once), and "hang-*"
// accept the connection and never answer (each request costs the
// fetcher's timeout, 20 s, three times over with its retries).
type catalogueFetcher struct {
	scale    time.Duration
	requests atomic.Int64
}

func (c *catalogueFetcher) Get(ctx context.Context, url string) ([]byte, error) {
	c.requests.Add(1)
	host := strings.TrimPrefix(url, "https://")
	host = host[:strings.IndexByte(host, '/')]
	wait, body, status := c.scale/10, []byte(nil), 404 // 100 ms a request
	switch {
	case strings.HasPrefix(host, "nxdomain-"):
		return nil, fmt.Errorf("fetch %s: dial tcp: lookup %s: no such host", url, host)
	case strings.HasPrefix(host, "hang-"):
		wait = 60 * c.scale
	case strings.HasPrefix(host, "sp-") && strings.HasSuffix(url, "/api/v2/summary.json"):
		body = []byte(`{"page":{"id":"x"},"status":{"indicator":"none","description":"All Systems Operational"},"components":[],"incidents":[]}`)
	case strings.HasPrefix(host, "sp-") && strings.HasSuffix(url, ".json"):
		body = []byte(`{"incidents":[],"scheduled_maintenances":[]}`)
	}
	select {
	case <-time.After(wait):
	case <-ctx.Done():
		return nil, fmt.Errorf("fetch %s: %w", url, ctx.Err())
	}
	if body == nil {
		return nil, &benchStatus{url: url, code: status}
	}
	return body, nil
}

type benchStatus struct {
	url  string
	code int
}

func (e *benchStatus) Error() string   { return fmt.Sprintf("fetch %s: %d", e.url, e.code) }
func (e *benchStatus) HTTPStatus() int { return e.code }

// importedCatalogue is 1,200 providers: 150 reviewed Statuspage entries
// and 1,050 imported "adapter: auto" ones, of which 100 are Statuspage
// pages, 600 pages we cannot read, 300 gone from DNS and 50 that hang.
func importedCatalogue() []catalog.Provider {
	var ps []catalog.Provider
	add := func(n int, prefix, adapter string) {
		for i := range n {
			slug := fmt.Sprintf("%s%04d", prefix, i)
			ps = append(ps, catalog.Provider{Slug: slug, Name: slug, Adapter: adapter, URL: "https://" + slug + ".example"})
		}
	}
	add(150, "sp-named-", statuspage.Name)
	add(100, "sp-auto-", catalog.AutoAdapter)
	add(600, "page-", catalog.AutoAdapter)
	add(300, "nxdomain-", catalog.AutoAdapter)
	add(50, "hang-", catalog.AutoAdapter)
	return ps
}

// BenchmarkFetchImportedCatalogue runs the scheduled fetch over
// importedCatalogue at a hundredth of real latencies, twice: the first
// run after the import (every auto entry probed) and the next one, 15
// minutes later (failing entries backing off). It reports each as the
// real seconds it stands for, and the requests it made.
func BenchmarkFetchImportedCatalogue(b *testing.B) {
	const scale = 10 * time.Millisecond // one real second
	reg := adapters.NewRegistry()
	reg.Add(statuspage.New())
	providers := importedCatalogue()
	var first, next time.Duration
	var firstReq, nextReq int64
	for b.Loop() {
		f := &catalogueFetcher{scale: scale}
		path := filepath.Join(b.TempDir(), ChecksFile)
		at := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
		for i, took := range []*time.Duration{&first, &next} {
			now := at.Add(time.Duration(i) * 15 * time.Minute)
			checks, _ := LoadChecks(path)
			opt := Options{Registry: reg, Fetcher: f, Checks: checks,
				Now: func() time.Time { return now }, DetectTimeout: DefaultDetectTimeout / time.Second * scale}
			began, before := time.Now(), f.requests.Load()
			// History in memory: this measures the network's share,
			// which the scale stands for; BenchmarkFetch has the disk's.
			report := run(context.Background(), opt, providers, newFakeStore())
			*took += time.Since(began)
			if i == 0 {
				firstReq += f.requests.Load() - before
			} else {
				nextReq += f.requests.Load() - before
			}
			RecordChecks(path, report, now)
		}
	}
	n := float64(b.N)
	b.ReportMetric(first.Seconds()/n*float64(time.Second/scale), "first-run-real-s")
	b.ReportMetric(next.Seconds()/n*float64(time.Second/scale), "next-run-real-s")
	b.ReportMetric(float64(firstReq)/n, "first-run-requests")
	b.ReportMetric(float64(nextReq)/n, "next-run-requests")
}
