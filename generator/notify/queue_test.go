package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// downHook serves a destination that answers 503 to everything until it
// is brought back, and the config and environment that post to it.
func downHook(t *testing.T, typ string) (*hook, *Config, map[string]string) {
	t.Helper()
	h := &hook{down: true}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	cfg := &Config{Destinations: []Destination{{Name: "ops", Type: typ, URLEnv: "OPS_URL", SecretEnv: "OPS_SECRET", Rate: 1000}}}
	return h, cfg, map[string]string{"OPS_URL": srv.URL + "/hook/t0ken", "OPS_SECRET": "s3cret"}
}

func (h *hook) ids(t *testing.T) []string {
	t.Helper()
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for _, b := range h.bodies {
		var w Webhook
		if err := json.Unmarshal(b, &w); err != nil {
			t.Fatal(err)
		}
		out = append(out, w.ID)
	}
	return out
}

func TestQueuedPostArrivesNextRun(t *testing.T) {
	g, from, to := repo(t)
	events, err := g.Changes(context.Background(), from, to, func(err error) { t.Error(err) })
	if err != nil {
		t.Fatal(err)
	}
	h, cfg, envs := downHook(t, TypeWebhook)
	cache := t.TempDir()
	send := func(at time.Time) (Result, string) {
		var stderr strings.Builder
		r := sender(t, cache, envs, &stderr, at).Send(context.Background(), cfg, events)
		return r, stderr.String()
	}
	r, log := send(t0)
	if r.Sent != 0 || r.Failed != 1 || r.Queued != len(events) || h.calls != 3 {
		t.Fatalf("run 1 against a destination that is down: %+v, %d requests; want 1 post tried 3 times, %d queued\n%s", r, h.calls, len(events), log)
	}
	if !strings.Contains(log, `destination "ops": it failed 3 times in a row; skipped for the rest of the run, its other posts are queued untried`) {
		t.Errorf("run 1 did not say the destination is down:\n%s", log)
	}
	file, err := os.ReadFile(filepath.Join(cache, QueueFile))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(file, []byte("t0ken")) || bytes.Contains(file, []byte("s3cret")) || !bytes.Contains(file, []byte(`"destination": "ops"`)) {
		t.Errorf("the queue must name the destination and hold neither its URL nor its secret:\n%s", file)
	}
	h.down = false
	// Run 2 sees the same events again, as a rerun over the same range would.
	if r, log := send(t0.Add(time.Hour)); r.Sent != len(events) || r.Failed != 0 || r.Queued != 0 {
		t.Fatalf("run 2 after the destination came back: %+v; want %d sent, none queued\n%s", r, len(events), log)
	}
	var want []string
	for _, e := range events {
		want = append(want, e.ID)
	}
	if got := h.ids(t); !slices.Equal(got, want) {
		t.Errorf("the destination received\n%q\nwant each event once, oldest first\n%q", got, want)
	}
	if r, _ := send(t0.Add(2 * time.Hour)); r.Sent != 0 || len(h.bodies) != len(events) {
		t.Errorf("run 3 over the same range: %+v, %d posts received; want nothing more", r, len(h.bodies))
	}
}

// event is an incident event of acme numbered n, n minutes after t0.
func event(n int) Event {
	return Event{ID: fmt.Sprintf("acme/i%d//incident", n), Kind: KindIncident, Provider: "acme", Incident: fmt.Sprintf("i%d", n),
		Title: fmt.Sprintf("Incident %d", n), At: t0.Add(time.Duration(n) * time.Minute)}
}

func TestQueueBounds(t *testing.T) {
	_, cfg, envs := downHook(t, TypeSlack)
	cache := t.TempDir()
	var stderr strings.Builder
	s := sender(t, cache, envs, &stderr, t0)
	s.Queue.Max = 2
	if r := s.Send(context.Background(), cfg, []Event{event(1), event(2), event(3)}); r.Queued != 2 {
		t.Fatalf("queued %d, want 2 (the bound)", r.Queued)
	}
	if got := ids(s.Queue.For("ops")); !slices.Equal(got, []string{"acme/i2//incident", "acme/i3//incident"}) {
		t.Errorf("queue holds %q, want the oldest dropped", got)
	}
	want := `notify: destination "ops": dropped queued event acme/i1//incident "Incident 1": the queue holds at most 2 posts per destination`
	if !strings.Contains(stderr.String(), want) {
		t.Errorf("no log line for the post dropped; want %q in\n%s", want, stderr.String())
	}

	// A day later one more fails; three days after the first ones, they
	// are too old and only it stays.
	stderr.Reset()
	sender(t, cache, envs, &stderr, t0.Add(24*time.Hour)).Send(context.Background(), cfg, []Event{event(4)})
	stderr.Reset()
	s = sender(t, cache, envs, &stderr, t0.Add(DefaultMaxQueueAge+time.Minute))
	s.Send(context.Background(), cfg, nil)
	if got := ids(s.Queue.For("ops")); !slices.Equal(got, []string{"acme/i4//incident"}) {
		t.Errorf("after 3 days the queue holds %q, want only the post queued a day later", got)
	}
	if n := strings.Count(stderr.String(), `: queued over 72h0m0s ago (at 2026-03-01T12:00:00Z)`); n != 2 {
		t.Errorf("%d log lines for posts too old, want 2:\n%s", n, stderr.String())
	}

	// A destination gone from the config drops what waits for it.
	stderr.Reset()
	gone := &Config{Destinations: []Destination{{Name: "other", Type: TypeSlack, URLEnv: "NONE", Rate: 1}}}
	s = sender(t, cache, envs, &stderr, t0.Add(DefaultMaxQueueAge+time.Minute))
	if r := s.Send(context.Background(), gone, nil); r.Queued != 0 ||
		!strings.Contains(stderr.String(), `destination "ops": dropped queued event acme/i4//incident "Incident 4": the destination is no longer in the config`) {
		t.Errorf("removed destination: %+v\n%s", r, stderr.String())
	}
}

