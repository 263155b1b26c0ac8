package history

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/uptimus/uptimus/internal/atomicfile"
	"github.com/uptimus/uptimus/internal/testfs"

	"github.com/uptimus/uptimus/adapters"
)

var errKilled = errors.New("killed")

// killedAfter returns disk operations that fail, as a kill -9 would stop
// the process, once steps writes or removals have been done.
func killedAfter(steps int) diskOps {
	done := 0
	step := func() error {
		if done == steps {
			return errKilled
		}
		done++
		return nil
	}
	return diskOps{
		write: func(p string, data []byte) (bool, error) {
			if err := step(); err != nil {
				return false, err
			}
			return writeIfChanged(p, data)
		},
		remove: func(p string) error {
			if err := step(); err != nil {
				return err
			}
			return atomicfile.Remove(p)
		},
	}
}

// statusSnapshots are two fetches across a new year: the second changes
// the overall status and two components, which writes events/2024.json,
// events/2025.json, an incident file and then state.json.
func statusSnapshots() (first, second *adapters.Snapshot) {
	d := func(y int, m time.Month, day, h, min int) time.Time {
		return time.Date(y, m, day, h, min, 0, 0, time.UTC)
	}
	first = snapOf(d(2024, 12, 31, 23, 0), inc("x", d(2024, 12, 1, 0, 0)))
	first.Components = []adapters.Component{comp("a", adapters.Operational, d(2024, 12, 1, 0, 0)), comp("b", adapters.Operational, time.Time{})}
	second = snapOf(d(2025, 1, 1, 0, 30), inc("x", d(2024, 12, 1, 0, 0)), inc("y", d(2025, 1, 1, 0, 10)))
	second.Status = adapters.MajorOutage
	second.Components = []adapters.Component{comp("a", adapters.MajorOutage, d(2024, 12, 31, 23, 50)), comp("b", adapters.Degraded, time.Time{})}
	return first, second
}

// saveAll merges snaps one by one into the history in dir, saving it
// whenever the merge reports a change, the way consecutive runs do.
func saveAll(t *testing.T, dir string, snaps ...*adapters.Snapshot) {
	t.Helper()
	for _, s := range snaps {
		h, err := Load(os.DirFS(dir), "p")
		if err != nil {
			t.Fatal(err)
		}
		if !Merge(h, s) {
			continue
		}
		if _, err := Save(dir, h); err != nil {
			t.Fatal(err)
		}
	}
}

// eachKill merges next into the history that the snapshots in before
// leave in a fresh folder (a provider's first run when there are none) and
// saves it killed after 0, 1, 2, ... steps, handing check each folder, until
// a save completes. It returns how many steps the complete save took.
func eachKill(t *testing.T, before []*adapters.Snapshot, next *adapters.Snapshot, check func(dir string, kill int)) int {
	t.Helper()
	for kill := 0; ; kill++ {
		dir := t.TempDir()
		saveAll(t, dir, before...)
		h, err := Load(os.DirFS(dir), "p")
		if err != nil {
			t.Fatal(err)
		}
		Merge(h, next)
		_, serr := save(dir, h, killedAfter(kill))
		check(dir, kill)
		if serr == nil {
			return kill
		}
	}
}

// sameAsNeverKilled fails unless dir holds what want, the folder of a run
// never killed, holds.
func sameAsNeverKilled(t *testing.T, dir, want string, kill int) {
	t.Helper()
	if got, w := testfs.Text(t, dir), testfs.Text(t, want); !reflect.DeepEqual(got, w) {
		t.Fatalf("killed after %d steps, then run again: the files differ from a run never killed\ngot  %v\nwant %v", kill, got, w)
	}
}

