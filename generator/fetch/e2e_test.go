package fetch

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/internal/testfs"
)

// vendorAdapter reads one JSON document through the Fetcher, as a real
// adapter would, and turns the served state into a snapshot.
type vendorAdapter struct {
	mu    sync.Mutex
	state map[string]*adapters.Snapshot // by slug
}

func (a *vendorAdapter) Name() string { return "vendor" }
func (a *vendorAdapter) Capabilities() adapters.Capabilities {
	return adapters.Capabilities{Components: true}
}
func (a *vendorAdapter) Probe() adapters.Probe { return adapters.Probe{} }
func (a *vendorAdapter) Fetch(ctx context.Context, f adapters.Fetcher, p adapters.Page) (*adapters.Snapshot, error) {
	if _, err := f.Get(ctx, p.URL+"/api/v2/summary.json"); err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	s := *a.state[p.Slug]
	return &s, nil
}

func (a *vendorAdapter) set(slug string, s *adapters.Snapshot) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.state[slug] = s
}

func vendorSnapshot(apiStatus adapters.Status, incidents ...adapters.Incident) *adapters.Snapshot {
	at := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	return &adapters.Snapshot{
		Status: adapters.Operational, StatusRaw: "none", Description: "All Systems Operational",
		Components: []adapters.Component{
			{ID: "api", Name: "API", Position: 1, Status: apiStatus, UpdatedAt: at},
			{ID: "web", Name: "Website", Position: 2, Status: adapters.Operational, UpdatedAt: at},
		},
		Incidents: incidents,
	}
}

func vendorIncident(id string, updates ...string) adapters.Incident {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	inc := adapters.Incident{
		ID: id, Kind: adapters.KindIncident, Title: "Elevated errors " + id, Impact: adapters.ImpactMinor,
		Status: "resolved", CreatedAt: at, StartedAt: at, UpdatedAt: at.Add(time.Hour), ResolvedAt: at.Add(time.Hour),
	}
	for i, u := range updates {
		inc.Updates = append([]adapters.Update{{ID: u, Status: "resolved", Body: "Update " + u, CreatedAt: at.Add(time.Duration(i) * time.Minute)}}, inc.Updates...)
	}
	return inc
}

// vendorServer is a test server that answers every provider's host (the
// client it returns sends them all there) with {}, or with 503 for the
// slugs stored in down.
func vendorServer(t *testing.T, down *sync.Map) *http.Client {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := down.Load(strings.Split(r.Host, ".")[0]); ok {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte(`{}`))
	}))
	t.Cleanup(srv.Close)
	client := srv.Client()
	client.Transport = hostRewrite{to: strings.TrimPrefix(srv.URL, "http://"), next: client.Transport}
	return client
}

