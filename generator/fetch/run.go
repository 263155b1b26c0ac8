package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/model"
)

// DefaultWorkers is how many providers are fetched at once when
// Options.Workers is not set. Fetching waits on the network, not the CPU:
// at 100 ms a request, 32 workers fetch 1,000 Statuspage providers (three
// requests each) in about ten seconds (BenchmarkFetch), and the per-host
// limit still keeps any one server from seeing more than DefaultPerHost.
const DefaultWorkers = 32

// Options are the dependencies of one fetch run.
type Options struct {
	// Registry maps each provider's adapter name to its adapter.
	Registry *adapters.Registry
	// Fetcher performs the GETs; nil means a default HTTPFetcher.
	Fetcher adapters.Fetcher
	// DataDir is the history folder, one sub-folder per provider.
	DataDir string
	// Now is the clock that stamps snapshots; nil means time.Now.
	Now func() time.Time
	// Workers bounds how many providers are fetched at once.
	Workers int
	// Log receives one line per provider when Progress is nil; nil
	// discards.
	Log *slog.Logger
	// Progress, set only when it is a terminal, gets one updating line.
	Progress io.Writer
	// Checks are the fetch cache's record of each provider's last runs: the
	// last success tells since when a failing provider is unseen, and finds
	// the stretches when no run happened at all.
	Checks map[string]model.Check
	// IgnoreBackoff fetches providers that Checks says wait for a later
	// run (see Backoff): for a run asked for by name, or a maintainer's
	// full run.
	IgnoreBackoff bool
	// DetectTimeout bounds the vendor detection of one "adapter: auto"
	// page; 0 means DefaultDetectTimeout.
	DetectTimeout time.Duration
}

// Outcome is what happened to one provider.
type Outcome string

// Outcomes of a provider's fetch.
const (
	OK        Outcome = "ok"        // its history changed and was saved
	Unchanged Outcome = "unchanged" // fetched, nothing new
	Failed    Outcome = "failed"    // see Result.Err; history untouched
	Skipped   Outcome = "skipped"   // backing off after repeated failures
	Retired   Outcome = "retired"   // the catalogue says the page is gone; not asked
)

// Result is one provider's part of a run.
type Result struct {
	Slug string
	// URL is the status page fetched.
	URL string
	// Adapter is the adapter that fetched it: for "adapter: auto", the
	// one detected, when there is one.
	Adapter string
	Outcome Outcome
	// Change says what the merge added when Outcome is OK.
	Change Change
	// Err is why the provider failed.
	Err error
	// Dropped counts the incidents of the snapshot that were left out for
	// having no id, no title, no time at all or an implausible one (see
	// dropUnusable).
	Dropped int
	// Written lists the files Save wrote.
	Written []string
	// Duration is wall time, for the report and logs only: it never
	// reaches data/.
	Duration time.Duration
	// Detection is what the probe found for an "adapter: auto" entry,
	// when it ran this time.
	Detection *Detection
	// Failures and NextAttempt say, for a skipped provider, how many
	// failures it is backing off after and until when.
	Failures    int
	NextAttempt time.Time
	// Stopped is set when the run was stopped (a signal, a cancelled
	// job) before this provider's fetch ended: its failure says nothing
	// about the provider, so nothing records it as one.
	Stopped bool
	// Self is what the page said of itself, compared with the entry, when
	// the adapter read it (At is set when the checks are recorded).
	Self *model.SelfCheck
}

// Detail is the table's one-line explanation: what changed, or why it
// failed.
func (r Result) Detail() string {
	switch r.Outcome {
	case OK:
		return joinDetail(joinDetail(joinDetail(r.Change.String(), r.droppedNote()), r.detectedNote()), r.selfNote())
	case Failed:
		if r.Err == nil {
			return "failed"
		}
		return oneLine(r.Err.Error())
	case Skipped:
		return backoffNote(r.Failures, r.NextAttempt)
	case Retired:
		return "retired: not fetched"
	}
	return joinDetail(joinDetail(r.droppedNote(), r.detectedNote()), r.selfNote())
}

