package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/uptimus/uptimus/internal/retry"
)

// UserAgent names us to status pages, with a link so an operator who sees
// our requests in their logs can find out who we are.
const UserAgent = "uptimus/1 (+https://github.com/uptimus/uptimus)"

// Defaults of HTTPFetcher's zero fields.
const (
	DefaultTimeout = 20 * time.Second
	DefaultMaxBody = 16 << 20
)

// accept prefers the JSON APIs most vendors have, then feeds.
const accept = "application/json, application/xml;q=0.9, */*;q=0.8"

// HTTPFetcher is the adapters.Fetcher used for real runs. Its zero value
// works: a client from NewClient over NewTransport(nil), which connects
// only to public addresses on port 443, UserAgent, DefaultTimeout and
// DefaultMaxBody.
type HTTPFetcher struct {
	// Client sends the requests; give it a Record or Replay transport to
	// record or replay a run. A client of one's own bypasses the guard
	// unless its transport comes from NewTransport.
	Client *http.Client
	// UserAgent is sent with every request.
	UserAgent string
	// Timeout bounds each request, body included.
	Timeout time.Duration
	// MaxBody is the largest body accepted, in bytes: a status page that
	// streams without end must not exhaust memory.
	MaxBody int64
	// Retries is how often a timed-out, refused, 5xx or 429 request is
	// tried again (0: DefaultRetries; negative: never).
	Retries int
	// Backoff is the first wait between tries; it doubles each time.
	Backoff time.Duration
	// PerHost bounds the requests in flight to one host (0: DefaultPerHost).
	PerHost int
	// Cache, when set, makes requests conditional (If-None-Match,
	// If-Modified-Since) and answers a 304 with the stored body.
	Cache *HTTPCache
	// Sleep and Jitter let tests retry without waiting; nil means real.
	Sleep  func(ctx context.Context, d time.Duration) error
	Jitter func(d time.Duration) time.Duration

	hosts hostLimiter
}

// HTTPError is a response with a non-2xx status. Adapters see it through
// adapters.IsNotFound, which looks for its HTTPStatus method.
type HTTPError struct {
	URL        string
	StatusCode int
	// Status is the status line, e.g. "503 Service Unavailable".
	Status string
	// RetryAfter is the server's Retry-After, when it sent one.
	RetryAfter time.Duration
}

func (e *HTTPError) Error() string { return fmt.Sprintf("fetch %s: %s", e.URL, e.Status) }

// HTTPStatus returns the response's status code.
func (e *HTTPError) HTTPStatus() int { return e.StatusCode }

// NotFound reports whether the resource is absent (404 or 410), which is
// fine for a vendor's optional endpoints.
func (e *HTTPError) NotFound() bool {
	return e.StatusCode == http.StatusNotFound || e.StatusCode == http.StatusGone
}

// errTimeout is the cause of a request context that ran out of time, to
// tell our own timeout from the caller's cancellation.
var errTimeout = errors.New("request timed out")

// Get returns the body of a 2xx answer to a GET of rawURL, retrying what
// may succeed on a second try, and never more than PerHost requests to one
// host at once.
func (f *HTTPFetcher) Get(ctx context.Context, rawURL string) ([]byte, error) {
	retries := f.Retries
	if retries == 0 {
		retries = DefaultRetries
	}
	sleepFor := f.Sleep
	if sleepFor == nil {
		sleepFor = retry.Sleep
	}
	for n := 0; ; n++ {
		body, err := f.getOnce(ctx, rawURL)
		if err == nil || n >= retries || !retryable(ctx, err) {
			return body, err
		}
		if serr := sleepFor(ctx, f.wait(err, n+1)); serr != nil {
			return nil, err
		}
	}
}

