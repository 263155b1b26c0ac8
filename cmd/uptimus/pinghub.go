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
	"time"

	"github.com/uptimus/uptimus/generator/feeds"
)

const pingHubAbout = `Tells a WebSub hub that feeds changed: for each URL in --changed (one a
line, as 'uptimus build --changed FILE' writes them) it posts
hub.mode=publish and hub.url=<feed URL> to --hub, with a timeout and
retries. A ping that fails is reported on stderr but never fails the
command: subscribers then learn of the change at their next poll, and the
update that published the feeds must not fail for it.`

// pingHub is what ping-hub needs to tell a hub about changed feeds.
type pingHub struct {
	hub     string
	client  *http.Client
	retries int
	backoff time.Duration
}

func runPingHub(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "ping-hub", "", pingHubAbout)
	hub := fs.String("hub", "", "URL of the WebSub hub (required; empty does nothing)")
	changed := fs.String("changed", "", "file listing the changed feeds' URLs, one a line (from 'uptimus build --changed')")
	timeout := fs.Duration("timeout", 10*time.Second, "timeout of each request to the hub")
	retries := fs.Int("retries", 2, "retries of a ping that failed with a network error, 429 or 5xx")
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
	topics, err := readTopics(*changed)
	if err != nil {
		fmt.Fprintf(e.stderr, "ping-hub: %v\n", err)
		return nil
	}
	p := &pingHub{hub: *hub, client: &http.Client{Timeout: *timeout, Transport: e.transport}, retries: *retries, backoff: time.Second}
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

// pingAll pings every topic and returns how many the hub accepted.
func (p *pingHub) pingAll(ctx context.Context, stderr io.Writer, topics []string) int {
	ok := 0
	for _, topic := range topics {
		if err := p.ping(ctx, topic); err != nil {
			fmt.Fprintf(stderr, "ping-hub: %s: %v\n", topic, err)
			continue
		}
		ok++
	}
	return ok
}

// ping posts one publish notification, retrying network errors, 429 and
// 5xx with a growing pause; any 2xx is success (WebSub hubs answer 202 or
// 204).
func (p *pingHub) ping(ctx context.Context, topic string) error {
	form := url.Values{"hub.mode": {"publish"}, "hub.url": {topic}}.Encode()
	var err error
	for attempt := 0; attempt <= p.retries; attempt++ {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(p.backoff << (attempt - 1)):
			}
		}
		var retry bool
		retry, err = p.post(ctx, form)
		if err == nil || !retry {
			return err
		}
	}
	return err
}

func (p *pingHub) post(ctx context.Context, form string) (retry bool, err error) {
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
