package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/uptimus/uptimus/generator/paths"
	"github.com/uptimus/uptimus/internal/atomicfile"
)

// feedSumsFile, in --cache, records a digest of every feed the last build
// with --changed published. The scheduled job builds into an empty
// public/ every run, so "the files this build wrote" would be every feed;
// the record, which the job keeps with the fetch cache, tells the feeds
// whose bytes really changed since the last run.
const feedSumsFile = "feed-sums.txt"

// changedFeeds returns, sorted, the feeds among published (site-relative
// paths) under out whose bytes differ from the record in cache (all of
// them when there is no record), and writes the new record.
func changedFeeds(out, cache string, published []string) ([]string, error) {
	record := filepath.Join(cache, feedSumsFile)
	prev, err := readFeedSums(record)
	if err != nil {
		return nil, err
	}
	now := map[string]string{}
	var changed []string
	for _, rel := range published {
		if !paths.IsFeed(rel) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		now[rel] = hex.EncodeToString(sum[:16])
		if prev[rel] != now[rel] {
			changed = append(changed, rel)
		}
	}
	slices.Sort(changed)
	return changed, writeFeedSums(record, now)
}

// readFeedSums reads a record written by writeFeedSums; a missing one is
// empty.
func readFeedSums(path string) (map[string]string, error) {
	sums := map[string]string{}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return sums, nil
	}
	if err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		sum, rel, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			return nil, fmt.Errorf("%s:%d: want \"<digest> <path>\"", path, n)
		}
		sums[rel] = sum
	}
	return sums, sc.Err()
}

// writeFeedSums writes one "<digest> <path>" line per feed, sorted by path,
// so the same site gives the same bytes.
func writeFeedSums(path string, sums map[string]string) error {
	rels := make([]string, 0, len(sums))
	for rel := range sums {
		rels = append(rels, rel)
	}
	slices.Sort(rels)
	var buf bytes.Buffer
	for _, rel := range rels {
		fmt.Fprintf(&buf, "%s %s\n", sums[rel], rel)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return atomicfile.Write(path, buf.Bytes())
}
