package scripts_test

import (
	"cmp"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The update workflow drill: update.yml's jobs and steps, run one run
// after another every simulated 15 minutes against a bare repository
// standing for GitHub, a replay standing for the providers, and local
// servers standing for Slack, Teams, Discord, a signed webhook and a
// WebSub hub. See docs/reliability.md, "The update workflow, run after
// run". CI runs a shortened day with every scenario; scripts/drill runs
// the full one.
//
// A scenario that does not pass yet may be left out of the short day by
// naming it in pendingScenarios; DRILL_ALL=1 runs it anyway.

// scenario names, as the day's plan and the report use them.
const (
	scDead      = "a dead provider"
	scFlapping  = "a flapping provider"
	scMerged    = "a pull request merged during a run"
	scOverlap   = "two runs that overlap"
	scBranch    = "a manual run on a branch"
	scCancel    = "a run cancelled at each step up to the data commit"
	scCancelAll = "a run cancelled at each later step, the notify job's too"
	scGone      = "a destination answering 410 forever"
	scTimeout   = "a destination that times out"
	scVerbose   = "a vendor update long enough to break every chat limit"
)

// pendingScenarios are left out of the short day: none now.
var pendingScenarios []string

type drillDay struct {
	runs      int
	scenarios map[string]bool
}

func (d drillDay) has(s string) bool { return d.scenarios[s] }

func TestUpdateDrill(t *testing.T) {
	t.Parallel()
	// 24 runs: the cancellations take runs 6 to 23.
	day := drillDay{runs: 24, scenarios: map[string]bool{}}
	for _, s := range []string{scDead, scFlapping, scMerged, scOverlap, scBranch, scCancel, scCancelAll, scGone, scTimeout, scVerbose} {
		day.scenarios[s] = !slices.Contains(pendingScenarios, s) || os.Getenv("DRILL_ALL") != ""
	}
	if n, err := strconv.Atoi(os.Getenv("DRILL_RUNS")); err == nil && n > day.runs {
		day.runs = n
	}
	start := time.Now()
	d := newDrill(t, day)
	defer func() { d.report(t, time.Since(start)) }()
	d.runDay(t)
	d.check(t)
}

var t0 = time.Date(2026, 12, 7, 0, 7, 0, 0, time.UTC)

// drill is the drill's world.
type drill struct {
	day      drillDay
	site     *site
	wf       *workflow
	replay   string
	other    string // a contributor's clone, for merged pull requests
	runs     []*run
	dests    map[string]*destination
	hubPings []string
	mu       sync.Mutex
	changed  map[int][]string // run -> providers whose upstream changed
	served   map[string]bool  // update ids every upstream ever served
	current  int              // the run now going
}

// destination is a local chat or webhook server and what it received.
type destination struct {
	kind    string
	posts   []string // bodies it accepted
	refused map[int]int
	hang    func(run int) bool
	gone    func(run int) bool
}

func newDrill(t *testing.T, day drillDay) *drill {
	root := t.TempDir()
	d := &drill{day: day, changed: map[int][]string{}, served: map[string]bool{}, dests: map[string]*destination{}}
	d.wf = readWorkflow(t, "../.github/workflows/update.yml")
	if problems := drift(d.wf); len(problems) > 0 {
		t.Fatalf("update.yml and the drill differ:\n%s", strings.Join(problems, "\n"))
	}
	d.replay = filepath.Join(root, "replay")
	s := &site{root: root, origin: filepath.Join(root, "origin.git"), cacheStore: filepath.Join(root, "cache"),
		live: filepath.Join(root, "live"), binaries: map[string]string{}, vars: map[string]string{"NOTIFY": "true"},
		secrets: map[string]string{"NOTIFY_WEBHOOK_SECRET": "drill-secret"}}
	d.site = s
	s.env = hermeticEnv(t, root, d.replay, s.cacheStore)
	d.startServers(t)
	d.seed(t)
	return d
}

// hermeticEnv is the environment every step runs in: git and Go see
// nothing of this machine's configuration, the network is not used (Go
// modules come from the module cache), and gh deletes a cache entry of
// the drill's store.
func hermeticEnv(t *testing.T, root, replay, store string) []string {
	goEnv := func(k string) string {
		out, err := exec.Command("go", "env", k).Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(string(out))
	}
	bin := filepath.Join(root, "path")
	os.MkdirAll(bin, 0o755)
	gh := "#!/bin/sh\n[ \"$1 $2\" = \"cache delete\" ] || exit 2\n[ -d \"$DRILL_CACHE_STORE/$3\" ] || { echo 'no entry' >&2; exit 1; }\nrm -rf \"$DRILL_CACHE_STORE/$3\"\n"
	if err := os.WriteFile(filepath.Join(bin, "gh"), []byte(gh), 0o755); err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(root, "home")
	os.MkdirAll(home, 0o755)
	return []string{
		"PATH=" + bin + ":" + os.Getenv("PATH"), "HOME=" + home, "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_AUTHOR_NAME=drill", "GIT_AUTHOR_EMAIL=drill@example.org", "GIT_COMMITTER_NAME=drill", "GIT_COMMITTER_EMAIL=drill@example.org",
		"GOCACHE=" + goEnv("GOCACHE"), "GOMODCACHE=" + goEnv("GOMODCACHE"), "GOPATH=" + goEnv("GOPATH"),
		"GOPROXY=off", "GOFLAGS=-mod=readonly -buildvcs=false", "GOTOOLCHAIN=local",
		"COMMIT_DATA_BACKOFF=0", "DRILL_REPLAY=" + replay, "DRILL_CACHE_STORE=" + store, "LANG=C",
	}
}

// seed makes the bare repository: the sources, the drill's catalogue and
// destinations, an empty data/.
func (d *drill) seed(t *testing.T) {
	s := d.site
	work := filepath.Join(s.root, "seed")
	copySource(t, "..", work)
	providers := map[string]string{"steady": "Steady", "dead": "Dead", "flappy": "Flappy", "verbose": "Verbose"}
	for slug, name := range providers {
		write(t, filepath.Join(work, "content/providers", slug+".yaml"), fmt.Sprintf(
			"name: %s\nurl: https://status.%s.example\nadapter: statuspage\ncategory: cloud-hosting\ndescription: A provider of the workflow drill.\nhomepage: https://%s.example\nsource: manual\nverified: false\n", name, slug, slug))
	}
	notifyYAML := "destinations:\n"
	for _, k := range []string{"slack", "teams", "discord", "webhook"} {
		notifyYAML += fmt.Sprintf("  - name: drill-%s\n    type: %s\n    url_env: NOTIFY_%s_URL\n    rate: 100\n", k, k, strings.ToUpper(k))
		if k == "webhook" {
			notifyYAML += "    secret_env: NOTIFY_WEBHOOK_SECRET\n"
		}
	}
	write(t, filepath.Join(work, "content/notify.yaml"), notifyYAML)
	write(t, filepath.Join(work, "data/README.md"), "What fetch got.\n")
	write(t, filepath.Join(work, "README.md"), "The drill's repository.\n")
	env := s.env
	must := func(dir string, args ...string) {
		if err := gitRun(dir, env, args...); err != nil {
			t.Fatal(err)
		}
	}
	must(s.root, "init", "-q", "--bare", "-b", "main", s.origin)
	must(work, "init", "-q", "-b", "main")
	must(work, "add", "-A")
	must(work, "commit", "-q", "-m", "seed")
	must(work, "push", "-q", s.origin, "main")
	d.other = filepath.Join(s.root, "other")
	must(s.root, "clone", "-q", s.origin, d.other)
}

func (d *drill) startServers(t *testing.T) {
	gone := 4
	// Teams times out in run 2, before the cancellations, so that notify
	// runs then: each attempt waits out notify's --timeout
	// (drillPostTimeout here). The full day never answers that run (notify
	// gives up on it for the run and its posts wait in the queue for the
	// next one); the short day lets the third attempt through.
	timeoutAt, hangs := 2, 2
	if d.day.runs >= 96 {
		hangs = math.MaxInt
	}
	d.dests["slack"] = &destination{kind: "slack"}
	d.dests["teams"] = &destination{kind: "teams", hang: func(n int) bool {
		if !d.day.has(scTimeout) || n != timeoutAt || hangs == 0 {
			return false
		}
		hangs--
		return true
	}}
	d.dests["discord"] = &destination{kind: "discord", gone: func(n int) bool { return d.day.has(scGone) && n >= gone }}
	d.dests["webhook"] = &destination{kind: "webhook"}
	for name, dest := range d.dests {
		dest.refused = map[int]int{}
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			d.mu.Lock()
			n := d.current
			hang := dest.hang != nil && dest.hang(n) // counts under the lock
			d.mu.Unlock()
			switch {
			case hang:
				select {
				case <-r.Context().Done():
				case <-time.After(time.Minute):
				}
				return
			case dest.gone != nil && dest.gone(n):
				d.mu.Lock()
				dest.refused[n]++
				d.mu.Unlock()
				http.Error(w, "unknown webhook", http.StatusGone)
				return
			case name == "webhook":
				mac := hmac.New(sha256.New, []byte("drill-secret"))
				mac.Write(body)
				if r.Header.Get("X-Uptimus-Signature") != "sha256="+hex.EncodeToString(mac.Sum(nil)) {
					http.Error(w, "bad signature", http.StatusUnauthorized)
					return
				}
			}
			d.mu.Lock()
			dest.posts = append(dest.posts, string(body))
			d.mu.Unlock()
			w.WriteHeader(http.StatusNoContent)
		}))
		t.Cleanup(srv.Close)
		d.site.secrets["NOTIFY_"+strings.ToUpper(name)+"_URL"] = srv.URL + "/" + name
	}
	hub := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		d.mu.Lock()
		d.hubPings = append(d.hubPings, r.Form.Get("hub.url"))
		d.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(hub.Close)
	d.site.vars["WEBSUB_HUB"] = hub.URL + "/"
}

