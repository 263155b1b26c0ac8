package notify

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/paths"
	"github.com/uptimus/uptimus/internal/retry"
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
	// Queue keeps the posts that failed after their retries; they are
	// tried first in the next run.
	Queue   *Queue
	Stderr  io.Writer
	Verbose bool // report every post made, not only problems
	// Now stamps queued posts and ages the queue (nil: the wall clock).
	Now func() time.Time
	// Links places our pages under the site's base URL.
	Links paths.Links
	// Stop, once done, ends the run early (notify's --deadline): no post
	// starts after it, and what was not posted waits in the queue. A post
	// under way finishes, bounded by Client's timeout.
	Stop context.Context
	// Name, Category and StatusPage give a provider's display name,
	// category and official status page; any may be nil.
	Name, Category, StatusPage func(slug string) string
}

// Result counts what Send did; Queued is what waits for the next run,
// Held the events of this run queued untried because their destination's
// URL or secret was unset, Deferred the posts left untried in the queue
// because Stop ended the run, and Benched those left untried because
// their destination failed for good earlier in the run.
type Result struct{ Sent, Skipped, Failed, Held, Deferred, Benched, Queued int }

// Send posts every event each destination wants and has not had yet,
// after what waits in the queue for it. It reports problems on Stderr and
// carries on: an alert that cannot be delivered must never stop the
// others, nor the job; it waits in the queue instead.
func (s *Sender) Send(ctx context.Context, cfg *Config, events []Event) Result {
	var names []string
	for _, d := range cfg.Destinations {
		names = append(names, d.Name)
	}
	before := s.Queue.Len()
	s.Queue.Prune(names, s.now(), s.dropped)
	if s.Queue.Len() != before {
		s.saveQueue()
	}
	// pause is what retry pauses and the rate limit wait on: Stop cuts
	// them short, where it never cuts a post under way.
	pause, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	if s.Stop != nil {
		defer context.AfterFunc(s.Stop, func() { cancel(context.Cause(s.Stop)) })()
	}
	var r Result
	for i := range cfg.Destinations {
		s.destination(ctx, pause, &cfg.Destinations[i], events, &r)
	}
	if r.Deferred > 0 {
		fmt.Fprintf(s.Stderr, "notify: %v: %d posts not tried, queued for the next run\n", context.Cause(s.Stop), r.Deferred)
	}
	r.Queued = s.Queue.Len()
	return r
}

// stopped reports whether Stop ended the run.
func (s *Sender) stopped() bool { return s.Stop != nil && s.Stop.Err() != nil }

// delivery is one destination's share of a run.
type delivery struct {
	s      *Sender
	d      *Destination
	url    target
	secret []byte
	lim    *limiter
	r      *Result
	pause  context.Context
	// down says why the destination is out for the rest of the run: a post
	// failed after its retries (it is unreachable), or it answered an error
	// that no retry mends (a revoked or deleted webhook). Its other posts
	// are queued untried rather than each waiting out its retries or
	// drawing the same refusal.
	down    string
	benched int
	// unsaved says posts were queued untried and the queue not yet saved:
	// a backlog of hundreds is saved once, at the end. A run killed before
	// leaves the mark where it was, and the next run derives them again.
	unsaved bool
}

func (s *Sender) destination(ctx, pause context.Context, d *Destination, events []Event, r *Result) {
	dl := &delivery{s: s, d: d, lim: newLimiter(d.Rate), r: r, pause: pause}
	raw := s.Getenv(d.URLEnv)
	if strings.TrimSpace(raw) == "" {
		s.hold(d, events, r, fmt.Sprintf("$%s is empty", d.URLEnv))
		return
	}
	var err error
	if dl.url, err = parseTarget(raw); err != nil {
		s.hold(d, events, r, fmt.Sprintf("$%s %v", d.URLEnv, err))
		return
	}
	if d.Type == TypeWebhook {
		if dl.secret = []byte(s.Getenv(d.SecretEnv)); len(dl.secret) == 0 {
			s.hold(d, events, r, fmt.Sprintf("$%s is empty: refusing to post unsigned", d.SecretEnv))
			return
		}
	}
	dl.retryQueued(ctx)
	for i := range events {
		if e, ok := s.due(d, &events[i], r); ok {
			dl.deliver(ctx, &e)
		}
	}
	if dl.unsaved {
		s.saveQueue()
	}
	if dl.benched > 0 {
		fmt.Fprintf(s.Stderr, "notify: destination %q: %d more posts not tried, queued for the next run\n", d.Name, dl.benched)
	}
}

// due is what of e d wants and has not had, nor holds queued, and
// whether there is any; an event it is not due is counted as skipped.
func (s *Sender) due(d *Destination, e *Event, r *Result) (Event, bool) {
	if !d.Wants(e.Provider, s.lookup(s.Category, e.Provider, "")) || s.Queue.Holds(d.Name, e.ID) || s.loggedWhole(d.Name, e) {
		r.Skipped++
		return Event{}, false
	}
	left, ok := untold(e, func(part string) bool { return s.Queue.Holds(d.Name, part) || s.Log.Has(sentKey(d.Name, part)) })
	if !ok {
		r.Skipped++
	}
	return left, ok
}

