package model

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
)

// Check is what the fetch runs learned about reaching one provider. It
// changes on every run, so it lives in the fetch cache, never in data/
// (where it would make a commit every run).
type Check struct {
	// LastAttempt is when the provider was last fetched, successfully or not.
	LastAttempt time.Time `json:"last_attempt"`
	// LastOK is when a fetch last succeeded.
	LastOK time.Time `json:"last_ok,omitzero"`
	// LastError is why the last attempt failed, or empty.
	LastError string `json:"last_error,omitempty"`
	// LastHTTPStatus is the HTTP status that failed it, if one did.
	LastHTTPStatus int `json:"last_http_status,omitempty"`
	// FailingSince is the first of the attempts failing now, or zero.
	FailingSince time.Time `json:"failing_since,omitzero"`
	// URL is the status page these records are about: when a pull request
	// changes a provider's URL, its backoff and detection start over.
	URL string `json:"url,omitempty"`
	// Failures counts the attempts failing in a row, and NextAttempt is
	// the earliest time a scheduled run fetches the provider again: a
	// provider that keeps failing is checked less and less often, down to
	// once a day (see fetch.Backoff).
	Failures    int       `json:"failures,omitempty"`
	NextAttempt time.Time `json:"next_attempt,omitzero"`
	// Detected is the adapter the probe found for an "adapter: auto"
	// entry, Evidence what showed it and DetectedAt when; the fetcher uses
	// it until the page stops answering in that format.
	Detected   string    `json:"detected,omitempty"`
	Evidence   string    `json:"evidence,omitempty"`
	DetectedAt time.Time `json:"detected_at,omitzero"`
	// Self is what the page said of itself at the last fetch that read it,
	// compared with the catalogue's entry.
	Self *SelfCheck `json:"self,omitempty"`
}

// SelfCheck is a page's own name and address, when they were read, and
// whether they agree with the entry (catalog.NamesSelf); Why says what
// disagrees.
type SelfCheck struct {
	Name  string    `json:"name,omitempty"`
	URL   string    `json:"url,omitempty"`
	At    time.Time `json:"at"`
	Agree bool      `json:"agree"`
	Why   string    `json:"why,omitempty"`
	// AgreeSince is the first check of the run of checks that agree, up
	// to At; zero while they disagree. A week of it makes an entry's
	// review worth proposing.
	AgreeSince time.Time `json:"agree_since,omitzero"`
}

// Vendor is the adapter that reads p: its catalogue entry's, or for
// "adapter: auto" the one the runs detected at p's URL ("auto" until
// then); detected says it came from detection.
func Vendor(p *catalog.Provider, c Check) (name string, detected bool) {
	if p.Adapter == catalog.AutoAdapter && c.Detected != "" && c.URL == p.URL {
		return c.Detected, true
	}
	return p.Adapter, false
}

// PublishesStatus reports whether p's vendor (for "adapter: auto", the one
// the runs detected) publishes an overall status of its own, by caps; a
// vendor caps does not know is asked of unknown.
func PublishesStatus(p *catalog.Provider, c Check, caps map[string]adapters.Capabilities, unknown bool) bool {
	v, _ := Vendor(p, c)
	cp, ok := caps[v]
	if !ok {
		return unknown
	}
	return cp.Status
}

// Failed reports whether the last attempt failed.
func (c Check) Failed() bool { return c.LastError != "" }

// Problem says in a plain sentence's words what went wrong at the last
// attempt ("answered 404 Not Found"), for readers; LastError keeps the
// details for maintainers.
func (c Check) Problem() string {
	switch {
	case !c.Failed():
		return ""
	case c.LastHTTPStatus != 0:
		return fmt.Sprintf("answered %d %s", c.LastHTTPStatus, http.StatusText(c.LastHTTPStatus))
	}
	return "could not be read"
}

// DataStaleAfter is how long after our last successful check a provider's
// data stops being current. The schedule runs every 15 minutes, but
// GitHub's scheduler starts runs up to an hour late and drops some when it
// is busy: three hours is twelve intervals, so one late or lost run never
// marks a provider stale, and a source failing for a morning always does.
const DataStaleAfter = 3 * time.Hour

