package feeds

import (
	"bytes"
	"testing"
	"time"

	"github.com/uptimus/uptimus/generator/history"
)

// TestFeedsKeepTheirBytesAsTheClockMoves builds the same data on
// consecutive days, and a month on: no feed changes, the empty category's
// and the provider without data's included, so that --changed lists none
// and WebSub hubs hear only of real changes. The data holds only closed
// entries, which no clock moves on (an open one turns stale or begins, and
// its feeds then change, rightly).
func TestFeedsKeepTheirBytesAsTheClockMoves(t *testing.T) {
	opt := fixtureOptions()
	closed := map[string]*history.History{}
	for slug, h := range opt.Histories {
		c := *h
		c.Incidents = nil
		for _, inc := range h.Incidents {
			if !inc.Open() {
				c.Incidents = append(c.Incidents, inc)
			}
		}
		closed[slug] = &c
	}
	opt.Histories = closed
	day := opt.Now
	first := files(t, build(t, opt))
	if len(first) == 0 {
		t.Fatal("no feed built")
	}
	for _, later := range []time.Duration{24 * time.Hour, 48 * time.Hour, 30 * 24 * time.Hour} {
		opt.Now = day.Add(later)
		got := files(t, build(t, opt))
		for rel, data := range first {
			if !bytes.Equal(got[rel], data) {
				t.Errorf("%s changed when only the clock moved %v:\n%s\nthen\n%s", rel, later, data, got[rel])
			}
		}
		if len(got) != len(first) {
			t.Errorf("%d feeds, then %d", len(first), len(got))
		}
	}
}
