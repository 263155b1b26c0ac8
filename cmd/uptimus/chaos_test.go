package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/fetch"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/synth"
	"github.com/uptimus/uptimus/internal/testfs"
)

// TestChaos runs fetch and build every simulated 15 minutes while the
// upstream changes (new incidents, updates, resolutions, title edits,
// status changes, incidents deleted upstream) and faults strike: 5xx,
// timeouts, dropped connections, half or garbage bodies, HTML labelled
// JSON, lists that come back empty, and SIGKILL at a random moment of a
// fetch or a build. After every run data/ must load, must have lost
// nothing, must hold only what the upstream really served, and must
// record no status change twice; the site must build. At the end a clean
// fetch must catch up with the upstream exactly, and the site built
// incrementally through it all must equal a fresh build.
//
// UPTIMUS_CHAOS_RUNS sets the number of runs (default 12, 6 with -short),
// UPTIMUS_CHAOS_SEED the seed (default 1); see docs/reliability.md.
func TestChaos(t *testing.T) {
	t.Parallel()
	if !needKillableLock(t) {
		return
	}
	runs, seed := chaosSettings(t)
	root := t.TempDir()
	start := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	if err := synth.Generate(synth.Options{Providers: 6, Incidents: 10, Out: root, Seed: seed, Now: start}); err != nil {
		t.Fatal(err)
	}
	c := chaosRun{t: t, root: root, rng: rand.New(rand.NewPCG(seed, 99)), up: newUpstream(t, filepath.Join(root, "data"), seed)}
	c.prev = c.load()
	c.full = c.timeFetch(start)
	began := time.Now()
	for r := 1; r <= runs; r++ {
		now := start.Add(time.Duration(r) * 15 * time.Minute)
		c.up.advance(now)
		c.up.write(c.path("replay"))
		c.fetch(now, faultSpec(c.path("replay"), seed*1000+uint64(r), 15), r)
		c.prev = c.check(r)
		c.build(now, r)
	}
	end := start.Add(time.Duration(runs+1) * 15 * time.Minute)
	c.fetch(end, faultSpec(c.path("replay"), 0, 0), 0)
	c.prev = c.check(0)
	if temps := tempFiles(t, c.path("data")); len(temps) > 0 {
		t.Fatalf("temporary files after a clean run: %v", temps)
	}
	c.caughtUp()
	c.build(end, 0)
	c.sameAsFresh(end)
	t.Logf("%d runs in %v: %d fetches and %d builds killed; %d of %d provider fetches failed by faults",
		runs, time.Since(began).Round(time.Millisecond), c.killedFetches, c.killedBuilds, c.failed, c.fetched)
}

func chaosSettings(t *testing.T) (runs int, seed uint64) {
	runs, seed = 12, 1
	if testing.Short() {
		runs = 6
	}
	if s := os.Getenv("UPTIMUS_CHAOS_RUNS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("UPTIMUS_CHAOS_RUNS=%q: want a positive number", s)
		}
		runs = n
	}
	if s := os.Getenv("UPTIMUS_CHAOS_SEED"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("UPTIMUS_CHAOS_SEED=%q: want a number", s)
		}
		seed = n
	}
	t.Logf("UPTIMUS_CHAOS_RUNS=%d UPTIMUS_CHAOS_SEED=%d", runs, seed)
	return runs, seed
}

// chaosRun is the state of one chaos test.
type chaosRun struct {
	t    *testing.T
	root string
	rng  *rand.Rand
	up   *upstream
	// prev is data/ after the last run, to check that nothing was lost.
	prev                        map[string]*history.History
	killedFetches, killedBuilds int
	// fetched and failed count provider fetches that ran to the end, and
	// those the faults failed.
	fetched, failed int
	// full is how long a whole fetch process takes.
	full time.Duration
}

func (c *chaosRun) path(name string) string { return filepath.Join(c.root, name) }

func (c *chaosRun) args(cmd string, now time.Time) []string {
	return []string{cmd, "--content", c.path("content"), "--data", c.path("data"), "--cache", c.path("cache"), "--now", now.Format(time.RFC3339)}
}