// plan is what happens in run n of the day.
func (d *drill) plan(n int) *run {
	r := &run{n: n, ref: "refs/heads/main", epoch: t0.Add(time.Duration(n) * 15 * time.Minute).Unix(), afterStep: map[string]func(){}}
	// Cancellations from run 6 on, one step each run: the update job's
	// steps up to the data commit first, then its later ones, then the
	// notify job's.
	type point struct {
		job  string
		step int
		key  string
	}
	var points []point
	commitAt := -1
	for _, dj := range drillJobs {
		if dj.name != "update" && dj.name != "notify" {
			continue
		}
		for i, st := range dj.steps {
			points = append(points, point{dj.name, i, st[0]})
			if st[0] == "Commit data/ when it changed" {
				commitAt = len(points) - 1
			}
		}
	}
	if i := n - 6; i >= 0 && i < len(points) {
		if (i <= commitAt && d.day.has(scCancel)) || (i > commitAt && d.day.has(scCancelAll)) {
			r.cancelJob, r.cancelStep, r.cancelAt = points[i].job, points[i].step, points[i].key
		}
	}
	return r
}

// upstream writes what each provider serves at run n into the replay.
func (d *drill) upstream(t *testing.T, n int) {
	os.RemoveAll(d.replay)
	at := func(k int) string { return t0.Add(time.Duration(k) * 15 * time.Minute).Format(time.RFC3339) }
	// steady: an incident every 16 runs: opened, updated, resolved, its
	// component degraded meanwhile; quiet in between, so that the dead
	// provider's unseen time is, one run, the only change.
	var incidents []map[string]any
	api := "operational"
	for k := 0; 16*k+1 <= n; k++ {
		open := 16*k + 1
		id := fmt.Sprintf("inc%d", k)
		updates := []map[string]any{{"id": id + "-1", "status": "investigating", "body": "We are looking into errors.", "created_at": at(open)}}
		status := "investigating"
		if n >= open+2 {
			updates = append([]map[string]any{{"id": id + "-2", "status": "identified", "body": "The cause is found.", "created_at": at(open + 2)}}, updates...)
			status = "identified"
		}
		resolved := ""
		if n >= open+4 {
			updates = append([]map[string]any{{"id": id + "-3", "status": "resolved", "body": "Resolved.", "created_at": at(open + 4)}}, updates...)
			status, resolved = "resolved", at(open+4)
		} else {
			api = "degraded_performance"
		}
		inc := map[string]any{"id": id, "name": fmt.Sprintf("Errors on the API (%d)", k), "status": status, "impact": "minor",
			"created_at": at(open), "updated_at": updates[0]["created_at"], "incident_updates": updates,
			"components": []map[string]any{{"id": "api", "name": "API"}}}
		if resolved != "" {
			inc["resolved_at"] = resolved
		}
		incidents = append([]map[string]any{inc}, incidents...)
		for _, u := range updates {
			d.served["steady/"+u["id"].(string)] = true
		}
	}
	// A notice posted while runs are being cancelled: the first run to
	// end must commit it.
	if n >= 9 {
		incidents = append([]map[string]any{{"id": "notice", "name": "Scheduled notice", "status": "monitoring", "impact": "none",
			"created_at": at(9), "updated_at": at(9),
			"incident_updates": []map[string]any{{"id": "notice-1", "status": "monitoring", "body": "We are watching.", "created_at": at(9)}}}}, incidents...)
		d.served["steady/notice-1"] = true
	}
	if n == 9 || n%16 == 1 || n%16 == 3 || n%16 == 5 {
		d.changed[n] = append(d.changed[n], "steady")
	}
	d.page(t, "steady", api, incidents)
	// dead: served once.
	if n == 0 || !d.day.has(scDead) {
		d.page(t, "dead", "operational", nil)
	}
	// flappy: down every other run.
	if n%2 == 0 || !d.day.has(scFlapping) {
		d.page(t, "flappy", "operational", nil)
	}
	// verbose: from run 2, an incident past every chat limit.
	var long []map[string]any
	if n >= 2 && d.day.has(scVerbose) {
		body := strings.Repeat("Our engineers keep [investigating](https://verbose.example/details) the **issue** ", 900)
		var comps []map[string]any
		for i := range 60 {
			comps = append(comps, map[string]any{"id": fmt.Sprintf("c%d", i), "name": strings.Repeat("Component ", 29) + fmt.Sprint(i)})
		}
		long = []map[string]any{{"id": "long", "name": strings.Repeat("A very long title ", 27), "status": "investigating", "impact": "major",
			"created_at": at(2), "updated_at": at(2), "components": comps,
			"incident_updates": []map[string]any{{"id": "long-1", "status": "investigating", "body": body, "created_at": at(2)}}}}
		d.served["verbose/long-1"] = true
		if n == 2 {
			d.changed[n] = append(d.changed[n], "verbose")
		}
	}
	d.page(t, "verbose", "operational", long)
	if n == 0 {
		d.changed[0] = []string{"dead", "flappy", "steady", "verbose"}
	}
}

