// Package api owns the static JSON API under /api/v1/ and the JSON Schemas
// (draft 2020-12) that describe it, published under /api/v1/schema/:
//
//	/api/v1/providers.json                          every provider, with its URLs
//	/api/v1/status.json                             current state of all, to poll
//	/api/v1/providers/<slug>.json                   one provider now
//	/api/v1/providers/<slug>/incidents.json         its complete history (or an index)
//	/api/v1/providers/<slug>/incidents-<year>.json  one year, when split
//
// Every file carries "$schema" (the absolute URL of its schema) and
// "schema_version": 1. Output is a pure function of the catalogue, the
// histories and Now (which only decides whether unclosed entries are
// ongoing or stale, as on the pages); no build time is written, so
// unchanged data gives unchanged bytes.
package api

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/outage"
	"github.com/uptimus/uptimus/generator/paths"
	"github.com/uptimus/uptimus/internal/bufpool"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/publish"
	"github.com/uptimus/uptimus/generator/uptime"
)

// SchemaVersion is written into every file; it changes only when a field
// changes meaning or is removed.
const SchemaVersion = 1

// SplitAbove is the number of entries above which a provider's history is
// split into one file per year, and a year into files of at most
// SplitAbove entries, so that a history file stays under MaxJSONFile.
const SplitAbove = 200

// MaxJSONFile is the size docs/api.md promises no API file passes. It was
// 1 MB, which Google Cloud's recorded year broke near 200 entries (its
// entries carry long markdown reports: 6.5 KB each, in its largest 200): the shape of
// the files stays, and the bound is what the worst case recorded needs
// (TestNoJSONFileOverTheBound: 1.30 MB), with room for a few fields more.
const MaxJSONFile = 1_500_000

// DayBar is the number of days in a provider file's day bar.
const DayBar = 90

// Windows are the day counts of a provider file's uptime figures.
var Windows = []int{7, 30, 90}

// ImpactUnknown stands for an impact the vendor did not state or stated
// outside the scale (its word is kept in impact_raw).
const ImpactUnknown adapters.Impact = "unknown"

// RecentLimit bounds the recent lists of a provider file: it is polled
// and fetched far more than the history, which has every entry.
const RecentLimit = 5

// Options are the inputs of a build; histories come one provider at a
// time, to Builder.Provider.
type Options struct {
	Catalog *catalog.Catalog
	// Now is the build's clock reading.
	Now time.Time
	// BaseURL is the absolute URL the site is served from.
	BaseURL string
	// Capabilities by adapter name; an adapter missing here provides all.
	Capabilities map[string]adapters.Capabilities
	// Checks by provider slug, from the fetch cache (may be nil).
	Checks map[string]model.Check
}

// Paths of the API, relative to the site root.
const (
	Root          = paths.APIRoot
	ProvidersPath = Root + "providers.json"
	StatusPath    = Root + "status.json"
)

// YearPath is the path of one year of a split history.
func YearPath(slug string, year int) string { return PartPath(slug, year, 1) }

// PartPath is where page (from 1) of a year of a split history lives:
// incidents-2025.json, then incidents-2025-2.json and so on.
func PartPath(slug string, year, page int) string {
	if page <= 1 {
		return fmt.Sprintf("%sproviders/%s/incidents-%04d.json", Root, slug, year)
	}
	return fmt.Sprintf("%sproviders/%s/incidents-%04d-%d.json", Root, slug, year, page)
}

// SchemaPath is the path of the schema named name.
func SchemaPath(name string) string { return Root + "schema/" + name + ".schema.json" }

// Builder writes the API one provider at a time, keeping of each only its
// lines in providers.json and status.json. Provider is safe for concurrent
// use; call Finish once, after every Provider.
type Builder struct {
	b *builder

	mu    sync.Mutex
	lines map[string]summaryLines
}

type summaryLines struct {
	provider ProviderSummary
	status   StatusEntry
	v2       StatusEntryV2 // version 2's status.json line, but StatusEntry
	// problem is what the provider reports now, if anything, and places
	// the regions and services its history names (now.json).
	problem *outage.Problem
	places  []outage.Place
}

