// Package dirlock keeps two processes from writing one folder at once. A
// lock is a file beside the folder, never inside it (the data folder is
// committed as it is): data/ is guarded by .data.lock in data/'s parent.
// The holder writes its pid into the file, so the one that is refused can
// say who holds it.
//
// Where the system has flock (Linux, the BSDs, macOS), the lock dies with
// its process, kill -9 included, and a lock file left behind means
// nothing. Elsewhere the file's existence is the lock, and a process that
// was killed leaves it behind: the refusal says so and names the file.
package dirlock

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Lock is a held lock; Release gives it up.
type Lock struct {
	path string
	f    *os.File
}

// BusyError is the refusal: another process holds the folder's lock.
type BusyError struct {
	// Dir is the folder, LockFile the lock file beside it.
	Dir, LockFile string
	// PID is the holder's process id, 0 when the file does not say.
	PID int
	// MayBeStale is set where a killed holder leaves its lock behind.
	MayBeStale bool
}

func (e *BusyError) Error() string {
	holder := "another process"
	if e.PID > 0 {
		holder = "process " + strconv.Itoa(e.PID)
	}
	msg := fmt.Sprintf("folder %s is in use: %s holds its lock %s; wait for it to finish", e.Dir, holder, e.LockFile)
	if e.MayBeStale {
		msg += " (if no such process runs, delete the lock file)"
	}
	return msg
}

// Path returns the lock file that guards dir: ".<name>.lock" beside it.
// It is beside the real folder, symbolic links resolved: two paths to one
// folder (data/ and a link to it) must meet on one lock, or both writers
// run and one loses what the other wrote.
func Path(dir string) (string, error) {
	abs, err := realPath(dir)
	if err != nil {
		return "", err
	}
	parent, name := filepath.Split(abs)
	if name == "" {
		return "", fmt.Errorf("lock %s: the root folder has no folder beside it to hold a lock", dir)
	}
	return filepath.Join(parent, "."+name+".lock"), nil
}

// realPath is dir made absolute with every symbolic link resolved. A
// folder that does not exist yet is resolved through its nearest existing
// parent, so its path is the one it will have once created.
func realPath(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	var missing []string
	for {
		real, err := filepath.EvalSymlinks(abs)
		if err == nil {
			return filepath.Join(append([]string{real}, missing...)...), nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
		parent, name := filepath.Split(abs)
		parent = filepath.Clean(parent)
		if parent == abs {
			return abs, nil
		}
		missing = append([]string{name}, missing...)
		abs = parent
	}
}

// errBusy is what lockFile returns when another process holds the lock.
var errBusy = errors.New("busy")

// Acquire takes dir's lock without waiting: it fails at once with a
// *BusyError when another process holds it. dir need not exist yet.
func Acquire(dir string) (*Lock, error) {
	p, err := Path(dir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	f, err := lockFile(p)
	if errors.Is(err, errBusy) {
		return nil, &BusyError{Dir: dir, LockFile: p, PID: holder(p), MayBeStale: !DiesWithHolder}
	}
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	if err := writePID(f); err != nil {
		unlockFile(p, f)
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	return &Lock{path: p, f: f}, nil
}

// Release gives the lock up. It is safe to call more than once.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlockFile(l.path, l.f)
	l.f = nil
	return err
}

func writePID(f *os.File) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	_, err := f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return err
}

// holder reads the pid in the lock file, 0 when there is none (yet).
func holder(p string) int {
	b, err := os.ReadFile(p)
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid < 1 {
		return 0
	}
	return pid
}