// page writes a Statuspage API for slug into the replay.
func (d *drill) page(t *testing.T, slug, api string, incidents []map[string]any) {
	dir := filepath.Join(d.replay, "status."+slug+".example", "api", "v2")
	indicator := "none"
	if api != "operational" {
		indicator = "minor"
	}
	if incidents == nil {
		incidents = []map[string]any{}
	}
	summary := map[string]any{"status": map[string]any{"indicator": indicator, "description": "Status"},
		"components": []map[string]any{{"id": "api", "name": "API", "status": api, "position": 1}}}
	for name, doc := range map[string]any{"summary.json": summary, "incidents.json": map[string]any{"incidents": incidents},
		"scheduled-maintenances.json": map[string]any{"scheduled_maintenances": []any{}}} {
		b, _ := json.MarshalIndent(doc, "", " ")
		write(t, filepath.Join(dir, name), string(b))
	}
}

// runDay runs the day's runs, with the events between them.
func (d *drill) runDay(t *testing.T) {
	mainSHA := func() string {
		return strings.TrimSpace(gitOut(t, d.site.root, d.site.env, "--git-dir", d.site.origin, "rev-parse", "main"))
	}
	var queued string
	for n := range d.day.runs {
		d.mu.Lock()
		d.current = n
		d.mu.Unlock()
		d.upstream(t, n)
		r := d.plan(n)
		r.eventSHA = mainSHA()
		if d.day.has(scOverlap) && n == 5 {
			// Queued at run 4's start behind it: its event is what main
			// was then.
			r.eventSHA = queued
		}
		if n == 4 {
			queued = r.eventSHA
		}
		if d.day.has(scMerged) && n == 3 {
			r.afterStep["Fetch"] = func() { d.mergePullRequest(t) }
		}
		before := mainSHA()
		d.site.runWorkflow(t, d.wf, r)
		if after := mainSHA(); after != before && r.outcome["update"] != "skipped" {
			r.pushed = after
			if d.day.has(scMerged) && n == 3 {
				r.pushed = after
			}
		}
		d.runs = append(d.runs, r)
		if d.day.has(scBranch) && n == 7 {
			d.branchRun(t, n)
		}
	}
}

