package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/uptimus/uptimus/generator/feeds"
	"github.com/uptimus/uptimus/internal/atomicfile"
	"github.com/uptimus/uptimus/internal/retry"
)

const pingHubAbout = `Tells a WebSub hub that feeds changed: for each URL in --changed (one a
line, as 'uptimus build --changed FILE' writes them) it posts
hub.mode=publish and hub.url=<feed URL> to --hub, one feed a request (not
every hub takes several hub.url in one), a few at a time, each with a
timeout and retries. A ping that fails is reported on stderr but never
fails the command: subscribers then learn of the change at their next
poll, and the update that published the feeds must not fail for it. So
that a slow or dead hub cannot hold the job past its timeout, ping-hub
gives up on the hub once %d feeds in a row failed, and stops at
--deadline; it reports how many feeds it never pinged.

With --pending FILE, the feeds not announced (a ping failed, the hub was
given up, the deadline passed) are kept in FILE, one a line, and pinged
first by the next run that passes the same FILE: the build has already
recorded their new digests, so no later --changed list names them again.
With --hold, nothing is pinged: the --changed feeds are added to FILE,
for a run whose deploy failed (the feeds are not live yet).`

// The bounds of one run against a hub. A few pings in flight hide the
// hub's latency without looking like a flood; a run of failures means the
// hub is down or refuses us, and more pings would only wait out their
// timeouts and retries.
const (
	pingWorkers  = 4
	hubGiveUpAt  = 5
	pingDeadline = 3 * time.Minute // the ping-hub job's timeout is 10 minutes
)

// pingHub is what ping-hub needs to tell a hub about changed feeds.
type pingHub struct {
	hub     string
	client  *http.Client
	retries int
	backoff time.Duration
	workers int // pings in flight at once
	giveUp  int // feeds failed in a row before the hub is given up
}

func runPingHub(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "ping-hub", "", fmt.Sprintf(pingHubAbout, hubGiveUpAt))
	hub := fs.String("hub", "", "URL of the WebSub hub (required; empty does nothing)")
	changed := fs.String("changed", "", "file listing the changed feeds' URLs, one a line (from 'uptimus build --changed')")
	timeout := fs.Duration("timeout", 10*time.Second, "timeout of each request to the hub")
	retries := fs.Int("retries", 2, "retries of a ping that failed with a network error, 408, 429 or 5xx")
	deadline := fs.Duration("deadline", pingDeadline, "time for the whole run; feeds not pinged by then are reported")
	pending := fs.String("pending", "", "file of the feeds earlier runs did not announce: pinged first, then rewritten with those this run did not announce")
	hold := fs.Bool("hold", false, "ping nothing: add the --changed feeds to --pending (the deploy failed)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *hold && *pending == "" {
		return usageError{"--hold needs --pending"}
	}
	if *hub == "" {
		fmt.Fprintln(e.stdout, "ping-hub: no --hub, nothing to do")
		return nil
	}
	if err := feeds.CheckHub(*hub); err != nil {
		return err
	}
	if *deadline <= 0 {
		return usageError{"--deadline must be positive"}
	}
	// The feeds still owed a ping come first: they changed longest ago.
	topics, err := readTopics(*pending, true)
	if err != nil {
		fmt.Fprintf(e.stderr, "ping-hub: %v (the feeds it held will not be pinged)\n", err)
	}
	held := len(topics)
	changedTopics, err := readTopics(*changed, *hold || *pending != "")
	if err != nil {
		fmt.Fprintf(e.stderr, "ping-hub: %v\n", err)
	}
	topics = merge(topics, changedTopics)
	if *hold {
		fmt.Fprintf(e.stdout, "ping-hub: %d feeds held in %s for the next run, none pinged\n", len(topics), *pending)
		return keepPending(e.stderr, *pending, topics)
	}
	ctx, cancel := context.WithTimeoutCause(ctx, *deadline, fmt.Errorf("the --deadline of %s passed", *deadline))
	defer cancel()
	p := &pingHub{hub: *hub, client: &http.Client{Timeout: *timeout, Transport: e.transport}, retries: *retries,
		backoff: time.Second, workers: pingWorkers, giveUp: hubGiveUpAt}
	ok, left := p.pingAll(ctx, e.stderr, topics)
	fmt.Fprintf(e.stdout, "ping-hub: %d of %d changed feeds announced to %s\n", ok, len(topics), *hub)
	if held > 0 {
		fmt.Fprintf(e.stdout, "ping-hub: %d of them were held from earlier runs\n", held)
	}
	if *pending != "" {
		return keepPending(e.stderr, *pending, left)
	}
	return nil
}