// State is a provider at a point in time, as every output publishes it:
// the banner, counters, FAQ and structured data of its pages, the home and
// category cards, status.json and the provider JSON, the badges and the
// feeds all read this one value, so they can never disagree.
type State struct {
	// Status is what we publish: Unknown when we have no data or when our
	// data is stale, otherwise Current.
	Status adapters.Status
	// Current is the status our data shows: the vendor's overall status
	// as it says it now, overruled only where it says operational,
	// maintenance or nothing while its page lists worse (a Statuspage
	// indicator can read "none" while an incident is open); or, for
	// vendors that publish no overall status, the worst impact of the
	// ongoing incidents and running maintenance (see current).
	Current adapters.Status
	// Derived is true when Current is ours, not the vendor's word, and
	// Reason says why (see Reason); VendorText is empty when the vendor
	// publishes no overall status (vendorless: by its capabilities, so
	// its components come from its incidents too).
	Derived    bool
	Reason     Reason
	vendorless bool
	// Vendor is the vendor's own overall status, unknown when it
	// published none we could read (operational for a vendor that
	// publishes none at all, see Reason).
	Vendor adapters.Status
	// VendorText is the vendor's own description of its status ("All
	// Systems Operational"), the only text pages may put in quotes.
	VendorText string
	// Since is when Current began, by the vendor's times where it gives
	// them, else a change we observed; SinceAtLeast says neither is known
	// and Since is only our first check (see since).
	Since        time.Time
	SinceAtLeast bool
	// Changed is the latest time anything of the provider changed: Since,
	// its components, events and incidents (see Updated).
	Changed time.Time
	// Components are the components as published (nil: no data): the
	// vendor's states, or, for a vendor that publishes no overall status
	// and derives its components from its incidents (AWS, Google Cloud),
	// the worst impact of the Open incidents that name each, so that an
	// incident gone silent stops marking its components down with it.
	Components []history.ComponentState
	// Open are the ongoing incidents, and Maintenance the windows in
	// progress, newest start first. Incidents the vendor never closed and
	// left silent for StaleAfter are neither.
	Open        []*adapters.Incident
	Maintenance []*adapters.Incident
	// Unclosed are the incidents the vendor never closed and left silent
	// for StaleAfter (PhaseStale), newest start first: not ongoing, but
	// not over either as far as anyone knows. Pages list them with the
	// vendor's last word, and the components they name read unknown (see
	// Unclosed).
	Unclosed []*adapters.Incident
	// overrun are the windows past their planned end the vendor never
	// closed (PhaseStale): no longer in progress, but while the vendor
	// still says maintenance, their start is still its time for it.
	overrun []*adapters.Incident
	// NoData is true until a fetch has brought anything.
	NoData bool
	// Stale is true when our last successful check is older than
	// DataStaleAfter (or none ever succeeded while attempts fail). Then
	// Current, Components, Open and Maintenance are what our data showed
	// at AsOf, not the state now: pages say so and never count them live.
	Stale bool
	// AsOf is, while Stale, when our data was last current: our last
	// successful check, or when data/ records we stopped seeing the
	// provider (a build without the fetch cache); zero when neither is
	// known, and always zero while not Stale.
	AsOf time.Time
	// Check is when we last tried and last succeeded.
	Check Check
	// Excerpts holds the excerpts of update bodies the outputs of this
	// provider have asked for, for the next one to ask.
	Excerpts *Excerpts
}

