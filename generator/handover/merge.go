package handover

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/uptimus/uptimus/generator/fetch"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/internal/atomicfile"
)

// Merged is what Merge did.
type Merged struct {
	// Providers are the slugs whose folder was replaced, sorted.
	Providers []string
	// Written and Removed count the files that changed under data.
	Written, Removed int
	// Message joins the shards' non-empty commit messages with "; ", in
	// the order the folders were given.
	Message string
	// Checks are every shard's checks, for the merging job's cache.
	Checks map[string]fetch.Check
}

// shard is one handover folder, read.
type shard struct {
	dir     string
	slugs   []string
	message string
	checks  map[string]fetch.Check
}

// Merge replaces, for every provider folder in the handover folders dirs,
// data/<slug>/ with the shard's copy: same files, same bytes, nothing
// else. It checks every folder before it changes anything: a provider
// handed over twice (two shards claim it) or an entry that is neither a
// provider folder nor one of the two files is an error naming it.
func Merge(data string, dirs []string) (*Merged, error) {
	shards, err := readShards(dirs)
	if err != nil {
		return nil, err
	}
	m := &Merged{Checks: map[string]fetch.Check{}}
	var messages []string
	for _, s := range shards {
		for _, slug := range s.slugs {
			w, r, err := replaceFolder(filepath.Join(s.dir, slug), filepath.Join(data, slug))
			if err != nil {
				return m, err
			}
			m.Providers = append(m.Providers, slug)
			m.Written, m.Removed = m.Written+w, m.Removed+r
		}
		if s.message != "" {
			messages = append(messages, s.message)
		}
		for slug, c := range s.checks {
			m.Checks[slug] = c
		}
	}
	slices.Sort(m.Providers)
	m.Message = strings.Join(messages, "; ")
	return m, nil
}

// readShards reads every handover folder and refuses overlaps.
func readShards(dirs []string) ([]shard, error) {
	owner := map[string]string{}
	var out []shard
	for _, dir := range dirs {
		s, err := readShard(dir)
		if err != nil {
			return nil, err
		}
		for _, slug := range append(slices.Clone(s.slugs), sortedKeys(s.checks)...) {
			if prev, ok := owner[slug]; ok && prev != dir {
				return nil, fmt.Errorf("provider %s is handed over by both %s and %s: shards must not overlap", slug, prev, dir)
			}
			owner[slug] = dir
		}
		out = append(out, s)
	}
	return out, nil
}

func readShard(dir string) (shard, error) {
	s := shard{dir: dir, checks: map[string]fetch.Check{}}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return s, fmt.Errorf("handover folder: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case name == MessageFile:
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				return s, err
			}
			s.message = strings.TrimSpace(string(b))
		case name == ChecksFile:
			if s.checks, err = fetch.LoadChecks(filepath.Join(dir, name)); err != nil {
				return s, err
			}
		case e.IsDir() && history.ValidSlug(name) == nil:
			s.slugs = append(s.slugs, name)
		default:
			return s, fmt.Errorf("%s: unexpected in a handover folder, which holds provider folders, %s and %s",
				filepath.Join(dir, name), MessageFile, ChecksFile)
		}
	}
	return s, nil
}

// replaceFolder makes dst hold exactly src's files. It writes what
// changed, state.json last, then removes what src lacks: a run killed
// part way leaves a folder that looks like an interrupted save (newer
// events or incidents than state.json), which loads and merges, and never
// a provider without its folder.
func replaceFolder(src, dst string) (written, removed int, err error) {
	files, err := listFiles(src)
	if err != nil {
		return 0, 0, err
	}
	state := slices.Index(files, "state.json")
	if state >= 0 {
		files = append(slices.Delete(files, state, state+1), "state.json")
	}
	for _, rel := range files {
		wrote, err := copyIfChanged(filepath.Join(src, rel), filepath.Join(dst, rel))
		if err != nil {
			return written, removed, err
		}
		if wrote {
			written++
		}
	}
	removed, err = removeOthers(dst, files)
	return written, removed, err
}

func copyIfChanged(src, dst string) (bool, error) {
	b, err := os.ReadFile(src)
	if err != nil {
		return false, err
	}
	if old, err := os.ReadFile(dst); err == nil && bytes.Equal(old, b) {
		return false, nil
	}
	return true, atomicfile.WriteSync(dst, b)
}

// removeOthers deletes every file under root that keep does not list,
// then the folders left empty.
func removeOthers(root string, keep []string) (int, error) {
	want := map[string]bool{}
	for _, rel := range keep {
		want[rel] = true
	}
	var dirs []string
	removed := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		switch {
		case err != nil:
			return err
		case d.IsDir():
			dirs = append(dirs, p)
			return nil
		case want[rel]:
			return nil
		}
		removed++
		return os.Remove(p)
	})
	if err != nil {
		return removed, err
	}
	// Deepest first, so a folder emptied of its sub-folders goes too.
	for _, d := range slices.Backward(dirs) {
		if entries, err := os.ReadDir(d); d == root || err != nil || len(entries) > 0 {
			continue
		}
		if err := os.Remove(d); err != nil {
			return removed, err
		}
	}
	return removed, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