// mergePullRequest lands a contributor's change on main, as a merged pull
// request does, while a run is between its checkout and its push.
func (d *drill) mergePullRequest(t *testing.T) {
	env := d.site.env
	if err := gitRun(d.other, env, "pull", "-q", "--rebase", "origin", "main"); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(d.other, "README.md"), "The drill's repository, with a merged pull request.\n")
	for _, args := range [][]string{{"commit", "-q", "-am", "docs: a merged pull request"}, {"push", "-q", "origin", "main"}} {
		if err := gitRun(d.other, env, args...); err != nil {
			t.Fatal(err)
		}
	}
}

// branchRun runs the workflow by hand on a branch: main must not move.
func (d *drill) branchRun(t *testing.T, n int) {
	env := d.site.env
	gitRun(d.other, env, "pull", "-q", "--rebase", "origin", "main")
	gitRun(d.other, env, "checkout", "-q", "-B", "feature")
	write(t, filepath.Join(d.other, "NOTES.md"), "Work in progress.\n")
	for _, args := range [][]string{{"add", "-A"}, {"commit", "-q", "-m", "work in progress"}, {"push", "-q", "-f", "origin", "feature"}, {"checkout", "-q", "main"}} {
		if err := gitRun(d.other, env, args...); err != nil {
			t.Fatal(err)
		}
	}
	sha := strings.TrimSpace(gitOut(t, d.other, env, "rev-parse", "feature"))
	before := strings.TrimSpace(gitOut(t, d.site.root, env, "--git-dir", d.site.origin, "rev-parse", "main"))
	r := &run{n: n, ref: "refs/heads/feature", eventSHA: sha, epoch: t0.Add(time.Duration(n)*15*time.Minute + 5*time.Minute).Unix(), afterStep: map[string]func(){}}
	d.site.runWorkflow(t, d.wf, r)
	after := strings.TrimSpace(gitOut(t, d.site.root, env, "--git-dir", d.site.origin, "rev-parse", "main"))
	if after != before {
		t.Errorf("%s: main moved from %s to %s", scBranch, before[:8], after[:8])
	}
	if r.deployed {
		t.Errorf("%s: the branch was deployed", scBranch)
	}
}

