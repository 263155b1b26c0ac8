package notify

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strings"

	"github.com/uptimus/uptimus/internal/atomicfile"
)

// SentFile is the sent-log's name in the cache folder.
const SentFile = "notify-sent.json"

// maxSent bounds the sent-log; the oldest keys go first. An event is only
// derived again when a run covers its commit again, which happens within a
// few runs, long before 20,000 later posts push it out.
const maxSent = 20000

// SentLog records which event went to which destination.
type SentLog struct {
	path string
	keys []string
	set  map[string]bool
}

type sentFile struct {
	SchemaVersion int      `json:"schema_version"`
	Sent          []string `json:"sent"`
}

// OpenSentLog reads the log at path; a missing file is an empty log. A
// log that cannot be read is moved aside (to path+Damaged) and the error
// says so, but a log is returned all the same, holding every entry that
// could still be read from the damaged file: a damaged log must not
// silence notify for good, and an entry recovered is a post not made
// twice. What the log lost may be posted again; the mark keeps that to
// the commits after the last one notified (docs/alerts.md).
func OpenSentLog(path string) (*SentLog, error) {
	l := &SentLog{path: path, set: map[string]bool{}}
	var f sentFile
	err := readJSON(path, &f)
	if err == nil {
		for _, k := range f.Sent {
			l.Add(k)
		}
		return l, nil
	}
	data, _ := os.ReadFile(path)
	for _, k := range salvage(data) {
		l.Add(k)
	}
	return l, fmt.Errorf("%w; %d entries recovered from it", MoveAside(path, err), len(l.keys))
}

// jsonString is a complete JSON string literal.
var jsonString = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// salvage is every complete string of a damaged log that reads as a key
// (destination, space, event id): the field names hold no space.
func salvage(data []byte) []string {
	var out []string
	for _, lit := range jsonString.FindAll(data, -1) {
		var k string
		if json.Unmarshal(lit, &k) == nil && strings.Contains(k, " ") {
			out = append(out, k)
		}
	}
	return out
}

// sentKey is how the log records that dest had the event or part id.
func sentKey(dest, id string) string { return dest + " " + id }

// Has reports whether key was recorded.
func (l *SentLog) Has(key string) bool { return l.set[key] }

// Add records key.
func (l *SentLog) Add(key string) {
	if l.set[key] {
		return
	}
	l.set[key] = true
	l.keys = append(l.keys, key)
	if len(l.keys) > maxSent {
		delete(l.set, l.keys[0])
		l.keys = l.keys[1:]
	}
}

// Save writes the log atomically.
func (l *SentLog) Save() error {
	return writeJSON(l.path, sentFile{SchemaVersion: 1, Sent: l.keys})
}

// readJSON decodes the file at path into v; a missing file leaves v as it
// is. Errors name the file.
func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err // names the file
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// writeJSON writes v to path, indented and atomically: a killed run leaves
// the old file or the new one, never half of one.
func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err == nil {
		err = atomicfile.Write(path, append(data, '\n'))
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
