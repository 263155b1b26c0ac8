// Package atomicfile writes files so that a reader, or a run killed at any
// moment, sees either the old bytes or the new ones, never a truncated file:
// data goes to a temporary file beside the target, which is then renamed
// over it.
package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// tempMark is in the name of every temporary file, so a folder's owner can
// recognise (and clean up) what an interrupted write left behind.
const tempMark = ".tmp-"

// Write replaces path with data atomically, making its folder if needed.
// It does not wait for the disk: use it for files that can be rebuilt.
func Write(path string, data []byte) error { return write(path, data, false) }

// WriteSync is Write that also syncs the file and its folder, so the new
// bytes survive a crash: use it for data that cannot be rebuilt.
func WriteSync(path string, data []byte) error { return write(path, data, true) }

// Remove deletes path and syncs its folder.
func Remove(path string) error {
	if err := os.Remove(path); err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}

// IsTemp reports whether a file name is one of Write's temporary files.
func IsTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, tempMark)
}

func write(path string, data []byte, sync bool) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+tempMark+"*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err := f.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", tmp, err)
	}
	if err := f.Chmod(0o644); err != nil {
		return fmt.Errorf("chmod %s: %w", tmp, err)
	}
	if sync {
		if err := f.Sync(); err != nil {
			return fmt.Errorf("sync %s: %w", tmp, err)
		}
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	if sync {
		return syncDir(dir)
	}
	return nil
}

// syncDir makes a rename or removal in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	return errors.Join(d.Sync(), d.Close())
}
