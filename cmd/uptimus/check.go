package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/fetch"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/probe"
	"github.com/uptimus/uptimus/internal/words"
)

const checkAbout = `Fetches one provider live (a slug from the catalogue, or a status page
URL whose vendor is detected) and prints what the adapter sees: the overall
status, the components, open and latest incidents, and what the vendor does
not provide. For a listed provider it first prints what the scheduled runs
learned (from --cache): the vendor detected for "adapter: auto", and
whether it is backing off after failures. Nothing is written. Use it
before opening a pull request, and to review an imported entry.`

func runCheck(ctx context.Context, e *env, args []string) error {
	var c common
	fs := newFlags(e, "check", "<slug or URL>", checkAbout)
	c.addContent(fs)
	c.addCache(fs)
	adapterName := fs.String("adapter", "", "adapter to use for a URL (default: detected)")
	replay := fs.String("replay", "", "answer requests from a recording instead of the network")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError{fmt.Sprintf("want one slug or URL, got %d arguments", len(rest))}
	}
	if err := checkReplayDir(*replay); err != nil {
		return err
	}
	f := liveOrReplay(*replay)
	var out strings.Builder
	page, name, err := c.resolve(ctx, &out, f, rest[0], adapterName)
	if err == nil {
		err = fetchAndDescribe(ctx, &out, f, page, name)
	}
	// Everything printed came from the vendor: control characters go, so
	// that no escape sequence (screen clearing, a disguised hyperlink, a
	// rewritten title bar) reaches the terminal.
	if _, werr := io.WriteString(e.stdout, model.Clean(out.String())); err == nil {
		err = werr
	}
	return err
}

// fetchAndDescribe fetches page with the named adapter and describes it.
func fetchAndDescribe(ctx context.Context, w io.Writer, f adapters.Fetcher, page adapters.Page, name string) error {
	a, err := registry().Lookup(name)
	if err != nil {
		return usageError{err.Error()}
	}
	snap, err := a.Fetch(ctx, f, page)
	if err != nil {
		return err // named after the adapter already (adapters.Define)
	}
	describe(w, page, a, snap)
	return nil
}

// liveOrReplay is the fetcher for one-off commands.
func liveOrReplay(replay string) *fetch.HTTPFetcher {
	// A URL given on the command line, or in a pull request's provider
	// file, goes through the same guard as a scheduled run.
	var rt http.RoundTripper = fetch.NewTransport(nil)
	if replay != "" {
		rt = fetch.Replay(replay)
	}
	return &fetch.HTTPFetcher{Client: fetch.NewClient(rt)}
}

// resolve turns a slug or URL into the page and its adapter's name. For
// a listed provider it writes to w what the fetch cache knows of it, and
// for "adapter: auto" what the probe finds now.
func (c *common) resolve(ctx context.Context, w io.Writer, f adapters.Fetcher, arg string, adapterName *string) (adapters.Page, string, error) {
	if strings.Contains(arg, "://") {
		if err := checkPageURL(arg); err != nil {
			return adapters.Page{}, "", err
		}
		page := adapters.Page{Slug: "check", URL: strings.TrimRight(arg, "/")}
		if *adapterName != "" {
			return page, *adapterName, nil
		}
		name, _, err := detect(ctx, f, arg)
		return page, name, err
	}
	cat, err := c.loadCatalog()
	if err != nil {
		return adapters.Page{}, "", err
	}
	p, ok := cat.Provider(arg)
	if !ok {
		return adapters.Page{}, "", usageError{fmt.Sprintf("no provider %q in the catalogue (pass a URL to check a page that is not listed)", arg)}
	}
	page := adapters.Page{Slug: p.Slug, URL: p.URL}
	fmt.Fprintf(w, "%s: %s, adapter %s, source %s, %s\n", p.Slug, p.Name, p.Adapter, p.Source, reviewWord(p.Verified))
	describeCheck(w, c.keptCheck(w, *p))
	if p.Adapter != catalog.AutoAdapter {
		return page, p.Adapter, nil
	}
	name, evidence, err := detect(ctx, f, p.URL)
	if err != nil {
		return page, "", err
	}
	fmt.Fprintf(w, "detected now: %s (%s)\n\n", name, evidence)
	return page, name, nil
}

func reviewWord(verified bool) string {
	if verified {
		return "verified"
	}
	return "pending review"
}

// keptCheck is what the fetch cache records of p, or nothing for a cache
// that cannot be read or a check made at another URL.
func (c *common) keptCheck(w io.Writer, p catalog.Provider) fetch.Check {
	checks, err := fetch.LoadChecks(filepath.Join(c.cache, fetch.ChecksFile))
	if err != nil {
		fmt.Fprintf(w, "fetch cache: %v\n", err)
		return fetch.Check{}
	}
	if k := checks[p.Slug]; k.URL == p.URL || k.URL == "" {
		return k
	}
	return fetch.Check{}
}