func ids(qs []Queued) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.Event.ID)
	}
	return out
}

// TestQueueFile: the file's bytes depend on what it holds, not on the
// order posts were queued in, and read back to the same queue.
func TestQueueFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, order ...int) []byte {
		q, err := OpenQueue(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range order {
			q.Add([]string{"b", "a"}[n%2], event(n), t0.Add(time.Hour).In(time.FixedZone("X", 3600)), nil)
		}
		if err := q.Save(); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(filepath.Join(dir, name))
		return data
	}
	one, two := write("one.json", 1, 2, 3, 4), write("two.json", 4, 2, 3, 1)
	if !bytes.Equal(one, two) {
		t.Errorf("queue files differ by the order of queueing:\n%s\n%s", one, two)
	}
	q, err := OpenQueue(filepath.Join(dir, "one.json"))
	if err != nil || q.Len() != 4 || !bytes.Equal(write("one.json"), one) {
		t.Errorf("read back: %d posts, %v; or saved again differently", q.Len(), err)
	}
	if !bytes.Contains(one, []byte(`"queued_at": "2026-03-01T13:00:00Z"`)) {
		t.Errorf("times are not UTC:\n%s", one)
	}
	os.WriteFile(filepath.Join(dir, "bad.json"), []byte("{"), 0o644)
	if _, err := OpenQueue(filepath.Join(dir, "bad.json")); err == nil || !strings.Contains(err.Error(), "bad.json") {
		t.Errorf("a broken queue file: err = %v, want one naming the file", err)
	}
}

// TestQueuedButSent: a run killed after recording a post as sent but
// before saving the queue leaves it queued; the next run drops it unposted.
func TestQueuedButSent(t *testing.T) {
	h, cfg, envs := downHook(t, TypeSlack)
	h.down = false
	cache := t.TempDir()
	s := sender(t, cache, envs, io.Discard, t0)
	e := event(1)
	s.Queue.Add("ops", e, t0, nil)
	s.Log.Add(sentKey("ops", e.ID))
	if r := s.Send(context.Background(), cfg, []Event{e}); r.Sent != 0 || r.Queued != 0 || h.calls != 0 {
		t.Errorf("%+v, %d requests; want the post dropped from the queue unposted", r, h.calls)
	}
}

// TestUnsetURLQueues: the events of a destination whose URL is unset this
// run wait in the queue, reported, and go out in a run where it is set.
func TestUnsetURLQueues(t *testing.T) {
	h, cfg, envs := downHook(t, TypeWebhook)
	h.down = false
	cache := t.TempDir()
	events := []Event{event(1), event(2)}
	var stderr strings.Builder
	r := sender(t, cache, map[string]string{"OPS_SECRET": "s3cret"}, &stderr, t0).Send(context.Background(), cfg, events)
	want := `notify: destination "ops": $OPS_URL is empty; 2 events not posted, queued for a run where it is set (2 wait in all;`
	if r.Held != 2 || r.Queued != 2 || h.calls != 0 || !strings.Contains(stderr.String(), want) {
		t.Fatalf("URL unset: %+v, %d requests, stderr %q; want 2 held and reported as %q", r, h.calls, stderr.String(), want)
	}
	stderr.Reset()
	r = sender(t, cache, map[string]string{"OPS_URL": envs["OPS_URL"]}, &stderr, t0).Send(context.Background(), cfg, events)
	if r.Held != 0 || r.Queued != 2 || !strings.Contains(stderr.String(), "$OPS_SECRET is empty: refusing to post unsigned; no new events for it (2 wait in the queue)") {
		t.Errorf("secret unset on a rerun: %+v, stderr %q; want nothing queued twice", r, stderr.String())
	}
	if r := sender(t, cache, envs, io.Discard, t0.Add(time.Hour)).Send(context.Background(), cfg, nil); r.Sent != 2 || r.Queued != 0 {
		t.Errorf("URL set again: %+v; want the 2 held events posted", r)
	}
	if got := h.ids(t); !slices.Equal(got, []string{"acme/i1//incident", "acme/i2//incident"}) {
		t.Errorf("the destination received %q", got)
	}
}
