package site

import (
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/outage"
	"github.com/uptimus/uptimus/generator/paths"
	"github.com/uptimus/uptimus/generator/reliability"
	"github.com/uptimus/uptimus/generator/uptime"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
)

// providerView is everything the provider page, its incident pages and its
// card on the home page show. It is built from the catalogue entry and the
// history alone (plus Now, to tell upcoming maintenance from running).
type providerView struct {
	Slug        string
	Name        string
	Description string
	Aliases     []string
	Official    string
	Homepage    string
	// Vendor names the status page's vendor: the adapter's, or for an
	// "adapter: auto" entry (Auto) the one the probe detected, empty
	// until it has.
	Vendor       string
	Auto         bool
	Category     string
	CategorySlug string
	CategoryURL  string
	Verified     bool
	Manual       bool
	URL          string
	NoData       bool
	// Retired is set when the service or its page is gone; Successor is
	// what replaced it, when the catalogue knows.
	Retired   *catalog.Retirement
	Successor *pageLink
	// Company is the entry of the company this one is a page of, and
	// Pages the company's other pages (family), each linked.
	Company *pageLink
	Pages   []pageLink
	// Family is the slug standing for the company in search: Company's,
	// else "" for a company's own entry.
	Family string
	// Unreadable says why no adapter reads the page, when none can.
	Unreadable string
	// SelfUnsaid is true when the page's vendor is known and what we read
	// of it names no page (Capabilities.Self false): the entry cannot be
	// checked against the page's own words, and the page says so.
	SelfUnsaid bool
	// Status is the published status (unknown while Stale), Current the
	// one our data shows, Derived true when it is ours and not the vendor's
	// (see model.State); StatusText is the vendor's own words.
	Status  adapters.Status
	Current adapters.Status
	Derived bool
	Reason  model.Reason
	// VendorStatus is the vendor's own overall status (model.State.Vendor).
	VendorStatus adapters.Status
	Stale        bool
	// AsOf is, while Stale, when our data was last current (model.State).
	AsOf         time.Time
	StatusText   string
	Since        time.Time
	SinceAtLeast bool
	// SinceSeenAgain is true when Since is only "at least" the check that
	// read the official page again after a stretch we could not.
	SinceSeenAgain bool
	KnownSince     time.Time
	LastChange     time.Time
	Counts         counts
	Open           []*incidentRow
	// Unclosed are the incidents the vendor never closed and left silent
	// (model.State.Unclosed): shown on the first screen with the vendor's
	// last word, since the components they name now read unknown.
	Unclosed    []*incidentRow
	MaintActive []*incidentRow
	MaintSoon   []*incidentRow
	MaintDone   []*incidentRow
	// MaintUnclosed are the windows past their schedule that the vendor
	// never marked completed (model.PhaseStale): not known to be done.
	MaintUnclosed []*incidentRow
	// DoneHeading names MaintDone: "Completed", or "Completed or
	// cancelled" when it holds a cancelled window.
	DoneHeading string
	Incidents   []*incidentRow
	Blocks      []componentBlock
	// Check is when the provider was last fetched, and whether it failed.
	Check model.Check
	// Related are other providers of the same category.
	Related []*providerView
	// Follow are the provider's feeds, JSON and badge.
	Follow followLinks
	// Caps says what the vendor provides.
	Caps adapters.Capabilities
	// Recent are the newest incidents the page lists; the archive has all.
	Recent     []*incidentRow
	ArchiveURL string
	// FAQ answers the questions people search for, from the data.
	FAQ []qa
	// Uptime, Bar and Legend describe availability over uptime.Window.
	Uptime uptime.Figure
	Bar    []uptime.Day
	// Days are the bar's days with the incidents that touched each.
	Days   []barDay
	Legend []legendItem
	// Removed are the components the vendor no longer lists, newest first.
	Removed []removedRow
	// all holds every incident and maintenance row, for the pages of each.
	all []*incidentRow
	// labels name components with their group (see model.Labels).
	labels model.Labels
	// excerpts are the provider's State's, which the feeds share.
	excerpts *model.Excerpts
	// The first screen's facts (firstscreen.go): Built is the build's
	// clock and FreshUntil when the page stops being current unless
	// rebuilt; Cause and Elapsed say why and for how long the status is
	// what it is; MaintWeek is the maintenance starting within a week;
	// Record the incidents of the last 30 and 90 days.
	Built, FreshUntil time.Time
	Cause             cause
	Elapsed           string
	// Unknown names the components of unknown state beside an
	// operational status, and Headline the status as the banner says it.
	Unknown   *causePart
	Headline  string
	MaintWeek []*incidentRow
	Record    record
	// Reliability is the reliability section; record is what it was
	// computed from, kept for the monthly reports (nil without history).
	Reliability *reliabilityView
	record      *reliability.Record
	// problem is what it reports now, if anything; AlsoNow are the other
	// providers of its group (generator/outage), NowURL the page of all.
	problem *outage.Problem
	// places are the regions and services its history names, which
	// others' incident texts may name (outage.PlacesOf).
	places  []outage.Place
	AlsoNow []*providerView
	NowURL  string
}

