package fetch

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Defaults of the politeness and retry settings.
const (
	DefaultRetries  = 2
	DefaultBackoff  = 500 * time.Millisecond
	DefaultPerHost  = 2
	maxRetryWait    = 30 * time.Second
	maxRedirects    = 5
	retryAfterLimit = maxRetryWait
)

// hostLimiter bounds the requests in flight to one host: many providers
// share one vendor's CDN host, and a burst from a worker pool must not look
// like an attack.
type hostLimiter struct {
	mu    sync.Mutex
	slots map[string]chan struct{}
}

func (l *hostLimiter) acquire(ctx context.Context, host string, n int) (release func(), err error) {
	l.mu.Lock()
	if l.slots == nil {
		l.slots = map[string]chan struct{}{}
	}
	ch, ok := l.slots[host]
	if !ok {
		ch = make(chan struct{}, n)
		l.slots[host] = ch
	}
	l.mu.Unlock()
	select {
	case ch <- struct{}{}:
		return func() { <-ch }, nil
	case <-ctx.Done():
		return nil, context.Cause(ctx)
	}
}

// retryable reports whether a failed attempt may succeed if tried again:
// timeouts, connection errors, 5xx and 429, but never other 4xx answers
// or the caller's own cancellation.
func retryable(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var he *HTTPError
	if errors.As(err, &he) {
		return he.StatusCode >= 500 || he.StatusCode == http.StatusTooManyRequests
	}
	var ce *contentError
	return !errors.As(err, &ce) && !errors.As(err, new(errTooLarge))
}

// wait is how long to sleep before attempt n (1-based retry count): the
// server's Retry-After when it gave one, else exponential backoff with
// jitter, never more than maxRetryWait.
func (f *HTTPFetcher) wait(err error, n int) time.Duration {
	var he *HTTPError
	if errors.As(err, &he) && he.RetryAfter > 0 {
		return min(he.RetryAfter, maxRetryWait)
	}
	base := f.Backoff
	if base <= 0 {
		base = DefaultBackoff
	}
	d := base << (n - 1)
	jitter := f.Jitter
	if jitter == nil {
		jitter = func(d time.Duration) time.Duration { return rand.N(d/2 + 1) }
	}
	return min(d+jitter(d), maxRetryWait)
}

// parseRetryAfter reads a Retry-After header: seconds, or an HTTP date
// (relative to now). Zero means absent or unreadable.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		switch {
		case s <= 0:
			return 0
		case s >= int(retryAfterLimit/time.Second):
			// Compare in seconds: a huge value would overflow Duration.
			return retryAfterLimit
		}
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return min(t.Sub(now), retryAfterLimit)
	}
	return 0
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// NewClient is the http.Client real runs use: at most five redirects, and
// only to https, so a status page can never send us to plain HTTP (or,
// through a redirect, to a scheme we do not speak).
func NewClient(rt http.RoundTripper) *http.Client {
	return &http.Client{Transport: rt, CheckRedirect: checkRedirect}
}

func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return errors.New("stopped after 5 redirects")
	}
	if req.URL.Scheme != "https" {
		return errors.New("refused a redirect to " + (&url.URL{Scheme: req.URL.Scheme, Host: req.URL.Host}).String() + ": https only")
	}
	return nil
}

// contentError is a 2xx answer of the wrong kind: an HTML error or login
// page where the vendor's API should answer.
type contentError struct {
	url, got string
}

func (e *contentError) Error() string { return "expected JSON from " + e.url + ", got " + e.got }

// checkJSON fails when a URL that names a JSON document answers with HTML:
// CDNs and captive portals answer 200 with a page, and the adapter's decode
// error would hide what happened.
func checkJSON(rawURL, contentType string, body []byte) error {
	u, err := url.Parse(rawURL)
	if err != nil || !strings.HasSuffix(u.Path, ".json") {
		return nil
	}
	ct := strings.ToLower(contentType)
	if strings.Contains(ct, "text/html") || strings.HasPrefix(strings.TrimSpace(string(body[:min(len(body), 64)])), "<") {
		if ct == "" {
			ct = "HTML"
		}
		return &contentError{url: rawURL, got: strings.TrimSpace(strings.Split(ct, ";")[0])}
	}
	return nil
}
