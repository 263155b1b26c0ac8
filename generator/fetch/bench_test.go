package fetch

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
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
