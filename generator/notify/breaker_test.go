package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/uptimus/uptimus/generator/paths"
)

// answering is a destination that answers every post with code, and
// counts the posts.
type answering struct {
	mu    sync.Mutex
	code  func(body []byte) int
	calls int
}

func (a *answering) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	a.mu.Lock()
	a.calls++
	a.mu.Unlock()
	w.WriteHeader(a.code(b))
}

func serve(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

func events(n int) []Event {
	var out []Event
	for i := range n {
		out = append(out, event(i))
	}
	return out
}

// A webhook deleted or revoked answers 404, 410, 403 or 401 to every post:
// one post tells it, and the rest of the run's posts wait in the queue
// untried instead of each drawing the same answer (at one post a second,
// a 900-event range held the job 15 minutes; here it makes one request).
func TestPermanentErrorBenchesDestination(t *testing.T) {
	for _, code := range []int{http.StatusNotFound, http.StatusGone, http.StatusForbidden, http.StatusUnauthorized} {
		h := &answering{code: func([]byte) int { return code }}
		var stderr strings.Builder
		cache := t.TempDir()
		s := sender(t, cache, map[string]string{"U": serve(t, h) + "/api/webhooks/1/t0ken"}, &stderr, t0)
		s.Queue.Max = 1000
		cfg := &Config{Destinations: []Destination{{Name: "d", Type: TypeDiscord, URLEnv: "U", Rate: 1000}}}
		r := s.Send(context.Background(), cfg, events(900))
		if h.calls != 1 || r.Failed != 1 || r.Benched != 899 || r.Queued != 900 {
			t.Errorf("%d: %d posts made, result %+v; want 1 post, then 899 queued untried, all 900 kept", code, h.calls, r)
		}
		want := fmt.Sprintf(`destination "d": it answered %d %s, which no retry mends; skipped for the rest of the run`, code, http.StatusText(code))
		if !strings.Contains(stderr.String(), want) || !strings.Contains(stderr.String(), "899 more posts not tried, queued for the next run") {
			t.Errorf("%d: stderr does not say the destination is out:\n%s", code, stderr.String())
		}
		// The next run tries the oldest once more, then benches it again.
		h.calls = 0
		s = sender(t, cache, map[string]string{"U": serve(t, h)}, io.Discard, t0)
		s.Queue.Max = 1000
		if r := s.Send(context.Background(), cfg, nil); h.calls != 1 || r.Queued != 900 {
			t.Errorf("%d: next run made %d posts, %+v; want 1 and all 900 still queued", code, h.calls, r)
		}
	}
}

// A destination that refuses one message (400: too long, or not to its
// taste) gets its short form; one that refuses that too is down.
func TestRefusedMessageSentShort(t *testing.T) {
	long := event(1)
	long.Text = strings.Repeat("Vendor words. ", 100)
	h := &answering{code: func(b []byte) int {
		if strings.Contains(string(b), "Vendor words") {
			return http.StatusBadRequest
		}
		return http.StatusNoContent
	}}
	var stderr strings.Builder
	s := sender(t, t.TempDir(), map[string]string{"U": serve(t, h)}, &stderr, t0)
	cfg := &Config{Destinations: []Destination{{Name: "d", Type: TypeDiscord, URLEnv: "U", Rate: 1000}}}
	if r := s.Send(context.Background(), cfg, []Event{long, event(2)}); r.Sent != 2 || r.Queued != 0 || h.calls != 3 {
		t.Errorf("result %+v after %d posts; want both sent, the refused one again in short, nothing queued", r, h.calls)
	}
	if !strings.Contains(stderr.String(), "event acme/i1//incident: the message was refused (400 Bad Request); sent its headline and links instead") {
		t.Errorf("stderr:\n%s", stderr.String())
	}
	h = &answering{code: func([]byte) int { return http.StatusBadRequest }}
	s = sender(t, t.TempDir(), map[string]string{"U": serve(t, h)}, io.Discard, t0)
	if r := s.Send(context.Background(), cfg, []Event{long, event(2)}); r.Sent != 0 || r.Queued != 2 || h.calls != 2 {
		t.Errorf("a destination refusing everything: %+v after %d posts; want 2 posts, both events queued", r, h.calls)
	}
}

// The deadline stops the run between posts: the rest waits in the queue
// untried, whatever its bound, and no post under way is cut.
func TestDeadlineQueuesTheRest(t *testing.T) {
	stop, cancel := context.WithCancelCause(context.Background())
	h := &answering{code: func([]byte) int {
		cancel(fmt.Errorf("the --deadline of 2m0s passed"))
		return http.StatusOK
	}}
	var stderr strings.Builder
	s := sender(t, t.TempDir(), map[string]string{"U": serve(t, h)}, &stderr, t0)
	s.Stop = stop
	// The backlog the deadline leaves for a working destination is not
	// news held through an outage: the queue's bound does not drop it.
	s.Queue.Max = 2
	cfg := &Config{Destinations: []Destination{{Name: "a", Type: TypeSlack, URLEnv: "U", Rate: 1000}, {Name: "b", Type: TypeSlack, URLEnv: "U", Rate: 1000}}}
	r := s.Send(context.Background(), cfg, events(5))
	if h.calls != 1 || r.Sent != 1 || r.Failed != 0 || r.Deferred != 9 || r.Queued != 9 {
		t.Errorf("%d posts, result %+v; want the post under way sent and the other 9 queued untried, none dropped", h.calls, r)
	}
	if !strings.Contains(stderr.String(), "notify: the --deadline of 2m0s passed: 9 posts not tried, queued for the next run") {
		t.Errorf("stderr:\n%s", stderr.String())
	}
}

// A URL pasted with a trailing newline still posts, and no error ever
// prints a destination's path or query, which hold its token.
func TestURLSecretsNeverPrinted(t *testing.T) {
	ok := &answering{code: func([]byte) int { return http.StatusOK }}
	down := &answering{code: func([]byte) int { return http.StatusBadGateway }}
	closed := httptest.NewServer(ok)
	closed.Close()
	for _, tc := range []struct {
		url  string
		sent int
	}{
		{serve(t, ok) + "/services/T0/B0/t0ken\n", 1},
		{" " + serve(t, down) + "/api/webhooks/1/t0ken?wait=true&sig=t0ken\r\n", 0},
		{closed.URL + "/t0ken", 0},
		{"https://hooks.example .com/t0ken\n", 0},
		{"hooks.example.com/t0ken", 0},
	} {
		var stderr strings.Builder
		s := sender(t, t.TempDir(), map[string]string{"U": tc.url}, &stderr, t0)
		s.Verbose = true
		cfg := &Config{Destinations: []Destination{{Name: "d", Type: TypeSlack, URLEnv: "U", Rate: 1000}}}
		r := s.Send(context.Background(), cfg, events(3))
		if r.Sent != 3*tc.sent || strings.Contains(stderr.String(), "t0ken") {
			t.Errorf("URL %q: %+v, stderr:\n%s\nwant %d sent and no token printed", tc.url, r, stderr.String(), 3*tc.sent)
		}
		b, _ := json.Marshal(s.Queue.items)
		if strings.Contains(string(b), "t0ken") {
			t.Errorf("URL %q: the queue holds the token", tc.url)
		}
	}
}

// An event no message of a chat's limits can carry (our page's URL alone
// is longer: here a base URL of 2,100 characters) is reported and
// dropped, not queued to fail every run.
func TestUnfitEventDropped(t *testing.T) {
	h := &answering{code: func([]byte) int { return http.StatusOK }}
	var stderr strings.Builder
	cache := t.TempDir()
	s := sender(t, cache, map[string]string{"U": serve(t, h)}, &stderr, t0)
	cfg := &Config{Destinations: []Destination{{Name: "d", Type: TypeDiscord, URLEnv: "U", Rate: 1000}}}
	long, err := paths.NewLinks("https://status.example.org/" + strings.Repeat("x", 2100))
	if err != nil {
		t.Fatal(err)
	}
	s.Links = long
	r := s.Send(context.Background(), cfg, []Event{event(1)})
	if r.Sent != 0 || r.Failed != 1 || r.Queued != 0 || h.calls != 0 || !strings.Contains(stderr.String(), "no message fits discord's limits") {
		t.Errorf("%+v after %d posts, stderr:\n%s\nwant the unfit event dropped and reported", r, h.calls, stderr.String())
	}
	s = sender(t, cache, map[string]string{"U": serve(t, h)}, io.Discard, t0)
	s.Links = long
	if r := s.Send(context.Background(), cfg, []Event{event(1)}); r.Failed != 0 {
		t.Errorf("the unfit event was tried again: %+v", r)
	}
}
