package fetch

import (
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// flaky answers with the given statuses in turn, then 200.
func flaky(statuses ...int) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		if i < len(statuses) {
			if statuses[i] == http.StatusTooManyRequests {
				w.Header().Set("Retry-After", "7")
			}
			w.WriteHeader(statuses[i])
			return
		}
		w.Write([]byte(`{"ok":true}`))
	}))
	return srv, &n
}

// recordingFetcher retries without waiting and remembers the waits.
func recordingFetcher(waits *[]time.Duration) *HTTPFetcher {
	return &HTTPFetcher{
		Client: loopbackClient(),
		Jitter: func(time.Duration) time.Duration { return 0 },
		Sleep: func(_ context.Context, d time.Duration) error {
			*waits = append(*waits, d)
			return nil
		},
	}
}

func TestRetriesTransientFailuresWithBackoff(t *testing.T) {
	srv, n := flaky(503, 502)
	defer srv.Close()
	var waits []time.Duration
	body, err := recordingFetcher(&waits).Get(context.Background(), srv.URL+"/x.json")
	if err != nil || string(body) != `{"ok":true}` {
		t.Fatalf("got %q, %v", body, err)
	}
	if n.Load() != 3 {
		t.Errorf("%d requests, want 3", n.Load())
	}
	if len(waits) != 2 || waits[0] != 500*time.Millisecond || waits[1] != time.Second {
		t.Errorf("waits %v, want 500ms then 1s", waits)
	}
}

func TestRetryHonoursRetryAfter(t *testing.T) {
	srv, _ := flaky(429)
	defer srv.Close()
	var waits []time.Duration
	if _, err := recordingFetcher(&waits).Get(context.Background(), srv.URL+"/x.json"); err != nil {
		t.Fatal(err)
	}
	if len(waits) != 1 || waits[0] != 7*time.Second {
		t.Errorf("waits %v, want the server's 7s", waits)
	}
}

func TestNoRetryOnClientErrors(t *testing.T) {
	for _, code := range []int{400, 401, 403, 404, 410} {
		srv, n := flaky(code, code, code)
		var waits []time.Duration
		_, err := recordingFetcher(&waits).Get(context.Background(), srv.URL+"/x.json")
		srv.Close()
		if err == nil || n.Load() != 1 {
			t.Errorf("%d: %d requests, err %v; want one request and an error", code, n.Load(), err)
		}
	}
}

func TestRetriesGiveUp(t *testing.T) {
	srv, n := flaky(500, 500, 500, 500)
	defer srv.Close()
	var waits []time.Duration
	_, err := recordingFetcher(&waits).Get(context.Background(), srv.URL+"/x.json")
	if err == nil || !strings.Contains(err.Error(), "500") || n.Load() != 1+DefaultRetries {
		t.Errorf("%d requests, err %v; want %d and the last error", n.Load(), err, 1+DefaultRetries)
	}
}

func TestPerHostLimit(t *testing.T) {
	var inFlight, peak atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		now := inFlight.Add(1)
		for {
			p := peak.Load()
			if now <= p || peak.CompareAndSwap(p, now) {
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
		inFlight.Add(-1)
		w.Write([]byte("{}"))
	}))
	defer srv.Close()
	f := &HTTPFetcher{PerHost: 2, Client: loopbackClient()}
	var wg sync.WaitGroup
	for range 12 {
		wg.Go(func() {
			if _, err := f.Get(context.Background(), srv.URL+"/x.json"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if peak.Load() > 2 || peak.Load() < 1 {
		t.Errorf("peak %d requests in flight to one host, want at most 2", peak.Load())
	}
}

func TestJSONEndpointAnsweringHTML(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<!doctype html><title>Just a moment...</title>"))
	}))
	defer srv.Close()
	url := srv.URL + "/api/v2/summary.json"
	_, err := (&HTTPFetcher{Client: loopbackClient()}).Get(context.Background(), url)
	if err == nil || err.Error() != "expected JSON from "+url+", got an HTML page (served as text/html)" {
		t.Errorf("err = %v", err)
	}
	if n.Load() != 1 {
		t.Errorf("%d requests: a wrong kind of answer is not worth retrying", n.Load())
	}
	// A feed URL may well answer HTML-looking XML: not checked.
	if _, err := (&HTTPFetcher{Client: loopbackClient()}).Get(context.Background(), srv.URL+"/history.atom"); err != nil {
		t.Errorf("non-JSON URL: %v", err)
	}
}