type counts struct {
	Components    int
	Degraded      int
	Down          int
	InMaintenance int
	// Unknown counts the components whose state nobody knows now: named
	// by an incident the vendor never closed (model.UnclosedSince).
	Unknown     int
	Open        int
	MaintActive int
	MaintSoon   int
	Incidents   int
	Maintenance int
}

// Attention reports whether the provider belongs at the top of lists: an
// open incident, running maintenance or a status worse than operational,
// by current data. Unknown (no data yet) is not a problem to flag, and
// stale data is not current: what it showed is the provider's last known
// state (see Unchecked), never a live problem.
func (v *providerView) Attention() bool {
	return !v.Stale && (v.Counts.Open > 0 || v.Counts.MaintActive > 0 || v.Status.Rank() > 1)
}

// severity orders providers needing attention, worst first.
func (v *providerView) severity() int {
	s := v.Status.Rank()
	for _, r := range v.Open {
		s = max(s, r.Impact.Status().Rank())
	}
	return s
}

// componentBlock is a run of rows in the components table: a group with its
// children, or top-level components without a group (Group nil).
type componentBlock struct {
	Group *componentRow
	Rows  []componentRow
}

type componentRow struct {
	ID          string
	Name        string
	Description string
	Status      adapters.Status
	LastChanged time.Time
	// Uptime is the component's figure over the known part of the window.
	Uptime string
	// Feed is the RSS feed of the incidents that affected the component.
	Feed string
	// NoUptime is true when the vendor does not showcase the component.
	NoUptime bool
}

// removedRow is a component the vendor no longer lists.
type removedRow struct {
	Label     string
	RemovedAt time.Time
}

// incidentRow is one incident or maintenance window as lists and its own
// page show it.
type incidentRow struct {
	ID        string
	Kind      adapters.Kind
	Title     string
	PageTitle string
	URL       string
	Path      string
	Official  string
	Impact    adapters.Impact
	Status    string
	Start     time.Time
	End       time.Time
	Duration  string
	Ongoing   bool
	// Unconfirmed marks an ongoing entry of a provider whose data is stale:
	// it was ongoing at our last successful check, which is all we know.
	Unconfirmed bool
	// Stale marks an entry the vendor never closed and stopped updating
	// (see model.StaleAfter): neither ongoing nor resolved, and shown as such.
	Stale     bool
	Scheduled bool
	// Observed marks an entry the vendor never resolved in words: its page
	// lists only active incidents and stopped listing it (see
	// adapters.Incident.ResolvedAsObserved); End is the check that saw it gone.
	Observed bool
	// Cancelled marks a maintenance window that will not run, or did not
	// (model.PhaseCancelled): Withdrawn when the vendor stopped listing it
	// rather than calling it off; CancelledAt is when, CancelNote why.
	Cancelled   bool
	Withdrawn   bool
	CancelledAt time.Time
	CancelNote  string
	SchedFrom   time.Time
	SchedUntil  time.Time
	// EndsAt is when maintenance in progress is scheduled to end (zero for
	// anything else, or when the vendor gave no end).
	EndsAt     time.Time
	Components []string
	Latest     *updateRow
	LastMod    time.Time
	src        *adapters.Incident
	prev, next *incidentRow
	// phase is where the entry stands at the build's clock, by the rules
	// feeds, the JSON and the build cache use too.
	phase model.Phase
}

type updateRow struct {
	Status string
	At     time.Time
	Line   string
}

