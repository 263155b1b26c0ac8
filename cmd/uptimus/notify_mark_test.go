package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/notify"
	"github.com/uptimus/uptimus/internal/dirlock"
)

// markRepo is a repository whose every commit opens one more incident of
// acme (i1, i2, ...) after a first commit that knew acme with none; it
// commits with commit(n) and returns each commit's id.
type markRepo struct {
	t   *testing.T
	dir string
	h   *history.History
}

func newMarkRepo(t *testing.T) *markRepo {
	r := &markRepo{t: t, dir: t.TempDir()}
	r.h = &history.History{Slug: "acme", State: history.State{SchemaVersion: 1, FirstChecked: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC),
		Components: []history.ComponentState{}}}
	r.git("init", "-q")
	os.MkdirAll(filepath.Join(r.dir, "content"), 0o755)
	os.WriteFile(filepath.Join(r.dir, "content", "notify.yaml"), []byte("destinations:\n  - name: ops\n    type: webhook\n    url_env: HOOK_URL\n    secret_env: HOOK_SECRET\n    rate: 100\n"), 0o644)
	return r
}

func (r *markRepo) git(args ...string) string {
	out, err := exec.Command("git", append([]string{"-C", r.dir, "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"}, args...)...).CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// commit opens incident i<n> (none for 0) and commits.
func (r *markRepo) commit(n int) string {
	if n > 0 {
		at := r.h.State.FirstChecked.Add(time.Duration(n) * time.Minute)
		id := fmt.Sprintf("i%d", n)
		r.h.Incidents = append(r.h.Incidents, adapters.Incident{ID: id, Kind: adapters.KindIncident, Title: "Down " + id, Status: "investigating", CreatedAt: at,
			Updates: []adapters.Update{{ID: "u" + id, Status: "investigating", Body: "Looking", CreatedAt: at}}})
	}
	if _, err := history.Save(filepath.Join(r.dir, "data"), r.h); err != nil {
		r.t.Fatal(err)
	}
	r.git("add", "data")
	r.git("commit", "-q", "--allow-empty", "-m", "data")
	return r.git("rev-parse", "HEAD")
}

// receiver is a webhook destination that records the event ids it got.
type receiver struct {
	mu  sync.Mutex
	ids []string
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body struct{ ID string }
	b, _ := io.ReadAll(r.Body)
	json.Unmarshal(b, &body)
	rc.mu.Lock()
	rc.ids = append(rc.ids, body.ID)
	rc.mu.Unlock()
}

func (rc *receiver) take() []string {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	out := rc.ids
	rc.ids = nil
	slices.Sort(out)
	return out
}

// notifyRun runs notify as the update job does, over --from and --to,
// and returns its output.
func (r *markRepo) notify(url, now, from, to string) string {
	var out bytes.Buffer
	e := &env{stdout: &out, stderr: &out, getenv: func(k string) string {
		return map[string]string{"HOOK_URL": url, "HOOK_SECRET": "s"}[k]
	}}
	if code := Main(context.Background(), e, []string{"notify", "--repo", r.dir, "--content", filepath.Join(r.dir, "content"),
		"--cache", filepath.Join(r.dir, ".cache"), "--from", from, "--to", to, "--retries", "0", "--now", now}); code != 0 {
		r.t.Fatalf("notify exited %d:\n%s", code, out.String())
	}
	return out.String()
}

func incidents(ns ...int) []string {
	var out []string
	for _, n := range ns {
		out = append(out, fmt.Sprintf("acme/i%d//incident", n))
	}
	return out
}

// A job cancelled after its commit was pushed and before notify finished
// (or ran) loses nothing: the next run starts from the last commit
// notified, not from the --from it is given, and the sent-log keeps what
// was posted from going twice.
func TestNotifyCoversCancelledRun(t *testing.T) {
	t.Parallel()
	rc := &receiver{}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	r := newMarkRepo(t)
	c0 := r.commit(0)
	c1 := r.commit(1)
	r.notify(srv.URL, "2026-03-01T13:00:00Z", c0, c1)
	if got := rc.take(); !slices.Equal(got, incidents(1)) {
		t.Fatalf("run 1 posted %q", got)
	}
	c2 := r.commit(2) // a run pushed this and was cancelled before notify
	c3 := r.commit(3)
	out := r.notify(srv.URL, "2026-03-01T13:30:00Z", c2, c3)
	if got := rc.take(); !slices.Equal(got, incidents(2, 3)) {
		t.Errorf("the run after a cancelled one posted %q, want the cancelled run's i2 and its own i3:\n%s", got, out)
	}
	if !strings.Contains(out, fmt.Sprintf("notify: from the last commit notified, %.12s, rather than --from %s", c1, c2)) {
		t.Errorf("the run does not say where it started:\n%s", out)
	}
	// A rerun over an older range posts nothing again.
	r.notify(srv.URL, "2026-03-01T13:45:00Z", c0, c3)
	if got := rc.take(); len(got) != 0 {
		t.Errorf("a rerun posted %q again", got)
	}
	mark, err := notify.ReadMark(filepath.Join(r.dir, ".cache", notify.MarkFile))
	if err != nil || mark.Commit != c3 {
		t.Errorf("mark %+v, %v; want %s", mark, err, c3)
	}
}

// The mark is not followed where it cannot be: a mark older than the
// queue's age (stale news), one not in the history of --to, a damaged one.
func TestNotifyMarkFallsBack(t *testing.T) {
	t.Parallel()
	rc := &receiver{}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	r := newMarkRepo(t)
	c0, c1 := r.commit(0), r.commit(1)
	r.notify(srv.URL, "2026-03-01T13:00:00Z", c0, c1)
	rc.take()
	c2, c3 := r.commit(2), r.commit(3)
	out := r.notify(srv.URL, "2026-03-05T13:00:00Z", c2, c3)
	if got := rc.take(); !slices.Equal(got, incidents(3)) || !strings.Contains(out, "over 72h0m0s ago: its news is stale; starting from --from") {
		t.Errorf("a stale mark: posted %q:\n%s", got, out)
	}
	mark := filepath.Join(r.dir, ".cache", notify.MarkFile)
	os.WriteFile(mark, []byte(`{"commit": "`), 0o644)
	c4 := r.commit(4)
	out = r.notify(srv.URL, "2026-03-05T13:15:00Z", c3, c4)
	if got := rc.take(); !slices.Equal(got, incidents(4)) || !strings.Contains(out, "moved aside to "+mark+".damaged; starting from --from") {
		t.Errorf("a damaged mark: posted %q:\n%s", got, out)
	}
	notify.WriteMark(mark, strings.Repeat("a", 40), time.Date(2026, 3, 5, 13, 15, 0, 0, time.UTC))
	c5 := r.commit(5)
	out = r.notify(srv.URL, "2026-03-05T13:30:00Z", c4, c5)
	if got := rc.take(); !slices.Equal(got, incidents(5)) || !strings.Contains(out, "is not in this clone's history") {
		t.Errorf("a mark not in the history: posted %q:\n%s", got, out)
	}
}

// A damaged sent-log is reported and moved aside, what can still be read
// of it is kept, and notify goes on posting.
func TestNotifyDamagedSentLog(t *testing.T) {
	t.Parallel()
	rc := &receiver{}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	r := newMarkRepo(t)
	c0 := r.commit(0)
	r.commit(1)
	c2 := r.commit(2)
	r.notify(srv.URL, "2026-03-01T13:00:00Z", c0, c2)
	rc.take()
	log := filepath.Join(r.dir, ".cache", notify.SentFile)
	data, _ := os.ReadFile(log)
	os.WriteFile(log, data[:bytes.Index(data, []byte("acme/i2"))], 0o644) // cut inside the second entry
	os.Remove(filepath.Join(r.dir, ".cache", notify.MarkFile))            // and the mark lost with it
	c3 := r.commit(3)
	out := r.notify(srv.URL, "2026-03-01T13:15:00Z", c0, c3)
	if got := rc.take(); !slices.Equal(got, incidents(2, 3)) {
		t.Errorf("after the sent-log was damaged, posted %q; want i1 (recovered from it) not again, i2 (lost) again, and i3:\n%s", got, out)
	}
	if !strings.Contains(out, "moved aside to "+log+".damaged; 1 entries recovered from it") {
		t.Errorf("the damage is not reported:\n%s", out)
	}
	c4 := r.commit(4)
	r.notify(srv.URL, "2026-03-01T13:30:00Z", c3, c4)
	if got := rc.take(); !slices.Equal(got, incidents(4)) {
		t.Errorf("the run after: posted %q", got)
	}
}

func TestNotifyDeadlineFlag(t *testing.T) {
	t.Parallel()
	r := newMarkRepo(t)
	c0 := r.commit(0)
	var out bytes.Buffer
	e := &env{stdout: &out, stderr: &out, getenv: func(string) string { return "" }}
	if code := Main(context.Background(), e, []string{"notify", "--repo", r.dir, "--content", filepath.Join(r.dir, "content"),
		"--from", c0, "--deadline", "0s"}); code != 2 || !strings.Contains(out.String(), "--deadline must be positive") {
		t.Errorf("--deadline 0s: exit %d, output:\n%s", code, out.String())
	}
}

// A second notify over the same cache while one runs posts nothing (each
// would post what the other is posting) and leaves the mark, so the next
// run covers its commits.
func TestNotifyOneAtATime(t *testing.T) {
	t.Parallel()
	rc := &receiver{}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	r := newMarkRepo(t)
	c0 := r.commit(0)
	r.notify(srv.URL, "2026-03-01T12:45:00Z", c0, c0) // an earlier run left its mark
	c1 := r.commit(1)
	lock, err := dirlock.Acquire(filepath.Join(r.dir, ".cache", "notify"))
	if err != nil {
		t.Fatal(err)
	}
	out := r.notify(srv.URL, "2026-03-01T13:00:00Z", c0, c1)
	if got := rc.take(); len(got) != 0 || !strings.Contains(out, "nothing posted, the next run covers these commits") {
		t.Errorf("while another run holds the cache: posted %q:\n%s", got, out)
	}
	lock.Release()
	c2 := r.commit(2)
	r.notify(srv.URL, "2026-03-01T13:15:00Z", c1, c2)
	if got := rc.take(); !slices.Equal(got, incidents(1, 2)) {
		t.Errorf("the next run posted %q, want i1 and i2", got)
	}
}

// A job cancelled while notify posts: the post under way finishes and is
// recorded, the rest wait in the queue, and the next run posts them and
// not that one again.
func TestNotifySignalLetsThePostFinish(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	rc := &receiver{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		cancel() // the signal arrives while the chat handles the post
		rc.ServeHTTP(w, req)
	}))
	defer srv.Close()
	r := newMarkRepo(t)
	c0 := r.commit(0)
	r.commit(1)
	r.commit(2)
	c3 := r.commit(3)
	var out bytes.Buffer
	e := &env{stdout: &out, stderr: &out, getenv: func(k string) string { return map[string]string{"HOOK_URL": srv.URL, "HOOK_SECRET": "s"}[k] }}
	Main(ctx, e, []string{"notify", "--repo", r.dir, "--content", filepath.Join(r.dir, "content"), "--cache", filepath.Join(r.dir, ".cache"),
		"--from", c0, "--to", c3, "--now", "2026-03-01T13:00:00Z"})
	if got := rc.take(); !slices.Equal(got, incidents(1)) || !strings.Contains(out.String(), "1 posts sent, 0 failed; 2 queued") {
		t.Fatalf("cancelled during the first post: posted %q:\n%s", got, out.String())
	}
	r.notify(srv.URL, "2026-03-01T13:15:00Z", c3, c3)
	if got := rc.take(); !slices.Equal(got, incidents(2, 3)) {
		t.Errorf("the next run posted %q, want i2 and i3", got)
	}
}

