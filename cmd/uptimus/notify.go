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

	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/notify"
	"github.com/uptimus/uptimus/generator/paths"
	"github.com/uptimus/uptimus/internal/dirlock"
)

var notifyAbout = fmt.Sprintf(`Posts what changed in --data between two git commits (new incidents,
updates, resolutions, component status changes, new maintenance windows)
to the destinations of --config: Slack, Microsoft Teams (Adaptive Card),
Discord, or a JSON webhook signed with HMAC-SHA256. URLs and secrets come
from the environment variables the config names. Each message links the
event's page on the site at --base-url (the incident's or maintenance
window's page; the provider's for a status change), then the vendor's,
and fits its chat's documented limits.

The run derives its events from the last commit notified (--cache,
notify-mark.json) to --to, so commits a cancelled job never notified are
covered; from --from when there is none it can use. What was posted is
kept in --cache (notify-sent.json), so no event is posted twice. A post
still failing after its retries, to a destination that answered an error
no retry mends (404, 410, 403, 401: it is then skipped for the run), or
not made by --deadline waits in --cache (notify-queue.json, which names
the destination, never its URL) and is tried first in the next run, as
are the events of a destination whose URL or secret is unset for a run;
each destination keeps at most %d waiting posts for at most %d days (by
the --now clock), and a destination gone from the config drops its own;
every post dropped is reported. A damaged cache file is reported and
moved aside. Problems are reported on stderr and never fail the command:
the update job that runs it must not fail for a chat service.`, notify.DefaultMaxQueued, int(notify.DefaultMaxQueueAge.Hours()/24))

type notifyFlags struct {
	common
	from, to, config, repo string
	baseURL                string
	timeout, deadline      time.Duration
	retries                int
}

// notifyDeadline bounds a whole notify run: the next update waits for
// the notify job (one run of the workflow at a time), and news that did
// not go out by then waits in the queue for the next run, 15 minutes
// later.
const notifyDeadline = 2 * time.Minute

func runNotify(ctx context.Context, e *env, args []string) error {
	f := &notifyFlags{}
	fs := newFlags(e, "notify", "", notifyAbout)
	f.addContent(fs)
	f.addData(fs)
	f.addCache(fs)
	f.addNow(fs)
	addBaseURL(fs, &f.baseURL)
	fs.StringVar(&f.from, "from", "", "the commit before the change (required)")
	fs.StringVar(&f.to, "to", "HEAD", "the commit after the change")
	fs.StringVar(&f.config, "config", "", "destinations file (default <content>/notify.yaml)")
	fs.StringVar(&f.repo, "repo", ".", "the git repository's top folder; --data is relative to it")
	fs.DurationVar(&f.timeout, "timeout", 10*time.Second, "timeout of each post")
	fs.IntVar(&f.retries, "retries", 3, "retries of a post that failed with a network error, 408, 429 or 5xx")
	fs.DurationVar(&f.deadline, "deadline", notifyDeadline, "time for the whole run; posts not made by then wait in the queue for the next run")
	if err := parse(fs, args); err != nil {
		return err
	}
	if f.deadline <= 0 {
		return usageError{"--deadline must be positive"}
	}
	if f.from == "" {
		return usageError{"--from is required (the commit before the change)"}
	}
	links, err := paths.NewLinks(f.baseURL)
	if err != nil {
		return usageError{"--base-url: " + err.Error()}
	}
	now, err := f.clock(e)
	if err != nil {
		return err
	}
	// The deadline runs from the start, so reading git counts too; a
	// signal (the job cancelled) stops it the same way.
	stop, cancel := context.WithTimeoutCause(ctx, f.deadline, fmt.Errorf("the --deadline of %s passed", f.deadline))
	defer cancel()
	s := &notify.Sender{Client: &http.Client{Timeout: f.timeout, Transport: e.transport}, Getenv: e.getenv,
		Retries: f.retries, Backoff: time.Second, Stderr: e.stderr, Verbose: f.verbose, Now: now, Links: links, Stop: stop}
	if err := f.run(ctx, e, s); err != nil {
		fmt.Fprintf(e.stderr, "notify: %v\n", err)
	}
	return nil
}

