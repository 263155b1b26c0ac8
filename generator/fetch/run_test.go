package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
)

// fakeAdapter answers with fetch, under the name name.
type fakeAdapter struct {
	name  string
	fetch func(ctx context.Context, f adapters.Fetcher, p adapters.Page) (*adapters.Snapshot, error)
}

func (a fakeAdapter) Name() string                        { return a.name }
func (a fakeAdapter) Capabilities() adapters.Capabilities { return adapters.Capabilities{} }
func (a fakeAdapter) Probe() adapters.Probe               { return adapters.Probe{} }
func (a fakeAdapter) Fetch(ctx context.Context, f adapters.Fetcher, p adapters.Page) (*adapters.Snapshot, error) {
	return a.fetch(ctx, f, p)
}

// byPage is a fake adapter whose answer depends on the page's slug:
// "fail-*" fails, "panic-*" panics, "slow-*" waits a little, others give
// one incident named after the slug.
func byPage(ctx context.Context, f adapters.Fetcher, p adapters.Page) (*adapters.Snapshot, error) {
	switch {
	case strings.HasPrefix(p.Slug, "fail"):
		return nil, fmt.Errorf("fetch %s/api/v2/summary.json: 503 Service Unavailable", p.URL)
	case strings.HasPrefix(p.Slug, "panic"):
		panic("index out of range [3] with length 3")
	case strings.HasPrefix(p.Slug, "slow"):
		time.Sleep(20 * time.Millisecond)
	}
	return snapshotWith(p.Slug + "-1"), nil
}

func snapshotWith(ids ...string) *adapters.Snapshot {
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	s := &adapters.Snapshot{Status: adapters.Operational, Components: []adapters.Component{}}
	for _, id := range ids {
		s.Incidents = append(s.Incidents, adapters.Incident{
			ID: id, Kind: adapters.KindIncident, Title: "Incident " + id, CreatedAt: at,
			Updates: []adapters.Update{{ID: id + "-u1", Status: "resolved", CreatedAt: at}},
		})
	}
	return s
}

// fakeStore keeps histories in memory and merges by adding incidents and
// updates it has not seen: enough to drive the pool without depending on
// package history's merge rules.
type fakeStore struct {
	mu    sync.Mutex
	h     map[string]*history.History
	saved []string
	snaps map[string]*adapters.Snapshot
}

func newFakeStore() *fakeStore {
	return &fakeStore{h: map[string]*history.History{}, snaps: map[string]*adapters.Snapshot{}}
}

func (s *fakeStore) load(slug string) (*history.History, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if strings.HasPrefix(slug, "badload") {
		return nil, errors.New("data/" + slug + "/state.json:3: unexpected end of JSON")
	}
	h, ok := s.h[slug]
	if !ok {
		return &history.History{}, nil
	}
	c := *h
	c.Incidents = slices.Clone(h.Incidents)
	return &c, nil
}

func (s *fakeStore) merge(h *history.History, snap *adapters.Snapshot) bool {
	s.mu.Lock()
	s.snaps[h.Slug] = snap
	s.mu.Unlock()
	changed := false
	for _, inc := range snap.Incidents {
		if !slices.ContainsFunc(h.Incidents, func(x adapters.Incident) bool { return x.ID == inc.ID }) {
			h.Incidents = append(h.Incidents, inc)
			changed = true
		}
	}
	if h.State.FirstChecked.IsZero() {
		h.State.FirstChecked = snap.FetchedAt
		changed = true
	}
	return changed
}

func (s *fakeStore) save(h *history.History) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.h[h.Slug] = h
	s.saved = append(s.saved, h.Slug)
	return []string{h.Slug + "/state.json"}, nil
}

func providers(slugs ...string) []catalog.Provider {
	var ps []catalog.Provider
	for _, s := range slugs {
		adapter := "fake"
		if strings.HasPrefix(s, "unknown") {
			adapter = "statuspag"
		}
		ps = append(ps, catalog.Provider{Slug: s, Name: s, URL: "https://status." + s + ".example", Adapter: adapter})
	}
	return ps
}