// newProviderView builds the view of one provider. h may be nil (a provider
// without history yet).
func newProviderView(p *catalog.Provider, cat *catalog.Catalog, h *history.History, state model.State, now time.Time, u paths.Links) (*providerView, error) {
	v := &providerView{
		Slug:         p.Slug,
		Name:         p.Name,
		Description:  p.Description,
		Aliases:      slices.Clone(p.Aliases),
		Official:     p.OfficialPage(),
		Homepage:     p.Homepage,
		Vendor:       adapterOf(p, state.Check),
		Auto:         p.Adapter == catalog.AutoAdapter,
		Category:     p.Category,
		CategorySlug: p.Category,
		CategoryURL:  u.Path(categoryPath(p.Category)),
		Verified:     p.Verified,
		Manual:       p.Source == "" || p.Source == "manual",
		URL:          u.Path(paths.ProviderPage(p.Slug)),
		Status:       state.Status,
		Current:      state.Current,
		Derived:      state.Derived,
		Reason:       state.Reason,
		VendorStatus: state.Vendor,
		Stale:        state.Stale,
		AsOf:         state.AsOf,
		StatusText:   state.VendorText,
		Since:        state.Since,
		SinceAtLeast: state.SinceAtLeast,
		NoData:       state.NoData,
		Check:        state.Check,
		Caps:         capabilities(nil, adapterOf(p, state.Check)),
		ArchiveURL:   u.Path(archivePath(p.Slug)),
		excerpts:     state.Excerpts,
	}
	v.Built, v.FreshUntil = now, freshUntil(state.Check, now)
	if c, ok := cat.Category(p.Category); ok {
		v.Category = c.Name
	}
	v.relate(p, cat, u)
	v.FAQ = v.faq()
	if h == nil {
		return v, nil
	}
	st := h.State
	v.SinceSeenAgain = v.SinceAtLeast && !v.Since.Equal(st.FirstChecked)
	v.KnownSince = st.KnownSince
	if v.KnownSince.IsZero() {
		v.KnownSince = st.FirstChecked
	}
	v.LastChange = state.Changed
	v.labels = model.ComponentLabels(st.Components)
	v.Blocks = componentBlocks(state.Components)
	v.Removed = removedComponents(st.Components, v.labels)
	v.addComponentFeeds(u, model.ComponentFeeds(h))
	// The figures run to the start of the build's UTC day, all asked of
	// one index of the history at that clock; the bar shows today too.
	day := uptime.NewBook(h, asOfDay(now))
	v.addUptime(h, now, day)
	v.addReliability(day, u)
	for _, c := range state.Components {
		if !c.RemovedAt.IsZero() || c.Group {
			continue
		}
		v.Counts.Components++
		switch c.Status {
		case adapters.Degraded:
			v.Counts.Degraded++
		case adapters.PartialOutage, adapters.MajorOutage:
			v.Counts.Down++
		case adapters.Maintenance:
			v.Counts.InMaintenance++
		case adapters.Unknown:
			v.Counts.Unknown++
		}
	}
	if err := v.addIncidents(h.Incidents, now, u); err != nil {
		return nil, err
	}
	v.Recent = v.Incidents[:min(len(v.Incidents), recentOnProvider)]
	v.Cause, v.Elapsed = causeOf(v, state.Components, v.labels), elapsed(v, now)
	v.Unknown = unknownOf(v, state.Components, v.labels)
	if v.Unknown != nil {
		// The unknown components are what the page can name.
		v.Cause.Unnamed = false
	}
	v.Headline = v.headline()
	v.MaintWeek, v.Record = maintWithin(v.MaintSoon, now, soonWindow), newRecord(h, now)
	v.Days = barDays(v.Bar, v.all)
	v.FAQ = v.faq()
	return v, nil
}

