package main

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/fetch"
	"github.com/uptimus/uptimus/generator/handover"
	"github.com/uptimus/uptimus/internal/testfs"
)

// TestShardedRunEqualsOneRun runs the sharded workflow of docs/deploy.md
// over a synthetic catalogue: three shards, each fetching its share into
// its own copy of the committed data/ and handing over its providers,
// then one job merging the handovers into its copy. data/ must end byte
// for byte as one unsharded run leaves it (new incidents, incidents moved
// to another year file, status changes, a failing provider), and so must
// the checks the build reads. The old way, copying each shard's whole
// data/ over the last, must not: it is what this replaces.
func TestShardedRunEqualsOneRun(t *testing.T) {
	t.Parallel()
	c := newCorpus(t, 12)
	now := corpusNow.Add(10 * time.Minute).Format(time.RFC3339)
	checkout := func() string {
		d := filepath.Join(t.TempDir(), "data")
		copyTree(t, c.data, d)
		return d
	}
	fetchInto := func(data, cache string, extra ...string) {
		t.Helper()
		args := append([]string{"fetch", "--content", c.content, "--data", data, "--cache", cache, "--replay", c.replay, "--now", now}, extra...)
		if stdout, stderr, code := cli(t, args...); code != 0 {
			t.Fatalf("%v: exit %d\n%s\n%s", extra, code, stdout, stderr)
		}
	}
	one, oneCache := checkout(), t.TempDir()
	fetchInto(one, oneCache)

	var hands, shardData []string
	for k := 1; k <= 3; k++ {
		data, hand := checkout(), filepath.Join(t.TempDir(), "handover")
		fetchInto(data, t.TempDir(), "--shard", fmt.Sprintf("%d/3", k), "--handover", hand)
		checkHandover(t, hand, c.slugs, k)
		hands, shardData = append(hands, hand), append(shardData, data)
	}
	final, finalCache := checkout(), t.TempDir()
	message := filepath.Join(t.TempDir(), "message")
	stdout, stderr, code := cli(t, append([]string{"merge-shards", "--data", final, "--cache", finalCache, "--message", message}, hands...)...)
	if code != 0 {
		t.Fatalf("merge-shards: exit %d\n%s", code, stderr)
	}
	if got, want := testfs.Text(t, final), testfs.Text(t, one); !maps.Equal(got, want) {
		reportTreeDiff(t, got, want)
		t.Fatal("the merged shards differ from one unsharded run")
	}
	got, _ := os.ReadFile(filepath.Join(finalCache, fetch.ChecksFile))
	want, _ := os.ReadFile(filepath.Join(oneCache, fetch.ChecksFile))
	if string(got) != string(want) || len(want) == 0 {
		t.Errorf("merged checks:\n%s\nwant, as one run records them:\n%s", got, want)
	}
	if b, _ := os.ReadFile(message); !strings.Contains(string(b), "example-provider-") {
		t.Errorf("commit message %q names no provider", b)
	}
	t.Log(strings.TrimSpace(stdout))

	naive := checkout()
	for _, d := range shardData {
		overlay(t, d, naive)
	}
	if maps.Equal(testfs.Text(t, naive), testfs.Text(t, one)) {
		t.Error("copying each shard's data/ over the last also gave the right result: the corpus does not exercise the merge")
	}
}

// checkHandover fails unless hand holds folders of shard k's providers
// only, beside the message and the checks.
func checkHandover(t *testing.T, hand string, slugs []string, k int) {
	t.Helper()
	entries, err := os.ReadDir(hand)
	if err != nil {
		t.Fatal(err)
	}
	var mine []catalog.Provider
	for _, s := range slugs {
		mine = append(mine, catalog.Provider{Slug: s})
	}
	mine = shard(mine, k, 3)
	for _, e := range entries {
		name := e.Name()
		if name == handover.MessageFile || name == handover.ChecksFile {
			continue
		}
		if !slices.ContainsFunc(mine, func(p catalog.Provider) bool { return p.Slug == name }) {
			t.Errorf("shard %d handed over %s, which is not one of its providers", k, name)
		}
	}
	if len(entries) < 3 {
		t.Errorf("shard %d handed over %d entries; want its providers, the message and the checks", k, len(entries))
	}
}

// overlay copies every file under src over dst, as `cp -R src/. dst/`.
func overlay(t *testing.T, src, dst string) {
	t.Helper()
	for rel, body := range testfs.Text(t, src) {
		p := filepath.Join(dst, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