// StateOf computes the state of a provider from its history (nil: none
// yet), the fetch check, whether its vendor publishes an overall status, and
// the clock.
func StateOf(h *history.History, c Check, vendorStatus bool, now time.Time) State {
	s := State{Status: adapters.Unknown, Current: adapters.Unknown, Check: c, Excerpts: &Excerpts{}}
	if !vendorStatus {
		s.vendorless = true
		s.Derived, s.Reason = true, ReasonNoVendorStatus
	}
	if h == nil || h.State.FirstChecked.IsZero() && len(h.Incidents) == 0 && len(h.State.Components) == 0 {
		s.NoData = true
		return s
	}
	for i := range h.Incidents {
		inc := &h.Incidents[i]
		switch PhaseOf(inc, now) {
		case PhaseOngoing:
			s.Open = append(s.Open, inc)
		case PhaseInProgress:
			s.Maintenance = append(s.Maintenance, inc)
		case PhaseStale:
			if inc.Kind == adapters.KindIncident {
				s.Unclosed = append(s.Unclosed, inc)
			} else {
				s.overrun = append(s.overrun, inc)
			}
		}
	}
	newestFirst := func(a, b *adapters.Incident) int {
		return cmp.Or(Start(b).Compare(Start(a)), cmp.Compare(a.ID, b.ID))
	}
	slices.SortStableFunc(s.Open, newestFirst)
	slices.SortStableFunc(s.Maintenance, newestFirst)
	slices.SortStableFunc(s.Unclosed, newestFirst)
	slices.SortStableFunc(s.overrun, newestFirst)
	s.Vendor = s.vendorStatus(h)
	s.Current = s.current(h)
	s.Since, s.SinceAtLeast = s.since(h)
	s.Changed = Updated(h)
	if !s.SinceAtLeast {
		s.Changed = Latest(s.Changed, s.Since)
	}
	s.Components = s.components(h.State.Components)
	if !s.vendorless {
		s.VendorText = h.State.Description
	}
	// The fetch cache tells staleness to the minute; data/ keeps the
	// stretches we could not see the provider, which a build without the
	// cache (a fresh clone) still reads.
	unseen := history.UnseenSince(h)
	s.Stale = dataStale(c, now) || !unseen.IsZero() && now.Sub(unseen) > DataStaleAfter
	s.Status = s.Current
	if s.Stale {
		s.Status = adapters.Unknown
		s.AsOf = Latest(c.LastOK, unseen)
	}
	return s
}

// Reason says why a provider's status is ours and not the vendor's word.
type Reason string

// The reasons, in the words the API publishes (status_derived_reason).
const (
	// ReasonNoVendorStatus: the vendor publishes no overall status; ours
	// is the worst of its open incidents and running maintenance.
	ReasonNoVendorStatus Reason = "no_vendor_status"
	// ReasonIncidents: the vendor's overall status says operational,
	// maintenance or nothing while it lists an open incident with impact.
	ReasonIncidents Reason = "open_incidents"
	// ReasonComponents: it says operational, maintenance or nothing while
	// one of its components is worse.
	ReasonComponents Reason = "components"
	// ReasonMaintenance: it says operational or nothing while a window it
	// lists is in progress.
	ReasonMaintenance Reason = "maintenance"
	// ReasonPageStatus: the vendor's page shows no overall status we can
	// read, or only that something is wrong (Instatus's "has issues"); its
	// adapter made it from the page's components, open incidents and
	// running maintenance (adapters.Snapshot.StatusDerived).
	ReasonPageStatus Reason = "status_from_page"
)

// Reasons lists every Reason, for the API's schema.
var Reasons = []Reason{ReasonNoVendorStatus, ReasonIncidents, ReasonComponents, ReasonMaintenance, ReasonPageStatus}

// vendorStatus is the vendor's overall status: operational for a vendor
// that publishes none, unknown when it published nothing readable.
func (s *State) vendorStatus(h *history.History) adapters.Status {
	if s.vendorless {
		return adapters.Operational
	}
	if st := h.State.Status; st.Valid() && st != "" {
		return st
	}
	return adapters.Unknown
}