// New publishes the schemas.
func New(opt Options, pub *publish.Publisher) (*Builder, error) {
	if opt.Catalog == nil {
		return nil, errors.New("api: no catalogue")
	}
	l, err := paths.NewLinks(opt.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("api: %w", err)
	}
	b := &builder{opt: opt, pub: pub, l: l}
	if err := b.schemas(); err != nil {
		return nil, err
	}
	return &Builder{b: b, lines: map[string]summaryLines{}}, nil
}

// Provider writes one provider's files with its state st; h may be nil (no
// data yet): the provider is listed with status unknown and empty lists. With reuse, the history files the last build published are
// known to be current and only providers/<slug>.json is written.
func (a *Builder) Provider(p *catalog.Provider, h *history.History, st model.State, reuse bool) error {
	if err := history.ValidSlug(p.Slug); err != nil {
		return fmt.Errorf("api: %w", err)
	}
	pf, err := a.b.provider(p, h, st, reuse)
	if err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.lines[p.Slug] = summaryLines{
		provider: ProviderSummary{
			Slug: pf.Slug, Name: pf.Name, Category: pf.Category, CategoryName: pf.CategoryName, Vendor: pf.Vendor,
			Source: pf.Source, Verified: pf.Verified, Status: pf.Status, OpenIncidents: pf.OpenIncidents, Stale: pf.Stale != nil, OfficialURL: pf.OfficialURL, URLs: pf.URLs,
		},
		status: statusEntry(pf, st),
		v2:     StatusEntryV2{StatusDerived: pf.StatusDerived, StatusDerivedReason: pf.StatusDerivedReason, Components: componentStates(pf)},
		places: outage.PlacesOf(*p, h),
	}
	if pr, ok := outage.ProblemOf(p.Slug, st); ok {
		l := a.lines[p.Slug]
		l.problem = &pr
		a.lines[p.Slug] = l
	}
	return nil
}

// StatusUpcoming bounds the upcoming maintenance windows a provider lists
// in status.json, the file made to poll.
const StatusUpcoming = 3

// statusEntry is the provider's line in status.json.
func statusEntry(pf *ProviderFile, st model.State) StatusEntry {
	e := StatusEntry{Slug: pf.Slug, Name: pf.Name, Aliases: pf.Aliases, Status: pf.Status, OpenIncidents: pf.OpenIncidents,
		Stale: pf.Stale != nil, CheckedAt: utc(st.Check.LastOK), UpdatedAt: pf.UpdatedAt}
	for _, in := range pf.Incidents.Open {
		e.Open = append(e.Open, statusItem(in))
	}
	upcoming := pf.Maintenance.Upcoming[:min(len(pf.Maintenance.Upcoming), StatusUpcoming)]
	for _, in := range append(slices.Clone(pf.Maintenance.Active), upcoming...) {
		e.Maintenance = append(e.Maintenance, statusItem(in))
	}
	return e
}

func statusItem(in Incident) StatusItem {
	return StatusItem{Title: in.Title, URL: in.URL, Impact: in.Impact, Phase: in.Phase,
		StartedAt: in.StartedAt, ScheduledFor: in.ScheduledFor, ScheduledUntil: in.ScheduledUntil}
}

// Finish writes providers.json and status.json, in catalogue order.
func (a *Builder) Finish() error {
	b := a.b
	providers := ProvidersFile{Header: b.header("providers"), Providers: []ProviderSummary{}}
	status := StatusFile{Header: b.header("status"), Providers: []StatusEntry{}}
	v2 := map[string]StatusEntryV2{}
	var problems []outage.Problem
	var places []outage.Place
	for _, p := range b.opt.Catalog.Providers {
		if l, ok := a.lines[p.Slug]; ok {
			places = append(places, l.places...)
			providers.Providers = append(providers.Providers, l.provider)
			status.Providers = append(status.Providers, l.status)
			v2[p.Slug] = l.v2
			if l.problem != nil {
				problems = append(problems, *l.problem)
			}
		}
	}
	if err := b.write(ProvidersPath, providers); err != nil {
		return err
	}
	if err := b.write(paths.NowJSON(), b.nowFile(problems, places)); err != nil {
		return err
	}
	if err := b.write(StatusPath, status); err != nil {
		return err
	}
	return b.finishV2(providers.Providers, status.Providers, v2)
}

type builder struct {
	opt Options
	pub *publish.Publisher
	l   paths.Links
}

func (b *builder) header(schema string) Header {
	return Header{Schema: b.l.Abs(SchemaPath(schema)), SchemaVersion: SchemaVersion}
}

