package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/uptimus/uptimus/generator/fetch"
	"github.com/uptimus/uptimus/generator/handover"
)

const mergeShardsAbout = `Merges what sharded fetch jobs handed over ('uptimus fetch --shard K/N
--handover DIR') into --data: each provider folder a shard handed over
replaces data/<slug>/ wholesale (same files, same bytes, nothing else), and
providers no shard handed over keep what they have. The shards' checks go
into --cache, their commit messages, joined, into --message. Refuses, before
changing anything, a provider handed over by two shards.`

func runMergeShards(ctx context.Context, e *env, args []string) error {
	var c common
	fs := newFlags(e, "merge-shards", "HANDOVER...", mergeShardsAbout)
	c.addData(fs)
	c.addCache(fs)
	message := fs.String("message", "", "write the shards' commit messages, joined, to `FILE` (empty when nothing changed)")
	dirs, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(dirs) == 0 {
		return usageError{"want the handover folders of the shards"}
	}
	unlock, err := lockData(e, c.data)
	if err != nil {
		return err
	}
	defer unlock()
	m, err := handover.Merge(c.data, dirs)
	if err != nil {
		return err
	}
	if err := foldChecks(filepath.Join(c.cache, fetch.ChecksFile), m.Checks); err != nil {
		return fmt.Errorf("record checks in %s: %w", c.cache, err)
	}
	if *message != "" {
		if err := os.WriteFile(*message, []byte(m.Message), 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "merged %d providers from %d shards into %s: %d files written, %d removed\n",
		len(m.Providers), len(dirs), c.data, m.Written, m.Removed)
	return nil
}

// foldChecks puts the shards' checks into the checks file at path,
// keeping the providers they do not mention.
func foldChecks(path string, checks map[string]fetch.Check) error {
	all, err := fetch.LoadChecks(path)
	if err != nil {
		return err
	}
	for slug, c := range checks {
		all[slug] = c
	}
	return fetch.WriteChecks(path, all)
}
