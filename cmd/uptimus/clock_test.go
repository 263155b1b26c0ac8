package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestBuildOnTheNextDayChangesNoFeed builds the same data on consecutive
// days into one cache: --changed lists no feed the second time, the
// provider with nothing collected yet and the empty categories included,
// so that WebSub pings carry only real changes.
func TestBuildOnTheNextDayChangesNoFeed(t *testing.T) {
	t.Parallel()
	corpus := incrementalCorpus(t)
	cache, out, work := t.TempDir(), t.TempDir(), t.TempDir()
	for i, now := range []string{"2026-11-25T09:00:00Z", "2026-11-26T09:00:00Z", "2026-11-27T09:00:00Z"} {
		changed := filepath.Join(work, "changed.txt")
		_, stderr, code := cli(t, "build", "--content", filepath.Join(corpus, "content"), "--data", filepath.Join(corpus, "data"),
			"--out", out, "--cache", cache, "--now", now, "--changed", changed)
		if code != 0 {
			t.Fatalf("build at %s: exit %d: %s", now, code, stderr)
		}
		data, err := os.ReadFile(changed)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case i == 0 && len(data) == 0:
			t.Fatal("the first build lists no feed")
		case i > 0 && len(data) != 0:
			t.Errorf("the build at %s, with only the clock moved, lists changed feeds:\n%s", now, data)
		}
	}
}