// TestMergeAfterKilledSave kills the save of a run that records status
// changes after every possible step, then runs again on the same upstream,
// as the next scheduled run would. The folder must end byte for byte as if
// the first save had never been killed: no change recorded twice, none
// lost. Without catchUp, a kill between the events files and state.json
// records every change a second time.
func TestMergeAfterKilledSave(t *testing.T) {
	first, second := statusSnapshots()
	want := t.TempDir()
	saveAll(t, want, first, second)
	steps := eachKill(t, []*adapters.Snapshot{first}, second, func(dir string, kill int) {
		saveAll(t, dir, second)
		sameAsNeverKilled(t, dir, want, kill)
	})
	if steps < 4 {
		t.Fatalf("the save took only %d steps; the test does not reach state.json last", steps)
	}
}

// TestMergeAfterKilledYearMove kills a save while incidents move between
// year files (their start changed upstream) and runs again on the same
// upstream. The history loads whole after any kill, so the merge finds
// nothing new; it must still report a change, or the copy left in the old
// year file (or an incident in the wrong file) would stay on disk for ever.
func TestMergeAfterKilledYearMove(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 12, 0, 0, 0, time.UTC) }
	a, b, c := inc("a", d(2024, 12, 30)), inc("b", d(2025, 1, 2)), inc("c", d(2023, 6, 1))
	first := snapOf(d(2025, 1, 3), a, b, c)
	moved := func(in adapters.Incident, start time.Time) adapters.Incident {
		in.StartedAt, in.CreatedAt, in.UpdatedAt = start, start, d(2025, 1, 4)
		return in
	}
	// c, unmoved, keeps state.json's known_since as it was: only the year
	// files differ, as in a real run where old incidents move.
	second := snapOf(d(2025, 1, 4), moved(a, d(2025, 1, 1)), moved(b, d(2024, 12, 31)), c)
	want := t.TempDir()
	saveAll(t, want, first, second)
	eachKill(t, []*adapters.Snapshot{first}, second, func(dir string, kill int) {
		saveAll(t, dir, second)
		sameAsNeverKilled(t, dir, want, kill)
	})
}

// TestMergeAfterKilledSaveLater is the same with the next run later: the
// changes the killed run recorded keep their time and none is recorded
// again.
func TestMergeAfterKilledSaveLater(t *testing.T) {
	first, second := statusSnapshots()
	later := *second
	later.FetchedAt = second.FetchedAt.Add(15 * time.Minute)
	eachKill(t, []*adapters.Snapshot{first}, second, func(dir string, kill int) {
		saveAll(t, dir, &later)
		got, err := Load(os.DirFS(dir), "p")
		if err != nil {
			t.Fatal(err)
		}
		checkEventChains(t, got)
		if len(got.Events) != 3 {
			t.Fatalf("killed after %d steps: %d events, want 3: %+v", kill, len(got.Events), got.Events)
		}
	})
}

// checkEventChains fails when a component's (or the overall status's)
// events do not follow each other: each must start where the one before
// ended and change something. A change recorded twice breaks the chain.
func checkEventChains(t *testing.T, h *History) {
	t.Helper()
	last := map[string]Event{}
	for _, e := range h.Events {
		if e.From == e.To {
			t.Fatalf("event without a change: %+v", e)
		}
		if prev, ok := last[e.ComponentID]; ok && prev.To != e.From {
			t.Fatalf("events do not follow each other:\n%+v\n%+v", prev, e)
		}
		last[e.ComponentID] = e
	}
}

// TestFirstSaveKilledStillLoads kills a provider's very first save after
// every step. What is left must load (Load refuses incidents without
// state.json), and the next run must end as a run never killed.
func TestFirstSaveKilledStillLoads(t *testing.T) {
	_, second := statusSnapshots()
	want := t.TempDir()
	saveAll(t, want, second)
	eachKill(t, nil, second, func(dir string, kill int) {
		if _, err := Load(os.DirFS(dir), "p"); err != nil {
			t.Fatalf("killed after %d steps: %v", kill, err)
		}
		saveAll(t, dir, second)
		sameAsNeverKilled(t, dir, want, kill)
	})
}

