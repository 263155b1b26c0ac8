package history

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/uptimus/uptimus/internal/atomicfile"
)

// RemoveLeftovers deletes the temporary files that writes killed mid-way
// (kill -9, a cancelled CI job) left anywhere under dir, the data folder,
// and returns their paths, sorted. Load already skips them, but they would
// pile up, and a careless `git add` would commit them. Only a process that
// holds the data folder's lock may call it: another writer's temporary
// file is not a leftover while that writer runs.
func RemoveLeftovers(dir string) ([]string, error) {
	var removed []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case errors.Is(err, fs.ErrNotExist) && p == dir:
			return fs.SkipAll // no data folder yet: nothing left over
		case err != nil:
			return err
		case d.IsDir() || !atomicfile.IsTemp(d.Name()):
			return nil
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		removed = append(removed, p)
		return nil
	})
	slices.Sort(removed)
	return removed, err
}