func registryWith(as ...adapters.Adapter) *adapters.Registry {
	r := adapters.NewRegistry()
	for _, a := range as {
		r.Add(a)
	}
	return r
}

var testNow = time.Date(2026, 11, 25, 13, 0, 0, 0, time.FixedZone("CET", 3600))

func testOptions() Options {
	return Options{
		Registry: registryWith(fakeAdapter{"fake", byPage}),
		Now:      func() time.Time { return testNow },
		Workers:  3,
	}
}

func outcomes(r *Report) []string {
	var out []string
	for _, res := range r.Results {
		out = append(out, res.Slug+"="+string(res.Outcome))
	}
	return out
}

func TestRunIsolatesFailures(t *testing.T) {
	st := newFakeStore()
	slugs := []string{"slow-a", "fail-b", "c", "panic-d", "unknown-e", "badload-f", "slow-g", "h"}
	r := run(context.Background(), testOptions(), providers(slugs...), st)

	want := []string{"slow-a=ok", "fail-b=failed", "c=ok", "panic-d=failed", "unknown-e=failed", "badload-f=failed", "slow-g=ok", "h=ok"}
	if got := outcomes(r); !slices.Equal(got, want) {
		t.Fatalf("outcomes %v, want %v", got, want)
	}
	reasons := map[string]string{
		"fail-b":    "adapter fake: fetch https://status.fail-b.example/api/v2/summary.json: 503 Service Unavailable",
		"panic-d":   "adapter fake panicked: index out of range [3] with length 3",
		"unknown-e": `unknown adapter "statuspag" (known: fake)`,
		"badload-f": "load history: data/badload-f/state.json:3: unexpected end of JSON",
	}
	for _, res := range r.Results {
		if want, ok := reasons[res.Slug]; ok && res.Detail() != want {
			t.Errorf("%s: reason %q, want %q", res.Slug, res.Detail(), want)
		}
	}
	saved := slices.Sorted(slices.Values(st.saved))
	if want := []string{"c", "h", "slow-a", "slow-g"}; !slices.Equal(saved, want) {
		t.Errorf("saved %v, want only the ok providers %v", saved, want)
	}
	if r.Failed() != 4 || r.AllFailed() {
		t.Errorf("Failed %d AllFailed %v", r.Failed(), r.AllFailed())
	}
	if got, want := r.Changed(), []string{"slow-a", "c", "slow-g", "h"}; !slices.Equal(got, want) {
		t.Errorf("Changed %v, want %v", got, want)
	}
	if snap := st.snaps["c"]; snap == nil || !snap.FetchedAt.Equal(testNow) || snap.FetchedAt.Location() != time.UTC {
		t.Errorf("FetchedAt not the clock's time in UTC: %+v", snap)
	}
}

func TestRunSecondRunUnchanged(t *testing.T) {
	st := newFakeStore()
	ps := providers("a", "b")
	run(context.Background(), testOptions(), ps, st)
	r := run(context.Background(), testOptions(), ps, st)
	if got, want := outcomes(r), []string{"a=unchanged", "b=unchanged"}; !slices.Equal(got, want) {
		t.Errorf("outcomes %v, want %v", got, want)
	}
	if len(st.saved) != 2 {
		t.Errorf("saved %v: an unchanged history must not be saved", st.saved)
	}
}

// TestRunBoundsConcurrency: with W workers, exactly W providers are in
// flight at the peak. Each fake fetch waits until W have arrived, so a
// pool that ran one at a time (or fewer than W) never gets there and fails
// once the wait times out, rather than hanging.
func TestRunBoundsConcurrency(t *testing.T) {
	for _, workers := range []int{1, 2, 5} {
		peak, met := runWithBarrier(t, workers, 20)
		if peak != workers || !met {
			t.Errorf("workers %d: peak in flight %d (all %d at once: %v)", workers, peak, workers, met)
		}
	}
}