// check asserts what the day must show.
func (d *drill) check(t *testing.T) {
	pending := map[string]bool{} // providers changed upstream, not yet pushed
	for _, r := range d.runs {
		for _, slug := range d.changed[r.n] {
			pending[slug] = true
		}
		green := r.outcome["update"] == "success"
		switch {
		case r.cancelJob == "update":
			if r.outcome["deploy"] != "skipped" {
				t.Errorf("run %d, cancelled before %q: deploy %s", r.n, r.cancelAt, r.outcome["deploy"])
			}
		case r.cancelJob != "" && (!green || r.outcome["deploy"] != "success"):
			t.Errorf("run %d, cancelled in its %s job before %q: update %s, deploy %s, and nothing real failed:\n%s", r.n, r.cancelJob, r.cancelAt, r.outcome["update"], r.outcome["deploy"], strings.Join(r.failed, "\n"))
		case r.cancelJob != "":
			// Cancelled in its notify job: the deploy beside it went out.
		case !green || r.outcome["deploy"] != "success":
			t.Errorf("run %d went red (update %s, deploy %s), and nothing real failed:\n%s", r.n, r.outcome["update"], r.outcome["deploy"], strings.Join(r.failed, "\n"))
		case !r.deployed:
			t.Errorf("run %d is green and did not deploy", r.n)
		case len(r.failed) > 0:
			t.Errorf("run %d: a step failed, and nothing real failed:\n%s", r.n, strings.Join(r.failed, "\n"))
		case r.jobOutputs["update"]["feeds-changed"] == "true" && r.outcome["ping-hub"] != "success":
			t.Errorf("run %d changed feeds and did not ping the hub (ping-hub %s)", r.n, r.outcome["ping-hub"])
		}
		if r.pushed == "" {
			if green && len(pending) > 0 {
				t.Errorf("run %d is green and committed nothing, but %v changed upstream", r.n, slices.Sorted(mapKeys(pending)))
			}
			continue
		}
		msg := gitOut(t, d.site.root, d.site.env, "--git-dir", d.site.origin, "log", "-1", "--format=%B", r.pushed)
		r.message = strings.TrimSpace(msg)
		for slug := range pending {
			if !strings.Contains(msg, slug+":") {
				t.Errorf("run %d: commit %q does not name %s, which changed upstream", r.n, strings.TrimSpace(msg), slug)
			}
		}
		if len(pending) == 0 && !strings.Contains(msg, "bookkeeping") {
			t.Errorf("run %d: nothing changed upstream, and commit %q does not say it is bookkeeping", r.n, strings.TrimSpace(msg))
		}
		clear(pending)
	}
	if d.day.has(scDead) && !slices.ContainsFunc(d.runs, func(r *run) bool { return strings.Contains(r.message, "bookkeeping") }) {
		t.Error("the dead provider's unseen time was never a run's only change: the bookkeeping commit went untried")
	}
	d.checkNothingLost(t)
	d.checkAlerts(t)
}

