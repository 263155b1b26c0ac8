package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
)

// notifyRepo is a git repository whose second commit opens an incident
// for a provider the first commit already knew; it returns the folder and
// the first commit.
func notifyRepo(t *testing.T) (dir, from string) {
	t.Helper()
	dir = t.TempDir()
	git := func(args ...string) string {
		out, err := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	h := &history.History{Slug: "acme", State: history.State{SchemaVersion: 1, FirstChecked: at, Components: []history.ComponentState{}}}
	save := func() string {
		if _, err := history.Save(filepath.Join(dir, "data"), h); err != nil {
			t.Fatal(err)
		}
		git("add", "data")
		git("commit", "-q", "-m", "data")
		return git("rev-parse", "HEAD")
	}
	git("init", "-q")
	from = save()
	h.Incidents = []adapters.Incident{{ID: "i1", Kind: adapters.KindIncident, Title: "Down", Status: "investigating", CreatedAt: at,
		Updates: []adapters.Update{{ID: "u1", Status: "investigating", Body: "Looking", CreatedAt: at}}}}
	save()
	return dir, from
}

func TestNotifyCommand(t *testing.T) {
	t.Parallel()
	var down atomic.Bool
	var mu sync.Mutex
	var bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		mu.Unlock()
	}))
	defer srv.Close()
	dir, from := notifyRepo(t)
	content := filepath.Join(dir, "content")
	os.MkdirAll(content, 0o755)
	os.WriteFile(filepath.Join(content, "notify.yaml"), []byte("destinations:\n  - name: ops\n    type: slack\n    url_env: SLACK_URL\n"), 0o644)
	run := func(args ...string) (string, int) {
		var out, errb bytes.Buffer
		e := &env{stdout: &out, stderr: &errb, getenv: func(k string) string { return map[string]string{"SLACK_URL": srv.URL}[k] }}
		args = append([]string{"notify", "--repo", dir, "--content", content, "--cache", filepath.Join(dir, ".cache"), "--from", from,
			"--retries", "0", "--now", "2026-03-01T13:00:00Z", "--base-url", "https://example.org/up/"}, args...)
		code := Main(context.Background(), e, args)
		return out.String() + errb.String(), code
	}
	down.Store(true)
	if out, code := run(); code != 0 || !strings.Contains(out, "0 posts sent, 1 failed; 1 queued for the next run") {
		t.Fatalf("run against a destination that is down: exit %d, output:\n%s", code, out)
	}
	down.Store(false)
	if out, code := run(); code != 0 || len(bodies) != 1 || !strings.Contains(out, "1 posts sent, 0 failed; 0 queued") {
		t.Fatalf("next run: exit %d, %d posts, output:\n%s", code, len(bodies), out)
	}
	// A Slack link, <url>, which JSON writes as \u003curl\u003e.
	if want := `\n\u003chttps://example.org/up/status/acme/incidents/i1/\u003e`; !strings.Contains(bodies[0], want) {
		t.Errorf("the post does not link our incident page %s:\n%s", want, bodies[0])
	}
	if out, code := run(); code != 0 || len(bodies) != 1 || !strings.Contains(out, "0 posts sent") {
		t.Errorf("rerun: exit %d, %d posts, output:\n%s", code, len(bodies), out)
	}
	if out, code := run("--base-url", "example.org"); code != 2 || !strings.Contains(out, `--base-url: base URL "example.org"`) {
		t.Errorf("bad --base-url: exit %d, output:\n%s", code, out)
	}
	os.WriteFile(filepath.Join(content, "notify.yaml"), []byte("destinations:\n  - name: ops\n    type: irc\n    url_env: X\n"), 0o644)
	if out, code := run(); code != 0 || !strings.Contains(out, "notify.yaml:2: destination \"ops\": unknown type \"irc\"") {
		t.Errorf("bad config: exit %d, output:\n%s", code, out)
	}
}
