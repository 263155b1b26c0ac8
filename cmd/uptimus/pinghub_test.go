package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptimus/uptimus/generator/paths"
	"github.com/uptimus/uptimus/internal/testfs"
)

// hubRecorder is a local WebSub hub that records publish pings; the first
// fail answers of each topic are 503, to exercise the retries.
type hubRecorder struct {
	mu     sync.Mutex
	pinged []string
	tries  map[string]int
	fail   int
}

func (h *hubRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.Method != http.MethodPost || r.PostForm.Get("hub.mode") != "publish" {
		http.Error(w, "bad ping", http.StatusBadRequest)
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	topic := r.PostForm.Get("hub.url")
	h.tries[topic]++
	if h.tries[topic] <= h.fail {
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	h.pinged = append(h.pinged, topic)
	w.WriteHeader(http.StatusNoContent)
}

// TestPingHubAfterRebuild: a build with --hub names the hub in its feeds;
// after one provider's history changes, the rebuild's --changed list holds
// exactly the feeds whose bytes changed (that provider's and the merged
// ones), and ping-hub announces exactly those. Every build goes into an
// empty folder with the same --cache, as the scheduled job's do.
func TestPingHubAfterRebuild(t *testing.T) {
	t.Parallel()
	hub := &hubRecorder{tries: map[string]int{}, fail: 1}
	srv := httptest.NewServer(hub)
	defer srv.Close()

	corpus := incrementalCorpus(t)
	var out string
	cache, work := t.TempDir(), t.TempDir()
	const now = "2026-11-25T00:00:00Z"
	const base = "https://status.example.org/"
	changed := filepath.Join(work, "changed.txt")
	build := func() {
		t.Helper()
		out = t.TempDir()
		_, stderr, code := cli(t, "build", "--content", filepath.Join(corpus, "content"), "--data", filepath.Join(corpus, "data"),
			"--out", out, "--cache", cache, "--now", now, "--base-url", base, "--hub", srv.URL+"/hub", "--changed", changed)
		if code != 0 {
			t.Fatalf("build exit %d: %s", code, stderr)
		}
	}
	build()
	before := testfs.Tree(t, out)
	for rel, data := range before {
		if paths.IsFeed(rel) && !bytes.Contains(data, []byte(srv.URL+"/hub")) {
			t.Errorf("%s does not name the hub", rel)
		}
	}
	build() // nothing changed: nothing to ping
	if data, _ := os.ReadFile(changed); len(data) != 0 {
		t.Errorf("unchanged rebuild lists changed feeds:\n%s", data)
	}

	changeOneTitle(t, filepath.Join(corpus, "data", "example-provider-0002", "incidents"))
	build()
	after := testfs.Tree(t, out)
	var want []string
	for rel, data := range after {
		if paths.IsFeed(rel) && !bytes.Equal(before[rel], data) {
			want = append(want, base+rel)
		}
	}
	slices.Sort(want)
	if len(want) == 0 {
		t.Fatal("the change reached no feed")
	}
	for _, u := range want {
		rel := strings.TrimPrefix(u, base)
		if strings.HasPrefix(rel, "status/") && !strings.HasPrefix(rel, "status/example-provider-0002/") {
			t.Errorf("%s changed, but its provider did not", rel)
		}
	}
	if !slices.Contains(want, base+"feed.rss") || !slices.Contains(want, base+"status/example-provider-0002/feed.atom") {
		t.Errorf("want the provider's and the global feeds among the changed ones: %q", want)
	}

	stdout, stderr, code := cli(t, "ping-hub", "--hub", srv.URL+"/hub", "--changed", changed, "--timeout", "5s")
	if code != 0 {
		t.Fatalf("ping-hub exit %d: %s", code, stderr)
	}
	got := slices.Sorted(slices.Values(hub.pinged))
	if !slices.Equal(got, want) {
		t.Errorf("pinged:\n%q\nwant:\n%q\nstdout %s stderr %s", got, want, stdout, stderr)
	}
}

// TestPingHubNeverFails: a hub that is down or refuses leaves the command
// successful, with the failures on stderr.
func TestPingHubNeverFails(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no", http.StatusForbidden)
	}))
	defer srv.Close()
	changed := filepath.Join(t.TempDir(), "changed.txt")
	if err := os.WriteFile(changed, []byte("https://status.example.org/feed.rss\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, hub := range []string{srv.URL, "http://127.0.0.1:1/"} {
		_, stderr, code := cli(t, "ping-hub", "--hub", hub, "--changed", changed, "--retries", "0", "--timeout", "2s")
		if code != 0 || !strings.Contains(stderr, "feed.rss") {
			t.Errorf("hub %s: exit %d, stderr %q", hub, code, stderr)
		}
	}
	if _, _, code := cli(t, "ping-hub", "--hub", srv.URL, "--changed", filepath.Join(t.TempDir(), "missing")); code != 0 {
		t.Errorf("missing --changed file: exit %d", code)
	}
}

func feedList(n int) []string {
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf("https://status.example.org/status/p%03d/feed.rss", i))
	}
	return out
}