func mapKeys(m map[string]bool) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// checkNothingLost requires every update any upstream served in main's
// data/ at the end.
func (d *drill) checkNothingLost(t *testing.T) {
	final := filepath.Join(d.site.root, "final")
	if err := gitRun(d.site.root, d.site.env, "clone", "-q", d.site.origin, final); err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	files, _ := filepath.Glob(filepath.Join(final, "data", "*", "incidents", "*.json"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		slug := filepath.Base(filepath.Dir(filepath.Dir(f)))
		for id := range d.served {
			if strings.HasPrefix(id, slug+"/") && strings.Contains(string(b), `"`+strings.TrimPrefix(id, slug+"/")+`"`) {
				have[id] = true
			}
		}
	}
	for id := range d.served {
		if !have[id] {
			t.Errorf("update %s was served upstream and is not in data/", id)
		}
	}
}

// checkAlerts requires each event at each working destination exactly
// once, and every payload within its platform's limits. The signed
// webhook tells what was sent: each fact (an incident, an update, a
// resolution, a component's change) once, none lost; every working chat
// got as many posts as the webhook.
func (d *drill) checkAlerts(t *testing.T) {
	// The servers are idle now; the lock orders their writes before
	// these reads.
	d.mu.Lock()
	defer d.mu.Unlock()
	seen := map[string]int{}
	closed := map[string]bool{} // incidents told as over when first seen
	for _, body := range d.dests["webhook"].posts {
		for _, f := range facts(body) {
			seen[f]++
		}
		var ev struct {
			Provider, ID string
			Closed       bool
		}
		json.Unmarshal([]byte(body), &ev)
		if ev.Closed {
			closed[incidentOf(ev.ID)] = true
		}
	}
	if len(seen) == 0 {
		t.Fatal("the day raised no event: the drill checks nothing")
	}
	for f, n := range seen {
		if n > 1 {
			t.Errorf("%s reached the webhook %d times, want once", f, n)
		}
	}
	want := d.expectedEvents(t)
	for f := range want {
		// A range of commits that saw an incident start and end tells it
		// in one message, as over: its updates meanwhile are in it.
		folded := strings.HasSuffix(f, "/update") && closed[incidentOf(f)]
		if seen[f] == 0 && !folded {
			t.Errorf("%s never reached the webhook", f)
		}
	}
	for _, feed := range d.hubPings {
		if !strings.HasPrefix(feed, "https://drill.github.io/uptimus/") {
			t.Errorf("the hub was told of %q, not a feed of the site", feed)
		}
	}
	for f := range seen {
		if !want[f] {
			t.Errorf("the webhook got %s, which no data commit of the day raised", f)
		}
	}
	for name, dest := range d.dests {
		working := dest.gone == nil || !d.day.has(scGone)
		if webhook := len(d.dests["webhook"].posts); working && len(dest.posts) != webhook {
			t.Errorf("%s got %d posts, the webhook %d: want one for each event", name, len(dest.posts), webhook)
		}
		for n, refused := range dest.refused {
			if refused > 1 {
				t.Errorf("run %d posted to %s %d times after it answered 410", n, name, refused)
			}
		}
		for _, b := range dest.posts {
			if err := withinLimits(dest.kind, b); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
	if d.day.has(scTimeout) {
		// notify must stand in no job the deploy waits for: a slow
		// destination would delay it.
		for _, name := range append(d.wf.Jobs["deploy"].needs(), "deploy") {
			for _, st := range d.wf.Jobs[name].Steps {
				if strings.Contains(st.Run, " notify ") {
					t.Errorf("notify runs in job %s, which the deploy waits for: a slow destination delays it", name)
				}
			}
		}
	}
}

// withinLimits checks a chat payload against its platform's documented
// limits: Discord's 2,000 characters of content and 6,000 in embeds,
// Slack's 3,000 characters of a section's text, Teams' 28 KB message.
func withinLimits(kind, body string) error {
	var p struct {
		Content string `json:"content"`
		Embeds  []struct {
			Title, Description string
		} `json:"embeds"`
		Blocks []struct {
			Text struct{ Text string } `json:"text"`
		} `json:"blocks"`
	}
	json.Unmarshal([]byte(body), &p)
	runes := func(s string) int { return len([]rune(s)) }
	switch kind {
	case "discord":
		embeds := 0
		for _, e := range p.Embeds {
			embeds += runes(e.Title) + runes(e.Description)
		}
		if runes(p.Content) > 2000 || embeds > 6000 {
			return fmt.Errorf("a post of %d characters of content, %d in embeds, over Discord's 2,000 and 6,000", runes(p.Content), embeds)
		}
	case "slack":
		for _, b := range p.Blocks {
			if runes(b.Text.Text) > 3000 {
				return fmt.Errorf("a block of %d characters, over Slack's 3,000", runes(b.Text.Text))
			}
		}
	case "teams":
		if len(body) > 28<<10 {
			return fmt.Errorf("a card of %d bytes, over Teams' 28 KB", len(body))
		}
	}
	return nil
}

// facts are what a webhook post tells, each by its identity as notify
// names it: a component event tells each change; a new incident already
// over when first seen tells its resolution too.
func facts(body string) []string {
	var ev struct {
		ID, Kind, Provider string
		Closed             bool
		Changes            []struct {
			ComponentID string `json:"component_id"`
			At          time.Time
		}
	}
	json.Unmarshal([]byte(body), &ev)
	if ev.Kind == "component" {
		var out []string
		for _, c := range ev.Changes {
			out = append(out, fmt.Sprintf("%s/component:%s/%s/component", ev.Provider, cmp.Or(c.ComponentID, "overall"), c.At.UTC().Format(time.RFC3339)))
		}
		return out
	}
	out := []string{ev.ID}
	if ev.Closed {
		out = append(out, incidentOf(ev.ID)+"//resolved")
	}
	return out
}

// incidentOf is the provider/incident an event id names.
func incidentOf(id string) string {
	parts := strings.SplitN(id, "/", 3)
	if len(parts) < 2 {
		return id
	}
	return parts[0] + "/" + parts[1]
}

// expectedEvents is what the day must alert, fact by fact: notify run over
// each data commit of main in turn, from the first fetch's on, as if every
// run had gone to its end, into a collecting webhook.
func (d *drill) expectedEvents(t *testing.T) map[string]bool {
	final := filepath.Join(d.site.root, "final")
	ids := map[string]bool{}
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		for _, f := range facts(string(body)) {
			ids[f] = true
		}
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	cfg := filepath.Join(d.site.root, "collect.yaml")
	write(t, cfg, "destinations:\n  - name: collect\n    type: webhook\n    url_env: COLLECT_URL\n    secret_env: COLLECT_SECRET\n    rate: 1000\n")
	var bin string
	for _, b := range d.site.binaries {
		bin = b
	}
	commits := strings.Fields(gitOut(t, final, d.site.env, "rev-list", "--reverse", "--first-parent", d.runs[0].pushed+"..HEAD", "--", "data"))
	from := d.runs[0].pushed
	for _, c := range commits {
		date := strings.TrimSpace(gitOut(t, final, d.site.env, "log", "-1", "--format=%ct", c))
		cmd := exec.Command(bin, "notify", "--from", from, "--to", c, "--config", cfg, "--cache", filepath.Join(d.site.root, "collect-cache"),
			"--base-url", "https://drill.github.io/uptimus")
		cmd.Dir = final
		cmd.Env = append(d.site.env, "COLLECT_URL="+srv.URL, "COLLECT_SECRET=s", "SOURCE_DATE_EPOCH="+date)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("notify %s..%s: %v\n%s", from, c, err, out)
		}
		from = c
	}
	return ids
}

// report logs the day's figures: runs, green and red, commits, deploys,
// alerts, and the time it took.
func (d *drill) report(t *testing.T, took time.Duration) {
	d.mu.Lock()
	defer d.mu.Unlock()
	green, red, cancelled, commits, bookkeeping, deploys := 0, 0, 0, 0, 0, 0
	for _, r := range d.runs {
		switch {
		case r.cancelAt != "":
			cancelled++
		case r.outcome["update"] == "success" && r.outcome["deploy"] == "success":
			green++
		default:
			red++
		}
		if r.pushed != "" {
			commits++
		}
		if strings.Contains(r.message, "bookkeeping") {
			bookkeeping++
		}
		if r.deployed {
			deploys++
		}
	}
	var on []string
	for s, ok := range d.day.scenarios {
		if ok {
			on = append(on, s)
		}
	}
	slices.Sort(on)
	t.Logf("drill: %d runs (%d green, %d red, %d cancelled), %d data commits (%d bookkeeping only), %d deploys, %d webhook alerts, %d hub pings, in %s",
		len(d.runs), green, red, cancelled, commits, bookkeeping, deploys, len(d.dests["webhook"].posts), len(d.hubPings), took.Round(time.Second))
	var alerts []string
	for _, name := range slices.Sorted(maps.Keys(d.dests)) {
		refused := 0
		for _, n := range d.dests[name].refused {
			refused += n
		}
		alerts = append(alerts, fmt.Sprintf("%s %d (%d refused)", name, len(d.dests[name].posts), refused))
	}
	t.Logf("alerts received: %s", strings.Join(alerts, ", "))
	t.Logf("scenarios: %s", strings.Join(on, "; "))
	if t.Failed() || os.Getenv("DRILL_LOG") != "" {
		for _, r := range d.runs {
			t.Logf("run %d: update %s, deploy %s, notify %s, ping-hub %s, cancelled in %s before %q, pushed %.8s %q %v", r.n, r.outcome["update"], r.outcome["deploy"], r.outcome["notify"], r.outcome["ping-hub"], r.cancelJob, r.cancelAt, r.pushed, r.message, r.failed)
		}
	}
	if os.Getenv("DRILL_LOG") != "" {
		for _, r := range d.runs {
			t.Log(r.logs.String())
		}
	}
}
