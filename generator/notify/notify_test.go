package notify

import (
	"cmp"
	"context"
	"crypto/hmac"
	"encoding/json"
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
	"github.com/uptimus/uptimus/generator/paths"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func upd(id, status string, min int) adapters.Update {
	return adapters.Update{ID: id, Status: status, Body: "body of " + id, CreatedAt: t0.Add(time.Duration(min) * time.Minute)}
}

// before and after are one provider's history at two commits: incident
// "a" gets an update and is resolved, incident "b" and maintenance "m"
// are new, and the API component degrades.
func before() *history.History {
	return &history.History{Slug: "acme", State: history.State{SchemaVersion: 1, FirstChecked: t0, Status: adapters.Operational,
		Components: []history.ComponentState{}},
		Incidents: []adapters.Incident{{ID: "a", Kind: adapters.KindIncident, Title: "API errors", Status: "investigating",
			CreatedAt: t0, UpdatedAt: t0, Updates: []adapters.Update{upd("a1", "investigating", 0)}}}}
}

func after() *history.History {
	h := before()
	h.Incidents = []adapters.Incident{
		{ID: "a", Kind: adapters.KindIncident, Title: "API errors", Status: "resolved", URL: "https://status.acme.test/a",
			CreatedAt: t0, UpdatedAt: t0.Add(20 * time.Minute), ResolvedAt: t0.Add(20 * time.Minute),
			Updates: []adapters.Update{upd("a3", "resolved", 20), upd("a2", "monitoring", 10), upd("a1", "investigating", 0)}},
		{ID: "b", Kind: adapters.KindIncident, Title: "Slow logins", Status: "investigating", CreatedAt: t0.Add(5 * time.Minute),
			Updates: []adapters.Update{upd("b1", "investigating", 5)}},
		{ID: "m", Kind: adapters.KindMaintenance, Title: "DB upgrade", Status: "scheduled", CreatedAt: t0,
			ScheduledFor: t0.Add(48 * time.Hour), ScheduledUntil: t0.Add(50 * time.Hour)},
	}
	h.Events = []history.Event{{At: t0.Add(7 * time.Minute), ComponentID: "api", Name: "API", From: adapters.Operational, To: adapters.Degraded}}
	return h
}

func TestDiff(t *testing.T) {
	got := Diff(before(), after())
	var ids []string
	for _, e := range got {
		ids = append(ids, e.ID)
	}
	want := []string{
		"acme/b//incident",
		"acme/component:api/2026-03-01T12:07:00Z/component",
		"acme/a/a2/update",
		"acme/a//resolved",
		"acme/m//maintenance",
	}
	if !slices.Equal(ids, want) {
		t.Errorf("ids\n got %q\nwant %q", ids, want)
	}
	if len(Diff(before(), before())) != 0 {
		t.Error("an unchanged history gave events")
	}
	empty := &history.History{Slug: "acme"}
	if n := len(Diff(empty, after())); n != 0 {
		t.Errorf("a provider's first history (a backfill) gave %d events, want 0", n)
	}
}

func TestParseConfig(t *testing.T) {
	good := "destinations:\n  - name: ops\n    type: slack\n    url_env: SLACK_URL\n    providers: [acme]\n"
	c, err := ParseConfig("notify.yaml", []byte(good))
	if err != nil || len(c.Destinations) != 1 || c.Destinations[0].Rate != 1 || c.Destinations[0].Line != 2 {
		t.Fatalf("ParseConfig = %+v, %v", c, err)
	}
	for _, tc := range []struct{ yaml, want string }{
		{"destinations:\n  - name: x\n    type: slak\n    url_env: U\n", `notify.yaml:2: destination "x": unknown type "slak"`},
		{"destinations:\n  - name: x\n    type: webhook\n    url_env: U\n", `notify.yaml:2: destination "x": secret_env ""`},
		{"destinations:\n  - name: x\n    type: slack\n    url_env: https://hooks.slack.com/x\n", `url_env "https://hooks.slack.com/x"`},
		{"destinations:\n  - name: x\n    typo: slack\n", "notify.yaml: yaml: unmarshal errors:\n  line 3: field typo not found"},
	} {
		if _, err := ParseConfig("notify.yaml", []byte(tc.yaml)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseConfig(%q) = %v, want %q", tc.yaml, err, tc.want)
		}
	}
}

// repo commits before() and then after() into a new repository and
// returns it with the two commits.
func repo(t *testing.T) (Git, string, string) {
	t.Helper()
	dir := t.TempDir()
	git := func(args ...string) string {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q")
	commit := func(h *history.History) string {
		if _, err := history.Save(filepath.Join(dir, "data"), h); err != nil {
			t.Fatal(err)
		}
		git("add", "data")
		git("commit", "-q", "-m", "data")
		return git("rev-parse", "HEAD")
	}
	os.MkdirAll(filepath.Join(dir, "data"), 0o755)
	os.WriteFile(filepath.Join(dir, "data", "README.md"), []byte("x"), 0o644)
	from := commit(before())
	return Git{Dir: dir, Data: "data"}, from, commit(after())
}

func TestChanges(t *testing.T) {
	g, from, to := repo(t)
	events, err := g.Changes(context.Background(), from, to, func(err error) { t.Error(err) })
	if err != nil {
		t.Fatal(err)
	}
	if want := Diff(before(), after()); len(events) != len(want) {
		t.Errorf("Changes gave %d events, want %d", len(events), len(want))
	}
	if _, err := g.Changes(context.Background(), "nosuchrev", to, nil); err == nil || !strings.Contains(err.Error(), "git diff") {
		t.Errorf("bad revision: err = %v, want one naming git diff", err)
	}
}

// hook is a destination server that records the bodies it accepted; it
// answers 503 to the first request when flaky, and to every request while
// down.
type hook struct {
	mu     sync.Mutex
	bodies [][]byte
	sigs   []string
	flaky  bool
	down   bool
	calls  int
}

func (h *hook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.calls++
	if h.flaky && h.calls == 1 || h.down {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	b, _ := io.ReadAll(r.Body)
	h.bodies = append(h.bodies, b)
	h.sigs = append(h.sigs, r.Header.Get(SignatureHeader))
}

// testBase is the site's base URL in these tests, with a path as GitHub
// project pages have.
const testBase = "https://status.example.org/sub"

// sender is a Sender over the sent-log and queue in dir, reading URLs and
// secrets from envs, with the clock at now.
func sender(t *testing.T, dir string, envs map[string]string, stderr io.Writer, now time.Time) *Sender {
	t.Helper()
	log, err := OpenSentLog(filepath.Join(dir, SentFile))
	if err != nil {
		t.Fatal(err)
	}
	q, err := OpenQueue(filepath.Join(dir, QueueFile))
	if err != nil {
		t.Fatal(err)
	}
	links, err := paths.NewLinks(testBase)
	if err != nil {
		t.Fatal(err)
	}
	return &Sender{Client: http.DefaultClient, Getenv: func(k string) string { return envs[k] }, Retries: 2,
		Backoff: time.Millisecond, Log: log, Queue: q, Stderr: stderr, Now: func() time.Time { return now }, Links: links,
		StatusPage: func(string) string { return "https://status.acme.test" }}
}

func TestSend(t *testing.T) {
	g, from, to := repo(t)
	events, err := g.Changes(context.Background(), from, to, func(err error) { t.Error(err) })
	if err != nil {
		t.Fatal(err)
	}
	hooks := map[string]*hook{TypeSlack: {flaky: true}, TypeTeams: {}, TypeDiscord: {}, TypeWebhook: {}}
	envs := map[string]string{"SECRET": "s3cret"}
	cfg := &Config{}
	for _, typ := range types {
		srv := httptest.NewServer(hooks[typ])
		t.Cleanup(srv.Close)
		envs[strings.ToUpper(typ)+"_URL"] = srv.URL
		cfg.Destinations = append(cfg.Destinations, Destination{Name: typ, Type: typ, URLEnv: strings.ToUpper(typ) + "_URL", SecretEnv: "SECRET", Rate: 1000})
	}
	cfg.Destinations = append(cfg.Destinations, Destination{Name: "other", Type: TypeSlack, URLEnv: "SLACK_URL", Providers: []string{"else"}, Rate: 1000})
	cache := filepath.Join(t.TempDir(), "cache")
	send := func() Result { return sender(t, cache, envs, io.Discard, t0).Send(context.Background(), cfg, events) }
	if r := send(); r.Sent != 4*len(events) || r.Failed != 0 || r.Queued != 0 {
		t.Fatalf("first run: %+v, want %d sent", r, 4*len(events))
	}
	if hooks[TypeSlack].calls != len(events)+1 {
		t.Errorf("slack got %d requests, want %d (one 503 retried)", hooks[TypeSlack].calls, len(events)+1)
	}
	checkShapes(t, hooks, []byte(envs["SECRET"]), events)
	if r := send(); r.Sent != 0 {
		t.Errorf("rerun over the same range sent %d, want 0", r.Sent)
	}
}

// wantLinks are the links a payload of e must carry: our page for the event
// under testBase, and the vendor's.
func wantLinks(e *Event) (page, official string) {
	page = testBase + "/status/acme/"
	if e.Kind != KindComponent {
		page += "incidents/" + e.Incident + "/"
	}
	return page, cmp.Or(e.Official, "https://status.acme.test")
}

func checkShapes(t *testing.T, hooks map[string]*hook, secret []byte, events []Event) {
	t.Helper()
	for typ, h := range hooks {
		if len(h.bodies) != len(events) {
			t.Fatalf("%s got %d posts, want %d", typ, len(h.bodies), len(events))
		}
		for i, b := range h.bodies {
			var v map[string]any
			if err := json.Unmarshal(b, &v); err != nil {
				t.Fatalf("%s: %v: %s", typ, err, b)
			}
			page, official := wantLinks(&events[i])
			if !shapeOK(typ, v, page, official) || typ == TypeWebhook && !hmac.Equal([]byte(h.sigs[i]), []byte(Sign(secret, b))) {
				t.Errorf("%s payload %d has the wrong shape, links or signature: %s (sig %q; want links %s and %s)", typ, i, b, h.sigs[i], page, official)
			}
		}
	}
}

// shapeOK reports whether the payload v of a destination of type typ has
// that type's shape and links page first, then official.
func shapeOK(typ string, v map[string]any, page, official string) bool {
	switch typ {
	case TypeSlack:
		text, _ := v["text"].(string)
		return strings.HasPrefix(text, "*[acme] ") && strings.HasSuffix(text, "\n<"+page+">\nOfficial page: <"+official+">")
	case TypeDiscord:
		text, _ := v["content"].(string)
		return strings.HasPrefix(text, "**[acme] ") && strings.HasSuffix(text, "\n"+page+"\nOfficial page: <"+official+">")
	case TypeTeams:
		att, _ := v["attachments"].([]any)
		if v["type"] != "message" || len(att) != 1 || att[0].(map[string]any)["contentType"] != "application/vnd.microsoft.card.adaptive" {
			return false
		}
		card := att[0].(map[string]any)["content"].(map[string]any)
		actions, _ := card["actions"].([]any)
		return card["type"] == "AdaptiveCard" && len(actions) == 2 &&
			actions[0].(map[string]any)["url"] == page && actions[1].(map[string]any)["url"] == official
	case TypeWebhook:
		return v["id"] != "" && v["provider"] == "acme" && v["url"] == page && v["official_url"] == official
	}
	return false
}

func TestSendGivesUp(t *testing.T) {
	var calls int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		w.WriteHeader(http.StatusBadGateway)
	}))
	defer srv.Close()
	var stderr strings.Builder
	s := sender(t, t.TempDir(), map[string]string{"U": srv.URL}, &stderr, t0)
	cfg := &Config{Destinations: []Destination{{Name: "d", Type: TypeDiscord, URLEnv: "U", Rate: 1000}}}
	events := []Event{{ID: "acme/x//incident", Provider: "acme", Kind: KindIncident, Incident: "x"},
		{ID: "acme/y//incident", Provider: "acme", Kind: KindIncident, Incident: "y"}}
	r := s.Send(context.Background(), cfg, events)
	if r.Failed != 1 || r.Queued != 2 || calls != 3 || !strings.Contains(stderr.String(), `destination "d": event acme/x//incident: answered 502`) {
		t.Errorf("result %+v, %d calls, stderr %q; want the first post tried 3 times, the second queued untried", r, calls, stderr.String())
	}
	if s.Log.Has(sentKey("d", events[0].ID)) || !s.Queue.Has("d", events[0].ID) || !s.Queue.Has("d", events[1].ID) {
		t.Error("a failed post was recorded as sent, or not queued")
	}
}