// runWithBarrier fetches n providers with the given workers through an
// adapter that holds each call until workers calls have arrived (or 10 s
// have passed), and returns the most calls that were in flight at once and
// whether the barrier was met.
func runWithBarrier(t *testing.T, workers, n int) (peak int, met bool) {
	t.Helper()
	wait, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var inFlight, most, arrived atomic.Int32
	allIn := make(chan struct{})
	a := fakeAdapter{"fake", func(ctx context.Context, f adapters.Fetcher, p adapters.Page) (*adapters.Snapshot, error) {
		now := inFlight.Add(1)
		defer inFlight.Add(-1)
		// most = max(most, now), against the other workers.
		for old := most.Load(); now > old && !most.CompareAndSwap(old, now); old = most.Load() {
		}
		if arrived.Add(1) == int32(workers) {
			close(allIn)
		}
		select {
		case <-allIn:
		case <-wait.Done():
		}
		return snapshotWith(p.Slug), nil
	}}
	opt := testOptions()
	opt.Registry, opt.Workers = registryWith(a), workers
	var slugs []string
	for i := range n {
		slugs = append(slugs, fmt.Sprintf("p%02d", i))
	}
	r := run(context.Background(), opt, providers(slugs...), newFakeStore())
	for i, res := range r.Results {
		if res.Slug != slugs[i] || res.Outcome != OK {
			t.Errorf("result %d: %s %s, want %s ok", i, res.Slug, res.Outcome, slugs[i])
		}
	}
	return int(most.Load()), wait.Err() == nil
}

func TestRunOrderIsCatalogueOrder(t *testing.T) {
	// The first provider finishes last.
	a := fakeAdapter{"fake", func(ctx context.Context, f adapters.Fetcher, p adapters.Page) (*adapters.Snapshot, error) {
		if p.Slug == "a" {
			time.Sleep(30 * time.Millisecond)
		}
		return snapshotWith(p.Slug), nil
	}}
	opt := testOptions()
	opt.Registry, opt.Workers = registryWith(a), 4
	r := run(context.Background(), opt, providers("a", "b", "c", "d"), newFakeStore())
	if got, want := outcomes(r), []string{"a=ok", "b=ok", "c=ok", "d=ok"}; !slices.Equal(got, want) {
		t.Errorf("outcomes %v, want %v", got, want)
	}
}