func (f *HTTPFetcher) getOnce(ctx context.Context, rawURL string) ([]byte, error) {
	if u, err := url.Parse(rawURL); err == nil {
		perHost := f.PerHost
		if perHost <= 0 {
			perHost = DefaultPerHost
		}
		release, err := f.hosts.acquire(ctx, u.Host, perHost)
		if err != nil {
			return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
		}
		defer release()
	}
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeoutCause(ctx, timeout, errTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	req.Header.Set("User-Agent", f.userAgent())
	req.Header.Set("Accept", accept)
	if f.Cache != nil {
		f.Cache.prepare(req, rawURL)
	}
	resp, err := f.client().Do(req)
	if err != nil {
		return nil, f.transportError(ctx, rawURL, timeout, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified && f.Cache != nil {
		return f.Cache.cached(rawURL)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// Read a little so the connection can be reused.
		io.CopyN(io.Discard, resp.Body, 4<<10)
		return nil, &HTTPError{URL: rawURL, StatusCode: resp.StatusCode, Status: statusLine(resp),
			RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())}
	}
	body, err := f.readBody(resp)
	if err != nil {
		return nil, f.transportError(ctx, rawURL, timeout, err)
	}
	if err := checkJSON(rawURL, resp.Header.Get("Content-Type"), body); err != nil {
		return nil, err
	}
	if f.Cache != nil {
		if err := f.Cache.store(rawURL, resp.Header, body); err != nil {
			return nil, fmt.Errorf("fetch %s: cache: %w", rawURL, err)
		}
	}
	return body, nil
}

// errTooLarge marks a body over MaxBody; transportError words it.
type errTooLarge int64

func (e errTooLarge) Error() string { return fmt.Sprintf("body larger than %d bytes", int64(e)) }

func (f *HTTPFetcher) readBody(resp *http.Response) ([]byte, error) {
	limit := f.MaxBody
	if limit <= 0 {
		limit = DefaultMaxBody
	}
	if resp.ContentLength > limit {
		return nil, errTooLarge(limit)
	}
	// One byte more than allowed tells "exactly the limit" from "over it".
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > limit {
		return nil, errTooLarge(limit)
	}
	return body, nil
}

// transportError names the URL once (url.Error would name it again) and
// says "timed out after 20s" rather than "context deadline exceeded" when
// our own timeout fired.
func (f *HTTPFetcher) transportError(ctx context.Context, rawURL string, timeout time.Duration, err error) error {
	if errors.Is(context.Cause(ctx), errTimeout) {
		return fmt.Errorf("fetch %s: timed out after %s: %w", rawURL, timeout, context.DeadlineExceeded)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
		if redirected(rawURL, ue.URL) && !errors.As(err, new(*redirectError)) {
			// A connection refused after a redirect must say where to.
			err = &redirectError{target: ue.URL, err: err}
		}
	}
	return fmt.Errorf("fetch %s: %w", rawURL, err)
}

// redirected reports whether the request that failed (errURL, as net/http
// names it in a url.Error) is not the one asked for but a redirect's.
func redirected(rawURL, errURL string) bool {
	u, err := url.Parse(rawURL)
	return err == nil && errURL != u.Redacted()
}

// guardedClient is the client of an HTTPFetcher without one: the same
// guard and redirect rules as the CLI's, so that no caller can forget them.
var guardedClient = sync.OnceValue(func() *http.Client { return NewClient(NewTransport(nil)) })

func (f *HTTPFetcher) client() *http.Client {
	if f.Client != nil {
		return f.Client
	}
	return guardedClient()
}

func (f *HTTPFetcher) userAgent() string {
	if f.UserAgent != "" {
		return f.UserAgent
	}
	return UserAgent
}

// statusLine is "503 Service Unavailable", also for responses built by a
// RoundTripper that set only StatusCode.
func statusLine(resp *http.Response) string {
	if resp.Status != "" {
		return resp.Status
	}
	if text := http.StatusText(resp.StatusCode); text != "" {
		return fmt.Sprintf("%d %s", resp.StatusCode, text)
	}
	return fmt.Sprintf("%d", resp.StatusCode)
}
