package history

import (
	"os"
	"testing"
	"time"
)

func TestUnseenStretches(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 11, 1, h, 0, 0, 0, time.UTC) }
	h := &History{Slug: "acme", State: State{SchemaVersion: SchemaVersion, FirstChecked: at(0)}}
	if !MarkUnseen(h, at(2)) || MarkUnseen(h, at(5)) {
		t.Fatal("a stretch opens once")
	}
	if got := UnseenSince(h); !got.Equal(at(2)) {
		t.Errorf("unseen since %v", got)
	}
	if !MarkSeen(h, at(9)) || MarkSeen(h, at(10)) {
		t.Fatal("a stretch closes once")
	}
	// A new stretch never starts inside the last one.
	MarkUnseen(h, at(8))
	MarkSeen(h, at(12))
	want := []Span{{From: at(2), To: at(9)}, {From: at(9), To: at(12)}}
	if len(h.State.Unseen) != 2 || h.State.Unseen[0] != want[0] || h.State.Unseen[1] != want[1] {
		t.Errorf("unseen = %v, want %v", h.State.Unseen, want)
	}
	// They survive a save and a load, and a second save writes the same bytes.
	dir := t.TempDir()
	if _, err := Save(dir, h); err != nil {
		t.Fatal(err)
	}
	back, err := Load(os.DirFS(dir), "acme")
	if err != nil {
		t.Fatal(err)
	}
	if len(back.State.Unseen) != 2 || back.State.Unseen[1] != want[1] {
		t.Errorf("loaded unseen = %v", back.State.Unseen)
	}
	if written, err := Save(dir, back); err != nil || len(written) != 0 {
		t.Errorf("second save wrote %v, %v", written, err)
	}
}
