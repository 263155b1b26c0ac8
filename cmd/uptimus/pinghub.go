package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/uptimus/uptimus/generator/feeds"
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
--deadline; it reports how many feeds it never pinged.`

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
	retries := fs.Int("retries", 2, "retries of a ping that failed with a network error, 429 or 5xx")
	deadline := fs.Duration("deadline", pingDeadline, "time for the whole run; feeds not pinged by then are reported")
	if err := parse(fs, args); err != nil {
		return err
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
	topics, err := readTopics(*changed)
	if err != nil {
		fmt.Fprintf(e.stderr, "ping-hub: %v\n", err)
		return nil
	}
	ctx, cancel := context.WithTimeoutCause(ctx, *deadline, fmt.Errorf("the --deadline of %s passed", *deadline))
	defer cancel()
	p := &pingHub{hub: *hub, client: &http.Client{Timeout: *timeout, Transport: e.transport}, retries: *retries,
		backoff: time.Second, workers: pingWorkers, giveUp: hubGiveUpAt}
	ok := p.pingAll(ctx, e.stderr, topics)
	fmt.Fprintf(e.stdout, "ping-hub: %d of %d changed feeds announced to %s\n", ok, len(topics), *hub)
	return nil
}

// readTopics reads the feed URLs of file, skipping blank lines and
// repeats.
func readTopics(file string) ([]string, error) {
	if file == "" {
		return nil, errors.New("no --changed file")
	}
	f, err := os.Open(file)
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
// hub accepted. Once p.giveUp topics failed in a row, or ctx is done, it
// pings no more and reports how many topics it never pinged.
func (p *pingHub) pingAll(ctx context.Context, stderr io.Writer, topics []string) int {
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	var (
		mu                          sync.Mutex
		ok, inRow, notPinged, given int
		wg                          sync.WaitGroup
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
				switch {
				case err == nil:
					ok, inRow = ok+1, 0
				case ctx.Err() != nil: // given up, or out of time
					notPinged++
				default:
					fmt.Fprintf(stderr, "ping-hub: %s: %v\n", topic, err)
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
	return ok
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
	return resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500, fmt.Errorf("hub answered %s", resp.Status)
}
