package notify

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// maxWait bounds one pause between attempts, whatever Retry-After asks:
// the update job has a deadline and other destinations wait their turn.
const maxWait = 30 * time.Second

// Sender posts events to destinations.
type Sender struct {
	Client  *http.Client
	Getenv  func(string) string
	Retries int           // retries after the first attempt
	Backoff time.Duration // first pause; doubles each retry
	Log     *SentLog
	Stderr  io.Writer
	// Name and Category give a provider's display name and category;
	// either may be nil.
	Name, Category func(slug string) string
}

// Result counts what Send did.
type Result struct{ Sent, Skipped, Failed int }

// Send posts every event each destination wants and has not had yet. It
// reports problems on Stderr and carries on: an alert that cannot be
// delivered must never stop the others, nor the job.
func (s *Sender) Send(ctx context.Context, cfg *Config, events []Event) Result {
	var r Result
	for i := range cfg.Destinations {
		s.destination(ctx, &cfg.Destinations[i], events, &r)
	}
	return r
}

func (s *Sender) destination(ctx context.Context, d *Destination, events []Event, r *Result) {
	url := s.Getenv(d.URLEnv)
	if url == "" {
		fmt.Fprintf(s.Stderr, "notify: destination %q: $%s is empty; skipped\n", d.Name, d.URLEnv)
		return
	}
	lim := newLimiter(d.Rate)
	for i := range events {
		e := &events[i]
		key := sentKey(d.Name, e)
		if !d.Wants(e.Provider, s.lookup(s.Category, e.Provider, "")) || s.Log.Has(key) {
			r.Skipped++
			continue
		}
		if err := lim.wait(ctx); err != nil {
			return
		}
		if err := s.post(ctx, d, url, e); err != nil {
			// The URL holds the webhook's secret token: name the destination.
			fmt.Fprintf(s.Stderr, "notify: destination %q: event %s: %v\n", d.Name, e.ID, err)
			r.Failed++
			continue
		}
		r.Sent++
		s.Log.Add(key)
		if err := s.Log.Save(); err != nil {
			fmt.Fprintf(s.Stderr, "notify: %v\n", err)
		}
	}
}

func (s *Sender) lookup(f func(string) string, slug, def string) string {
	if f == nil {
		return def
	}
	if v := f(slug); v != "" {
		return v
	}
	return def
}

// post delivers one event, retrying network errors, 429 and 5xx with a
// doubling pause (Retry-After when the server says more).
func (s *Sender) post(ctx context.Context, d *Destination, url string, e *Event) error {
	payload, err := Payload(d.Type, e, s.lookup(s.Name, e.Provider, e.Provider))
	if err != nil {
		return err
	}
	var secret []byte
	if d.Type == TypeWebhook {
		if secret = []byte(s.Getenv(d.SecretEnv)); len(secret) == 0 {
			return fmt.Errorf("$%s is empty: refusing to post unsigned", d.SecretEnv)
		}
	}
	wait := s.Backoff
	for attempt := 0; ; attempt++ {
		retryAfter, retry, err := s.attempt(ctx, url, payload, secret)
		if err == nil || !retry || attempt >= s.Retries {
			return err
		}
		if err := sleep(ctx, min(max(wait, retryAfter), maxWait)); err != nil {
			return err
		}
		wait *= 2
	}
}

func (s *Sender) attempt(ctx context.Context, url string, payload, secret []byte) (retryAfter time.Duration, retry bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(payload))
	if err != nil {
		return 0, false, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Uptimus (notify)")
	if secret != nil {
		req.Header.Set(SignatureHeader, Sign(secret, payload))
	}
	resp, err := s.Client.Do(req)
	if err != nil {
		// *url.Error repeats the URL, which holds the webhook's token.
		return 0, ctx.Err() == nil, fmt.Errorf("post failed: %v", unwrapURL(err))
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if resp.StatusCode/100 == 2 {
		return 0, false, nil
	}
	secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
	retry = resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500
	return time.Duration(secs) * time.Second, retry, fmt.Errorf("answered %s", resp.Status)
}

func unwrapURL(err error) error {
	type unwrapper interface{ Unwrap() error }
	if u, ok := err.(unwrapper); ok && u.Unwrap() != nil {
		return u.Unwrap()
	}
	return err
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// limiter is a token bucket of burst 2: a run's one or two events go out
// at once, a backlog (a busy range, a rerun after an outage) at rate per
// second.
type limiter struct {
	every  time.Duration
	tokens float64
	last   time.Time
}

const burst = 2

func newLimiter(rate float64) *limiter {
	return &limiter{every: time.Duration(float64(time.Second) / rate), tokens: burst}
}

func (l *limiter) wait(ctx context.Context) error {
	now := time.Now()
	if !l.last.IsZero() {
		l.tokens = min(burst, l.tokens+float64(now.Sub(l.last))/float64(l.every))
	}
	l.last = now
	if l.tokens >= 1 {
		l.tokens--
		return nil
	}
	d := time.Duration((1 - l.tokens) * float64(l.every))
	l.tokens, l.last = 0, now.Add(d)
	return sleep(ctx, d)
}
