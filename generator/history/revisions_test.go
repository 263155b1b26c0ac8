package history

import (
	"os"
	"reflect"
	"testing"

	"github.com/uptimus/uptimus/adapters"
)

// A window the vendor moves, renames or restates keeps what it showed
// before each change, oldest first, through Save and Load; merging the same
// snapshot again records nothing, and an incident records no revisions.
// (TestMergeConverges holds them to any order of fetches.)
func TestMergeKeepsRevisionsOfWindows(t *testing.T) {
	h := &History{Slug: "acme"}
	w := window("w", 600)
	inc := adapters.Incident{ID: "i", Kind: adapters.KindIncident, Title: "Down", Status: "investigating", CreatedAt: at(0), UpdatedAt: at(0)}
	Merge(h, snapOf(at(10), w, inc))
	if got := find(t, h, "w").Revisions; got != nil {
		t.Fatalf("a new window has revisions %v", got)
	}
	first := w
	// Postponed by four hours without a word (UpdatedAt unchanged).
	w.ScheduledFor, w.ScheduledUntil = at(840), at(900)
	inc.Title = "Down again"
	if !Merge(h, snapOf(at(20), w, inc)) {
		t.Fatal("a postponement changed nothing")
	}
	if Merge(h, snapOf(at(30), w, inc)) {
		t.Error("merging the same postponement again changed the history")
	}
	// Started, then moved back to where it first was.
	w.Status, w.UpdatedAt = "in_progress", at(40)
	Merge(h, snapOf(at(40), w))
	w.ScheduledFor, w.ScheduledUntil = first.ScheduledFor, first.ScheduledUntil
	Merge(h, snapOf(at(50), w))
	want := []adapters.Revision{
		first.Revision(),
		{UpdatedAt: at(0), Status: "scheduled", Title: w.Title, ScheduledFor: at(840), ScheduledUntil: at(900), Text: w.TextSum()},
		{UpdatedAt: at(40), Status: "in_progress", Title: w.Title, ScheduledFor: at(840), ScheduledUntil: at(900), Text: w.TextSum()},
	}
	if got := find(t, h, "w").Revisions; !reflect.DeepEqual(got, want) {
		t.Errorf("revisions\n got %+v\nwant %+v", got, want)
	}
	if got := find(t, h, "i").Revisions; got != nil {
		t.Errorf("an incident got revisions %v", got)
	}
	dir := t.TempDir()
	if _, err := Save(dir, h); err != nil {
		t.Fatal(err)
	}
	loaded, err := Load(os.DirFS(dir), "acme")
	if err != nil {
		t.Fatal(err)
	}
	if got := find(t, loaded, "w").Revisions; !reflect.DeepEqual(got, want) {
		t.Errorf("after Save and Load: %+v", got)
	}
	// An adapter never sets them: a snapshot's own are dropped.
	w.Revisions = []adapters.Revision{{Title: "forged"}}
	if Merge(loaded, snapOf(at(60), w)) {
		t.Error("a snapshot's revisions reached the history")
	}
}