// selfNote flags a page that names another company or address than its
// entry, or "".
func (r Result) selfNote() string {
	if r.Self == nil || r.Self.Agree {
		return ""
	}
	return "mismatch: " + r.Self.Why
}

// detectedNote says which vendor the probe found this run, or "".
func (r Result) detectedNote() string {
	if r.Detection == nil || r.Detection.Adapter == "" {
		return ""
	}
	return "detected " + r.Detection.Adapter
}

// droppedNote says how many incidents were left out, or "" when none.
func (r Result) droppedNote() string {
	switch {
	case r.Dropped == 1:
		return "1 incident dropped (no id, title or time, or dated before 1990 or ahead of the fetch)"
	case r.Dropped > 1:
		return fmt.Sprintf("%d incidents dropped (no id, title or time, or dated before 1990 or ahead of the fetch)", r.Dropped)
	}
	return ""
}

func joinDetail(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + "; " + b
}

// Report holds a run's results in catalogue order.
type Report struct {
	Results []Result
}

// store is where a run reads and writes history. Run uses the history
// package on DataDir; tests of the worker pool use a fake so they do not
// depend on how the merge decides what changed.
type store interface {
	load(slug string) (*history.History, error)
	merge(h *history.History, snap *adapters.Snapshot) bool
	save(h *history.History) ([]string, error)
}

// historyStore is the real store: data/<slug>/ through package history.
type historyStore struct{ dir string }

func (s historyStore) load(slug string) (*history.History, error) {
	return history.Load(os.DirFS(s.dir), slug)
}

func (s historyStore) merge(h *history.History, snap *adapters.Snapshot) bool {
	return history.Merge(h, snap)
}

func (s historyStore) save(h *history.History) ([]string, error) {
	return history.Save(s.dir, h)
}

// Run fetches every provider with a pool of opt.Workers goroutines, merges
// each snapshot into its history under opt.DataDir and saves what changed.
// A provider that fails, even by a panic in its adapter, keeps its history
// as it was and never stops the others. Results come in the order of
// providers, whatever the order they finished in.
func Run(ctx context.Context, opt Options, providers []catalog.Provider) *Report {
	return run(ctx, opt, providers, historyStore{dir: opt.DataDir})
}

// runner is one run's resolved dependencies.
type runner struct {
	opt   Options
	store store
	log   *slog.Logger
	// hosting is where the registry's vendors host pages, which tells
	// whether a page's address is its company's (selfCheck).
	hosting catalog.Hosting
}