func (v *providerView) addIncidents(list []adapters.Incident, now time.Time, u paths.Links) error {
	rows := make([]*incidentRow, 0, len(list))
	seen := map[string]string{}
	for i := range list {
		inc := &list[i]
		r, err := newIncidentRow(v, inc, now, u)
		if err != nil {
			return fmt.Errorf("provider %s: incident %q: %w", v.Slug, inc.ID, err)
		}
		if other, dup := seen[r.Path]; dup {
			return fmt.Errorf("provider %s: incidents %q and %q map to one page", v.Slug, other, inc.ID)
		}
		seen[r.Path] = inc.ID
		rows = append(rows, r)
	}
	// Newest first by start, then by id, whatever order the history had.
	slices.SortStableFunc(rows, func(a, b *incidentRow) int {
		return cmp.Or(b.Start.Compare(a.Start), cmp.Compare(a.ID, b.ID))
	})
	v.all = rows
	uniqueTitles(v.Name, rows)
	var incidents, maint []*incidentRow
	for _, r := range rows {
		if r.Kind == adapters.KindMaintenance {
			maint = append(maint, r)
			switch r.phase {
			case model.PhaseInProgress:
				v.MaintActive = append(v.MaintActive, r)
			case model.PhaseUpcoming:
				v.MaintSoon = append(v.MaintSoon, r)
			case model.PhaseStale:
				v.MaintUnclosed = append(v.MaintUnclosed, r)
			default:
				v.MaintDone = append(v.MaintDone, r)
			}
			continue
		}
		incidents = append(incidents, r)
		switch {
		case r.Ongoing:
			v.Open = append(v.Open, r)
		case r.Stale:
			v.Unclosed = append(v.Unclosed, r)
		}
	}
	// Upcoming maintenance reads best soonest first.
	slices.Reverse(v.MaintSoon)
	v.DoneHeading = "Completed"
	if slices.ContainsFunc(v.MaintDone, func(r *incidentRow) bool { return r.Cancelled }) {
		v.DoneHeading = "Completed or cancelled"
	}
	v.Incidents = incidents
	link(incidents)
	link(maint)
	v.Counts.Open = len(v.Open)
	v.Counts.MaintActive = len(v.MaintActive)
	v.Counts.MaintSoon = len(v.MaintSoon)
	v.Counts.Incidents = len(incidents)
	v.Counts.Maintenance = len(maint)
	return nil
}

// link sets previous (older) and next (newer) neighbours in a newest-first list.
func link(rows []*incidentRow) {
	for i, r := range rows {
		if i > 0 {
			r.next = rows[i-1]
		}
		if i+1 < len(rows) {
			r.prev = rows[i+1]
		}
	}
}

// uniqueTitles gives every page a distinct <title>: "<Provider> incident:
// <title>", with the start date (and then the id) added only where two
// entries of the provider would otherwise share one.
func uniqueTitles(provider string, rows []*incidentRow) {
	base := func(r *incidentRow) string {
		return fmt.Sprintf("%s %s: %s", provider, r.Kind, r.Title)
	}
	count := map[string]int{}
	for _, r := range rows {
		count[base(r)]++
	}
	dated := map[string]int{}
	for _, r := range rows {
		r.PageTitle = base(r)
		if count[r.PageTitle] > 1 && !r.Start.IsZero() {
			r.PageTitle += " (" + r.Start.UTC().Format(dateLayout) + ")"
		}
		dated[r.PageTitle]++
	}
	for _, r := range rows {
		if dated[r.PageTitle] > 1 {
			r.PageTitle += " [" + r.ID + "]"
		}
	}
}