// loggedWhole reports whether the sent-log holds e by an id that is
// none of its parts: a component event of several changes, as logs
// written before parts were recorded hold it.
func (s *Sender) loggedWhole(d string, e *Event) bool {
	return !slices.Contains(e.parts(), e.ID) && s.Log.Has(sentKey(d, e.ID))
}

// logged reports whether the sent-log holds all e tells, for d.
func (s *Sender) logged(d string, e *Event) bool {
	if s.loggedWhole(d, e) {
		return true
	}
	for _, p := range e.parts() {
		if !s.Log.Has(sentKey(d, p)) {
			return false
		}
	}
	return true
}

// hold queues, untried, the events due to a destination that cannot be
// posted to this run (its URL or secret is unset): a secret missing for
// one run (rotated, mistyped, a run without secrets) must not lose the
// news, and the queue's bounds cap what waits for one never set.
func (s *Sender) hold(d *Destination, events []Event, r *Result, why string) {
	n := 0
	for i := range events {
		if e, ok := s.due(d, &events[i], r); ok {
			s.Queue.Add(d.Name, e, s.now(), s.dropped)
			n++
		}
	}
	r.Held += n
	if n > 0 {
		s.saveQueue()
	}
	waiting := len(s.Queue.For(d.Name))
	if n == 0 {
		fmt.Fprintf(s.Stderr, "notify: destination %q: %s; no new events for it (%d wait in the queue)\n", d.Name, why, waiting)
		return
	}
	fmt.Fprintf(s.Stderr, "notify: destination %q: %s; %d events not posted, queued for a run where it is set (%d wait in all; remove the destination from the config if it is not used)\n",
		d.Name, why, n, waiting)
}

// retryQueued delivers what waits for the destination, oldest first.
func (dl *delivery) retryQueued(ctx context.Context) {
	s, name := dl.s, dl.d.Name
	for _, q := range s.Queue.For(name) {
		if s.logged(name, &q.Event) {
			// Posted by a run killed before it saved the queue.
			s.Queue.Remove(name, q.Event.ID)
			s.saveQueue()
			continue
		}
		dl.deliver(ctx, &q.Event)
	}
}

// deliver posts e, or queues it when the post fails, the destination is
// down or the run was stopped.
func (dl *delivery) deliver(ctx context.Context, e *Event) {
	s, d := dl.s, dl.d
	switch {
	case dl.down != "":
		dl.r.Benched++
		dl.benched++
		s.Queue.Add(d.Name, *e, s.now(), s.dropped)
		dl.unsaved = true
		return
	case s.stopped():
		dl.r.Deferred++
		s.Queue.Defer(d.Name, *e, s.now())
		dl.unsaved = true
		return
	default:
		err := dl.post(ctx, e)
		if err == nil {
			dl.sent(e)
			return
		}
		var unfit *unfitError
		if errors.As(err, &unfit) {
			// No run could post it: logged as dealt with, never queued to
			// fail again every run for 3 days.
			fmt.Fprintf(s.Stderr, "notify: destination %q: %v; dropped\n", d.Name, err)
			dl.r.Failed++
			dl.record(e)
			return
		}
		if s.stopped() && dl.down == "" {
			// The deadline cut a retry's pause: not the destination's fault.
			dl.r.Deferred++
			s.Queue.Defer(d.Name, *e, s.now())
			s.saveQueue()
			return
		}
		// The URL holds the webhook's secret token: name the destination.
		fmt.Fprintf(s.Stderr, "notify: destination %q: event %s: %v; queued for the next run\n", d.Name, e.ID, dl.url.scrub(err))
		dl.r.Failed++
		if dl.down != "" {
			fmt.Fprintf(s.Stderr, "notify: destination %q: %s; skipped for the rest of the run, its other posts are queued untried\n", d.Name, dl.down)
		}
	}
	s.Queue.Add(d.Name, *e, s.now(), s.dropped)
	s.saveQueue()
}

// sent records e as posted.
func (dl *delivery) sent(e *Event) {
	dl.r.Sent++
	dl.record(e)
	if dl.s.Verbose {
		fmt.Fprintf(dl.s.Stderr, "notify: destination %q: posted %s\n", dl.d.Name, e.ID)
	}
}

// record logs e as dealt with: in the sent-log first, so a run killed in
// between leaves a queued post that the next run drops, never posts twice.
func (dl *delivery) record(e *Event) {
	s := dl.s
	s.Log.Add(sentKey(dl.d.Name, e.ID))
	for _, p := range e.Parts {
		s.Log.Add(sentKey(dl.d.Name, p))
	}
	if err := s.Log.Save(); err != nil {
		fmt.Fprintf(s.Stderr, "notify: %v\n", err)
	}
	if s.Queue.Holds(dl.d.Name, e.ID) {
		s.Queue.Remove(dl.d.Name, e.ID)
		s.saveQueue()
	}
}