// write encodes v with HTML escaping on (so "<" is \u003c and no vendor
// markup appears raw in a file) and publishes it.
func (b *builder) write(path string, v any) error {
	buf := bufpool.Get()
	defer bufpool.Put(buf)
	if err := json.NewEncoder(buf).Encode(v); err != nil {
		return fmt.Errorf("api: encode %s: %w", path, err)
	}
	return b.pub.WriteCompact(path[1:], buf.Bytes())
}

func (b *builder) urls(slug string) ProviderURLs {
	feed := func(path func(string, paths.Format) string) FeedURLs {
		return FeedURLs{RSS: b.l.Abs(path(slug, paths.RSS)), Atom: b.l.Abs(path(slug, paths.Atom)), JSON: b.l.Abs(path(slug, paths.JSON))}
	}
	return ProviderURLs{
		Page:         b.l.Abs(paths.ProviderPage(slug)),
		JSON:         b.l.Abs(paths.ProviderJSON(slug)),
		Incidents:    b.l.Abs(paths.IncidentsJSON(slug)),
		Feeds:        feed(paths.ProviderFeed),
		UpdatesFeeds: feed(paths.UpdatesFeed),
		BadgeSVG:     b.l.Abs(paths.BadgeSVG(slug)),
		BadgeJSON:    b.l.Abs(paths.BadgeJSON(slug)),
	}
}

// checked is the API's form of a page's self-check, or nil.
func checked(c *model.SelfCheck) *Checked {
	if c == nil {
		return nil
	}
	return &Checked{Name: c.Name, URL: c.URL, At: c.At.UTC(), Agree: c.Agree, Why: c.Why}
}

// uncheckable says why p cannot be checked against its page's own words
// (what its vendor publishes names no page), or "": a vendor not known
// here, a page never read, a retired entry and one already checked say
// nothing.
func (b *builder) uncheckable(p *catalog.Provider, vendor string, self *model.SelfCheck) string {
	c, ok := b.opt.Capabilities[vendor]
	if !ok || c.Self || self != nil || p.Retired != nil || b.opt.Catalog.Hosting.Unreadable(p) != "" {
		return ""
	}
	return "what " + cmp.Or(c.Title, vendor) + " publishes names no page"
}

// retired is the API's form of a retirement, or nil.
func retired(r *catalog.Retirement) *Retired {
	if r == nil {
		return nil
	}
	out := &Retired{Date: r.Date, Reason: r.Reason, Successor: r.Successor}
	if strings.Contains(r.Successor, "://") {
		out.Successor, out.SuccessorURL = "", r.Successor
	}
	return out
}

// provider writes a provider's file and history and returns the file.
func (b *builder) provider(p *catalog.Provider, h *history.History, st model.State, reuse bool) (*ProviderFile, error) {
	vendor, detected := model.Vendor(p, st.Check)
	pf := &ProviderFile{
		Header:              b.header("provider"),
		Slug:                p.Slug,
		Name:                p.Name,
		Description:         p.Description,
		Category:            p.Category,
		Vendor:              vendor,
		VendorDetected:      detected,
		Source:              p.SourceName(),
		Verified:            p.Verified,
		OfficialURL:         p.URL,
		Homepage:            p.Homepage,
		Aliases:             append([]string{}, p.Aliases...),
		Family:              p.Family,
		Retired:             retired(p.Retired),
		Status:              st.Status,
		StatusDerived:       st.Derived,
		StatusDerivedReason: string(st.Reason),
		StatusText:          st.VendorText,
		Components:          []Component{},
		Incidents:           IncidentLists{Open: []Incident{}, Recent: []Incident{}},
		Maintenance:         MaintLists{Active: []Incident{}, Upcoming: []Incident{}, Recent: []Incident{}},
		URLs:                b.urls(p.Slug),
		Provides:            b.provides(vendor),
		Stale:               stale(st),
		Checked:             checked(st.Check.Self),
		Uncheckable:         b.uncheckable(p, vendor, st.Check.Self),
	}
	pf.CategoryName = p.Category
	if c, ok := b.opt.Catalog.Category(p.Category); ok {
		pf.CategoryName = c.Name
	}
	var all []Incident
	recorded := h != nil
	if !recorded {
		// No record yet: every day unknown, no figure.
		h = &history.History{Slug: p.Slug}
	}
	// The figures end at the start of the build's UTC day (see figure),
	// all asked of one index of the history at that clock.
	day := uptime.NewBook(h, b.asOf())
	if recorded {
		if err := b.fillState(pf, day, st); err != nil {
			return nil, err
		}
		var err error
		if all, err = b.incidents(p.Slug, h.Incidents); err != nil {
			return nil, err
		}
		b.fillLists(pf, all)
	}
	pf.OpenIncidents = len(st.Open)
	pf.Reliability = reliabilityOf(day, pf.Components)
	pf.Days = days(h, b.opt.Now)
	for _, w := range Windows {
		pf.Uptime = append(pf.Uptime, figure(day, "", w))
	}
	if err := b.write(paths.ProviderJSON(p.Slug), pf.v1()); err != nil {
		return nil, err
	}
	if err := b.write(paths.ProviderJSONv2(p.Slug), b.providerV2(pf)); err != nil {
		return nil, err
	}
	if reuse {
		return pf, nil
	}
	return pf, b.writeHistory(p.Slug, all)
}

