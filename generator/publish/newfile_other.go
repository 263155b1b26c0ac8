//go:build !unix

package publish

import "os"

// writeNew writes data to a file it creates, failing with fs.ErrExist if
// the name is taken; a file it cannot write whole is removed.
func writeNew(target string, data []byte) error {
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(target)
	}
	return err
}
