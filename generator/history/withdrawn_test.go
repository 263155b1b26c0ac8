package history

import (
	"os"
	"testing"

	"github.com/uptimus/uptimus/adapters"
)

func window(id string, fromMinutes int) adapters.Incident {
	return adapters.Incident{ID: id, Kind: adapters.KindMaintenance, Title: "Window " + id, Impact: adapters.ImpactMaintenance,
		Status: "scheduled", CreatedAt: at(0), UpdatedAt: at(0), ScheduledFor: at(fromMinutes), ScheduledUntil: at(fromMinutes + 60)}
}

// A window missing from a snapshot that lists every planned window was
// withdrawn: the merge marks it once, keeps it, saves and loads the mark,
// and clears it when the vendor lists the window again.
func TestMergeMarksWithdrawnWindows(t *testing.T) {
	h := &History{Slug: "acme"}
	soon, later, running := window("soon", 600), window("later", 6000), window("running", 30)
	Merge(h, snapOf(at(10), soon, later, running))
	complete := func(fetched int, incs ...adapters.Incident) *adapters.Snapshot {
		s := snapOf(at(fetched), incs...)
		s.MaintenanceComplete = true
		return s
	}
	// Not complete: absence says nothing.
	if Merge(h, snapOf(at(60), soon)) {
		t.Fatal("a partial list withdrew a window")
	}
	if !Merge(h, complete(60, soon)) {
		t.Fatal("a complete list without a planned window changed nothing")
	}
	if got := find(t, h, "later").WithdrawnAt; !got.Equal(at(60)) {
		t.Errorf("later: WithdrawnAt %v, want the fetch time", got)
	}
	if got := find(t, h, "running").WithdrawnAt; !got.IsZero() {
		t.Errorf("running: a window past its start is never withdrawn (%v)", got)
	}
	if Merge(h, complete(90, soon)) {
		t.Error("merging the same list again changed the history")
	}
	if got := find(t, h, "later").WithdrawnAt; !got.Equal(at(60)) {
		t.Errorf("later: WithdrawnAt moved to %v", got)
	}
	dir := t.TempDir()
	if _, err := Save(dir, h); err != nil {
		t.Fatal(err)
	}
	loaded, err := Load(os.DirFS(dir), "acme")
	if err != nil {
		t.Fatal(err)
	}
	if got := find(t, loaded, "later").WithdrawnAt; !got.Equal(at(60)) {
		t.Errorf("after Save and Load: WithdrawnAt %v", got)
	}
	if len(loaded.Incidents) != 3 {
		t.Errorf("%d entries after the withdrawal, want all 3 kept", len(loaded.Incidents))
	}
	// Listed again, even as an older copy: no longer withdrawn.
	again := later
	again.UpdatedAt = at(-5)
	if !Merge(loaded, complete(120, soon, again)) || !find(t, loaded, "later").WithdrawnAt.IsZero() {
		t.Error("a window listed again stays withdrawn")
	}
	// An adapter cannot set the mark.
	forged := window("forged", 9000)
	forged.WithdrawnAt = at(1)
	Merge(loaded, snapOf(at(130), forged))
	if !find(t, loaded, "forged").WithdrawnAt.IsZero() {
		t.Error("a snapshot set WithdrawnAt")
	}
}