// current is the status our data shows, following what the vendor says
// now. A vendor that states unplanned trouble (degraded or worse) is
// taken at its word: the impact an open incident had when it was created
// (Statuspage rarely lowers it) never outranks the vendor's current
// indicator. A vendor whose status says operational, maintenance or
// nothing is overruled by what it lists itself: open incidents with
// impact, a window in progress, components in a worse state (groups and
// removed ones aside). The worst of them sets the status, and the first
// in that order to reach it names the reason; s.Derived and s.Reason
// then say so. Planned maintenance so never hides unplanned trouble.
func (s *State) current(h *history.History) adapters.Status {
	st := s.vendorStatus(h)
	if h.State.StatusDerived && !s.vendorless {
		s.Derived, s.Reason = true, ReasonPageStatus
	}
	if st.Rank() > adapters.Maintenance.Rank() && !s.vendorless {
		return st
	}
	raise := func(to adapters.Status, why Reason) {
		if to.Rank() > st.Rank() {
			st = to
			if !s.vendorless {
				s.Derived, s.Reason = true, why
			}
		}
	}
	for _, inc := range s.Open {
		raise(s.level(inc), ReasonIncidents)
	}
	// A window in progress explains its components' maintenance state:
	// it is named before them.
	if len(s.Maintenance) > 0 {
		raise(adapters.Maintenance, ReasonMaintenance)
	}
	if !s.vendorless {
		for _, c := range h.State.Components {
			if !c.Group && c.RemovedAt.IsZero() && c.Status != adapters.Unknown {
				raise(c.Status, ReasonComponents)
			}
		}
	}
	return st
}

// since is when Current began, and whether that is only "at least" our
// first check. The vendor's own time comes first; a change of its overall
// status we observed bounds it: a vendor time before the state we saw
// end before it does not date this state (an incident that started at a
// higher impact and was lowered since), and failing a vendor time after
// it the observation dates the state. With neither, all we know is that
// the state held at our first check, which we never print as its start.
// An observation made as we saw the provider again after a stretch we
// could not (a failing source) dates nothing either: the state began
// somewhere in that stretch, so it is only "since at least" that check.
func (s *State) since(h *history.History) (time.Time, bool) {
	seen, before, from := s.observedChange(h)
	vendor := s.vendorTime(h, before)
	if from.Rank() > s.Current.Rank() && s.Current != adapters.Operational {
		// The worse status held at our first check, or when we saw it
		// begin: the fall came after.
		vendor = s.loweredAt(h, Latest(before, h.State.FirstChecked), seen)
	}
	switch {
	case !vendor.IsZero() && (seen.IsZero() || !vendor.After(seen)):
		return vendor, seenAgain(h, vendor)
	case !seen.IsZero():
		return seen, seenAgain(h, seen)
	}
	return h.State.FirstChecked, true
}

// seenAgain reports whether t is the check at which we saw the provider
// again after a stretch we could not see it: a time of ours (an end we
// observed, as an incident an active-only source stopped listing), not
// the vendor's, that bounds a change made during the stretch.
func seenAgain(h *history.History, t time.Time) bool {
	for _, sp := range h.State.Unseen {
		if sp.To.Equal(t) {
			return true
		}
	}
	return false
}

// vendorTime is when the vendor says Current began: for trouble, the
// earliest start of the open incidents and running maintenance (failing
// that, the newest overrun window) at Current's level, or change of a component at that level (one whose last
// change is not merely when we first saw it); for operational, the latest
// end of an incident, window or component trouble since our first check.
// Only times after the given one count. Zero when the vendor gives none.
func (s *State) vendorTime(h *history.History, after time.Time) time.Time {
	if s.Current == adapters.Operational {
		if calm := s.calmSince(h); calm.After(after) {
			return calm
		}
		return time.Time{}
	}
	var first time.Time
	take := func(t time.Time) {
		if t.After(after) && (first.IsZero() || t.Before(first)) {
			first = t
		}
	}
	for _, inc := range slices.Concat(s.Open, s.Maintenance) {
		level := s.level(inc)
		if inc.Kind == adapters.KindMaintenance {
			level = adapters.Maintenance
		}
		if level == s.Current {
			take(s.levelSince(inc, level))
		}
	}
	if s.Current == adapters.Maintenance && len(s.Maintenance) == 0 && len(s.overrun) > 0 {
		// No window runs by its schedule, but the vendor still says
		// maintenance: the newest window it never closed is the one.
		take(Start(s.overrun[0]))
	}
	if !s.vendorless {
		for _, c := range h.State.Components {
			if !c.Group && c.RemovedAt.IsZero() && c.Status == s.Current && changeDated(c, h.State.FirstChecked) {
				take(c.LastChanged)
			}
		}
	}
	return first
}