func run(ctx context.Context, opt Options, providers []catalog.Provider, st store) *Report {
	r := &runner{opt: withDefaults(opt), store: st}
	r.log = r.opt.Log
	if r.opt.Registry != nil {
		r.hosting = catalog.Hosting(r.opt.Registry.Hosting())
	}
	report := &Report{Results: make([]Result, len(providers))}
	jobs := make(chan int)
	done := make(chan int)
	var wg sync.WaitGroup
	for range min(r.opt.Workers, len(providers)) {
		wg.Go(func() {
			for i := range jobs {
				report.Results[i] = r.one(ctx, providers[i])
				done <- i
			}
		})
	}
	go func() {
		for i := range providers {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		close(done)
	}()
	p := progress{w: r.opt.Progress, total: len(providers)}
	for i := range done {
		// Each result is read only after its worker sent i on done.
		res := report.Results[i]
		if p.w != nil {
			p.add(res.Outcome)
			continue
		}
		r.logResult(res)
	}
	p.finish()
	return report
}

func withDefaults(opt Options) Options {
	if opt.Workers <= 0 {
		opt.Workers = DefaultWorkers
	}
	if opt.Fetcher == nil {
		opt.Fetcher = &HTTPFetcher{}
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.DetectTimeout <= 0 {
		opt.DetectTimeout = DefaultDetectTimeout
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	return opt
}

// one fetches, merges and saves one provider. It recovers a panic so that
// a broken adapter costs only its own provider.
func (r *runner) one(ctx context.Context, p catalog.Provider) (res Result) {
	if p.Retired != nil {
		// A retired page is not asked at all: its history stays as it is,
		// and a page that no longer answers is no failure of ours.
		return Result{Slug: p.Slug, URL: p.URL, Adapter: p.Adapter, Outcome: Retired}
	}
	if c, wait := r.backingOff(p); wait {
		return r.skipped(p, c)
	}
	start := time.Now()
	res = Result{Slug: p.Slug, URL: p.URL, Adapter: p.Adapter}
	stage := "adapter " + p.Adapter
	defer func() {
		if v := recover(); v != nil {
			res.Outcome, res.Err, res.Change, res.Written = Failed, fmt.Errorf("%s panicked: %v", stage, v), Change{}, nil
			r.log.Error("panic", "provider", p.Slug, "stage", stage, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		}
		res.Duration = time.Since(start)
	}()
	snap, err := r.snapshot(ctx, p, &res)
	if err == nil {
		res.Dropped = dropUnusable(snap)
		err = checkLimits(p.Slug, snap)
	}
	if err != nil {
		res.Outcome, res.Err = Failed, err
		if ctx.Err() != nil {
			res.Stopped = true
			return res
		}
		stage = "history"
		res.Written = r.unseen(p.Slug)
		return res
	}
	stage = "history"
	res.Self = r.selfCheck(&p, snap.Self)
	res.Outcome, res.Change, res.Written, res.Err = r.merge(p.Slug, snap)
	return res
}

// selfCheck compares what a page says of itself with its entry; nil when
// the page said nothing.
func (r *runner) selfCheck(p *catalog.Provider, self *adapters.Self) *model.SelfCheck {
	if self == nil {
		return nil
	}
	agree, why := r.hosting.NamesSelf(p, self.Name, self.URL)
	return &model.SelfCheck{Name: self.Name, URL: self.URL, Agree: agree, Why: why}
}

// unseen records, for a provider whose fetch failed, that we have not seen
// it since our last successful check (or, without one in the cache, since
// its failures began), once that is over model.DataStaleAfter ago: a
// failed run or two is not worth a commit. A provider without history, or
// without any record of when things went wrong, is left alone. It returns
// the files written; a failure to save is logged, as the fetch failure is
// the news.
func (r *runner) unseen(slug string) []string {
	c := r.opt.Checks[slug]
	from := c.LastOK
	if from.IsZero() {
		from = c.FailingSince
	}
	if from.IsZero() || r.opt.Now().Sub(from) <= model.DataStaleAfter {
		return nil
	}
	h, err := r.store.load(slug)
	if err != nil || h.State.FirstChecked.IsZero() {
		return nil
	}
	if !history.MarkUnseen(h, from) {
		return nil
	}
	written, err := r.store.save(h)
	if err != nil {
		r.log.Error("record unseen", "provider", slug, "err", err)
	}
	return written
}

// seen ends an unseen stretch when the provider answers again at at, and
// records one when no successful check happened for over
// model.DataStaleAfter (the scheduled job did not run, or every run
// failed before the cache could tell). It reports whether h changed.
func (r *runner) seen(h *history.History, slug string, at time.Time) bool {
	if last := r.opt.Checks[slug].LastOK; !last.IsZero() && at.Sub(last) > model.DataStaleAfter && !h.State.FirstChecked.IsZero() {
		history.MarkUnseen(h, last)
	}
	return history.MarkSeen(h, at)
}

// snapshot asks the provider's adapter, or for "adapter: auto" the one
// detected, for a snapshot and stamps it.
func (r *runner) snapshot(ctx context.Context, p catalog.Provider, res *Result) (*adapters.Snapshot, error) {
	if r.opt.Registry == nil {
		return nil, errors.New("no adapter registry")
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("not fetched: %w", err)
	}
	var snap *adapters.Snapshot
	var err error
	if p.Adapter == catalog.AutoAdapter {
		snap, err = r.autoSnapshot(ctx, p, res)
	} else {
		snap, err = r.fetchWith(ctx, p, p.Adapter)
	}
	if err != nil {
		return nil, err
	}
	snap.FetchedAt = r.opt.Now().UTC()
	return snap, nil
}

// fetchWith fetches p with the named adapter.
func (r *runner) fetchWith(ctx context.Context, p catalog.Provider, name string) (*adapters.Snapshot, error) {
	a, err := r.opt.Registry.Lookup(name)
	if err != nil {
		return nil, err
	}
	snap, err := a.Fetch(ctx, r.opt.Fetcher, adapters.Page{Slug: p.Slug, URL: p.URL})
	if err != nil {
		return nil, adapterError(name, err)
	}
	if snap == nil {
		return nil, fmt.Errorf("adapter %s: no snapshot and no error", name)
	}
	return snap, nil
}

// adapterError names the adapter once, as "adapter <name>: ...", whether
// the adapter's own message began with "adapter <name>:", "<name>:" or
// neither.
func adapterError(name string, err error) error {
	msg := err.Error()
	if strings.HasPrefix(msg, "adapter "+name+":") {
		return err
	}
	if rest, ok := strings.CutPrefix(msg, name+": "); ok {
		return &prefixedError{msg: "adapter " + name + ": " + rest, err: err}
	}
	return fmt.Errorf("adapter %s: %w", name, err)
}

// prefixedError rewrites an error's text and keeps it for errors.Is/As.
type prefixedError struct {
	msg string
	err error
}

func (e *prefixedError) Error() string { return e.msg }
func (e *prefixedError) Unwrap() error { return e.err }

// merge folds snap into the provider's history and saves it if it changed.
func (r *runner) merge(slug string, snap *adapters.Snapshot) (Outcome, Change, []string, error) {
	h, err := r.store.load(slug)
	if err != nil {
		return Failed, Change{}, nil, fmt.Errorf("load history: %w", err)
	}
	if h.Slug == "" {
		h.Slug = slug
	}
	before := fingerprintOf(h)
	seen := r.seen(h, slug, snap.FetchedAt)
	if !r.store.merge(h, snap) && !seen {
		return Unchanged, Change{}, nil, nil
	}
	change := before.diff(h)
	written, err := r.store.save(h)
	if err != nil {
		return Failed, Change{}, nil, fmt.Errorf("save history: %w", err)
	}
	return OK, change, written, nil
}

func (r *runner) logResult(res Result) {
	attrs := []any{"provider", res.Slug, "outcome", string(res.Outcome), "duration", res.Duration.Round(time.Millisecond)}
	switch res.Outcome {
	case Failed:
		r.log.Warn("fetch", append(attrs, "reason", res.Detail())...)
	case OK:
		r.log.Info("fetch", append(attrs, "change", res.Detail())...)
	default:
		r.log.Info("fetch", attrs...)
	}
}

// progress draws "fetch 12/45 ok 10 unchanged 1 failed 1" (and "backing
// off 3" when some are) on one terminal line, redrawn after each provider.
type progress struct {
	w                              io.Writer
	total, n                       int
	ok, unchanged, failed, skipped int
	retired                        int
}

func (p *progress) add(o Outcome) {
	p.n++
	switch o {
	case OK:
		p.ok++
	case Unchanged:
		p.unchanged++
	case Skipped:
		p.skipped++
	case Retired:
		p.retired++
	default:
		p.failed++
	}
	fmt.Fprintf(p.w, "\rfetch %d/%d ok %d unchanged %d failed %d", p.n, p.total, p.ok, p.unchanged, p.failed)
	if p.skipped > 0 {
		fmt.Fprintf(p.w, " backing off %d", p.skipped)
	}
	if p.retired > 0 {
		fmt.Fprintf(p.w, " retired %d", p.retired)
	}
}

func (p *progress) finish() {
	if p.w != nil {
		fmt.Fprintln(p.w)
	}
}

// oneLine keeps a table row on one line and its columns aligned. Error
// texts quote what upstreams sent (a status line, a redirect's URL), so
// control characters go too: none may reach a terminal.
func oneLine(s string) string {
	return strings.Join(strings.Fields(model.Clean(s)), " ")
}