func newIncidentRow(v *providerView, inc *adapters.Incident, now time.Time, u paths.Links) (*incidentRow, error) {
	seg, err := paths.Segment(inc.ID)
	if err != nil {
		return nil, err
	}
	kind := inc.Kind
	if kind != adapters.KindMaintenance {
		kind = adapters.KindIncident
	}
	title := strings.TrimSpace(inc.Title)
	if title == "" {
		title = "Untitled " + string(kind)
	}
	rel := strings.TrimPrefix(paths.IncidentPageOf(v.Slug, seg), "/")
	r := &incidentRow{
		ID:         inc.ID,
		Kind:       kind,
		Title:      title,
		URL:        u.Path("/" + rel),
		Path:       rel + "index.html",
		Official:   model.SafeHTTP(inc.URL),
		Impact:     inc.Impact,
		Status:     inc.Status,
		Start:      model.Start(inc),
		End:        model.End(inc),
		SchedFrom:  inc.ScheduledFor,
		SchedUntil: inc.ScheduledUntil,
		src:        inc,
	}
	r.Components = v.labels.Affected(inc)
	r.LastMod = model.LastActivity(inc)
	if len(inc.Updates) > 0 {
		up := model.NewestUpdate(inc.Updates)
		r.Latest = &updateRow{Status: up.Status, At: model.UpdateTime(up), Line: v.excerpts.Of(up.Body)}
	}
	r.phase = model.PhaseOf(inc, now)
	r.Ongoing = r.phase.Active()
	r.Unconfirmed = r.Ongoing && v.Stale
	r.Scheduled = r.phase == model.PhaseUpcoming
	r.Stale = r.phase == model.PhaseStale
	r.Observed = inc.ResolvedAsObserved && !inc.Open()
	if r.Cancelled = r.phase == model.PhaseCancelled; r.Cancelled {
		r.Withdrawn, r.CancelledAt, r.CancelNote = model.Withdrawn(inc), model.CancelledAt(inc), model.CancelReason(inc)
	}
	if r.phase == model.PhaseInProgress {
		r.EndsAt = inc.ScheduledUntil
	}
	if over := r.phase == model.PhaseCompleted || r.phase == model.PhaseStale; kind == adapters.KindMaintenance && over && r.End.IsZero() {
		r.End = inc.ScheduledUntil
	}
	switch {
	case (r.Scheduled || !r.EndsAt.IsZero()) && !inc.ScheduledFor.IsZero() && inc.ScheduledUntil.After(inc.ScheduledFor):
		r.Duration = formatDuration(inc.ScheduledUntil.Sub(inc.ScheduledFor)) + " planned"
	case !r.End.IsZero() && !r.Start.IsZero() && !r.End.Before(r.Start):
		r.Duration = formatDuration(r.End.Sub(r.Start))
	}
	return r, nil
}

// addComponentFeeds links the feeds of the components that have one.
func (v *providerView) addComponentFeeds(u paths.Links, has map[string]bool) {
	feed := func(r *componentRow) {
		if !has[r.ID] {
			return
		}
		if p, err := paths.ComponentFeed(v.Slug, r.ID, paths.RSS); err == nil {
			r.Feed = u.Path(p)
		}
	}
	for i := range v.Blocks {
		if g := v.Blocks[i].Group; g != nil {
			feed(g)
		}
		for j := range v.Blocks[i].Rows {
			feed(&v.Blocks[i].Rows[j])
		}
	}
}

// barDay is one day of the 90-day bar: its state and the incidents and
// maintenance windows that touched it, which its popover lists.
type barDay struct {
	// ID names the day's popover: "d260730".
	ID        string
	Date      time.Time
	Status    adapters.Status
	Incidents []dayEntry
	// More counts the day's entries beyond those listed.
	More int
}

// dayEntry is an incident as a day of the bar names it.
type dayEntry struct {
	Title, URL string
	Impact     adapters.Impact
}

// maxDayEntries is how many entries a day's popover lists.
const maxDayEntries = 5

// barDays pairs each day of the bar with the rows of the entries that
// touched it.
func barDays(bar []uptime.Day, rows []*incidentRow) []barDay {
	byID := make(map[string]*incidentRow, len(rows))
	for _, r := range rows {
		byID[r.ID] = r
	}
	out := make([]barDay, len(bar))
	for i, d := range bar {
		out[i] = barDay{ID: "d" + d.Date.Format("060102"), Date: d.Date, Status: d.Status}
		for _, id := range d.Incidents {
			r, ok := byID[id]
			switch {
			case !ok:
			case len(out[i].Incidents) == maxDayEntries:
				out[i].More++
			default:
				out[i].Incidents = append(out[i].Incidents, dayEntry{Title: r.Title, URL: r.URL, Impact: r.Impact})
			}
		}
	}
	return out
}

// legendItem is one state of the day bar with how many days it covers.
type legendItem struct {
	Status adapters.Status
	Days   int
}

// addUptime computes the provider's figure, its 90-day bar with per-state
// day counts, and each component's figure. The figures cover whole UTC
// days, up to the start of the build's day (day's clock), as the JSON
// API's do (api.figure): one history gives one figure in both. The bar
// shows today too.
func (v *providerView) addUptime(h *history.History, now time.Time, day *uptime.Book) {
	v.Bar = uptime.Days(h, "", now, int(uptime.Window/(24*time.Hour)))
	v.Uptime = day.Uptime("", uptime.Window)
	counts := uptime.Counts(v.Bar)
	for _, s := range adapters.Statuses {
		v.Legend = append(v.Legend, legendItem{Status: s, Days: counts[s]})
	}
	for i := range v.Blocks {
		b := &v.Blocks[i]
		if b.Group != nil {
			b.Group.Uptime = day.Uptime(b.Group.ID, uptime.Window).String()
		}
		for j := range b.Rows {
			b.Rows[j].Uptime = day.Uptime(b.Rows[j].ID, uptime.Window).String()
		}
	}
}