func (f *notifyFlags) run(ctx context.Context, e *env, s *notify.Sender) error {
	cfg, err := f.loadConfig()
	if cfg == nil || err != nil {
		return err
	}
	// Two runs at once over one cache would each post what the other is
	// posting. The one refused posts nothing and leaves the mark as it is:
	// the next run covers its commits.
	lock, err := dirlock.Acquire(filepath.Join(f.cache, "notify"))
	if err != nil {
		return fmt.Errorf("%w; nothing posted, the next run covers these commits", err)
	}
	defer lock.Release()
	// A damaged sent-log or queue is reported and moved aside, and the run
	// goes on: a file that cannot be read must not silence notify for good.
	if s.Log, err = notify.OpenSentLog(filepath.Join(f.cache, notify.SentFile)); err != nil {
		fmt.Fprintf(e.stderr, "notify: %v; what it lost may be posted again, from the last commit notified on\n", err)
	}
	if s.Queue, err = notify.OpenQueue(filepath.Join(f.cache, notify.QueueFile)); err != nil {
		fmt.Fprintf(e.stderr, "notify: %v; the posts it held are lost\n", err)
	}
	g := notify.Git{Dir: f.repo, Data: filepath.ToSlash(filepath.Clean(f.data))}
	to, err := g.Resolve(ctx, f.to)
	if err != nil {
		return err
	}
	from := f.start(ctx, e.stderr, g, to, s.Now())
	events, err := g.Changes(ctx, from, to, func(err error) { fmt.Fprintf(e.stderr, "notify: %v\n", err) })
	if err != nil {
		return err
	}
	f.describe(e.stderr, s)
	// A signal (the job cancelled) ends the run as the deadline does,
	// through s.Stop: a post under way finishes, bounded by --timeout,
	// rather than be cut after the chat may have taken it, which would
	// leave it delivered and queued to be posted again.
	r := s.Send(context.WithoutCancel(ctx), cfg, events)
	// Every event of the range was posted, queued or held: the next run
	// starts from here.
	if err := notify.WriteMark(filepath.Join(f.cache, notify.MarkFile), to, s.Now()); err != nil {
		fmt.Fprintf(e.stderr, "notify: %v\n", err)
	}
	fmt.Fprintf(e.stdout, "notify: %d events, %d posts sent, %d failed; %d queued for the next run\n", len(events), r.Sent, r.Failed, r.Queued)
	return nil
}

// markDepth is how many commits a shallow clone is deepened by to reach
// the mark: more than 3 days of runs every 15 minutes (older marks are
// stale anyway), with room for merged pull requests.
const markDepth = 400

// start is the commit the run derives its events from: the last commit
// notified when there is one the run can use, so that commits a cancelled
// job never notified are covered; --from otherwise. Each reason to fall
// back is reported.
func (f *notifyFlags) start(ctx context.Context, stderr io.Writer, g notify.Git, to string, now time.Time) string {
	path := filepath.Join(f.cache, notify.MarkFile)
	mark, err := notify.ReadMark(path)
	why := ""
	switch {
	case err != nil:
		why = notify.MoveAside(path, err).Error()
	case mark.Commit == "":
		return f.from // the first run, or the cache was lost
	case now.Sub(mark.At) > notify.DefaultMaxQueueAge:
		why = fmt.Sprintf("the last commit notified, %.12s, was notified at %s, over %s ago: its news is stale", mark.Commit, mark.At.Format(time.RFC3339), notify.DefaultMaxQueueAge)
	case !g.IsAncestor(ctx, mark.Commit, to) && !(g.Deepen(ctx, markDepth) && g.IsAncestor(ctx, mark.Commit, to)):
		why = fmt.Sprintf("the last commit notified, %.12s, is not in this clone's history of %.12s (a shallow clone, or history rewritten)", mark.Commit, to)
	default:
		if from, err := g.Resolve(ctx, f.from); err != nil || from != mark.Commit {
			fmt.Fprintf(stderr, "notify: from the last commit notified, %.12s, rather than --from %s\n", mark.Commit, f.from)
		}
		return mark.Commit
	}
	fmt.Fprintf(stderr, "notify: %s; starting from --from %s\n", why, f.from)
	return f.from
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

// describe gives the sender providers' names, categories and official
// status pages from the catalogue; a catalogue that does not load leaves
// messages with slugs and without the vendor's page.
func (f *notifyFlags) describe(stderr io.Writer, s *notify.Sender) {
	cat, err := f.loadCatalog()
	if err != nil {
		fmt.Fprintf(stderr, "notify: catalogue: %v (messages name providers by slug; category filters match nothing)\n", err)
		return
	}
	field := func(get func(*catalog.Provider) string) func(string) string {
		return func(slug string) string {
			if p, ok := cat.Provider(slug); ok {
				return get(p)
			}
			return ""
		}
	}
	s.Name = field(func(p *catalog.Provider) string { return p.Name })
	s.Category = field(func(p *catalog.Provider) string { return p.Category })
	s.StatusPage = field((*catalog.Provider).OfficialPage)
}
