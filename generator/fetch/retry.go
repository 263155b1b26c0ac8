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
// timeouts, connection errors, 5xx and 429, but never other 4xx answers,
// refusals (a redirect or an address we will not follow), redirect loops
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
	return !errors.As(err, &ce) && !errors.As(err, new(errTooLarge)) &&
		!errors.Is(err, ErrRefused) && !errors.Is(err, errTooManyRedirects)
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

// NewClient is the http.Client real runs use, over rt (a transport from
// NewTransport, or a Record or Replay around one): at most five redirects,
// and only to https, so a status page can never send us to plain HTTP (or,
// through a redirect, to a scheme we do not speak). Where a redirect may
// connect to is rt's guard's business: it checks every connection.
func NewClient(rt http.RoundTripper) *http.Client {
	return &http.Client{Transport: rt, CheckRedirect: checkRedirect}
}

// errTooManyRedirects ends a redirect loop, which a retry would only run
// again.
var errTooManyRedirects = errors.New("stopped after 5 redirects")

func checkRedirect(req *http.Request, via []*http.Request) error {
	target := req.URL.Redacted()
	if len(via) >= maxRedirects {
		return &redirectError{target: target, err: errTooManyRedirects}
	}
	if req.URL.Scheme != "https" {
		return &redirectError{target: target, err: &RefusedError{Host: req.URL.Host, Reason: "https only"}}
	}
	return nil
}

// redirectError is a failure of the request a redirect led to; its text
// names where the redirect pointed, as the request's URL does not.
type redirectError struct {
	target string
	err    error
}

func (e *redirectError) Error() string { return "redirect to " + e.target + ": " + e.err.Error() }
func (e *redirectError) Unwrap() error { return e.err }

// contentError is a 2xx answer of the wrong kind: an HTML error or login
// page where the vendor's API should answer.
type contentError struct {
	url string
	// got says what came ("an HTML page"), servedAs the Content-Type it
	// came with, which may well claim JSON.
	got, servedAs string
}

func (e *contentError) Error() string {
	msg := "expected JSON from " + e.url + ", got " + e.got
	if e.servedAs != "" {
		msg += " (served as " + e.servedAs + ")"
	}
	return msg
}

// checkJSON fails when a URL that names a JSON document answers with HTML:
// CDNs and captive portals answer 200 with a page, often labelled
// application/json, and the adapter's decode error would hide what
// happened. The message says what the body is, then what it claimed to be.
func checkJSON(rawURL, contentType string, body []byte) error {
	u, err := url.Parse(rawURL)
	if err != nil || !strings.HasSuffix(u.Path, ".json") {
		return nil
	}
	media := strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
	head := strings.ToLower(strings.TrimSpace(string(body[:min(len(body), 64)])))
	var got string
	switch {
	case strings.HasPrefix(head, "<?xml"):
		got = "an XML document"
	case strings.HasPrefix(head, "<"):
		got = "an HTML page"
	case strings.Contains(media, "html"):
		return &contentError{url: rawURL, got: "a " + media + " answer"}
	default:
		return nil
	}
	return &contentError{url: rawURL, got: got, servedAs: media}
}
