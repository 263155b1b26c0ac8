package history

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/uptimus/uptimus/internal/atomicfile"

	"github.com/uptimus/uptimus/adapters"
)

// DataDir is the repository folder that holds the history; errors name files
// under it (data/<slug>/...) so that a person can open them.
const DataDir = "data"

// File names inside data/<slug>/.
const (
	stateFile    = "state.json"
	eventsDir    = "events"
	incidentsDir = "incidents"
)

var (
	slugRE     = regexp.MustCompile(`^[a-z0-9-]+$`)
	yearFileRE = regexp.MustCompile(`^[0-9]{4}\.json$`)
)

// eventsFile is the on-disk form of events/<year>.json.
type eventsFile struct {
	SchemaVersion int     `json:"schema_version"`
	Events        []Event `json:"events"`
}

// incidentsFile is the on-disk form of incidents/<year>.json.
type incidentsFile struct {
	SchemaVersion int                 `json:"schema_version"`
	Incidents     []adapters.Incident `json:"incidents"`
}

// MaxFileSize bounds every file Save writes, in bytes. Google Cloud's
// recorded year (157 incidents with full reports) takes 0.9 MB in this
// format, so 10 MB is far from any real page, while a file past it would
// slow every clone, diff and build (GitHub warns from 50 MB). A save that
// would pass it writes nothing.
const MaxFileSize = 10 << 20

// checkSizes fails, before anything is written, when a file Save would
// write is over MaxFileSize; leaving holds the files it may write first.
func checkSizes(slug string, sets ...map[string][]byte) error {
	for _, files := range sets {
		for _, name := range sortedKeys(files) {
			if n := len(files[name]); n > MaxFileSize {
				return fmt.Errorf("%s: would be %d bytes, over the limit of %d (%d MB) for one history file; nothing written",
					display(path.Join(slug, name)), n, MaxFileSize, MaxFileSize>>20)
			}
		}
	}
	return nil
}

// yearName is the file name for a year; years are 0..9999 because utc
// discards times outside that range.
func yearName(t time.Time) string { return fmt.Sprintf("%04d.json", t.Year()) }

// encodeFiles returns the bytes of every file of h's folder, keyed by the
// slash-separated path inside data/<slug>/. It does not modify h.
func encodeFiles(h *History) (map[string][]byte, error) {
	c := cloneHistory(h)
	canonicalize(c)
	st := c.State
	st.SchemaVersion = SchemaVersion
	files := map[string][]byte{}
	b, err := encode(st)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", stateFile, err)
	}
	files[stateFile] = b
	for name, es := range eventsByYear(c.Events) {
		b, err := encode(eventsFile{SchemaVersion: SchemaVersion, Events: es})
		if err != nil {
			return nil, fmt.Errorf("encode %s: %w", name, err)
		}
		files[name] = b
	}
	for name, incs := range incidentsByYear(c.Incidents) {
		b, err := encode(incidentsFile{SchemaVersion: SchemaVersion, Incidents: incs})
		if err != nil {
			return nil, fmt.Errorf("encode %s: %w", name, err)
		}
		files[name] = b
	}
	return files, nil
}

// eventsByYear splits canonical events by the UTC year of At, keeping order.
func eventsByYear(es []Event) map[string][]Event {
	m := map[string][]Event{}
	for _, e := range es {
		name := path.Join(eventsDir, yearName(e.At))
		m[name] = append(m[name], e)
	}
	return m
}

// incidentsByYear splits canonical incidents by the UTC year of their start,
// keeping order (newest first).
func incidentsByYear(incs []adapters.Incident) map[string][]adapters.Incident {
	m := map[string][]adapters.Incident{}
	for i := range incs {
		name := path.Join(incidentsDir, yearName(Start(&incs[i])))
		m[name] = append(m[name], incs[i])
	}
	return m
}

// encode writes v as indented JSON with a trailing newline. HTML escaping is
// off: incident bodies hold "<br />" and "&", which should stay readable in
// git diffs.
func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// cloneHistory deep-copies the parts of h that canonicalize rewrites in
// place, so encoding never changes the caller's value.
func cloneHistory(h *History) *History {
	c := &History{Slug: h.Slug, State: h.State}
	c.State.Components = slices.Clone(h.State.Components)
	c.Events = slices.Clone(h.Events)
	c.Incidents = slices.Clone(h.Incidents)
	return c
}

// display names a path inside fsys as the repository path a person opens.
func display(name string) string { return DataDir + "/" + name }