// TestMergeClockBehindLastChange: a vendor time ahead of our clock can put
// a component's last change after the fetch that sees the next one. The
// next change is recorded at that time, not before it, so the log keeps
// the order of observation and merging again adds nothing.
func TestMergeClockBehindLastChange(t *testing.T) {
	h := &History{Slug: "p"}
	s1 := snapOf(at(0))
	s1.Components = []adapters.Component{comp("a", adapters.Operational, time.Time{})}
	Merge(h, s1)
	s2 := snapOf(at(10))
	s2.Components = []adapters.Component{comp("a", adapters.Degraded, at(30))} // vendor ahead
	Merge(h, s2)
	s3 := snapOf(at(20))
	s3.Components = []adapters.Component{comp("a", adapters.Operational, time.Time{})}
	Merge(h, s3)
	if n := len(h.Events); n != 2 || !h.Events[1].At.Equal(at(30)) || h.Events[1].To != adapters.Operational {
		t.Fatalf("events %+v, want the second at %v", h.Events, at(30))
	}
	got := roundTrip(t, h)
	if Merge(got, s3) {
		t.Fatalf("merging the same upstream again changed the history: %+v", got.Events)
	}
	checkEventChains(t, got)
}

func TestRemoveLeftovers(t *testing.T) {
	dir := t.TempDir()
	files := map[string]bool{
		"p/state.json": false, "p/.state.json.tmp-123": true, "p/incidents/2025.json": false,
		"p/incidents/.2025.json.tmp-9": true, "p/events/.2024.json.tmp-1": true, ".gitkeep": false, "p/.gitkeep": false,
	}
	for name := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	removed, err := RemoveLeftovers(dir)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for name, temp := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		_, err := os.Stat(p)
		if temp {
			want = append(want, p)
		}
		if gone := err != nil; gone != temp {
			t.Errorf("%s: gone %v, want %v", name, gone, temp)
		}
	}
	slices.Sort(want)
	if !slices.Equal(removed, want) {
		t.Errorf("removed %v, want %v", removed, want)
	}
	if removed, err := RemoveLeftovers(filepath.Join(dir, "nope")); err != nil || removed != nil {
		t.Errorf("missing folder: %v, %v", removed, err)
	}
}

// A component change the vendor dated 9999 is recorded at the fetch: kept,
// it would file this event and every later change of the component under
// year 9999. A last change stored from the future before this guard does
// not hold later changes there either.
func TestMergeComponentChangeFromTheFuture(t *testing.T) {
	far := time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	h := &History{Slug: "p"}
	s1 := snapOf(at(0))
	s1.Components = []adapters.Component{comp("a", adapters.Operational, far), comp("b", adapters.Operational, time.Time{})}
	Merge(h, s1)
	s2 := snapOf(at(10))
	s2.Components = []adapters.Component{comp("a", adapters.Degraded, far), comp("b", adapters.Operational, time.Time{})}
	Merge(h, s2)
	for _, c := range h.State.Components {
		if c.LastChanged.After(at(10)) {
			t.Errorf("component %s last changed %v, after the fetch", c.ID, c.LastChanged)
		}
	}
	if len(h.Events) != 1 || !h.Events[0].At.Equal(at(10)) {
		t.Fatalf("events %+v, want one at the fetch, %v", h.Events, at(10))
	}
	// Data written before the guard: b's last change stored in 9999.
	for i := range h.State.Components {
		if h.State.Components[i].ID == "b" {
			h.State.Components[i].LastChanged = far
		}
	}
	s3 := snapOf(at(20))
	s3.Components = []adapters.Component{comp("a", adapters.Degraded, time.Time{}), comp("b", adapters.MajorOutage, time.Time{})}
	Merge(h, s3)
	if last := h.Events[len(h.Events)-1]; last.ComponentID != "b" || !last.At.Equal(at(20)) {
		t.Fatalf("b's change recorded %+v, want at the fetch, %v", last, at(20))
	}
}