func (s *Sender) saveQueue() {
	if err := s.Queue.Save(); err != nil {
		fmt.Fprintf(s.Stderr, "notify: %v\n", err)
	}
}

// dropped reports a queued post the queue's bounds dropped.
func (s *Sender) dropped(q Queued, reason string) {
	fmt.Fprintf(s.Stderr, "notify: destination %q: dropped queued event %s %q: %s\n", q.Destination, q.Event.ID, q.Event.Title, reason)
}

func (s *Sender) now() time.Time {
	if s.Now == nil {
		return time.Now().UTC()
	}
	return s.Now().UTC()
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

// message adds to e the provider's name and the links: our page for the
// event, and the vendor's (the incident's own, else its status page).
func (s *Sender) message(e *Event) *Message {
	page := paths.ProviderPage(e.Provider)
	if e.Kind != KindComponent {
		if p, err := paths.IncidentPage(e.Provider, e.Incident); err == nil {
			page = p
		}
	}
	return &Message{Event: e, Name: s.lookup(s.Name, e.Provider, e.Provider), Page: s.Links.Abs(page),
		Official: cmp.Or(model.SafeHTTP(e.Official), model.SafeHTTP(s.lookup(s.StatusPage, e.Provider, "")))}
}

// post delivers one event, retrying network errors, 408, 429 and 5xx
// with a doubling pause (Retry-After when the server says more). A
// message the destination refuses as such (400, 413, 422: too long, or
// otherwise not to its taste) is sent again as its short form, headline
// and links, which every destination that works takes; a refusal of that
// too, any other 4xx (401, 403, 404, 410: a revoked, deleted or archived
// webhook), or a failure that outlasts the retries marks the destination
// down.
func (dl *delivery) post(ctx context.Context, e *Event) error {
	m := dl.s.message(e)
	err := dl.try(ctx, m)
	if st := (*statusError)(nil); errors.As(err, &st) && st.refused() && !dl.s.stopped() {
		m.Short = true
		if err = dl.try(ctx, m); err == nil {
			fmt.Fprintf(dl.s.Stderr, "notify: destination %q: event %s: the message was refused (%s); sent its headline and links instead\n", dl.d.Name, e.ID, st.status)
			return nil
		}
	}
	var gaveUp *retry.GaveUpError
	var st *statusError
	switch {
	case err == nil || dl.s.stopped():
	case errors.As(err, &gaveUp):
		dl.down = fmt.Sprintf("it failed %d times in a row", dl.s.Retries+1)
	case errors.As(err, &st):
		dl.down = fmt.Sprintf("it answered %s, which no retry mends", st.status)
	}
	return err
}

// try makes one post of m, with its retries.
func (dl *delivery) try(ctx context.Context, m *Message) error {
	payload, err := Payload(dl.d.Type, m)
	if err != nil {
		return &unfitError{err}
	}
	if err := dl.lim.wait(dl.pause); err != nil {
		return err
	}
	return retry.Do(dl.pause, dl.s.Retries, dl.s.Backoff, maxWait, func(context.Context) (time.Duration, bool, error) {
		// ctx, not the pause's: the deadline never cuts a post under way,
		// which could leave a message delivered and not recorded.
		return dl.s.attempt(ctx, dl.url.raw, payload, dl.secret)
	})
}

// unfitError is an event no payload of the destination's type can carry
// (our page's URL alone over the chat's limit).
type unfitError struct{ err error }

func (e *unfitError) Error() string { return e.err.Error() }

// statusError is a destination's answer other than 2xx.
type statusError struct {
	code   int
	status string
}

func (e *statusError) Error() string { return "answered " + e.status }

// transient reports whether a later attempt may succeed: a timeout, too
// many requests, or a server error (Slack, Discord and Teams all answer
// 429 with Retry-After when throttling).
func (e *statusError) transient() bool {
	return e.code == http.StatusRequestTimeout || e.code == http.StatusTooEarly || e.code == http.StatusTooManyRequests || e.code >= 500
}

// refused reports whether the destination refused this message rather
// than every message: a malformed or too long body (Slack's
// invalid_payload and msg_too_long, Discord's 50035 "Invalid Form Body",
// Teams' payload too large).
func (e *statusError) refused() bool {
	return e.code == http.StatusBadRequest || e.code == http.StatusRequestEntityTooLarge || e.code == http.StatusUnprocessableEntity
}

func (s *Sender) attempt(ctx context.Context, url string, payload, secret []byte) (retryAfter time.Duration, again bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(payload))
	if err != nil {
		return 0, false, unwrapURL(err)
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
	st := &statusError{code: resp.StatusCode, status: resp.Status}
	return time.Duration(secs) * time.Second, st.transient(), st
}

func unwrapURL(err error) error {
	type unwrapper interface{ Unwrap() error }
	if u, ok := err.(unwrapper); ok && u.Unwrap() != nil {
		return u.Unwrap()
	}
	return err
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
	return retry.Sleep(ctx, d)
}
