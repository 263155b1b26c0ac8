package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/uptimus/uptimus/generator/notify"
)

const notifyAbout = `Posts what changed in --data between two git commits (new incidents,
updates, resolutions, component status changes, new maintenance windows)
to the destinations of --config: Slack, Microsoft Teams (Adaptive Card),
Discord, or a JSON webhook signed with HMAC-SHA256. URLs and secrets come
from the environment variables the config names. What was posted is kept
in --cache, so a rerun over the same range posts nothing. Problems are
reported on stderr and never fail the command: the update job that runs
it must not fail for a chat service.`

type notifyFlags struct {
	common
	from, to, config, repo string
	timeout                time.Duration
	retries                int
}

func runNotify(ctx context.Context, e *env, args []string) error {
	f := &notifyFlags{}
	fs := newFlags(e, "notify", "", notifyAbout)
	f.addContent(fs)
	f.addData(fs)
	f.addCache(fs)
	fs.StringVar(&f.from, "from", "", "the commit before the change (required)")
	fs.StringVar(&f.to, "to", "HEAD", "the commit after the change")
	fs.StringVar(&f.config, "config", "", "destinations file (default <content>/notify.yaml)")
	fs.StringVar(&f.repo, "repo", ".", "the git repository's top folder; --data is relative to it")
	fs.DurationVar(&f.timeout, "timeout", 10*time.Second, "timeout of each post")
	fs.IntVar(&f.retries, "retries", 3, "retries of a post that failed with a network error, 429 or 5xx")
	if err := parse(fs, args); err != nil {
		return err
	}
	if f.from == "" {
		return usageError{"--from is required (the commit before the change)"}
	}
	if err := f.run(ctx, e); err != nil {
		fmt.Fprintf(e.stderr, "notify: %v\n", err)
	}
	return nil
}

func (f *notifyFlags) run(ctx context.Context, e *env) error {
	cfg, err := f.loadConfig()
	if cfg == nil || err != nil {
		return err
	}
	log, err := notify.OpenSentLog(filepath.Join(f.cache, notify.SentFile))
	if err != nil {
		// Without the log a post may repeat one already made: post nothing.
		return fmt.Errorf("%w; nothing posted", err)
	}
	g := notify.Git{Dir: f.repo, Data: filepath.ToSlash(filepath.Clean(f.data))}
	events, err := g.Changes(ctx, f.from, f.to, func(err error) { fmt.Fprintf(e.stderr, "notify: %v\n", err) })
	if err != nil {
		return err
	}
	s := &notify.Sender{Client: &http.Client{Timeout: f.timeout, Transport: e.transport}, Getenv: e.getenv,
		Retries: f.retries, Backoff: time.Second, Log: log, Stderr: e.stderr}
	f.describe(e.stderr, s)
	r := s.Send(ctx, cfg, events)
	fmt.Fprintf(e.stdout, "notify: %d events, %d posts sent, %d failed\n", len(events), r.Sent, r.Failed)
	return nil
}

// loadConfig reads the destinations; no file means notify is not set up,
// which is not a problem (nil, nil).
func (f *notifyFlags) loadConfig() (*notify.Config, error) {
	file := f.config
	if file == "" {
		file = filepath.Join(f.content, "notify.yaml")
	}
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) && f.config == "" {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	cfg, err := notify.ParseConfig(file, data)
	if err != nil {
		return nil, err
	}
	return cfg, nil
}

// describe gives the sender providers' names and categories from the
// catalogue; a catalogue that does not load leaves messages with slugs.
func (f *notifyFlags) describe(stderr io.Writer, s *notify.Sender) {
	cat, err := f.loadCatalog()
	if err != nil {
		fmt.Fprintf(stderr, "notify: catalogue: %v (messages name providers by slug; category filters match nothing)\n", err)
		return
	}
	s.Name = func(slug string) string {
		if p, ok := cat.Provider(slug); ok {
			return p.Name
		}
		return ""
	}
	s.Category = func(slug string) string {
		if p, ok := cat.Provider(slug); ok {
			return p.Category
		}
		return ""
	}
}