func (b *builder) fillState(pf *ProviderFile, day *uptime.Book, ms model.State) error {
	h := day.History()
	st := h.State
	if ms.SinceAtLeast {
		pf.StatusSinceAtLeast = utc(ms.Since)
	} else {
		pf.StatusSince = utc(ms.Since)
	}
	pf.FirstChecked = utc(st.FirstChecked)
	pf.KnownSince = utc(cmp.Or(st.KnownSince, st.FirstChecked))
	feeds := model.ComponentFeeds(h)
	for _, c := range ms.Components {
		var feed string
		if feeds[c.ID] {
			s, _ := paths.ComponentFeed(pf.Slug, c.ID, paths.RSS)
			feed = b.l.Abs(s)
		}
		if c.ID == "" {
			continue
		}
		pf.Components = append(pf.Components, Component{
			ID: c.ID, Name: c.Name, Description: c.Description, Group: c.Group, GroupID: c.GroupID,
			Position: c.Position, Status: c.Status, StatusRaw: c.StatusRaw,
			LastChanged: utc(c.LastChanged), FirstSeen: utc(c.FirstSeen), RemovedAt: utc(c.RemovedAt),
			Uptime: figure(day, c.ID, DayBar),
			Feed:   feed,
		})
	}
	dropDanglingGroups(pf.Components)
	pf.UpdatedAt = utc(model.NotAfter(ms.Changed, b.opt.Now))
	return nil
}

// dropDanglingGroups clears a group_id that names no group of the list (a
// vendor that lists a child but not its group): the file promises that
// group_id leads to a component with "group": true, which a client can
// look up without a check.
func dropDanglingGroups(comps []Component) {
	groups := map[string]bool{}
	for _, c := range comps {
		if c.Group {
			groups[c.ID] = true
		}
	}
	for i := range comps {
		if !groups[comps[i].GroupID] {
			comps[i].GroupID = ""
		}
	}
}

// incidents converts a history's entries, newest first by start, ties by id.
func (b *builder) incidents(slug string, list []adapters.Incident) ([]Incident, error) {
	out := make([]Incident, 0, len(list))
	idx := make([]int, len(list))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(x, y int) int {
		a, c := &list[x], &list[y]
		return cmp.Or(model.Start(c).Compare(model.Start(a)), cmp.Compare(a.ID, c.ID))
	})
	for _, i := range idx {
		inc := &list[i]
		page, err := paths.IncidentPage(slug, inc.ID)
		if err != nil {
			return nil, fmt.Errorf("api: %s incident %q: %w", slug, inc.ID, err)
		}
		out = append(out, b.incident(inc, b.l.Abs(page)))
	}
	return out, nil
}

