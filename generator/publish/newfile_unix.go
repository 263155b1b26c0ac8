//go:build unix

package publish

import (
	"io/fs"
	"syscall"
)

// writeNew writes data to a file it creates, failing with fs.ErrExist if
// the name is taken; a file it cannot write whole is removed. It calls the system directly rather than through
// os.File: a build creates tens of thousands of files, and os.OpenFile
// spends five more calls on each (making the descriptor non-blocking,
// offering it to the poller, which refuses a regular file, and undoing
// the first), which a file written once in one piece has no use for.
func writeNew(target string, data []byte) error {
	var fd int
	err := retry(func() (err error) {
		fd, err = syscall.Open(target, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o644)
		return err
	})
	if err != nil {
		return &fs.PathError{Op: "open", Path: target, Err: err}
	}
	for len(data) > 0 && err == nil {
		var n int
		err = retry(func() (err error) {
			n, err = syscall.Write(fd, data)
			return err
		})
		data = data[n:]
	}
	if cerr := syscall.Close(fd); err == nil {
		err = cerr
	}
	if err != nil {
		syscall.Unlink(target)
		return &fs.PathError{Op: "write", Path: target, Err: err}
	}
	return nil
}

// retry calls call again while a signal interrupts it.
func retry(call func() error) error {
	for {
		if err := call(); err != syscall.EINTR {
			return err
		}
	}
}
