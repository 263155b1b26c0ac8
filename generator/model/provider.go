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
	// Current is the status our data shows: the vendor's overall status,
	// made worse by ongoing incidents and running maintenance it lists
	// (a Statuspage indicator can read "none" while an incident is open),
	// or, for vendors that publish no overall status, the worst impact of
	// the ongoing incidents alone.
	Current adapters.Status
	// Derived is true when the vendor publishes no overall status of its
	// own, so Current is ours; VendorText is then empty.
	Derived bool
	// VendorText is the vendor's own description of its status ("All
	// Systems Operational"), the only text pages may put in quotes.
	VendorText string
	// Since is when Current began: when the ongoing incidents or running
	// maintenance that make it worse than the vendor's status started,
	// else the vendor's status as published or observed; SinceAtLeast
	// says it is only our first check.
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
}

// StateOf computes the state of a provider from its history (nil: none
// yet), the fetch check, whether its vendor publishes an overall status, and
// the clock.
func StateOf(h *history.History, c Check, vendorStatus bool, now time.Time) State {
	s := State{Status: adapters.Unknown, Current: adapters.Unknown, Derived: !vendorStatus, Check: c}
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
		}
	}
	newestFirst := func(a, b *adapters.Incident) int {
		return cmp.Or(Start(b).Compare(Start(a)), cmp.Compare(a.ID, b.ID))
	}
	slices.SortStableFunc(s.Open, newestFirst)
	slices.SortStableFunc(s.Maintenance, newestFirst)
	s.Current = s.current(h)
	s.Since, s.SinceAtLeast = s.since(h)
	s.Changed = Updated(h)
	if !s.SinceAtLeast {
		s.Changed = Latest(s.Changed, s.Since)
	}
	s.Components = s.components(h.State.Components)
	if !s.Derived {
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

// vendorStatus is the status the vendor publishes, which ongoing incidents
// and running maintenance can only make worse; operational for a vendor
// that publishes none.
func (s *State) vendorStatus(h *history.History) adapters.Status {
	if s.Derived {
		return adapters.Operational
	}
	if st := h.State.Status; st.Valid() && st != "" {
		return st
	}
	return adapters.Unknown
}

func (s *State) current(h *history.History) adapters.Status {
	st := s.vendorStatus(h)
	for _, inc := range s.Open {
		st = adapters.Worst(st, inc.Impact.Status())
	}
	if len(s.Maintenance) > 0 {
		st = adapters.Worst(st, adapters.Maintenance)
	}
	return st
}

// since is when Current began. When ongoing incidents or running
// maintenance made it worse than the vendor's status, that is the earliest
// start among those at Current's level: a window that began by the clock,
// or an incident the vendor's status does not reflect, starts it, not the
// vendor's last change. Otherwise it is the vendor's status_since, or at
// least our first check.
func (s *State) since(h *history.History) (time.Time, bool) {
	if s.Current != s.vendorStatus(h) {
		var first time.Time
		for _, inc := range slices.Concat(s.Open, s.Maintenance) {
			level := inc.Impact.Status()
			if inc.Kind == adapters.KindMaintenance {
				level = adapters.Maintenance
			}
			if t := Start(inc); level == s.Current && !t.IsZero() && (first.IsZero() || t.Before(first)) {
				first = t
			}
		}
		if !first.IsZero() {
			return first, false
		}
	}
	if t := h.State.StatusSince; !t.IsZero() {
		return t, false
	}
	return h.State.FirstChecked, true
}

// components are the published states of cs (see State.Components).
func (s *State) components(cs []history.ComponentState) []history.ComponentState {
	out := slices.Clone(cs)
	for i := range out {
		c := &out[i]
		switch {
		case s.Derived:
			c.Status = s.derivedStatus(c.ID)
		case !c.Status.Valid() || c.Status == "":
			c.Status = adapters.Unknown
		}
	}
	return out
}

// derivedStatus is the worst impact of the Open incidents that name the
// component id, operational when none does.
func (s *State) derivedStatus(id string) adapters.Status {
	st := adapters.Operational
	for _, inc := range s.Open {
		if inc.Impact == adapters.ImpactNone {
			continue
		}
		for _, ref := range Affected(inc) {
			if ref.ID == id {
				st = adapters.Worst(st, inc.Impact.Status())
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