// keepPending writes the feeds still owed a ping to file, atomically; a
// file it cannot write is reported, never an error of the run.
func keepPending(stderr io.Writer, file string, topics []string) error {
	data := strings.Join(topics, "\n")
	if data != "" {
		data += "\n"
		fmt.Fprintf(stderr, "ping-hub: %d feeds kept in %s for the next run\n", len(topics), file)
	}
	if err := atomicfile.Write(file, []byte(data)); err != nil {
		fmt.Fprintf(stderr, "ping-hub: %v\n", err)
	}
	return nil
}

// merge is a followed by the topics of b it lacks.
func merge(a, b []string) []string {
	seen := map[string]bool{}
	for _, t := range a {
		seen[t] = true
	}
	for _, t := range b {
		if !seen[t] {
			seen[t] = true
			a = append(a, t)
		}
	}
	return a
}

// readTopics reads the feed URLs of file, skipping blank lines and
// repeats; a file that need not exist (the first run's --pending, a
// --changed that a build with nothing new left out) gives none.
func readTopics(file string, optional bool) ([]string, error) {
	if file == "" {
		if optional {
			return nil, nil
		}
		return nil, errors.New("no --changed file")
	}
	f, err := os.Open(file)
	if optional && errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		u := strings.TrimSpace(sc.Text())
		if u != "" && !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	return out, sc.Err()
}

// pingAll pings the topics, p.workers at a time, and returns how many the
// hub accepted, and the topics still owed a ping: those whose ping failed
// and those never pinged, in their order. A topic the hub refused with a
// 4xx other than 408 or 429 is not owed one: it would be refused again.
// Once p.giveUp topics failed in a row, or ctx is done, it pings no more
// and reports how many topics it never pinged.
func (p *pingHub) pingAll(ctx context.Context, stderr io.Writer, topics []string) (int, []string) {
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	var (
		mu                          sync.Mutex
		ok, inRow, notPinged, given int
		wg                          sync.WaitGroup
		done                        = map[string]bool{}
	)
	next := make(chan string)
	for range p.workers {
		wg.Go(func() {
			for topic := range next {
				err := ctx.Err()
				if err == nil {
					err = p.ping(ctx, topic)
				}
				mu.Lock()
				var refused *hubRefused
				switch {
				case err == nil:
					ok, inRow = ok+1, 0
					done[topic] = true
				case ctx.Err() != nil: // given up, or out of time
					notPinged++
				default:
					fmt.Fprintf(stderr, "ping-hub: %s: %v\n", topic, err)
					done[topic] = errors.As(err, &refused)
					if inRow++; inRow == p.giveUp {
						stop(fmt.Errorf("the hub failed %d feeds in a row", inRow))
					}
				}
				mu.Unlock()
			}
		})
	}
	for _, topic := range topics {
		if ctx.Err() != nil {
			break
		}
		next <- topic
		given++
	}
	close(next)
	wg.Wait()
	if notPinged += len(topics) - given; notPinged > 0 {
		fmt.Fprintf(stderr, "ping-hub: %d of %d feeds not pinged: %v\n", notPinged, len(topics), context.Cause(ctx))
	}
	var left []string
	for _, topic := range topics {
		if !done[topic] {
			left = append(left, topic)
		}
	}
	return ok, left
}

// ping posts one publish notification, retrying network errors, 429 and
// 5xx with a growing pause; any 2xx is success (WebSub hubs answer 202 or
// 204).
func (p *pingHub) ping(ctx context.Context, topic string) error {
	form := url.Values{"hub.mode": {"publish"}, "hub.url": {topic}}.Encode()
	err := retry.Do(ctx, p.retries, p.backoff, time.Minute, func(ctx context.Context) (time.Duration, bool, error) {
		again, err := p.post(ctx, form)
		return 0, again, err
	})
	var gaveUp *retry.GaveUpError
	if errors.As(err, &gaveUp) && ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

func (p *pingHub) post(ctx context.Context, form string) (again bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.hub, strings.NewReader(form))
	if err != nil {
		return false, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("User-Agent", "Uptimus (WebSub publisher)")
	resp, err := p.client.Do(req)
	if err != nil {
		return ctx.Err() == nil, err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if resp.StatusCode/100 == 2 {
		return false, nil
	}
	again = resp.StatusCode == http.StatusRequestTimeout || resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500
	if !again && resp.StatusCode/100 == 4 {
		return false, &hubRefused{resp.Status}
	}
	return again, fmt.Errorf("hub answered %s", resp.Status)
}

// hubRefused is a hub's 4xx that no retry mends (not 408 nor 429).
type hubRefused struct{ status string }

func (e *hubRefused) Error() string { return "hub answered " + e.status }