// loweredAt is when the vendor says trouble fell to Current (degraded or
// a partial outage) from the worse level we saw end at seen: the latest
// end, after the given time and by seen, of what was worse (an incident
// resolved, a component's change to Current's level or below, an update
// of an incident that was open before and stands at Current's level now).
// An incident at Current's level that started meanwhile does not date it:
// something worse still held then. (A window's start dates maintenance,
// and calmSince operational.) Zero when the vendor gives none.
func (s *State) loweredAt(h *history.History, after, seen time.Time) time.Time {
	var last time.Time
	take := func(t time.Time) {
		if t.After(after) && !t.After(seen) {
			last = Latest(last, t)
		}
	}
	for i := range h.Incidents {
		inc := &h.Incidents[i]
		if inc.Kind == adapters.KindMaintenance {
			continue
		}
		switch {
		case s.level(inc).Rank() > s.Current.Rank():
			take(End(inc))
		case inc.Open() && s.level(inc) == s.Current && !Start(inc).After(after):
			// Open already when the worse status began, and at Current's
			// level now: the vendor lowered it, with its newest update
			// by seen (Azure's edit in place that retitled it).
			for j := range inc.Updates {
				take(UpdateTime(&inc.Updates[j]))
			}
		}
	}
	if !s.vendorless {
		for _, c := range h.State.Components {
			if !c.Group && c.RemovedAt.IsZero() && c.Status.Rank() > 0 && c.Status.Rank() <= s.Current.Rank() && changeDated(c, h.State.FirstChecked) {
				take(c.LastChanged)
			}
		}
	}
	return last
}

// calmSince is the latest end of trouble the vendor dated after our first
// check: an incident with impact resolved, a window completed, a
// component's return to operational. Earlier ends prove nothing: trouble
// between them and our first check may have gone unrecorded.
func (s *State) calmSince(h *history.History) time.Time {
	var last time.Time
	for i := range h.Incidents {
		inc := &h.Incidents[i]
		if inc.Kind == adapters.KindIncident && s.level(inc) == adapters.Operational {
			continue
		}
		last = Latest(last, End(inc))
	}
	if !s.vendorless {
		for _, c := range h.State.Components {
			if !c.Group && c.RemovedAt.IsZero() && c.Status == adapters.Operational && changeDated(c, h.State.FirstChecked) {
				last = Latest(last, c.LastChanged)
			}
		}
	}
	if last.Before(h.State.FirstChecked) {
		return time.Time{}
	}
	return last
}

// changeDated reports whether c's LastChanged dates a change, by the
// vendor or seen by us, rather than our first sight of it (at its first
// sighting, or at our first check, nothing can have been seen changing).
func changeDated(c history.ComponentState, firstChecked time.Time) bool {
	t := c.LastChanged
	return !t.IsZero() && !t.Equal(c.FirstSeen) && !t.Equal(firstChecked)
}

// observedChange is when we saw the vendor's overall status change to
// Current, from which status, and when we had seen it change before that
// (zero: never); zero when the vendor's status is not Current or we never
// saw it change. Our first look records the status without a change: it
// dates nothing.
func (s *State) observedChange(h *history.History) (seen, before time.Time, from adapters.Status) {
	if h.State.Status != s.Current || h.State.StatusSince.IsZero() {
		return time.Time{}, time.Time{}, ""
	}
	found := 0 // overall events found, newest first
	for i := len(h.Events) - 1; i >= 0 && found < 2; i-- {
		if e := h.Events[i]; e.ComponentID == "" {
			if found == 0 {
				seen, from = e.At, e.From
			} else {
				before = e.At
			}
			found++
		}
	}
	if found == 0 || !seen.Equal(h.State.StatusSince) {
		return time.Time{}, time.Time{}, ""
	}
	return seen, before, from
}

// components are the published states of cs (see State.Components).
func (s *State) components(cs []history.ComponentState) []history.ComponentState {
	out := slices.Clone(cs)
	for i := range out {
		c := &out[i]
		switch {
		case s.vendorless:
			c.Status = s.derivedStatus(c.ID)
		case !c.Status.Valid() || c.Status == "":
			c.Status = adapters.Unknown
		}
		if c.Status == adapters.Operational && !UnclosedSince(s.Unclosed, c).IsZero() {
			c.Status = adapters.Unknown
		}
	}
	rollUpGroups(out)
	return out
}

