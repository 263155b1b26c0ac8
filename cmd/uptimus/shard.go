package main

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/uptimus/uptimus/generator/catalog"
)

// parseShard reads "K/N" (1 <= K <= N).
func parseShard(s string) (k, n int, err error) {
	a, b, ok := strings.Cut(s, "/")
	k, errK := strconv.Atoi(strings.TrimSpace(a))
	n, errN := strconv.Atoi(strings.TrimSpace(b))
	if !ok || errK != nil || errN != nil || n < 1 || k < 1 || k > n {
		return 0, 0, usageError{fmt.Sprintf("--shard %q: want K/N with 1 <= K <= N, e.g. 2/4", s)}
	}
	return k, n, nil
}

// inShard reports whether slug belongs to shard k of n. The share depends
// only on the slug (FNV-1a), so adding providers never moves the others
// between shards, and every provider is in exactly one.
func inShard(slug string, k, n int) bool {
	h := fnv.New32a()
	h.Write([]byte(slug))
	return int(h.Sum32()%uint32(n)) == k-1
}

// shard keeps the providers of shard k of n.
func shard(ps []catalog.Provider, k, n int) []catalog.Provider {
	var out []catalog.Provider
	for _, p := range ps {
		if inShard(p.Slug, k, n) {
			out = append(out, p)
		}
	}
	return out
}