// fetch runs one fetch through the faults of spec; one in three is killed
// at a random moment. A fetch may fail (every provider may be hit): only
// what it leaves in data/ is judged. The clean run (run 0) ignores the
// backoff that repeated faults set off, as a maintainer catching up does.
func (c *chaosRun) fetch(now time.Time, spec string, run int) {
	args := append(c.args("fetch", now), "--timeout", "200ms", "--retries", "0")
	if run == 0 {
		args = append(args, "--no-backoff")
	}
	if run > 0 && c.rng.IntN(3) == 0 {
		if startHelper(c.t, spec, args...).killAfter(time.Duration(c.rng.Int64N(int64(c.full)))) {
			c.killedFetches++
		}
		return
	}
	stdout, _, _ := cliWith(c.t, parseFaults(spec), args...)
	c.failed += strings.Count(stdout, " failed ")
	c.fetched += len(c.up.slugs)
}

// timeFetch times a whole fetch process on a copy of data/, so that kills
// can land anywhere in one.
func (c *chaosRun) timeFetch(now time.Time) time.Duration {
	c.up.write(c.path("replay"))
	data := filepath.Join(c.t.TempDir(), "data")
	copyTree(c.t, c.path("data"), data)
	args := []string{"fetch", "--content", c.path("content"), "--data", data, "--cache", c.t.TempDir(), "--now", now.Format(time.RFC3339)}
	began := time.Now()
	startHelper(c.t, faultSpec(c.path("replay"), 0, 0), args...).wait(c.t)
	return time.Since(began)
}

// build builds the site, after a build killed at a random moment one
// time in four: the site must always build.
func (c *chaosRun) build(now time.Time, run int) {
	args := append(c.args("build", now), "--out", c.path("public"))
	if run > 0 && c.rng.IntN(4) == 0 {
		if startHelper(c.t, "", args...).killAfter(time.Duration(c.rng.Int64N(int64(300 * time.Millisecond)))) {
			c.killedBuilds++
		}
	}
	if stdout, stderr, code := cliWith(c.t, nil, args...); code != 0 {
		c.t.Fatalf("run %d: build exit %d\n%s\n%s", run, code, stdout, stderr)
	}
}

// load reads every provider's history; each must load.
func (c *chaosRun) load() map[string]*history.History {
	out := map[string]*history.History{}
	for _, slug := range c.up.slugs {
		h, err := history.Load(os.DirFS(c.path("data")), slug)
		if err != nil {
			c.t.Fatalf("data/ does not load: %v", err)
		}
		out[slug] = h
	}
	return out
}

// check loads data/ and holds it to the invariants, and returns it.
func (c *chaosRun) check(run int) map[string]*history.History {
	cur := c.load()
	for _, slug := range c.up.slugs {
		h, prev, seen := cur[slug], c.prev[slug], c.up.seen[slug]
		where := fmt.Sprintf("run %d: %s", run, slug)
		checkNothingLost(c.t, where, prev, h)
		checkOnlyServed(c.t, where, h, seen)
		checkNoChangeTwice(c.t, where, h, seen)
	}
	return cur
}

func checkNothingLost(t *testing.T, where string, prev, cur *history.History) {
	t.Helper()
	incs := map[string]*adapters.Incident{}
	for i := range cur.Incidents {
		incs[cur.Incidents[i].ID] = &cur.Incidents[i]
	}
	for _, p := range prev.Incidents {
		in, ok := incs[p.ID]
		if !ok {
			t.Fatalf("%s: incident %s was lost", where, p.ID)
		}
		for _, u := range p.Updates {
			if !slices.ContainsFunc(in.Updates, func(v adapters.Update) bool { return v.ID == u.ID }) {
				t.Fatalf("%s: update %s of incident %s was lost", where, u.ID, p.ID)
			}
		}
	}
	left := slices.Clone(cur.Events)
	for _, e := range prev.Events {
		i := slices.Index(left, e)
		if i < 0 {
			t.Fatalf("%s: event %+v was lost", where, e)
		}
		left = slices.Delete(left, i, i+1)
	}
}

