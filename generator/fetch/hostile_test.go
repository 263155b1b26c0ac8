package fetch

import (
	"context"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/feed"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/internal/testfs"
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
	ps := []catalog.Provider{{Slug: "acme", Name: "Acme", URL: "http://status.acme.example/history.rss", Adapter: "feed"}}
	res := Run(context.Background(), opt, ps).Results[0]
	want := "first fetch: 2 incidents; 2 incidents dropped (no id, title or time, or dated before 1990 or ahead of the fetch)"
	if res.Outcome != OK || res.Detail() != want {
		t.Fatalf("%s %q (%v), want ok %q", res.Outcome, res.Detail(), res.Err, want)
	}
	year, err := os.ReadFile(filepath.Join(opt.DataDir, "acme", "incidents", "2026.json"))
	if err != nil || !strings.Contains(string(year), "Elevated API errors") || strings.Contains(string(year), "Webhooks delayed") {
		t.Errorf("incidents file: %v\n%s", err, year)
	}
}

// Entries dated before 1990, or maintenance scheduled years ahead, are
// dropped and counted; a component's change time from 1900 is unknown.
// Nothing of them reaches the history: not its start, nor a year file.
func TestRunDropsImplausibleDates(t *testing.T) {
	fetched := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	good := fetched.Add(-time.Hour)
	incident := func(id string, created time.Time) adapters.Incident {
		return adapters.Incident{ID: id, Kind: adapters.KindIncident, Title: "Incident " + id, CreatedAt: created,
			Updates: []adapters.Update{{ID: id + "-u", Status: "investigating", CreatedAt: created}}}
	}
	year1 := incident("year1", good)
	year1.Updates[0].CreatedAt = time.Date(1, 1, 1, 0, 0, 0, 0, time.FixedZone("", 3600)) // not Go's zero time
	resolved1900 := incident("resolved1900", good)
	resolved1900.ResolvedAt = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	maintenance := func(id string, ahead time.Duration) adapters.Incident {
		in := incident(id, good)
		in.Kind, in.ScheduledFor, in.ScheduledUntil = adapters.KindMaintenance, fetched.Add(ahead), fetched.Add(ahead+time.Hour)
		return in
	}
	opt := testOptions()
	opt.Now = func() time.Time { return fetched }
	opt.DataDir = t.TempDir()
	opt.Registry = registryWith(fakeAdapter{"fake", func(context.Context, adapters.Fetcher, adapters.Page) (*adapters.Snapshot, error) {
		return &adapters.Snapshot{Status: adapters.Operational,
			Components: []adapters.Component{{ID: "c", Name: "API", Status: adapters.Operational, UpdatedAt: time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)}},
			Incidents: []adapters.Incident{incident("ok", good), incident("1900", time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)), year1, resolved1900,
				maintenance("next-year", 365*24*time.Hour), maintenance("in-2036", 10*365*24*time.Hour)}}, nil
	}})
	res := Run(context.Background(), opt, providers("acme")).Results[0]
	want := "first fetch: 1 incident, 1 maintenance, 1 component; 4 incidents dropped (no id, title or time, or dated before 1990 or ahead of the fetch)"
	if res.Outcome != OK || res.Detail() != want {
		t.Fatalf("%s %q (%v), want ok %q", res.Outcome, res.Detail(), res.Err, want)
	}
	files := testfs.Text(t, opt.DataDir)
	for name, text := range files {
		if strings.Contains(text, "1900-") || strings.Contains(text, "0001-") || strings.Contains(text, "2036-") || strings.Contains(text, "0000-") {
			t.Errorf("%s keeps an implausible date:\n%s", name, text)
		}
	}
	got := strings.Join(slices.Sorted(maps.Keys(files)), " ")
	if want := "acme/incidents/2026.json acme/incidents/2027.json acme/state.json"; got != filepath.FromSlash(want) {
		t.Errorf("files %s, want %s", got, want)
	}
}
