//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package dirlock

import (
	"errors"
	"os"
	"syscall"
)

// DiesWithHolder: the kernel drops the lock when its holder dies.
const DiesWithHolder = true

// lockFile opens p and takes an exclusive flock on it without waiting. The
// file stays after Release: removing it would let a process that opened it
// just before lock a file no one else can see any more.
func lockFile(p string) (*os.File, error) {
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errBusy
		}
		return nil, err
	}
	return f, nil
}

// unlockFile releases the lock by closing the file.
func unlockFile(_ string, f *os.File) error { return f.Close() }
