package main

import (
	"os"
	"strings"
	"testing"

	"github.com/uptimus/uptimus/generator/catalog"
)

func TestParseShard(t *testing.T) {
	t.Parallel()
	for in, want := range map[string][2]int{"1/1": {1, 1}, "2/4": {2, 4}, " 3 / 3 ": {3, 3}} {
		k, n, err := parseShard(in)
		if err != nil || k != want[0] || n != want[1] {
			t.Errorf("parseShard(%q) = %d, %d, %v", in, k, n, err)
		}
	}
	for _, bad := range []string{"", "2", "0/4", "5/4", "1/0", "a/b", "-1/2"} {
		if _, _, err := parseShard(bad); err == nil {
			t.Errorf("parseShard(%q) accepted", bad)
		}
	}
}

func TestEveryProviderInExactlyOneShard(t *testing.T) {
	t.Parallel()
	entries, err := os.ReadDir("../../content/providers")
	if err != nil {
		t.Fatal(err)
	}
	var ps []catalog.Provider
	for _, e := range entries {
		ps = append(ps, catalog.Provider{Slug: strings.TrimSuffix(e.Name(), ".yaml")})
	}
	for n := 1; n <= 7; n++ {
		count := map[string]int{}
		for k := 1; k <= n; k++ {
			for _, p := range shard(ps, k, n) {
				count[p.Slug]++
			}
		}
		for _, p := range ps {
			if count[p.Slug] != 1 {
				t.Errorf("n=%d: %s is in %d shards", n, p.Slug, count[p.Slug])
			}
		}
	}
	// Adding providers never moves the existing ones.
	before := map[string]bool{}
	for _, p := range shard(ps, 2, 5) {
		before[p.Slug] = true
	}
	more := append(ps, catalog.Provider{Slug: "new-one"}, catalog.Provider{Slug: "another"})
	for _, p := range shard(more, 2, 5) {
		if !before[p.Slug] && p.Slug != "new-one" && p.Slug != "another" {
			t.Errorf("%s moved into shard 2/5 when others were added", p.Slug)
		}
	}
}

func TestFetchShardFlag(t *testing.T) {
	t.Parallel()
	if _, stderr, code := cli(t, "fetch", "--shard", "5/4", "--content", "testdata/content", "--data", t.TempDir()); code != 2 || !strings.Contains(stderr, "K/N") {
		t.Errorf("bad shard: exit %d %s", code, stderr)
	}
	rec := replayDir(t)
	total := 0
	for k := 1; k <= 2; k++ {
		stdout, _, _ := cli(t, "fetch", "--shard", []string{"", "1/2", "2/2"}[k], "--content", "testdata/content", "--data", t.TempDir(), "--replay", rec, "--now", "2026-11-25T12:00:00Z")
		total += strings.Count(stdout, "\n") - 2 // header and totals lines
	}
	if total != 3 {
		t.Errorf("the two shards fetched %d providers together, want all 3", total)
	}
}
