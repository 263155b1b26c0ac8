package history

import (
	"errors"
	"io/fs"

	"github.com/uptimus/uptimus/adapters"
)

// Load reads data/<slug>/ from fsys (rooted at the data folder). A provider
// with no folder yet gives an empty History, not an error.
func Load(fsys fs.FS, slug string) (*History, error) {
	return nil, errors.New("history.Load: not implemented yet")
}

// Merge folds snap into h and reports whether anything changed.
func Merge(h *History, snap *adapters.Snapshot) bool {
	return false
}

// Save writes h under dir/<slug>/ deterministically and atomically, writing
// only files whose bytes changed, and returns the paths it wrote.
func Save(dir string, h *History) ([]string, error) {
	return nil, errors.New("history.Save: not implemented yet")
}
