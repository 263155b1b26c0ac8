package uptime

import (
	"testing"
	"time"

	"github.com/uptimus/uptimus/generator/history"
)

// Known time starts at knowledge and leaves out the stretches we could not
// see, an open one to the end.
func TestKnown(t *testing.T) {
	d := func(day, hour int) time.Time { return time.Date(2026, 7, day, hour, 0, 0, 0, time.UTC) }
	h := &history.History{}
	h.State.KnownSince = d(2, 0)
	h.State.Unseen = []history.Span{{From: d(3, 0), To: d(3, 12)}, {From: d(5, 0)}}
	got := Known(h, d(1, 0), d(6, 0))
	want := [][2]time.Time{{d(2, 0), d(3, 0)}, {d(3, 12), d(5, 0)}}
	if len(got) != len(want) {
		t.Fatalf("known %v, want %v", got, want)
	}
	for i, k := range got {
		if !k.Start.Equal(want[i][0]) || !k.End.Equal(want[i][1]) {
			t.Errorf("stretch %d = %v to %v, want %v to %v", i, k.Start, k.End, want[i][0], want[i][1])
		}
	}
	if got := Known(&history.History{}, d(1, 0), d(6, 0)); got != nil {
		t.Errorf("nothing known, got %v", got)
	}
}