// checkOnlyServed fails on an incident, title, update or status the
// upstream never served: nothing a fault garbled may reach data/.
func checkOnlyServed(t *testing.T, where string, h *history.History, seen *served) {
	t.Helper()
	for _, in := range h.Incidents {
		if !seen.titles[in.ID][in.Title] {
			t.Fatalf("%s: incident %s titled %q was never served", where, in.ID, in.Title)
		}
		for _, u := range in.Updates {
			if !seen.updates[in.ID][u.ID] {
				t.Fatalf("%s: update %s of %s was never served", where, u.ID, in.ID)
			}
		}
	}
	for _, comp := range h.State.Components {
		if !seen.statuses[comp.ID][comp.Status] {
			t.Fatalf("%s: component %s is %s, which the upstream never said", where, comp.ID, comp.Status)
		}
	}
	if h.State.Status != "" && !seen.statuses[""][h.State.Status] {
		t.Fatalf("%s: status %s, which the upstream never said", where, h.State.Status)
	}
}

// checkNoChangeTwice fails unless each component's events follow each
// other (each starts where the last ended) and only name statuses the
// upstream served: a change recorded twice breaks the chain.
func checkNoChangeTwice(t *testing.T, where string, h *history.History, seen *served) {
	t.Helper()
	last := map[string]history.Event{}
	for _, e := range h.Events {
		if e.From == e.To || !seen.statuses[e.ComponentID][e.To] {
			t.Fatalf("%s: event %+v was never served", where, e)
		}
		if p, ok := last[e.ComponentID]; ok && p.To != e.From {
			t.Fatalf("%s: a change recorded twice, or one missing:\n%+v\n%+v", where, p, e)
		}
		last[e.ComponentID] = e
	}
}

// caughtUp: after a clean fetch, data/ says what the upstream says now.
func (c *chaosRun) caughtUp() {
	for _, slug := range c.up.slugs {
		h, snap := c.prev[slug], c.up.snaps[slug]
		if h.State.Status != snap.Status {
			c.t.Errorf("%s: status %s, upstream %s", slug, h.State.Status, snap.Status)
		}
		for _, sc := range snap.Components {
			i := slices.IndexFunc(h.State.Components, func(hc history.ComponentState) bool { return hc.ID == sc.ID })
			if i < 0 || h.State.Components[i].Status != sc.Status {
				c.t.Errorf("%s: component %s is not %s as upstream says", slug, sc.ID, sc.Status)
			}
		}
		for _, in := range snap.Incidents {
			i := slices.IndexFunc(h.Incidents, func(hi adapters.Incident) bool { return hi.ID == in.ID })
			if i < 0 || h.Incidents[i].Title != in.Title || len(h.Incidents[i].Updates) != len(in.Updates) {
				c.t.Errorf("%s: incident %s is not as upstream says", slug, in.ID)
			}
		}
	}
}

// sameAsFresh fails unless the site built run after run, through killed
// builds, equals a fresh build of the same data/ and checks.
func (c *chaosRun) sameAsFresh(now time.Time) {
	fresh, cache := c.t.TempDir(), c.t.TempDir()
	checks, err := os.ReadFile(filepath.Join(c.path("cache"), fetch.ChecksFile))
	if err != nil {
		c.t.Fatal(err)
	}
	os.WriteFile(filepath.Join(cache, fetch.ChecksFile), checks, 0o644)
	buildInto(c.t, c.root, fresh, cache, now.Format(time.RFC3339))
	got, want := testfs.Tree(c.t, c.path("public")), testfs.Tree(c.t, fresh)
	for rel, b := range want {
		if !bytes.Equal(got[rel], b) {
			c.t.Errorf("public/%s differs from a fresh build", rel)
		}
	}
	for rel := range got {
		if _, ok := want[rel]; !ok {
			c.t.Errorf("public/%s is not in a fresh build", rel)
		}
	}
}

// cliWith is cli with rt in place of the network.
func cliWith(t *testing.T, rt http.RoundTripper, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }, transport: rt}
	code = Main(context.Background(), e, args)
	return out.String(), errb.String(), code
}