// A CI checkout of depth 1 does not reach the mark a cancelled run left
// further back: notify deepens the clone to find it.
func TestNotifyDeepensShallowClone(t *testing.T) {
	t.Parallel()
	rc := &receiver{}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	origin := newMarkRepo(t)
	c0, c1 := origin.commit(0), origin.commit(1)
	origin.notify(srv.URL, "2026-03-01T13:00:00Z", c0, c1)
	rc.take()
	c2 := origin.commit(2) // pushed by a run cancelled before notify
	clone := &markRepo{t: t, dir: filepath.Join(t.TempDir(), "clone"), h: origin.h}
	origin.git("clone", "-q", "--depth", "1", "file://"+origin.dir, clone.dir)
	clone.commit(3) // this run's commit
	var out bytes.Buffer
	e := &env{stdout: &out, stderr: &out, getenv: func(k string) string { return map[string]string{"HOOK_URL": srv.URL, "HOOK_SECRET": "s"}[k] }}
	Main(context.Background(), e, []string{"notify", "--repo", clone.dir, "--content", filepath.Join(origin.dir, "content"),
		"--cache", filepath.Join(origin.dir, ".cache"), "--from", c2, "--now", "2026-03-01T13:30:00Z"})
	if got := rc.take(); !slices.Equal(got, incidents(2, 3)) {
		t.Errorf("from a shallow clone: posted %q, want the cancelled run's i2 and i3:\n%s", got, out.String())
	}
}
