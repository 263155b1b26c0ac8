// Package retry repeats an attempt with a doubling pause: the one loop
// behind notify's posts and ping-hub's pings, and the pause fetch waits.
package retry

import (
	"context"
	"time"
)

// GaveUpError is the last attempt's error when retries ran out or the
// context ended during a pause, as opposed to an error not worth retrying.
type GaveUpError struct{ Err error }

func (e *GaveUpError) Error() string { return e.Err.Error() }
func (e *GaveUpError) Unwrap() error { return e.Err }

// Attempt is one try: its error, whether another try may help, and how
// long the other side asked us to wait first (0: no wish).
type Attempt func(ctx context.Context) (after time.Duration, retry bool, err error)

// Do runs try until it succeeds or says not to retry, at most retries
// times more. Before each retry it pauses for backoff, doubled each time,
// or what the try asked if that is longer, never longer than maxWait. It
// returns a *GaveUpError when retries ran out or ctx ended in a pause.
func Do(ctx context.Context, retries int, backoff, maxWait time.Duration, try Attempt) error {
	wait := backoff
	for attempt := 0; ; attempt++ {
		after, again, err := try(ctx)
		if err == nil || !again {
			return err
		}
		if attempt >= retries {
			return &GaveUpError{err}
		}
		if serr := Sleep(ctx, min(max(wait, after), maxWait)); serr != nil {
			return &GaveUpError{err}
		}
		wait *= 2
	}
}

// Sleep pauses for d, or until ctx ends (then its cause).
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}