// componentBlocks orders the live components the way upstream groups them:
// top-level entries by position, each group followed by its children by
// position. Children whose group is gone are shown at the top level.
func componentBlocks(all []history.ComponentState) []componentBlock {
	var live []history.ComponentState
	groups := map[string]bool{}
	for _, c := range all {
		if c.RemovedAt.IsZero() {
			live = append(live, c)
			if c.Group {
				groups[c.ID] = true
			}
		}
	}
	byPosition := func(a, b history.ComponentState) int {
		return cmp.Or(cmp.Compare(a.Position, b.Position), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	}
	slices.SortStableFunc(live, byPosition)
	children := map[string][]componentRow{}
	var blocks []componentBlock
	for _, c := range live {
		if c.GroupID != "" && groups[c.GroupID] && !c.Group {
			children[c.GroupID] = append(children[c.GroupID], rowOf(c))
		}
	}
	for _, c := range live {
		switch {
		case c.Group:
			g := rowOf(c)
			blocks = append(blocks, componentBlock{Group: &g, Rows: children[c.ID]})
		case c.GroupID != "" && groups[c.GroupID]:
			// Listed under its group.
		case len(blocks) > 0 && blocks[len(blocks)-1].Group == nil:
			blocks[len(blocks)-1].Rows = append(blocks[len(blocks)-1].Rows, rowOf(c))
		default:
			blocks = append(blocks, componentBlock{Rows: []componentRow{rowOf(c)}})
		}
	}
	return blocks
}

// rowOf is a component as published (model.State.Components).
func rowOf(c history.ComponentState) componentRow {
	return componentRow{ID: c.ID, Name: c.Name, Description: c.Description, Status: c.Status, LastChanged: c.LastChanged, NoUptime: c.NoUptime}
}

// removedComponents lists the components that vanished upstream, newest
// removal first, so a reader learns what became of them.
func removedComponents(all []history.ComponentState, labels model.Labels) []removedRow {
	var out []removedRow
	for _, c := range all {
		if !c.RemovedAt.IsZero() {
			out = append(out, removedRow{Label: labels[c.ID], RemovedAt: c.RemovedAt})
		}
	}
	slices.SortStableFunc(out, func(a, b removedRow) int {
		return cmp.Or(b.RemovedAt.Compare(a.RemovedAt), cmp.Compare(a.Label, b.Label))
	})
	return out
}

// pageLink is a named address.
type pageLink struct{ Name, URL string }

// relate fills in what ties p to other entries: its retirement and
// successor, its company and that company's other pages.
func (v *providerView) relate(p *catalog.Provider, cat *catalog.Catalog, u paths.Links) {
	page := func(q *catalog.Provider) pageLink { return pageLink{q.Name, u.Path(paths.ProviderPage(q.Slug))} }
	v.Retired, v.Family, v.Unreadable = p.Retired, p.Family, cat.Hosting.Unreadable(p)
	if r := p.Retired; r != nil && r.Successor != "" {
		if next, ok := cat.Provider(r.Successor); ok {
			l := page(next)
			v.Successor = &l
		} else {
			v.Successor = &pageLink{host(r.Successor), r.Successor}
		}
	}
	if head, ok := cat.Provider(p.Family); ok {
		l := page(head)
		v.Company = &l
	}
	for _, q := range cat.Pages(p.Head()) {
		if q.Slug != p.Slug {
			v.Pages = append(v.Pages, page(q))
		}
	}
}

// adapterOf is the adapter that reads p (model.Vendor), or "" for an
// "adapter: auto" entry whose vendor is not detected yet.
func adapterOf(p *catalog.Provider, c model.Check) string {
	name, detected := model.Vendor(p, c)
	if p.Adapter == catalog.AutoAdapter && !detected {
		return ""
	}
	return name
}

// About is the provider's description, or where the catalogue has none a
// sentence made of the listing's facts alone, never an invented one.
func (v *providerView) About() string {
	if v.Description != "" {
		return v.Description
	}
	how := "listed automatically from a public list"
	if v.Manual {
		how = "added by a contributor"
	}
	if v.Verified {
		return fmt.Sprintf("%s official status page, %s and reviewed by a maintainer.", v.Possessive(), how)
	}
	return fmt.Sprintf("%s official status page, %s; not yet reviewed.", v.Possessive(), how)
}

// OfficialHost is the official status page's host, for link text.
func (v *providerView) OfficialHost() string { return host(v.Official) }

// HomepageHost is the provider's website host, for link text.
func (v *providerView) HomepageHost() string { return host(v.Homepage) }

func host(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		return strings.TrimPrefix(u.Host, "www.") + strings.TrimRight(u.EscapedPath(), "/")
	}
	return raw
}