// UnclosedSince is when the vendor last spoke of an incident it never
// closed that names c (by id, or its group's): from then on nothing tells
// whether c recovered, so it counts as unknown, not operational, in the
// state and the uptime. It is the zero time when no such incident names c,
// or when the vendor changed c's state after that incident's last word
// (the vendor spoke again).
func UnclosedSince(unclosed []*adapters.Incident, c *history.ComponentState) time.Time {
	var since time.Time
	for _, inc := range unclosed {
		if inc.Impact == adapters.ImpactNone {
			// A notice that claims no impact says nothing is down.
			continue
		}
		for _, ref := range Affected(inc) {
			if ref.ID == "" || ref.ID != c.ID && ref.ID != c.GroupID {
				continue
			}
			if last := LastActivity(inc); c.LastChanged.Before(last) || c.LastChanged.Equal(last) {
				since = Latest(since, last)
			}
		}
	}
	return since
}

// level is the status an incident stands for: its impact's. For a vendor
// without an overall status, an incident whose impact its source does not
// state at all (a feed: impact none, no word for it) is trouble of unknown
// degree, not a notice: degraded, as the feed's own reading has it, so that
// an incident under investigation never reads "Operational".
func (s *State) level(inc *adapters.Incident) adapters.Status {
	if s.vendorless && inc.Kind != adapters.KindMaintenance && inc.Impact == adapters.ImpactNone && inc.ImpactRaw == "" {
		return adapters.Degraded
	}
	return inc.Impact.Status()
}

// levelSince is when an open incident reached level: for a vendor
// without an overall status, whose incidents set their components'
// states, the oldest of the newest updates that put the components at
// level (AWS's item that lowered a disruption to an impact), the updates
// that state no state (a message) aside. Otherwise, or when no update
// states level, its start.
func (s *State) levelSince(inc *adapters.Incident, level adapters.Status) time.Time {
	if !s.vendorless {
		return Start(inc)
	}
	ups := slices.Clone(inc.Updates)
	slices.SortStableFunc(ups, func(a, b adapters.Update) int { return UpdateTime(&b).Compare(UpdateTime(&a)) })
	var since time.Time
	for i := range ups {
		st := updateLevel(&ups[i])
		if st == "" {
			continue
		}
		if st != level {
			break
		}
		since = UpdateTime(&ups[i])
	}
	if since.IsZero() || since.Before(Start(inc)) {
		return Start(inc)
	}
	return since
}

// updateLevel is the worst state an update gives the components it
// names, "" when it gives none.
func updateLevel(up *adapters.Update) adapters.Status {
	var st adapters.Status
	for _, c := range up.Components {
		if c.Status != "" && (st == "" || c.Status.Rank() > st.Rank()) {
			st = c.Status
		}
	}
	return st
}

// derivedStatus is the worst impact of the Open incidents that name the
// component id, operational when none does.
func (s *State) derivedStatus(id string) adapters.Status {
	st := adapters.Operational
	for _, inc := range s.Open {
		for _, ref := range Affected(inc) {
			if ref.ID == id {
				st = adapters.Worst(st, s.level(inc))
			}
		}
	}
	return st
}

// dataStale reports whether our data is no longer current at now: the last
// successful check is over DataStaleAfter old, or none is recorded while
// attempts fail. Without any check recorded (a build from a fresh clone
// with no fetch cache) nothing can be said, and the data is not called
// stale.
func dataStale(c Check, now time.Time) bool {
	if c.LastOK.IsZero() {
		return c.Failed()
	}
	return now.Sub(c.LastOK) > DataStaleAfter
}

// Updated is the latest time anything of the provider changed: its status,
// a component, an event, an incident.
func Updated(h *history.History) time.Time {
	if h == nil {
		return time.Time{}
	}
	t := h.State.StatusSince
	for _, c := range h.State.Components {
		t = Latest(t, c.LastChanged)
	}
	for _, e := range h.Events {
		t = Latest(t, e.At)
	}
	for i := range h.Incidents {
		t = Latest(t, LastActivity(&h.Incidents[i]))
	}
	return t
}
