package notify

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"time"
)

// MarkFile records, in the cache folder beside SentFile, the last commit
// whose events were all dealt with: posted, queued or held for each
// destination. The next run derives its events from there, not only from
// the --from it is given, so a job cancelled after its commit was pushed
// and before notify finished loses nothing: the next run covers those
// commits again, and the sent-log keeps what was posted from going twice.
const MarkFile = "notify-mark.json"

// Mark is the last commit notified, and when (by the --now clock).
type Mark struct {
	SchemaVersion int       `json:"schema_version"`
	Commit        string    `json:"commit"`
	At            time.Time `json:"at"`
}

var commitID = regexp.MustCompile(`^[0-9a-f]{40}([0-9a-f]{24})?$`)

// ReadMark reads the mark at path; a missing file is the zero Mark.
func ReadMark(path string) (Mark, error) {
	var m Mark
	if err := readJSON(path, &m); err != nil {
		return Mark{}, err
	}
	if m.Commit != "" && !commitID.MatchString(m.Commit) {
		return Mark{}, fmt.Errorf("%s: commit %s is not a full commit id", path, strconv.Quote(m.Commit))
	}
	return m, nil
}

// WriteMark records commit as the last notified, at at.
func WriteMark(path, commit string, at time.Time) error {
	return writeJSON(path, Mark{SchemaVersion: 1, Commit: commit, At: at.UTC()})
}

// Damaged is the suffix a cache file that cannot be read is moved aside
// to, for whoever wants to see what went wrong; a later damaged copy
// replaces it.
const Damaged = ".damaged"

// MoveAside renames the damaged file at path out of the way and says so
// in err's words.
func MoveAside(path string, err error) error {
	if rerr := os.Rename(path, path+Damaged); rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
		return fmt.Errorf("%w (and it could not be moved aside: %v)", err, rerr)
	}
	return fmt.Errorf("%w; moved aside to %s%s", err, path, Damaged)
}
