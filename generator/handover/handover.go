// Package handover owns what a sharded fetch job hands to the job that
// merges the shards, and that merge. A handover folder holds the
// data/<slug>/ folders of the shard's own providers, its commit message
// (.message) and its providers' checks (.checks.json), nothing else. The
// merge replaces each provider's folder wholesale with the shard's copy.
//
// A shard hands over only the providers it fetched, so no shard's copy of
// data/ can overwrite another's work, whatever order the copies arrive in,
// and a shard that failed simply hands nothing over: its providers keep
// the history of the commit the run started from.
package handover

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/uptimus/uptimus/generator/fetch"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/internal/atomicfile"
)

// Names of the two files beside the provider folders. They start with a
// dot, which no provider slug does.
const (
	MessageFile = ".message"
	ChecksFile  = ".checks.json"
)

// Prepare makes dir ready to receive a handover: absent or empty, so that
// nothing from an earlier run can pass as this shard's.
func Prepare(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	case err != nil:
		return fmt.Errorf("handover folder: %w", err)
	case len(entries) > 0:
		return fmt.Errorf("handover folder %s is not empty (it holds %s): give each shard a fresh one", dir, entries[0].Name())
	}
	return nil
}

// Write copies the folders under data of slugs (those that have one) into
// dir, which Prepare made ready, then writes the message and the checks of
// slugs. A provider without a folder (it never fetched successfully) is
// not handed over, and keeps whatever the merging job's data/ has.
func Write(dir, data string, slugs []string, message string, checks map[string]fetch.Check) error {
	mine := map[string]fetch.Check{}
	for _, slug := range slugs {
		if err := history.ValidSlug(slug); err != nil {
			return err
		}
		if c, ok := checks[slug]; ok {
			mine[slug] = c
		}
		src := filepath.Join(data, slug)
		if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err := copyFolder(src, filepath.Join(dir, slug)); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, MessageFile), []byte(message), 0o644); err != nil {
		return err
	}
	return fetch.WriteChecks(filepath.Join(dir, ChecksFile), mine)
}

// copyFolder copies the regular files under src into dst, leaving out the
// temporary files of writes that were killed.
func copyFolder(src, dst string) error {
	files, err := listFiles(src)
	if err != nil {
		return err
	}
	for _, rel := range files {
		b, err := os.ReadFile(filepath.Join(src, rel))
		if err != nil {
			return err
		}
		p := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// listFiles returns the regular files under root by relative path, sorted,
// without temporary files. Anything else (a link, a device) is an error:
// a provider folder holds none, and following one could reach outside.
func listFiles(root string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir():
			return nil
		case !d.Type().IsRegular():
			return fmt.Errorf("%s: not a regular file", p)
		case atomicfile.IsTemp(d.Name()):
			return nil
		}
		rel, err := filepath.Rel(root, p)
		files = append(files, rel)
		return err
	})
	slices.Sort(files)
	return files, err
}