// TestRunWithHistory drives Run end to end: HTTP through a test server,
// the real history package on a temporary data folder, and a clock that
// moves between runs.
func TestRunWithHistory(t *testing.T) {
	var down sync.Map // slugs whose page answers 503
	client := vendorServer(t, &down)

	a := &vendorAdapter{state: map[string]*adapters.Snapshot{
		"alpha": vendorSnapshot(adapters.Operational, vendorIncident("a1", "a1u1")),
		"beta":  vendorSnapshot(adapters.Operational),
		"gamma": vendorSnapshot(adapters.Operational),
	}}
	down.Store("gamma", true)
	data := t.TempDir()
	ps := []catalog.Provider{
		{Slug: "alpha", URL: "http://alpha.example", Adapter: "vendor"},
		{Slug: "beta", URL: "http://beta.example", Adapter: "vendor"},
		{Slug: "gamma", URL: "http://gamma.example", Adapter: "vendor"},
	}
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	fetchAt := func(at time.Time) *Report {
		return Run(context.Background(), Options{
			Registry: registryWith(a),
			Fetcher:  &HTTPFetcher{Retries: -1, Client: client},
			DataDir:  data,
			Now:      func() time.Time { return at },
			Workers:  2,
		}, ps)
	}

	r := fetchAt(now)
	if got, want := strings.Join(outcomes(r), " "), "alpha=ok beta=ok gamma=failed"; got != want {
		t.Fatalf("first run: %s, want %s\n%s", got, want, table(r))
	}
	if d := r.Results[0].Detail(); d != "first fetch: 1 incident, 2 components" {
		t.Errorf("alpha first fetch detail %q", d)
	}
	if want := "fetch http://gamma.example/api/v2/summary.json: 503 Service Unavailable"; !strings.Contains(r.Results[2].Detail(), want) {
		t.Errorf("gamma reason %q, want it to contain %q", r.Results[2].Detail(), want)
	}
	if _, err := os.Stat(filepath.Join(data, "gamma")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed provider got a history folder: %v", err)
	}
	for _, res := range r.Results[:2] {
		if len(res.Written) == 0 {
			t.Errorf("%s: ok but Save wrote nothing", res.Slug)
		}
	}
	first := testfs.Text(t, data)

	// Same answers, later: nothing changes, not a byte.
	r = fetchAt(now.Add(15 * time.Minute))
	if got, want := strings.Join(outcomes(r), " "), "alpha=unchanged beta=unchanged gamma=failed"; got != want {
		t.Errorf("second run: %s, want %s\n%s", got, want, table(r))
	}
	if !maps.Equal(first, testfs.Text(t, data)) {
		t.Error("an identical run changed data/")
	}
	if CommitMessage(r) != "" {
		t.Errorf("commit message %q for no change", CommitMessage(r))
	}

	// News: a new incident for beta, a new update and a component change
	// for alpha; alpha's page then goes down and its history must stay.
	a.set("alpha", vendorSnapshot(adapters.Degraded, vendorIncident("a1", "a1u1", "a1u2")))
	a.set("beta", vendorSnapshot(adapters.Operational, vendorIncident("b1", "b1u1")))
	r = fetchAt(now.Add(30 * time.Minute))
	if got, want := CommitMessage(r), "alpha: 1 new update, 1 component changed; beta: 1 new incident"; got != want {
		t.Errorf("commit message %q, want %q\n%s", got, want, table(r))
	}
	third := testfs.Text(t, data)

	down.Store("alpha", true)
	a.set("alpha", vendorSnapshot(adapters.MajorOutage))
	r = fetchAt(now.Add(45 * time.Minute))
	if got, want := strings.Join(outcomes(r), " "), "alpha=failed beta=unchanged gamma=failed"; got != want {
		t.Errorf("fourth run: %s, want %s", got, want)
	}
	if !maps.Equal(third, testfs.Text(t, data)) {
		t.Error("a failing provider's history changed")
	}
}

// hostRewrite sends every request to one test server, keeping the
// original Host so the handler can tell providers apart.
type hostRewrite struct {
	to   string
	next http.RoundTripper
}

func (h hostRewrite) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.Host = req.URL.Host
	r.URL.Host = h.to
	return h.next.RoundTrip(r)
}

func table(r *Report) string {
	var b strings.Builder
	r.WriteTable(&b)
	return b.String()
}

