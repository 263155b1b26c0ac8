//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package dirlock

import (
	"errors"
	"io/fs"
	"os"
)

// DiesWithHolder is false here: the file's existence is the lock, which a
// killed holder leaves behind.
const DiesWithHolder = false

// lockFile creates p, failing when it exists.
func lockFile(p string) (*os.File, error) {
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, errBusy
	}
	return f, err
}

// unlockFile closes and removes the lock file.
func unlockFile(p string, f *os.File) error {
	return errors.Join(f.Close(), os.Remove(p))
}