// yearFiles lists <slug>/<dir>/<yyyy>.json in ascending year order. Hidden
// files (a temp file left by a killed run) and non-JSON files are skipped;
// any other JSON name is an error, since it would otherwise be ignored.
func yearFiles(fsys fs.FS, slug, dir string) ([]string, error) {
	p := path.Join(slug, dir)
	entries, err := fs.ReadDir(fsys, p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", display(p), err)
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, ".") || !strings.HasSuffix(n, ".json") {
			continue
		}
		if e.IsDir() || !yearFileRE.MatchString(n) {
			return nil, fmt.Errorf("%s: unexpected entry, want <year>.json", display(path.Join(p, n)))
		}
		names = append(names, path.Join(p, n))
	}
	slices.Sort(names)
	return names, nil
}

// decodeFile strictly decodes one history file into v and checks its schema
// version (read through version after decoding).
func decodeFile(fsys fs.FS, name string, v any, version func() int) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("%s: %w", display(name), err)
	}
	if err := decodeStrict(b, v); err != nil {
		return fmt.Errorf("%s%s", display(name), err)
	}
	switch sv := version(); {
	case sv > SchemaVersion:
		return fmt.Errorf("%s: schema_version %d is newer than this program understands (%d); update uptimus", display(name), sv, SchemaVersion)
	case sv < 1:
		return fmt.Errorf("%s: schema_version %d is missing or invalid", display(name), sv)
	}
	return nil
}

// decodeStrict decodes exactly one JSON value with no unknown fields. The
// error starts with ":<line>: " when the position is known, or ": ".
func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return fmt.Errorf(":%d: %w", lineAt(b, se.Offset), err)
		case errors.As(err, &te):
			return fmt.Errorf(":%d: %w", lineAt(b, te.Offset), err)
		case errors.Is(err, io.EOF):
			return errors.New(": empty file")
		}
		return fmt.Errorf(": %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf(":%d: unexpected data after the JSON value", lineAt(b, dec.InputOffset()))
	}
	return nil
}

// lineAt is the 1-based line of byte offset off in b.
func lineAt(b []byte, off int64) int {
	off = min(max(off, 0), int64(len(b)))
	return bytes.Count(b[:off], []byte("\n")) + 1
}

// staleFiles lists the year files on disk that the new history no longer
// has, by their slash-separated name inside root.
func staleFiles(root string, files map[string][]byte) ([]string, error) {
	var stale []string
	for _, dir := range []string{eventsDir, incidentsDir} {
		entries, err := os.ReadDir(filepath.Join(root, dir))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			name := path.Join(dir, e.Name())
			if _, ok := files[name]; !ok && !e.IsDir() && yearFileRE.MatchString(e.Name()) {
				stale = append(stale, name)
			}
		}
	}
	return stale, nil
}

// movers returns, for each incident year file on disk that holds incidents
// of h now belonging to another year, the bytes of the file's final content
// plus those leaving incidents (in their current version). Files without
// leavers are absent. Save writes these first and their final content last,
// which makes a year move crash-safe.
func movers(root string, h *History, files map[string][]byte) (map[string][]byte, error) {
	entries, err := os.ReadDir(filepath.Join(root, incidentsDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	c := cloneHistory(h)
	canonicalize(c)
	yearOf := make(map[string]string, len(c.Incidents))
	byID := make(map[string]adapters.Incident, len(c.Incidents))
	for i := range c.Incidents {
		yearOf[c.Incidents[i].ID] = path.Join(incidentsDir, yearName(Start(&c.Incidents[i])))
		byID[c.Incidents[i].ID] = c.Incidents[i]
	}
	final := incidentsByYear(c.Incidents)
	out := map[string][]byte{}
	for _, e := range entries {
		name := path.Join(incidentsDir, e.Name())
		if e.IsDir() || !yearFileRE.MatchString(e.Name()) {
			continue
		}
		old, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil {
			return nil, err
		}
		if bytes.Equal(old, files[name]) {
			continue
		}
		var f incidentsFile
		if json.Unmarshal(old, &f) != nil {
			continue // unreadable: nothing in it can be preserved anyway
		}
		incs := slices.Clone(final[name])
		for _, in := range f.Incidents {
			if y, ok := yearOf[in.ID]; ok && y != name {
				incs = append(incs, byID[in.ID])
			}
		}
		if len(incs) == len(final[name]) {
			continue
		}
		sortIncidents(incs)
		b, err := encode(incidentsFile{SchemaVersion: SchemaVersion, Incidents: incs})
		if err != nil {
			return nil, err
		}
		out[name] = b
	}
	return out, nil
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// writeIfChanged atomically replaces p with data unless p already holds
// exactly data. It reports whether it wrote.
func writeIfChanged(p string, data []byte) (bool, error) {
	old, err := os.ReadFile(p)
	if err == nil && bytes.Equal(old, data) {
		return false, nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	if err := atomicfile.WriteSync(p, data); err != nil {
		return false, err
	}
	return true, nil
}