// TestUnseenTimeIsRecorded: a provider we cannot see for over three hours
// gets an unseen stretch in data/ from its last good check (one commit),
// which closes when it answers again (another); a stretch when no run
// happened at all is recorded when the next run succeeds; a failed run or
// two records nothing.
func TestUnseenTimeIsRecorded(t *testing.T) {
	var down sync.Map
	client := vendorServer(t, &down)
	a := &vendorAdapter{state: map[string]*adapters.Snapshot{"alpha": vendorSnapshot(adapters.Operational)}}
	data, checksPath := t.TempDir(), filepath.Join(t.TempDir(), ChecksFile)
	ps := []catalog.Provider{{Slug: "alpha", URL: "http://alpha.example", Adapter: "vendor"}}
	start := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	run := func(hours float64) *history.History {
		t.Helper()
		at := start.Add(time.Duration(hours * float64(time.Hour)))
		checks, err := LoadChecks(checksPath)
		if err != nil {
			t.Fatal(err)
		}
		r := Run(context.Background(), Options{Registry: registryWith(a), Fetcher: &HTTPFetcher{Retries: -1, Client: client},
			DataDir: data, Now: func() time.Time { return at }, Workers: 1, Checks: checks}, ps)
		if err := RecordChecks(checksPath, r, at); err != nil {
			t.Fatal(err)
		}
		h, err := history.Load(os.DirFS(data), "alpha")
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	h := run(0)
	down.Store("alpha", true)
	for _, hr := range []float64{0.25, 0.5, 3} { // up to 3 h: nothing recorded
		if h = run(hr); len(h.State.Unseen) != 0 {
			t.Fatalf("at %vh a failing run recorded %v", hr, h.State.Unseen)
		}
	}
	h = run(3.25)
	if want := (history.Span{From: start}); len(h.State.Unseen) != 1 || h.State.Unseen[0] != want {
		t.Fatalf("after 3h15 failing: %v, want one open stretch from the last good check", h.State.Unseen)
	}
	if h = run(5); len(h.State.Unseen) != 1 || !h.State.Unseen[0].Open() {
		t.Fatalf("a stretch opens once: %v", h.State.Unseen)
	}
	down.Delete("alpha")
	h = run(6)
	if want := (history.Span{From: start, To: start.Add(6 * time.Hour)}); len(h.State.Unseen) != 1 || h.State.Unseen[0] != want {
		t.Fatalf("back after 6 h: %v, want %v", h.State.Unseen, want)
	}
	// No run between 6 h and 11 h: the next good run records it.
	h = run(11)
	if want := (history.Span{From: start.Add(6 * time.Hour), To: start.Add(11 * time.Hour)}); len(h.State.Unseen) != 2 || h.State.Unseen[1] != want {
		t.Fatalf("after a gap of runs: %v, want a second stretch %v", h.State.Unseen, want)
	}
}

// A run stopped before a provider's fetch ended (SIGTERM, a cancelled
// job) says nothing about the provider: no unseen time is written, and
// its checks do not count a failure nor start a backoff.
func TestStoppedRunRecordsNoFailure(t *testing.T) {
	var down sync.Map
	client := vendorServer(t, &down)
	a := &vendorAdapter{state: map[string]*adapters.Snapshot{"alpha": vendorSnapshot(adapters.Operational)}}
	data, checksPath := t.TempDir(), filepath.Join(t.TempDir(), ChecksFile)
	ps := []catalog.Provider{{Slug: "alpha", URL: "http://alpha.example", Adapter: "vendor"}}
	start := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	run := func(ctx context.Context, at time.Time) *Report {
		t.Helper()
		checks, err := LoadChecks(checksPath)
		if err != nil {
			t.Fatal(err)
		}
		r := Run(ctx, Options{Registry: registryWith(a), Fetcher: &HTTPFetcher{Retries: -1, Client: client},
			DataDir: data, Now: func() time.Time { return at }, Workers: 1, Checks: checks}, ps)
		if err := RecordChecks(checksPath, r, at); err != nil {
			t.Fatal(err)
		}
		return r
	}
	run(context.Background(), start)
	before := testfs.Text(t, data)
	stopped, cancel := context.WithCancel(context.Background())
	cancel()
	// Long after the last success: a real failure would record unseen time.
	r := run(stopped, start.Add(10*time.Hour))
	if res := r.Results[0]; !res.Stopped || r.Stopped() != 1 {
		t.Fatalf("result %+v, want it stopped", res)
	}
	if after := testfs.Text(t, data); !maps.Equal(before, after) {
		t.Errorf("a stopped run wrote into data/")
	}
	checks, _ := LoadChecks(checksPath)
	if c := checks["alpha"]; c.Failures != 0 || c.LastError != "" || !c.FailingSince.IsZero() {
		t.Errorf("checks %+v record the stop as a failure", c)
	}
}