// describeCheck prints what the scheduled runs learned: the detected
// vendor, the last success, and the failures it is backing off after.
func describeCheck(w io.Writer, k fetch.Check) {
	const day = "2006-01-02 15:04 UTC"
	if k.LastAttempt.IsZero() {
		fmt.Fprintln(w, "scheduled runs: not fetched yet")
		return
	}
	if k.Detected != "" {
		fmt.Fprintf(w, "detected by the runs: %s on %s (%s)\n", k.Detected, k.DetectedAt.UTC().Format(day), k.Evidence)
	}
	if !k.LastOK.IsZero() {
		fmt.Fprintf(w, "last answered: %s\n", k.LastOK.UTC().Format(day))
	}
	if k.Failed() {
		fmt.Fprintf(w, "failing since %s, %s in a row: %s\n", k.FailingSince.UTC().Format(day), words.Count(k.Failures, "time", "times"), line(k.LastError))
	}
	if !k.NextAttempt.IsZero() {
		fmt.Fprintf(w, "backing off: next scheduled try %s\n", k.NextAttempt.UTC().Format(day))
	}
}

// checkPageURL refuses, as a usage error, a status page URL that no
// adapter could fetch.
func checkPageURL(u string) error {
	if err := probe.CheckURL(u); err != nil {
		return usageError{err.Error()}
	}
	return nil
}

// detect is probe.Detect for a person at the command line: when the probe
// cannot tell, it says how to go on.
func detect(ctx context.Context, f adapters.Fetcher, url string) (name, evidence string, err error) {
	name, evidence, err = probe.Detect(ctx, f, registry(), url)
	if err != nil {
		return "", "", fmt.Errorf("%w; pass --adapter", err)
	}
	return name, evidence, nil
}

// describe prints a snapshot for a person.
func describe(w io.Writer, page adapters.Page, a adapters.Adapter, s *adapters.Snapshot) {
	fmt.Fprintf(w, "%s (adapter %s)\n", page.URL, a.Name())
	fmt.Fprintf(w, "status: %s", s.Status.Label())
	if s.StatusRaw != "" || s.Description != "" {
		fmt.Fprintf(w, " (vendor: %s %q)", line(s.StatusRaw), line(s.Description))
	}
	fmt.Fprintln(w)
	caps := a.Capabilities()
	describeComponents(w, s.Components, caps)
	var open, rest []adapters.Incident
	for _, inc := range s.Incidents {
		if inc.Open() && inc.Kind == adapters.KindIncident {
			open = append(open, inc)
		} else {
			rest = append(rest, inc)
		}
	}
	fmt.Fprintf(w, "\nopen incidents: %d\n", len(open))
	for _, inc := range open {
		fmt.Fprintf(w, "  %s  %s  [%s, %s]\n", day(inc), line(inc.Title), line(string(inc.Impact)), line(inc.Status))
	}
	fmt.Fprintf(w, "\nlatest incidents and maintenance (%d in all):\n", len(s.Incidents))
	for _, inc := range rest[:min(5, len(rest))] {
		fmt.Fprintf(w, "  %s  %s  [%s, %s, %s]\n", day(inc), line(inc.Title), line(string(inc.Kind)), line(inc.Status), words.Count(len(inc.Updates), "update", "updates"))
	}
	if !caps.Maintenance {
		fmt.Fprintln(w, "\nmaintenance: not provided by this vendor")
	}
	if !caps.Timeline {
		fmt.Fprintln(w, "update timeline: not provided by this vendor (one update per incident)")
	}
}

func describeComponents(w io.Writer, comps []adapters.Component, caps adapters.Capabilities) {
	if !caps.Components {
		fmt.Fprintln(w, "\ncomponents: not provided by this vendor")
		return
	}
	fmt.Fprintf(w, "\ncomponents: %d\n", len(comps))
	children := map[string][]adapters.Component{}
	for _, c := range comps {
		if c.GroupID != "" {
			children[c.GroupID] = append(children[c.GroupID], c)
		}
	}
	for _, c := range comps {
		if c.GroupID != "" {
			continue
		}
		fmt.Fprintf(w, "  %-40s %s\n", line(c.Name), c.Status.Label())
		for _, k := range children[c.ID] {
			fmt.Fprintf(w, "    %-38s %s\n", line(k.Name), k.Status.Label())
		}
	}
}

// line keeps a vendor's text on its one line: a title with line breaks
// would otherwise forge lines of this report.
func line(s string) string { return strings.Join(strings.Fields(s), " ") }

func day(inc adapters.Incident) string {
	t := inc.StartedAt
	if !inc.ScheduledFor.IsZero() {
		t = inc.ScheduledFor
	}
	if t.IsZero() {
		return "          "
	}
	return t.UTC().Format("2006-01-02")
}
