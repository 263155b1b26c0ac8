package retry

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestDo(t *testing.T) {
	boom := errors.New("503")
	for _, tc := range []struct {
		name    string
		results []bool // per try: retry after failing; the try past the list succeeds
		tries   int
		gaveUp  bool
		ok      bool
	}{
		{"first try works", nil, 1, false, true},
		{"works on the third", []bool{true, true}, 3, false, true},
		{"not worth retrying", []bool{false}, 1, false, false},
		{"retries run out", []bool{true, true, true, true}, 3, true, false},
	} {
		tries := 0
		err := Do(context.Background(), 2, time.Microsecond, time.Millisecond, func(context.Context) (time.Duration, bool, error) {
			tries++
			if tries > len(tc.results) {
				return 0, false, nil
			}
			return 0, tc.results[tries-1], boom
		})
		var g *GaveUpError
		if tries != tc.tries || (err == nil) != tc.ok || errors.As(err, &g) != tc.gaveUp || (err != nil && !errors.Is(err, boom)) {
			t.Errorf("%s: %d tries, err %v; want %d tries, ok %v, gave up %v", tc.name, tries, err, tc.tries, tc.ok, tc.gaveUp)
		}
	}
}

// A pause is the longer of the doubling backoff and what the other side
// asked, capped at maxWait; a context ending in a pause gives up.
func TestDoPausesAndStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var pauses []time.Duration
	last := time.Now()
	err := Do(ctx, 5, time.Millisecond, 40*time.Millisecond, func(context.Context) (time.Duration, bool, error) {
		now := time.Now()
		pauses = append(pauses, now.Sub(last))
		last = now
		if len(pauses) == 3 {
			cancel()
		}
		return time.Hour, true, errors.New("429")
	})
	var g *GaveUpError
	if !errors.As(err, &g) || len(pauses) != 3 {
		t.Fatalf("err %v after %d tries, want to give up after 3", err, len(pauses))
	}
	for _, p := range pauses[1:] {
		if p < 40*time.Millisecond {
			t.Errorf("paused %v, want the 40 ms cap on an hour asked", p)
		}
	}
}