func (b *builder) incident(inc *adapters.Incident, url string) Incident {
	kind := inc.Kind
	if kind != adapters.KindMaintenance {
		kind = adapters.KindIncident
	}
	impact := inc.Impact
	if impact.Rank() == 0 && impact != adapters.ImpactNone {
		// Not stated, or a word outside the scale (kept in impact_raw).
		impact = ImpactUnknown
	}
	out := Incident{
		ID: inc.ID, Kind: kind, Title: titleOf(inc.Title, kind), Impact: impact, ImpactRaw: inc.ImpactRaw,
		Status: inc.Status, StatusRaw: inc.StatusRaw, Phase: model.PhaseOf(inc, b.opt.Now),
		URL: url, OfficialURL: model.SafeHTTP(inc.URL),
		CreatedAt: utc(inc.CreatedAt), StartedAt: utc(inc.StartedAt), UpdatedAt: utc(inc.UpdatedAt),
		ResolvedAt: utc(inc.ResolvedAt), ScheduledFor: utc(scheduledFor(inc, kind)), ScheduledUntil: utc(inc.ScheduledUntil),
		WithdrawnAt: utc(inc.WithdrawnAt), ResolvedAsObserved: inc.ResolvedAsObserved && !inc.ResolvedAt.IsZero(),
		Components: refs(inc.Components),
		Updates:    make([]Update, 0, len(inc.Updates)),
	}
	for _, up := range model.SortedUpdates(inc.Updates) {
		out.Updates = append(out.Updates, Update{
			ID: up.ID, Status: up.Status, StatusRaw: up.StatusRaw, Body: up.Body,
			CreatedAt: utc(up.CreatedAt), DisplayAt: utc(up.DisplayAt), Components: refs(up.Components),
		})
	}
	return out
}

// titleOf is an entry's title: the vendor's, or, when it gave none, the
// words the pages and feeds show ("Untitled incident"), so that a title is
// never empty.
func titleOf(title string, kind adapters.Kind) string {
	if strings.TrimSpace(title) == "" {
		return "Untitled " + string(kind)
	}
	return title
}

// scheduledFor is a maintenance window's scheduled start. Some vendors
// (status feeds, Slack) announce windows without a schedule: the window
// then starts when it is known to have started (model.Start: started, else
// created), else at its first sign of life, which is also where the lists
// sort it. Only a window without any date has none. Incidents have a
// schedule only if the vendor gave one.
func scheduledFor(inc *adapters.Incident, kind adapters.Kind) time.Time {
	if kind != adapters.KindMaintenance || !inc.ScheduledFor.IsZero() {
		return inc.ScheduledFor
	}
	if s := model.Start(inc); !s.IsZero() {
		return s
	}
	return model.LastActivity(inc)
}

func refs(rs []adapters.ComponentRef) []ComponentRef {
	out := make([]ComponentRef, 0, len(rs))
	for _, r := range rs {
		s := r.Status
		if s != "" && !s.Valid() {
			s = adapters.Unknown
		}
		out = append(out, ComponentRef{ID: r.ID, Name: r.Name, Status: s})
	}
	return out
}

// fillLists sorts entries (already newest first) into the provider file's
// lists by phase.
func (b *builder) fillLists(pf *ProviderFile, all []Incident) {
	for _, in := range all {
		if in.Kind == adapters.KindMaintenance {
			switch in.Phase {
			case model.PhaseInProgress:
				pf.Maintenance.Active = append(pf.Maintenance.Active, in)
			case model.PhaseUpcoming:
				pf.Maintenance.Upcoming = append(pf.Maintenance.Upcoming, in)
			default:
				if len(pf.Maintenance.Recent) < RecentLimit {
					pf.Maintenance.Recent = append(pf.Maintenance.Recent, in)
				}
			}
			continue
		}
		if in.Phase == model.PhaseOngoing {
			pf.Incidents.Open = append(pf.Incidents.Open, in)
		} else if len(pf.Incidents.Recent) < RecentLimit {
			pf.Incidents.Recent = append(pf.Incidents.Recent, in)
		}
	}
	// Upcoming maintenance reads best soonest first.
	slices.Reverse(pf.Maintenance.Upcoming)
}

