package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sync/atomic"
	"time"

	"github.com/uptimus/uptimus/generator/api"
	"github.com/uptimus/uptimus/generator/badge"
	"github.com/uptimus/uptimus/generator/buildcache"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/feeds"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/ical"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/publish"
	"github.com/uptimus/uptimus/generator/site"
	"github.com/uptimus/uptimus/generator/spapi"
	"github.com/uptimus/uptimus/internal/pool"
)

// renderJob is one build's inputs.
type renderJob struct {
	cat     *catalog.Catalog
	data    fs.FS
	checks  map[string]model.Check
	now     time.Time
	baseURL string
	// hub is the WebSub hub the feeds name ("" for none).
	hub string
	// prev says which providers' incident-level files the last build of
	// this output folder published, and from which inputs; program sums
	// the running binary (see buildcache).
	prev    *buildcache.Manifest
	program string
	// reused counts the providers whose incident-level files were kept.
	reused atomic.Int64
}

// render publishes everything the site serves: pages, feeds, the JSON API
// and badges, all from the same catalogue, history and clock. It holds one
// provider's history per worker at a time, not the whole data folder: each
// is loaded once, everything made of it alone is rendered (or, when its
// inputs are those of the last build, only what changes with the clock: its
// JSON and badges), and what its own page and the pages about many
// providers show is kept for the end, when every provider's page can name
// its related providers. A history that cannot be read is reported in
// missing, and nothing of its provider is rendered.
func (j *renderJob) render(pub *publish.Publisher) (missing, err error) {
	caps := registry().Capabilities()
	sb, err := site.New(site.Options{Catalog: j.cat, Checks: j.checks, Now: j.now, BaseURL: j.baseURL, Capabilities: caps, Hub: j.hub}, pub)
	if err != nil {
		return nil, err
	}
	fb, err := feeds.New(feeds.Options{Catalog: j.cat, Now: j.now, BaseURL: j.baseURL, Hub: j.hub}, pub)
	if err != nil {
		return nil, err
	}
	ab, err := api.New(api.Options{Catalog: j.cat, Now: j.now, BaseURL: j.baseURL, Capabilities: caps, Checks: j.checks}, pub)
	if err != nil {
		return nil, err
	}
	cb, err := ical.New(ical.Options{Catalog: j.cat, Now: j.now, BaseURL: j.baseURL}, pub)
	if err != nil {
		return nil, err
	}
	spb, err := spapi.New(spapi.Options{Now: j.now, BaseURL: j.baseURL}, pub)
	if err != nil {
		return nil, err
	}
	provs := j.cat.Providers
	loadErrs := make([]error, len(provs))
	err = pool.Each(len(provs), 0, func(i int) error {
		p := &provs[i]
		data := buildcache.NewReads(j.data)
		h, err := history.Load(data, p.Slug)
		if err != nil {
			// Rendering it without data would tell readers there is none;
			// its pages from the last build stay (the build does not prune).
			loadErrs[i] = err
			return nil
		}
		// One state per provider, which every output reads.
		check := j.checks[p.Slug]
		st := model.StateOf(h, check, model.PublishesStatus(p, check, caps, false), j.now)
		reuse := j.reuse(pub, p, h, st, data.Sum())
		return errors.Join(sb.Provider(p, h, st, reuse), fb.Provider(p, h, st, reuse), ab.Provider(p, h, st, reuse), cb.Provider(p, h, reuse),
			spb.Provider(p, h, st, reuse), badge.Provider(pub, p, st))
	})
	if err != nil {
		return nil, err
	}
	// The outputs' last steps (the pages, merged feeds, summary JSON and
	// calendars about many providers) are independent of each other: run
	// side by side, no core waits while another finishes alone.
	finish := []func() error{sb.Finish, fb.Finish, ab.Finish, cb.Finish}
	if err := pool.Each(len(finish), len(finish), func(i int) error { return finish[i]() }); err != nil {
		return nil, err
	}
	return errors.Join(loadErrs...), nil
}

// reuse reports whether the last build published p's incident-level files
// from the inputs p has now, and they are all still there (then they count
// as published by this build).
func (j *renderJob) reuse(pub *publish.Publisher, p *catalog.Provider, h *history.History, st model.State, read []byte) bool {
	files, ok := j.prev.Reusable(p.Slug, j.key(p, h, st, read))
	if ok && pub.Keep(files) {
		j.reused.Add(1)
		return true
	}
	return false
}

// key sums what p's incident pages, archive, feeds and history JSON are made
// of (read sums the history files they were loaded from, and the incident
// pages show the provider's published status); "" when there is nothing to
// sum (no history, or one with nothing collected yet: its few files are
// dated by the clock, and cost nothing to render).
func (j *renderJob) key(p *catalog.Provider, h *history.History, st model.State, read []byte) string {
	if h == nil || st.NoData {
		return ""
	}
	// The page names the entries it is tied to (company, pages,
	// successor), so their names and slugs are inputs too.
	var ties []string
	for _, q := range j.cat.Ties(p) {
		ties = append(ties, q.Slug, q.Name)
	}
	entry, _ := json.Marshal(struct {
		*catalog.Provider
		Ties []string `json:"ties,omitempty"`
	}{p, ties})
	c, _ := j.cat.Category(p.Category)
	category, _ := json.Marshal(c)
	var phases bytes.Buffer
	for i := range h.Incidents {
		// The maintenance calendar lists, numbers and dates a window by
		// the clock too.
		inc := &h.Incidents[i]
		fmt.Fprintf(&phases, "%s\x00%s\x00%t\x00%d\x00", inc.ID, model.PhaseOf(inc, j.now), ical.Listed(inc, j.now), ical.Sequence(inc, j.now))
	}
	return buildcache.Inputs{
		Program: j.program, BaseURL: j.baseURL, Hub: j.hub, Entry: entry, Category: category, History: read,
		Phases: phases.Bytes(), State: fmt.Sprintf("%s\x00%t%s", st.Status, st.Stale, selfKey(st.Check.Self)),
	}.Key()
}

// selfKey is what the provider page shows of the page's self-check: it
// changes the page when the page's own name, address or agreement, or
// the day of the check, does.
func selfKey(s *model.SelfCheck) string {
	if s == nil {
		return ""
	}
	return fmt.Sprintf("\x00%s\x00%s\x00%t\x00%s", s.Name, s.URL, s.Agree, s.At.UTC().Format(time.DateOnly))
}
