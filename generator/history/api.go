package history

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"

	"github.com/uptimus/uptimus/internal/atomicfile"

	"github.com/uptimus/uptimus/adapters"
)

// ValidSlug reports whether slug may name a provider's folder: [a-z0-9-]+.
// It is checked before a slug ever becomes part of a path.
func ValidSlug(slug string) error {
	if !slugRE.MatchString(slug) {
		return fmt.Errorf("invalid provider slug %q: want [a-z0-9-]+", slug)
	}
	return nil
}

// Load reads data/<slug>/ from fsys (rooted at the data folder). A provider
// with no folder yet gives an empty History, not an error. A file that
// cannot be read, is not valid JSON, has unknown fields or a schema version
// this program does not know is an error naming the file.
func Load(fsys fs.FS, slug string) (*History, error) {
	if err := ValidSlug(slug); err != nil {
		return nil, err
	}
	h := &History{Slug: slug, State: State{SchemaVersion: SchemaVersion, Components: []ComponentState{}}}
	if _, err := fs.Stat(fsys, slug); errors.Is(err, fs.ErrNotExist) {
		return h, nil
	} else if err != nil {
		return nil, fmt.Errorf("%s: %w", display(slug), err)
	}
	eventNames, err := yearFiles(fsys, slug, eventsDir)
	if err != nil {
		return nil, err
	}
	incidentNames, err := yearFiles(fsys, slug, incidentsDir)
	if err != nil {
		return nil, err
	}
	statePath := path.Join(slug, stateFile)
	switch _, err := fs.Stat(fsys, statePath); {
	case err == nil:
		h.State = State{}
		if err := decodeFile(fsys, statePath, &h.State, func() int { return h.State.SchemaVersion }); err != nil {
			return nil, err
		}
	case errors.Is(err, fs.ErrNotExist) && len(eventNames)+len(incidentNames) == 0:
		// A folder with no history files yet (say, only a .gitkeep).
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s: missing, but the folder holds events or incidents", display(statePath))
	default:
		return nil, fmt.Errorf("%s: %w", display(statePath), err)
	}
	for _, name := range eventNames {
		var f eventsFile
		if err := decodeFile(fsys, name, &f, func() int { return f.SchemaVersion }); err != nil {
			return nil, err
		}
		h.Events = append(h.Events, f.Events...)
		h.misfiled = h.misfiled || misfiledEvents(name, f.Events)
	}
	for _, name := range incidentNames {
		var f incidentsFile
		if err := decodeFile(fsys, name, &f, func() int { return f.SchemaVersion }); err != nil {
			return nil, err
		}
		h.Incidents = append(h.Incidents, f.Incidents...)
		h.misfiled = h.misfiled || misfiledIncidents(name, f.Incidents)
	}
	if h.State.Components == nil {
		h.State.Components = []ComponentState{}
	}
	stored := len(h.Incidents)
	canonicalize(h)
	// Copies of one incident folded into one: a killed year move.
	h.misfiled = h.misfiled || len(h.Incidents) < stored
	return h, nil
}

// misfiledEvents reports whether events/<year>.json (name) holds an event
// of another year.
func misfiledEvents(name string, es []Event) bool {
	return slices.ContainsFunc(es, func(e Event) bool { return yearName(utc(e.At)) != path.Base(name) })
}

// misfiledIncidents reports whether incidents/<year>.json (name) holds an
// incident that starts in another year.
func misfiledIncidents(name string, incs []adapters.Incident) bool {
	return slices.ContainsFunc(incs, func(in adapters.Incident) bool {
		n := normalizeIncident(in)
		return yearName(Start(&n)) != path.Base(name)
	})
}

// LoadAll loads every slug's history. It reports every file that failed,
// not only the first, and returns the histories that loaded.
func LoadAll(fsys fs.FS, slugs []string) (map[string]*History, error) {
	out := make(map[string]*History, len(slugs))
	var errs []error
	for _, slug := range slugs {
		h, err := Load(fsys, slug)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out[slug] = h
	}
	return out, errors.Join(errs...)
}