// TestJSONEndpointAnsweringHTMLSaysWhatCame: the message says what the
// body is, then what its Content-Type claimed, which is often JSON.
func TestJSONEndpointAnsweringHTMLSaysWhatCame(t *testing.T) {
	const u = "https://status.example.com/api/v2/summary.json"
	tests := []struct{ ctype, body, want string }{
		{"application/json", "<!DOCTYPE html><title>Just a moment...</title>", "expected JSON from " + u + ", got an HTML page (served as application/json)"},
		{"application/json; charset=utf-8", "\n  <html>", "expected JSON from " + u + ", got an HTML page (served as application/json)"},
		{"", "<html>", "expected JSON from " + u + ", got an HTML page"},
		{"Text/HTML; charset=utf-8", "<p>", "expected JSON from " + u + ", got an HTML page (served as text/html)"},
		{"application/xml", "<?xml version=\"1.0\"?><error/>", "expected JSON from " + u + ", got an XML document (served as application/xml)"},
		{"text/html", `{"ok":true}`, "expected JSON from " + u + ", got a text/html answer"},
		{"application/json", `{"ok":true}`, ""},
	}
	for _, tt := range tests {
		err := checkJSON(u, tt.ctype, []byte(tt.body))
		if got := fmt.Sprint(err); (err == nil) != (tt.want == "") || err != nil && got != tt.want {
			t.Errorf("%q %q: %v, want %q", tt.ctype, tt.body, err, tt.want)
		}
	}
}

func TestRedirectsHTTPSOnlyAndBounded(t *testing.T) {
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("{}")) }))
	defer plain.Close()
	var hops atomic.Int32
	var tls *httptest.Server
	tls = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/to-http.json":
			http.Redirect(w, r, plain.URL+"/x.json", http.StatusFound)
		case "/loop.json":
			hops.Add(1)
			http.Redirect(w, r, tls.URL+"/loop.json", http.StatusFound)
		default:
			w.Write([]byte("{}"))
		}
	}))
	defer tls.Close()
	client := NewClient(tls.Client().Transport)
	f := &HTTPFetcher{Client: client, Retries: -1}
	if _, err := f.Get(context.Background(), tls.URL+"/to-http.json"); err == nil || !strings.Contains(err.Error(), "https only") {
		t.Errorf("redirect to http: %v", err)
	}
	if _, err := f.Get(context.Background(), tls.URL+"/loop.json"); err == nil || !strings.Contains(err.Error(), "5 redirects") {
		t.Errorf("redirect loop: %v", err)
	}
	if hops.Load() != 5 {
		t.Errorf("%d hops, want 5", hops.Load())
	}
}

func TestGzipIsDecoded(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			t.Error("the client did not offer gzip")
		}
		w.Header().Set("Content-Encoding", "gzip")
		gz := gzip.NewWriter(w)
		gz.Write([]byte(`{"compressed":true}`))
		gz.Close()
	}))
	defer srv.Close()
	body, err := (&HTTPFetcher{Client: loopbackClient()}).Get(context.Background(), srv.URL+"/x.json")
	if err != nil || string(body) != `{"compressed":true}` {
		t.Errorf("got %q, %v", body, err)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"":                              0,
		"7":                             7 * time.Second,
		"-3":                            0,
		"3600":                          retryAfterLimit,
		"Wed, 25 Nov 2026 12:00:10 GMT": 10 * time.Second,
		"Wed, 25 Nov 2026 11:00:00 GMT": 0,
		"soon":                          0,
	} {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"7", "Wed, 25 Nov 2026 12:00:10 GMT", "-1", "99999999999999999999"} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		if d := parseRetryAfter(s, now); d < 0 || d > retryAfterLimit {
			t.Fatalf("parseRetryAfter(%q) = %v, outside [0, %v]", s, d, retryAfterLimit)
		}
	})
}