// TestPingHubGivesUp: against a hub that is down, ping-hub stops after
// hubGiveUpAt feeds failed in a row instead of retrying every feed, and
// says how many it never pinged.
func TestPingHubGivesUp(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	p := &pingHub{hub: srv.URL, client: srv.Client(), retries: 1, backoff: time.Millisecond, workers: pingWorkers, giveUp: hubGiveUpAt}
	var stderr strings.Builder
	if ok, _ := p.pingAll(context.Background(), &stderr, feedList(41)); ok != 0 {
		t.Errorf("%d feeds announced to a hub that is down", ok)
	}
	// At most the feeds up to the give-up, plus those already in flight,
	// each tried 1+retries times.
	if most := int32((hubGiveUpAt + pingWorkers - 1) * 2); calls.Load() > most {
		t.Errorf("%d requests to a hub that is down, want at most %d", calls.Load(), most)
	}
	if !strings.Contains(stderr.String(), " of 41 feeds not pinged: the hub failed 5 feeds in a row") {
		t.Errorf("stderr does not say how many feeds were not pinged and why:\n%s", stderr.String())
	}
}

// TestPingHubConcurrent: pings go out pingWorkers at a time, never more.
// The hub holds each request until pingWorkers are in flight, so pings
// made one after another would never reach it together.
func TestPingHubConcurrent(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	inFlight, most := 0, 0
	all := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		if inFlight++; inFlight > most {
			most = inFlight
			if most == pingWorkers {
				close(all)
			}
		}
		mu.Unlock()
		select {
		case <-all:
		case <-time.After(5 * time.Second): // sequential pings: fail, not hang
		}
		mu.Lock()
		inFlight--
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	p := &pingHub{hub: srv.URL, client: srv.Client(), retries: 0, workers: pingWorkers, giveUp: hubGiveUpAt}
	if ok, _ := p.pingAll(context.Background(), io.Discard, feedList(10)); ok != 10 || most != pingWorkers {
		t.Errorf("%d of 10 announced, at most %d pings in flight; want 10, and %d at once", ok, most, pingWorkers)
	}
}

// TestPingHubDeadline: a hub that never answers holds ping-hub no longer
// than --deadline, whatever --timeout and --retries allow.
func TestPingHubDeadline(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release: // the test is over
		}
	}))
	defer srv.Close()
	defer close(release)
	changed := filepath.Join(t.TempDir(), "changed.txt")
	if err := os.WriteFile(changed, []byte(strings.Join(feedList(10), "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := cli(t, "ping-hub", "--hub", srv.URL, "--changed", changed, "--timeout", "10m", "--deadline", "200ms")
	if code != 0 || !strings.Contains(stdout, "0 of 10 changed feeds announced") ||
		!strings.Contains(stderr, "ping-hub: 10 of 10 feeds not pinged: the --deadline of 200ms passed") {
		t.Errorf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	if _, stderr, code := cli(t, "ping-hub", "--hub", srv.URL, "--changed", changed, "--deadline", "0s"); code != 2 {
		t.Errorf("--deadline 0s: exit %d, %s; want a usage error", code, stderr)
	}
}

// TestPingHubKeepsPending: the feeds a run could not announce (the hub
// down, or the deploy failed and --hold kept them) are pinged by the next
// run, first, though its own --changed list no longer names them; a feed
// the hub refuses for good is not kept.
func TestPingHubKeepsPending(t *testing.T) {
	t.Parallel()
	var down atomic.Bool
	hub := &hubRecorder{tries: map[string]int{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case down.Load():
			http.Error(w, "down", http.StatusBadGateway)
		case strings.Contains(r.FormValue("hub.url"), "refused"):
			http.Error(w, "not a feed of yours", http.StatusForbidden)
		default:
			hub.ServeHTTP(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	pending := filepath.Join(dir, "pending")
	list := func(name string, feeds ...string) string {
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, []byte(strings.Join(feeds, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return file
	}
	feeds := feedList(4)
	run := func(args ...string) string {
		stdout, stderr, code := cli(t, append([]string{"ping-hub", "--hub", srv.URL, "--pending", pending, "--retries", "0"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s%s", code, stdout, stderr)
		}
		return stdout + stderr
	}
	// Run 1: the deploy failed; its changed feeds are held.
	out := run("--hold", "--changed", list("c1", feeds[0]))
	// Run 2: the hub is down.
	down.Store(true)
	out += run("--changed", list("c2", feeds[1], "https://status.example.org/refused.rss"))
	if got := hub.pinged; len(got) != 0 {
		t.Fatalf("pinged %q while the deploy failed and the hub was down", got)
	}
	// Run 3: all is well; its own list names one feed only.
	down.Store(false)
	out += run("--changed", list("c3", feeds[2]))
	slices.Sort(hub.pinged) // four at a time: in any order
	if want := feeds[:3]; !slices.Equal(hub.pinged, want) {
		t.Errorf("pinged %q, want the held, the failed and the new feed %q\n%s", hub.pinged, want, out)
	}
	if b, err := os.ReadFile(pending); err != nil || len(b) != 0 {
		t.Errorf("pending after every feed was announced: %q, %v", b, err)
	}
	if !strings.Contains(out, "ping-hub: 1 feeds held in "+pending+" for the next run, none pinged") ||
		!strings.Contains(out, "ping-hub: 3 feeds kept in "+pending+" for the next run") {
		t.Errorf("output does not say what was held and kept:\n%s", out)
	}
}