// Merge folds snap into h and reports whether anything changed. It does not
// modify snap, and h shares no memory with it afterwards.
//
// It never loses data: incidents that left the vendor's window, updates
// that vanished upstream and components that disappeared (kept with
// RemovedAt) are all kept. For an incident seen before, the copy with the
// later UpdatedAt wins field by field (the incoming one on a tie or when
// either time is unknown), and updates are united by id, the winning copy's
// version replacing the other's. Incidents and components without an id
// cannot be followed from run to run and are skipped.
//
// A component or overall status that differs from the stored one becomes an
// Event at the vendor's UpdatedAt when that is later than the last change,
// else at snap.FetchedAt. A snapshot with no components says nothing about
// components (an upstream hiccup): nothing is marked removed.
//
// Merging the same snapshot twice changes nothing the second time, and
// nothing run-specific (such as snap.FetchedAt) is written unless something
// actually changed. A snapshot that lists every window the vendor still
// plans (Snapshot.MaintenanceComplete) marks each stored upcoming window it
// lacks as withdrawn (Incident.WithdrawnAt, see mergeWithdrawals), once;
// the window stays. A snapshot of a vendor that lists only active
// incidents (adapters.ListsActive) resolves each stored open entry it
// lacks at its fetch time, marked ResolvedAsObserved (see
// mergeObservedEnds), once; listed again, the entry is open again. That
// holds across a save killed between files too:
// events on disk that state.json does not show yet (Save writes it last)
// are taken as the state's, so no change is ever recorded twice; and a
// folder that Load found misfiled (an incident in two year files, or in
// another year's) reports a change, so that saving puts it right.
func Merge(h *History, snap *adapters.Snapshot) bool {
	if h == nil || snap == nil {
		return false
	}
	canonicalize(h)
	at := utc(snap.FetchedAt)
	changed := h.misfiled
	h.misfiled = false
	if h.State.SchemaVersion != SchemaVersion {
		h.State.SchemaVersion = SchemaVersion
		changed = true
	}
	changed = catchUp(&h.State, h.Events) || changed
	changed = mergeKnowledge(&h.State, snap, at) || changed
	var events []Event
	if ev, ok := mergeOverall(&h.State, snap, at); ok {
		changed = true
		if ev != nil {
			events = append(events, *ev)
		}
	}
	compEvents, compChanged := mergeComponents(&h.State, snap.Components, at)
	changed = changed || compChanged
	events = append(events, compEvents...)
	if len(events) > 0 {
		// New events are ordered by (time, component) so the record does not
		// depend on the vendor's component order.
		slices.SortStableFunc(events, func(a, b Event) int {
			return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.ComponentID, b.ComponentID))
		})
		h.Events = canonicalEvents(append(h.Events, events...))
	}
	if mergeIncidents(h, scrolledOn(h, snap)) {
		changed = true
	}
	changed = mergeWithdrawals(h, snap, at) || changed
	return mergeObservedEnds(h, snap, at) || changed
}

// Save writes h under dir/<slug>/ deterministically and atomically, writing
// only files whose bytes changed and removing year files left empty, and
// returns the paths it wrote or removed, sorted. A save that would write a
// file over MaxFileSize fails before writing anything.
//
// A killed run never loses an incident: when an incident moves to another
// year file, the file it leaves keeps it until the file it moves to has been
// written. A run killed in between leaves the incident in both files, which
// Load folds back into one. Nor does it leave a folder that cannot load: a
// first save begins with an empty state.json (see placeholderState).
func Save(dir string, h *History) ([]string, error) {
	return save(dir, h, diskOps{write: writeIfChanged, remove: atomicfile.Remove})
}

// placeholderState writes an empty state.json into a folder that has none
// yet, before any other file. Load refuses a folder that holds events or
// incidents without state.json, so a first save killed before its last
// step would otherwise leave a provider that never loads again. An empty
// state says nothing (no first check, no status), so the next merge starts
// afresh as if nothing had been saved, and keeps what was.
func placeholderState(root string, write func(name string, data []byte) error) error {
	_, err := os.Stat(filepath.Join(root, stateFile))
	if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	b, err := encode(State{SchemaVersion: SchemaVersion, Components: []ComponentState{}})
	if err != nil {
		return err
	}
	return write(stateFile, b)
}

// diskOps are Save's two side effects, replaceable so that tests can kill a
// save after any number of steps.
type diskOps struct {
	// write replaces a file's bytes atomically unless they are already
	// equal, and reports whether it wrote.
	write  func(p string, data []byte) (bool, error)
	remove func(p string) error
}

func save(dir string, h *History, ops diskOps) ([]string, error) {
	if h == nil {
		return nil, errors.New("history.Save: nil History")
	}
	if err := ValidSlug(h.Slug); err != nil {
		return nil, err
	}
	files, err := encodeFiles(h)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", display(h.Slug), err)
	}
	root := filepath.Join(dir, h.Slug)
	stale, err := staleFiles(root, files)
	if err != nil {
		return nil, err
	}
	leaving, err := movers(root, h, files)
	if err != nil {
		return nil, err
	}
	if err := checkSizes(h.Slug, files, leaving); err != nil {
		return nil, err
	}
	var touched []string
	write := func(name string, data []byte) error {
		p := filepath.Join(root, filepath.FromSlash(name))
		wrote, err := ops.write(p, data)
		if wrote {
			touched = append(touched, p)
		}
		return err
	}
	if err := placeholderState(root, write); err != nil {
		return touched, err
	}
	// 1. Files that incidents leave: their final content plus the leavers.
	for _, name := range sortedKeys(leaving) {
		if err := write(name, leaving[name]); err != nil {
			return touched, err
		}
	}
	// 2. Every other file but state.json, so each incident reaches the file
	// it moves to, then 3. the files it leaves, without it. state.json goes
	// last: it never describes history that is not on disk yet.
	for _, pass := range []bool{false, true} {
		for _, name := range sortedKeys(files) {
			if _, isSource := leaving[name]; isSource != pass || name == stateFile {
				continue
			}
			if err := write(name, files[name]); err != nil {
				return touched, err
			}
		}
	}
	if err := write(stateFile, files[stateFile]); err != nil {
		return touched, err
	}
	for _, name := range stale {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := ops.remove(p); err != nil {
			return touched, err
		}
		touched = append(touched, p)
	}
	slices.Sort(touched)
	// A file that incidents left may be written and then removed.
	return slices.Compact(touched), nil
}