// qa is one question of a provider page's FAQ and its answer.
type qa struct {
	Q, A string
}

// faq answers, from what we know, the questions people search for.
func (v *providerView) faq() []qa {
	return append([]qa{
		{Q: "Is " + v.Name + " down right now?", A: v.downAnswer()},
		{Q: "When was the last " + v.Name + " outage?", A: v.lastOutageAnswer()},
		{Q: "How is " + v.Possessive() + " uptime computed?", A: v.uptimeAnswer()},
		{Q: "How often does Uptimus check " + v.Name + "?", A: v.checkAnswer()},
	}, v.reliabilityFAQ()...)
}

func (v *providerView) downAnswer() string {
	if v.NoData {
		return "Uptimus has not collected " + v.Possessive() + " status yet. Its official status page is " + v.Official + "."
	}
	if v.Stale {
		a := "Uptimus cannot tell right now: its data on " + v.Name + " is out of date"
		if !v.AsOf.IsZero() {
			a += " (the last successful check was " + v.AsOf.UTC().Format(dateLayout+", 15:04 UTC") + ", when it showed " + v.LastKnown() + ")"
		}
		return a + ". The official status page, " + v.Official + ", has the current state."
	}
	var a string
	switch {
	case v.Derived:
		a = fmt.Sprintf("Uptimus reads %s as %s: %s.", v.Name, strings.ToLower(v.Status.Label()), v.DerivedReason())
	case v.StatusText != "":
		a = fmt.Sprintf("%s: %s. Its official status page says \u201c%s\u201d.", v.Name, strings.ToLower(v.Status.Label()), v.StatusText)
	default:
		a = fmt.Sprintf("%s: %s, by its official status page.", v.Name, strings.ToLower(v.Status.Label()))
	}
	switch n := len(v.Open); {
	case n == 0 && v.Reason == model.ReasonNoVendorStatus && len(v.MaintActive) == 0:
		// The reason said so already.
	case n == 0:
		a += " No incident is open."
	case n == 1:
		a += " One incident is open: " + v.Open[0].Title + "."
	default:
		a += fmt.Sprintf(" %d incidents are open; the newest is %s.", n, v.Open[0].Title)
	}
	if len(v.MaintActive) > 0 {
		a += " Maintenance is in progress: " + v.MaintActive[0].Title + "."
	}
	return a
}

// DerivedReason says why the status is our reading and not the vendor's
// word (model.State.Reason): the vendor publishes no overall status, so
// it comes from the open incidents and running maintenance; or the
// vendor's overall status says less than what its own page lists.
func (v *providerView) DerivedReason() string {
	switch v.Reason {
	case model.ReasonIncidents:
		return v.saysLess() + "lists " + plural(len(v.Open), "open incident", "open incidents") + ", so this is the worst impact among them"
	case model.ReasonComponents:
		return v.saysLess() + "shows components in a worse state, so this is the worst of them"
	case model.ReasonMaintenance:
		return v.saysLess() + "lists maintenance in progress"
	case model.ReasonPageStatus:
		return "the official page shows no overall status we can read, so this is the worst state of its components, open incidents and maintenance in progress"
	}
	const none = "the official page publishes no overall status, "
	switch open, maint := len(v.Open) > 0, len(v.MaintActive) > 0; {
	case open && maint:
		return none + "so this is the worst of its open incidents and the maintenance in progress"
	case open:
		return none + "so this is the worst impact of its open incidents"
	case maint:
		return none + "so this is the maintenance in progress"
	}
	quiet := none + "and it lists no open incident and no maintenance in progress"
	if n := len(v.Unclosed); n > 0 {
		// The incidents it never closed are listed on the same page: the
		// reason must not read as if there were none.
		verb := "are"
		if n == 1 {
			verb = "is"
		}
		return quiet + "; " + plural(n, "incident", "incidents") + " it never closed " + verb + " below"
	}
	return quiet
}

