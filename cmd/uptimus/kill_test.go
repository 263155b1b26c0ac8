package main

import (
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/uptimus/uptimus/internal/testfs"
)

// TestFetchKilledAnywhere kills `uptimus fetch` (a real process, SIGKILL)
// at a random moment, 20 times, half of them during a first fetch into an
// empty data/ and half while a fetch records new incidents, moved ones and
// status changes into a committed history. Each time, the next clean
// fetch must leave data/ byte for byte as a run that was never killed:
// nothing lost, no change recorded twice, no temporary file left, no
// folder that does not load.
func TestFetchKilledAnywhere(t *testing.T) {
	t.Parallel()
	if !needKillableLock(t) {
		return
	}
	c := newCorpus(t, 8)
	now := corpusNow.Add(10 * time.Minute).Format(time.RFC3339)
	args := func(data, cache string) []string {
		return []string{"fetch", "--content", c.content, "--data", data, "--cache", cache, "--replay", c.replay, "--now", now}
	}
	// What a run never killed leaves, from each starting point.
	want := map[bool]map[string]string{}
	var full time.Duration
	for _, seeded := range []bool{false, true} {
		data := filepath.Join(t.TempDir(), "data")
		if seeded {
			copyTree(t, c.data, data)
		}
		os.MkdirAll(data, 0o755)
		start := time.Now()
		startHelper(t, "", args(data, t.TempDir())...).wait(t)
		full = max(full, time.Since(start))
		want[seeded] = testfs.Text(t, data)
	}
	iterations := 20
	if testing.Short() {
		iterations = 8
	}
	rng := rand.New(rand.NewPCG(13, 0))
	killed, partial := 0, 0
	for i := range iterations {
		seeded := i%2 == 1
		data, cache := filepath.Join(t.TempDir(), "data"), t.TempDir()
		if seeded {
			copyTree(t, c.data, data)
		}
		os.MkdirAll(data, 0o755)
		before := testfs.Text(t, data)
		delay := time.Duration(rng.Int64N(int64(full)))
		if startHelper(t, "", args(data, cache)...).killAfter(delay) {
			killed++
			if after := testfs.Text(t, data); !maps.Equal(after, before) && !maps.Equal(after, want[seeded]) {
				partial++
			}
		}
		if stdout, stderr, code := cli(t, args(data, cache)...); code != 0 {
			t.Fatalf("run %d (killed after %v): the next fetch exited %d\n%s\n%s", i, delay, code, stdout, stderr)
		}
		if got := testfs.Text(t, data); !maps.Equal(got, want[seeded]) {
			reportTreeDiff(t, got, want[seeded])
			t.Fatalf("run %d (seeded %v, killed after %v): data/ differs from a run never killed", i, seeded, delay)
		}
	}
	t.Logf("%d runs, %d killed before the end, %d of them mid-way through data/ (a full run takes %v)", iterations, killed, partial, full)
}

// reportTreeDiff names the files that differ between two trees.
func reportTreeDiff(t *testing.T, got, want map[string]string) {
	t.Helper()
	for name, w := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("missing %s", name)
		} else if g != w {
			t.Errorf("differs: %s\ngot:\n%s\nwant:\n%s", name, g, w)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("extra %s", name)
		}
	}
}
