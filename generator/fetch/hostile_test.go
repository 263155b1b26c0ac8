package fetch

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters/feed"
	"github.com/uptimus/uptimus/generator/catalog"
)

// serveFile answers every request with body, and returns a fetcher whose
// requests, whatever their host, all go to it.
func serveFile(t *testing.T, body []byte) *HTTPFetcher {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	client := srv.Client()
	client.Transport = hostRewrite{to: strings.TrimPrefix(srv.URL, "http://"), next: client.Transport}
	return &HTTPFetcher{Retries: -1, Client: client}
}

// A feed item without a date, or with one that cannot be read, is dropped
// and counted; the provider and the rest of its feed are kept.
func TestRunFeedWithUndatedItems(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("..", "..", "adapters", "feed", "testdata", "odd-dates.rss"))
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{
		Registry: registryWith(feed.New()),
		Fetcher:  serveFile(t, body),
		DataDir:  t.TempDir(),
		Now:      func() time.Time { return time.Date(2026, 9, 16, 0, 0, 0, 0, time.UTC) },
		Workers:  1,
	}
	ps := []catalog.Provider{{Slug: "acme", URL: "http://status.acme.example/history.rss", Adapter: "feed"}}
	res := Run(context.Background(), opt, ps).Results[0]
	want := "first fetch: 2 incidents; 2 incidents dropped (no id, title or time, or dated over a day ahead)"
	if res.Outcome != OK || res.Detail() != want {
		t.Fatalf("%s %q (%v), want ok %q", res.Outcome, res.Detail(), res.Err, want)
	}
	year, err := os.ReadFile(filepath.Join(opt.DataDir, "acme", "incidents", "2026.json"))
	if err != nil || !strings.Contains(string(year), "Elevated API errors") || strings.Contains(string(year), "Webhooks delayed") {
		t.Errorf("incidents file: %v\n%s", err, year)
	}
}