// writeHistory writes incidents.json, split by year and page above
// SplitAbove, and version 2's index of it. The entries of all go into
// version 1's files as version 1 released them.
func (b *builder) writeHistory(slug string, all []Incident) error {
	v2 := all
	all = v1Incidents(all)
	file := IncidentsFile{Header: b.header("incidents"), Slug: slug, Count: len(all)}
	if len(all) <= SplitAbove {
		file.Incidents = append([]Incident{}, all...)
		if err := b.write(paths.IncidentsJSON(slug), file); err != nil {
			return err
		}
		return b.writeIndexV2(slug, v2, nil)
	}
	var years []int
	byYear := map[int][]Incident{}
	for _, in := range all {
		y := yearOf(in)
		if _, ok := byYear[y]; !ok {
			years = append(years, y)
		}
		byYear[y] = append(byYear[y], in)
	}
	// Newest year first, and the undated (year 0) last; each year in pages
	// of at most SplitAbove entries.
	slices.SortFunc(years, func(a, c int) int { return cmp.Compare(c, a) })
	var parts []YearFile
	for _, y := range years {
		for n, chunk := range slices.Collect(slices.Chunk(byYear[y], SplitAbove)) {
			parts = append(parts, YearFile{Header: b.header("incidents-year"), Slug: slug, Year: y, Page: n + 1,
				Count: len(chunk), Incidents: chunk, Links: YearLinks{Index: b.l.Abs(paths.IncidentsJSON(slug))}})
		}
	}
	file.Parts = []Part{}
	for i := range parts {
		yf := &parts[i]
		path := PartPath(slug, yf.Year, yf.Page)
		if i > 0 {
			yf.Links.Newer = b.l.Abs(PartPath(slug, parts[i-1].Year, parts[i-1].Page))
		}
		if i+1 < len(parts) {
			yf.Links.Older = b.l.Abs(PartPath(slug, parts[i+1].Year, parts[i+1].Page))
		}
		if err := b.write(path, yf); err != nil {
			return err
		}
		file.Parts = append(file.Parts, Part{Year: yf.Year, Page: yf.Page, Count: yf.Count, URL: b.l.Abs(path)})
	}
	if err := b.write(paths.IncidentsJSON(slug), file); err != nil {
		return err
	}
	return b.writeIndexV2(slug, v2, file.Parts)
}

// yearOf is the UTC year an entry starts in (its scheduled start for
// maintenance), as history files group them; 0 when it has no date.
func yearOf(in Incident) int {
	t := in.StartedAt
	if in.Kind == adapters.KindMaintenance && !in.ScheduledFor.IsZero() {
		t = in.ScheduledFor
	}
	t = cmp.Or(t, in.CreatedAt, in.ScheduledFor)
	if t.IsZero() {
		return 0
	}
	return t.Year()
}

// days is the day bar of h: DayBar UTC days, oldest first, today included.
func days(h *history.History, now time.Time) []Day {
	out := make([]Day, 0, DayBar)
	for _, d := range uptime.Days(h, "", now, DayBar) {
		out = append(out, Day{Date: d.Date.UTC().Format(time.DateOnly), Status: d.Status})
	}
	return out
}

// asOf is when the figures end: the start of the build's UTC day rather
// than Now, so that an unchanged history gives unchanged bytes for the rest
// of the day.
func (b *builder) asOf() time.Time { return b.opt.Now.UTC().Truncate(24 * time.Hour) }

// figure is the uptime of the provider (componentID "") or a component over
// the last windowDays whole UTC days before the Book's clock (asOf).
func figure(day *uptime.Book, componentID string, windowDays int) Uptime {
	asOf := day.Now()
	f := day.Uptime(componentID, time.Duration(windowDays)*24*time.Hour)
	u := Uptime{WindowDays: windowDays, Known: f.Known, To: asOf,
		DownSeconds: seconds(f.Down), DegradedSeconds: seconds(f.Degraded), MaintenanceSeconds: seconds(f.Maintenance)}
	if f.Known {
		u.From = utc(f.From)
		p := math.Floor(f.Percent*1000) / 1000
		if f.Down > 0 && p >= 100 {
			p = 99.999
		}
		u.Percent = &p
	}
	return u
}

func seconds(d time.Duration) int64 { return int64(d / time.Second) }

func utc(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC()
}

func (b *builder) provides(adapter string) Provides {
	if adapter == catalog.AutoAdapter {
		// No vendor detected yet: we read nothing of the page.
		return Provides{}
	}
	c, ok := b.opt.Capabilities[adapter]
	if !ok {
		return Provides{Components: true, Maintenance: true, Timeline: true}
	}
	return Provides{Components: c.Components, Maintenance: c.Maintenance, Timeline: c.Timeline, HistoryWindow: c.HistoryWindow}
}

func stale(st model.State) *Stale {
	if !st.Stale {
		return nil
	}
	c := st.Check
	return &Stale{Since: utc(c.LastOK), LastAttempt: utc(c.LastAttempt), Error: c.LastError, LastKnownStatus: st.Current}
}