// saysLess begins DerivedReason's sentence for a vendor whose overall
// status says less than its page lists.
func (v *providerView) saysLess() string {
	switch {
	case v.StatusText != "":
		return "the official page says \u201c" + v.StatusText + "\u201d, yet it "
	case v.VendorStatus.Rank() > 0:
		return "the official page's overall status reads " + strings.ToLower(v.VendorStatus.Label()) + ", yet it "
	}
	return "the official page gives no overall status now, but it "
}

func (v *providerView) lastOutageAnswer() string {
	for _, r := range v.Incidents {
		if r.Impact != adapters.ImpactMajor && r.Impact != adapters.ImpactCritical {
			continue
		}
		a := fmt.Sprintf("The latest outage on record is \u201c%s\u201d (%s), which started %s", r.Title, strings.ToLower(model.ImpactLabel(r.Impact)), r.Start.UTC().Format(dateLayout+", 15:04 UTC"))
		switch {
		case r.Unconfirmed:
			return a + " and was still ongoing at our last successful check."
		case r.Ongoing:
			return a + " and is still ongoing."
		case r.Duration != "":
			return a + " and lasted " + r.Duration + "."
		}
		return a + "."
	}
	if v.KnownSince.IsZero() {
		return "No outage is on record: Uptimus has no history of " + v.Name + " yet."
	}
	return "No major or critical incident is on record since " + v.KnownSince.UTC().Format(dateLayout) + ", when our record of " + v.Name + " begins."
}

func (v *providerView) uptimeAnswer() string {
	a := uptime.Explain()
	if v.Uptime.Known {
		a = fmt.Sprintf("%s uptime is %s over the last %s days we know of. %s", v.Possessive(), v.Uptime, daysText(v.Uptime.KnownDays()), a)
	}
	return a
}

// faqLD is the FAQPage structured data of a provider page.
func faqLD(faq []qa) ldFAQ {
	page := ldFAQ{Context: schemaOrg, Type: "FAQPage"}
	for _, x := range faq {
		page.Questions = append(page.Questions, ldQuestion{Type: "Question", Name: x.Q, Answer: ldAnswer{Type: "Answer", Text: x.A}})
	}
	return page
}

// detached is the view without its link to the history: what the
// provider's own page and the pages about many providers show. Its rows no
// longer reach their incident or neighbours, so a build can let each
// history go once its incident pages are out.
func (v *providerView) detached() *providerView {
	c := *v
	c.Open, c.MaintActive, c.MaintSoon, c.MaintDone = detach(v.Open), detach(v.MaintActive), detach(v.MaintSoon), detach(v.MaintDone)
	c.MaintWeek, c.MaintUnclosed = detach(v.MaintWeek), detach(v.MaintUnclosed)
	c.Cause.Open, c.Cause.Maint = detachOne(v.Cause.Open), detachOne(v.Cause.Maint)
	// The page lists only the recent incidents (and counts them all).
	c.Incidents, c.Recent, c.all = nil, detach(v.Recent), nil
	// The excerpts hold on to the bodies they were asked for.
	c.excerpts = nil
	return &c
}

// detachOne is detach of one row, nil staying nil.
func detachOne(r *incidentRow) *incidentRow {
	if r == nil {
		return nil
	}
	return detach([]*incidentRow{r})[0]
}

// detach copies rows without their source incident and neighbours.
func detach(rows []*incidentRow) []*incidentRow {
	out := make([]*incidentRow, len(rows))
	for i, r := range rows {
		c := *r
		c.src, c.prev, c.next = nil, nil, nil
		out[i] = &c
	}
	return out
}

// providerFreshUntil is when a provider's page turns out of date, or zero
// when it shows no live status to turn: retired, not collected yet or
// already stale (provider.html).
func providerFreshUntil(v *providerView) time.Time {
	if v.Retired != nil || v.NoData || v.Stale {
		return time.Time{}
	}
	return v.FreshUntil
}