func TestRunAllFailed(t *testing.T) {
	tests := []struct {
		slugs []string
		all   bool
	}{
		{nil, false},
		{[]string{"fail-a"}, true},
		{[]string{"fail-a", "panic-b"}, true},
		{[]string{"fail-a", "b"}, false},
		{[]string{"a"}, false},
	}
	for _, tt := range tests {
		r := run(context.Background(), testOptions(), providers(tt.slugs...), newFakeStore())
		if r.AllFailed() != tt.all {
			t.Errorf("%v: AllFailed %v, want %v", tt.slugs, r.AllFailed(), tt.all)
		}
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	st := newFakeStore()
	r := run(ctx, testOptions(), providers("a", "b"), st)
	for _, res := range r.Results {
		if res.Outcome != Failed || !errors.Is(res.Err, context.Canceled) {
			t.Errorf("%s: %s %v, want failed with context.Canceled", res.Slug, res.Outcome, res.Err)
		}
	}
	if len(st.saved) != 0 {
		t.Errorf("saved %v after cancellation", st.saved)
	}
}

func TestRunNoSnapshot(t *testing.T) {
	opt := testOptions()
	opt.Registry = registryWith(fakeAdapter{"fake", func(context.Context, adapters.Fetcher, adapters.Page) (*adapters.Snapshot, error) {
		return nil, nil
	}})
	r := run(context.Background(), opt, providers("a"), newFakeStore())
	if res := r.Results[0]; res.Outcome != Failed || res.Detail() != "adapter fake: no snapshot and no error" {
		t.Errorf("%s %q", res.Outcome, res.Detail())
	}
	opt.Registry = nil
	r = run(context.Background(), opt, providers("a"), newFakeStore())
	if res := r.Results[0]; res.Outcome != Failed || res.Detail() != "no adapter registry" {
		t.Errorf("%s %q", res.Outcome, res.Detail())
	}
}

func TestRunAdapterErrorNamedOnce(t *testing.T) {
	opt := testOptions()
	opt.Registry = registryWith(fakeAdapter{"fake", func(context.Context, adapters.Fetcher, adapters.Page) (*adapters.Snapshot, error) {
		return nil, errors.New("adapter fake: decode summary.json: unexpected EOF")
	}})
	r := run(context.Background(), opt, providers("a"), newFakeStore())
	if got := r.Results[0].Detail(); got != "adapter fake: decode summary.json: unexpected EOF" {
		t.Errorf("reason %q", got)
	}
}

func TestRunPassesFetcherAndPage(t *testing.T) {
	var got adapters.Page
	var gotFetcher adapters.Fetcher
	opt := testOptions()
	opt.Fetcher = &HTTPFetcher{Retries: -1, UserAgent: "test"}
	opt.Registry = registryWith(fakeAdapter{"fake", func(ctx context.Context, f adapters.Fetcher, p adapters.Page) (*adapters.Snapshot, error) {
		got, gotFetcher = p, f
		return snapshotWith("x"), nil
	}})
	run(context.Background(), opt, providers("pusher"), newFakeStore())
	if got != (adapters.Page{Slug: "pusher", URL: "https://status.pusher.example"}) || gotFetcher != opt.Fetcher {
		t.Errorf("adapter got page %+v, fetcher %v", got, gotFetcher)
	}
}

func TestRunProgress(t *testing.T) {
	var progress, logs bytes.Buffer
	opt := testOptions()
	opt.Workers = 1 // one at a time, so the order of lines is known
	opt.Progress = &progress
	opt.Log = slog.New(slog.NewTextHandler(&logs, nil))
	run(context.Background(), opt, providers("a", "fail-b", "c"), newFakeStore())
	want := "\rfetch 1/3 ok 1 unchanged 0 failed 0" +
		"\rfetch 2/3 ok 1 unchanged 0 failed 1" +
		"\rfetch 3/3 ok 2 unchanged 0 failed 1\n"
	if progress.String() != want {
		t.Errorf("progress %q, want %q", progress.String(), want)
	}
	if logs.Len() != 0 {
		t.Errorf("logged with a progress line: %s", logs.String())
	}
}

func TestRunLogsWithoutProgress(t *testing.T) {
	var logs bytes.Buffer
	opt := testOptions()
	opt.Log = slog.New(slog.NewTextHandler(&logs, nil))
	run(context.Background(), opt, providers("a", "fail-b"), newFakeStore())
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one line per provider, got:\n%s", logs.String())
	}
	for _, want := range []string{"provider=a outcome=ok", `provider=fail-b outcome=failed`, `reason="adapter fake: fetch https://status.fail-b.example`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, logs.String())
		}
	}
}

func TestAdapterErrorNamesTheAdapterOnce(t *testing.T) {
	base := errors.New("fetch https://x/api: 503")
	for _, tt := range []struct {
		in   error
		want string
	}{
		{base, "adapter sp: fetch https://x/api: 503"},
		{fmt.Errorf("sp: %w", base), "adapter sp: fetch https://x/api: 503"},
		{fmt.Errorf("adapter sp: %w", base), "adapter sp: fetch https://x/api: 503"},
	} {
		got := adapterError("sp", tt.in)
		if got.Error() != tt.want || !errors.Is(got, base) {
			t.Errorf("adapterError(%q) = %q, want %q wrapping the cause", tt.in, got, tt.want)
		}
	}
}
