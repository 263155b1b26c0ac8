// Package adapters owns the normalized status model that every vendor adapter
// produces, the small Adapter interface they implement, and the explicit
// Registry that maps a catalogue's adapter name to its implementation.
//
// An adapter knows HTTP and its vendor's format and nothing else: it turns one
// vendor's responses into a Snapshot with UTC times and our status vocabulary,
// keeping the vendor's own words beside ours.
package adapters

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"
)

// Status is our one vocabulary for the state of a provider or component.
type Status string

// The status vocabulary, from best to worst (maintenance sits between degraded
// and outage: planned, but the service may be unavailable).
const (
	Operational   Status = "operational"
	Degraded      Status = "degraded"
	Maintenance   Status = "maintenance"
	PartialOutage Status = "partial_outage"
	MajorOutage   Status = "major_outage"
	Unknown       Status = "unknown"
)

// Statuses lists every status in display order, best first, unknown last.
var Statuses = []Status{Operational, Maintenance, Degraded, PartialOutage, MajorOutage, Unknown}

// Rank orders statuses by how bad they are; unknown ranks lowest so that any
// real observation outranks it when the worst state of a day is computed.
// Planned maintenance ranks below any unplanned trouble: a provider with a
// window running and an incident open reads "Degraded performance" (with
// the window listed), not "Under maintenance".
func (s Status) Rank() int {
	switch s {
	case Operational:
		return 1
	case Maintenance:
		return 2
	case Degraded:
		return 3
	case PartialOutage:
		return 4
	case MajorOutage:
		return 5
	}
	return 0
}

// Valid reports whether s is one of our status words.
func (s Status) Valid() bool { return s.Rank() > 0 || s == Unknown }

// Label is the human text of a status.
func (s Status) Label() string {
	switch s {
	case Operational:
		return "Operational"
	case Degraded:
		return "Degraded performance"
	case Maintenance:
		return "Under maintenance"
	case PartialOutage:
		return "Partial outage"
	case MajorOutage:
		return "Major outage"
	}
	return "Unknown"
}

// Worst returns the worse of two statuses.
func Worst(a, b Status) Status {
	if b.Rank() > a.Rank() {
		return b
	}
	return a
}

// Impact is how bad an incident is, in Statuspage's widely used scale.
type Impact string

// Incident impacts, least to most severe. Maintenance windows carry
// ImpactMaintenance unless the vendor says otherwise.
const (
	ImpactNone        Impact = "none"
	ImpactMinor       Impact = "minor"
	ImpactMajor       Impact = "major"
	ImpactCritical    Impact = "critical"
	ImpactMaintenance Impact = "maintenance"
)

// Rank orders impacts by severity.
func (i Impact) Rank() int {
	switch i {
	case ImpactMinor:
		return 2
	case ImpactMaintenance:
		return 1
	case ImpactMajor:
		return 3
	case ImpactCritical:
		return 4
	}
	return 0
}

// Status is the component status an impact implies while the incident is open.
func (i Impact) Status() Status {
	switch i {
	case ImpactMinor:
		return Degraded
	case ImpactMajor:
		return PartialOutage
	case ImpactCritical:
		return MajorOutage
	case ImpactMaintenance:
		return Maintenance
	}
	return Operational
}

// Kind tells incidents from maintenance windows.
type Kind string

// Kinds of Incident.
const (
	KindIncident    Kind = "incident"
	KindMaintenance Kind = "maintenance"
)

// Snapshot is everything one fetch learned about one provider.
type Snapshot struct {
	// FetchedAt is the clock's time when the fetch finished.
	FetchedAt time.Time `json:"fetched_at"`
	// Status is the provider's overall status; StatusRaw the vendor's word
	// (for Statuspage the indicator, e.g. "none") and Description its text.
	Status      Status `json:"status"`
	StatusRaw   string `json:"status_raw,omitempty"`
	Description string `json:"description,omitempty"`
	// StatusDerived is true when the vendor's page shows no overall status
	// we can read, so the adapter derived Status from its components and
	// incidents (DerivedStatus): the outputs say it is ours.
	StatusDerived bool `json:"status_derived,omitempty"`
	// Components are flat; groups are components with Group set and their
	// children point to them with GroupID.
	Components []Component `json:"components"`
	// Incidents holds incidents and maintenance windows (see Kind), newest
	// start first, ties broken by id (see SortIncidents), so snapshots
	// compare byte for byte.
	Incidents []Incident `json:"incidents"`
	// IncidentsComplete is true when Incidents is the vendor's whole list
	// (not a window of the newest N), so its oldest entry bounds what we know.
	IncidentsComplete bool `json:"incidents_complete,omitempty"`
	// MaintenanceComplete is true when Incidents holds every maintenance
	// window the vendor still plans or runs (Statuspage's summary lists
	// them all), so that an upcoming window missing from it was withdrawn.
	// IncidentsComplete implies it.
	MaintenanceComplete bool `json:"maintenance_complete,omitempty"`
	// Listing is the adapter's Capabilities.Listing, set by Define's
	// Fetch, so that the merge knows what an incident missing from
	// Incidents tells; empty reads as ListsWindow (nothing).
	Listing Listing `json:"-"`
	// Self is what the page says of itself (Statuspage's page name and
	// URL, a feed's channel title and link, ...), when the vendor says it:
	// the fetcher compares it with the catalogue's entry.
	Self *Self `json:"self,omitempty"`
}

// Self is a status page's own name and address.
type Self struct {
	Name string `json:"name,omitempty"`
	URL  string `json:"url,omitempty"`
}

// NewSelf is what a page says of itself, its name and address trimmed,
// or nil when it says neither. An address that is not an absolute http(s)
// URL says nothing comparable and is dropped.
func NewSelf(name, address string) *Self {
	name, address = strings.Join(strings.Fields(name), " "), strings.TrimSpace(address)
	if u, err := url.Parse(address); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		address = ""
	}
	if name == "" && address == "" {
		return nil
	}
	return &Self{Name: name, URL: address}
}

// Component is one service a provider reports on, or a group of them.
type Component struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Description string    `json:"description,omitempty"`
	Group       bool      `json:"group,omitempty"`
	GroupID     string    `json:"group_id,omitempty"`
	Position    int       `json:"position"`
	Status      Status    `json:"status"`
	StatusRaw   string    `json:"status_raw,omitempty"`
	UpdatedAt   time.Time `json:"updated_at,omitzero"`
	// NoUptime is true when the vendor does not showcase the component
	// (Statuspage's showcase: false): its page shows no uptime for it, and
	// neither do we. Pseudo-components such as GitHub's "Visit
	// www.githubstatus.com for more information" are of this kind.
	NoUptime bool `json:"no_uptime,omitempty"`
}

// Incident is an incident or a maintenance window with its whole timeline.
type Incident struct {
	ID        string `json:"id"`
	Kind      Kind   `json:"kind"`
	Title     string `json:"title"`
	Impact    Impact `json:"impact"`
	ImpactRaw string `json:"impact_raw,omitempty"`
	// Status is the vendor's lifecycle word normalized to lower case
	// (investigating, identified, monitoring, resolved, postmortem,
	// scheduled, in_progress, verifying, completed).
	Status    string    `json:"status"`
	StatusRaw string    `json:"status_raw,omitempty"`
	URL       string    `json:"url,omitempty"`
	CreatedAt time.Time `json:"created_at,omitzero"`
	StartedAt time.Time `json:"started_at,omitzero"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
	// ResolvedAt is zero while the incident is open.
	ResolvedAt time.Time `json:"resolved_at,omitzero"`
	// ScheduledFor and ScheduledUntil bound a maintenance window.
	ScheduledFor   time.Time `json:"scheduled_for,omitzero"`
	ScheduledUntil time.Time `json:"scheduled_until,omitzero"`
	// Components are the affected components.
	Components []ComponentRef `json:"components,omitempty"`
	// Updates are newest first.
	Updates []Update `json:"updates"`
	// WithdrawnAt is set by the history's merge, never by an adapter: the
	// first fetch whose snapshot lists every upcoming window of the vendor
	// (Snapshot.MaintenanceComplete) yet no longer lists this one, before
	// it was due to start. It is cleared when the vendor lists it again.
	WithdrawnAt time.Time `json:"withdrawn_at,omitzero"`
	// ResolvedAsObserved is set by the history's merge, never by an
	// adapter: the vendor lists only active incidents (ListsActive), a
	// successful fetch no longer listed this open one, and the merge set
	// ResolvedAt to that fetch's time. The vendor wrote no resolution.
	// It is cleared when the vendor lists the incident again.
	ResolvedAsObserved bool `json:"resolved_as_observed,omitempty"`
	// Revisions are set by the history's merge, never by an adapter: what
	// a maintenance window showed before each change of its schedule,
	// lifecycle word, title or text, oldest first. A calendar numbers its
	// revisions from them (SEQUENCE), since the window keeps only the
	// latest of each.
	Revisions []Revision `json:"revisions,omitempty"`
}

// Revision is a maintenance window as one copy of it showed it; UpdatedAt
// is that copy's, which orders revisions whatever order the merge saw
// them in.
type Revision struct {
	UpdatedAt      time.Time `json:"updated_at,omitzero"`
	Status         string    `json:"status"`
	Title          string    `json:"title"`
	ScheduledFor   time.Time `json:"scheduled_for,omitzero"`
	ScheduledUntil time.Time `json:"scheduled_until,omitzero"`
	// Text sums the updates' ids and words (TextSum), so that an update
	// the vendor edited in place is a change a calendar must number, with
	// a few bytes kept rather than the text itself.
	Text string `json:"text,omitempty"`
}

// Revision is what the window shows, to be kept when it changes.
func (i *Incident) Revision() Revision {
	return Revision{UpdatedAt: i.UpdatedAt, Status: i.Status, Title: i.Title, ScheduledFor: i.ScheduledFor, ScheduledUntil: i.ScheduledUntil, Text: i.TextSum()}
}

// TextSum is a short digest of the updates' ids and bodies: equal for
// equal timelines, different when an update is added or edited.
func (i *Incident) TextSum() string {
	h := sha256.New()
	for _, u := range i.Updates {
		fmt.Fprintf(h, "%d:%s%d:%s", len(u.ID), u.ID, len(u.Body), u.Body)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// ComponentRef names an affected component.
type ComponentRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Status is the state the vendor reported for it during the incident.
	Status Status `json:"status,omitempty"`
}

// Update is one entry of an incident's timeline.
type Update struct {
	ID        string    `json:"id"`
	Status    string    `json:"status"`
	StatusRaw string    `json:"status_raw,omitempty"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
	// DisplayAt is when the vendor shows the update as posted, if it differs.
	DisplayAt  time.Time      `json:"display_at,omitzero"`
	Components []ComponentRef `json:"components,omitempty"`
}

// closedWords are lifecycle words that end an incident even when the vendor
// gave no resolution time.
var closedWords = map[string]bool{"resolved": true, "postmortem": true, "completed": true}

// Open reports whether the incident has not been resolved or completed:
// it has no resolution time and its lifecycle word does not close it.
func (i *Incident) Open() bool { return i.ResolvedAt.IsZero() && !closedWords[i.Status] }

// Underway reports whether the lifecycle word says a maintenance window is
// running ("in_progress", or Statuspage's "verifying"), whatever the clock.
func (i *Incident) Underway() bool { return i.Status == "in_progress" || i.Status == "verifying" }

// End is when the incident ended, or the zero time while open.
func (i *Incident) End() time.Time { return i.ResolvedAt }

// WorstOpen is the overall status of a vendor that publishes none: the worst
// status implied by the open incidents, operational when none is open. The
// build derives it again at its own clock (see generator/model), where
// incidents left open and silent for a week no longer count.
func WorstOpen(incs []Incident) Status {
	status := Operational
	for i := range incs {
		if incs[i].Open() {
			status = Worst(status, incs[i].Impact.Status())
		}
	}
	return status
}

// Page is what an adapter needs to know about the page it fetches.
type Page struct {
	// Slug names the provider in errors and logs.
	Slug string
	// URL is the official status page, https, without a trailing slash.
	URL string
}

// Fetcher performs GET requests; the fetch package supplies the real one
// (timeouts, User-Agent, record and replay), tests supply fixtures.
type Fetcher interface {
	// Get returns the body of a 2xx response, or an error whose message
	// names the URL. Adapters call it through Get, which marks the error
	// as a FetchError.
	Get(ctx context.Context, url string) ([]byte, error)
}

// Capabilities says what a vendor can tell us, so pages can say "not
// provided by this vendor" instead of showing an empty section.
type Capabilities struct {
	// Title is the vendor's name as pages show it ("Atlassian
	// Statuspage"): everything about a vendor lives in its adapter.
	Title string `json:"-"`
	// Docs is the address of the vendor's documentation of what the
	// adapter reads (its public API, its feed's format), so that a
	// reader of the adapter, and the README's list of vendors, can check
	// it against the source.
	Docs string `json:"-"`
	// Status is true when the vendor publishes an overall status of its
	// own (a Statuspage indicator, a page state). Without it the overall
	// status is ours, derived from the ongoing incidents, and is never
	// quoted as the vendor's word.
	Status      bool `json:"status"`
	Components  bool `json:"components"`
	Maintenance bool `json:"maintenance"`
	Timeline    bool `json:"timeline"`
	// HistoryWindow is how many incidents the vendor lists at most (0: all).
	HistoryWindow int `json:"history_window"`
	// Listing says what the vendor's list of incidents holds, and so what
	// an incident missing from it tells (see Listing).
	Listing Listing `json:"listing"`
	// Self is true when what the adapter reads names the page itself (its
	// name or its address: Statuspage's page object, a feed's channel
	// title and link), so that a fetch can check the entry against it.
	// False says the vendor's responses carry no such words (Google
	// Cloud's incidents.json, Slack's API): such an entry cannot be
	// checked, and its page says so.
	Self bool `json:"self"`
}

// Listing is what a vendor's list of incidents holds. The merge reads it
// when an incident it stored is missing from a successful fetch.
type Listing string

// What vendor lists hold.
const (
	// ListsWindow: every incident of a window, the newest N or a period,
	// resolved ones included. One missing has left the window (or was
	// deleted): its absence says nothing about whether it is over.
	ListsWindow Listing = "window"
	// ListsActive: only what is active now (status.io, Instatus, Azure).
	// The vendor drops an incident when it is over, without a word: an
	// open incident missing from a successful fetch has ended, as far as
	// anyone can tell, and the merge resolves it "as observed".
	ListsActive Listing = "active"
	// ListsFeed: the newest items of a feed (AWS, RSS/Atom). Old items
	// scroll off whether or not they are over: absence says nothing.
	ListsFeed Listing = "feed"
)

// Adapter turns one vendor's responses into a Snapshot.
type Adapter interface {
	// Name is the catalogue's adapter value, e.g. "statuspage".
	Name() string
	// Capabilities says what this vendor provides.
	Capabilities() Capabilities
	// Probe says how a page of this vendor is recognised.
	Probe() Probe
	// Fetch reads the page and normalizes it. FetchedAt is set by the caller.
	Fetch(ctx context.Context, f Fetcher, p Page) (*Snapshot, error)
}

// FetchFunc is an Adapter's Fetch.
type FetchFunc func(ctx context.Context, f Fetcher, p Page) (*Snapshot, error)

// Define returns the Adapter named name that provides caps, is recognised
// by probe and reads pages with fetch: all a vendor package declares (state
// it needs, such as loaded time zones, lives in fetch's closure or
// receiver). Its errors start "adapter <name>: ", written here once, so that
// fetch returns its own and the toolkit's errors as they are.
func Define(name string, caps Capabilities, probe Probe, fetch FetchFunc) Adapter {
	return defined{name: name, caps: caps, probe: probe, fetch: fetch}
}

type defined struct {
	name  string
	caps  Capabilities
	probe Probe
	fetch FetchFunc
}

func (d defined) Name() string { return d.name }

func (d defined) Capabilities() Capabilities { return d.caps }

func (d defined) Probe() Probe { return d.probe }

func (d defined) Fetch(ctx context.Context, f Fetcher, p Page) (*Snapshot, error) {
	snap, err := d.fetch(ctx, f, p)
	if err != nil {
		return nil, fmt.Errorf("adapter %s: %w", d.name, err)
	}
	if snap != nil {
		snap.Listing = d.caps.Listing
	}
	return snap, nil
}

// Registry maps adapter names to adapters.
type Registry struct {
	m map[string]Adapter
	// unread are the platforms no adapter reads (AddUnread).
	unread []Unread
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{m: map[string]Adapter{}} }

// Add registers a; a second adapter with the same name replaces the first.
func (r *Registry) Add(a Adapter) { r.m[a.Name()] = a }

// Get returns the adapter named name.
func (r *Registry) Get(name string) (Adapter, bool) {
	a, ok := r.m[name]
	return a, ok
}

// Names lists the registered adapter names, sorted.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.m))
	for n := range r.m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Lookup returns the adapter named name or an error listing the known ones.
func (r *Registry) Lookup(name string) (Adapter, error) {
	if a, ok := r.m[name]; ok {
		return a, nil
	}
	return nil, fmt.Errorf("unknown adapter %q (known: %s)", name, strings.Join(r.Names(), ", "))
}

// HTTPStatuser is implemented by fetch errors that carry the HTTP status of
// the response, so adapters can treat an optional endpoint's 404 as absent.
type HTTPStatuser interface {
	HTTPStatus() int
}

// IsNotFound reports whether err is a fetch error for a 404 or 410 answer.
func IsNotFound(err error) bool {
	var hs HTTPStatuser
	if errors.As(err, &hs) {
		return hs.HTTPStatus() == 404 || hs.HTTPStatus() == 410
	}
	return false
}

// Capabilities maps every registered adapter's name to what it provides.
func (r *Registry) Capabilities() map[string]Capabilities {
	m := make(map[string]Capabilities, len(r.m))
	for n, a := range r.m {
		m[n] = a.Capabilities()
	}
	return m
}

// FirstOfEachID keeps the first of the items that share an id and drops
// those without one, in order: a vendor list that repeats an id must not
// give two items one URL. Components use OneComponentPerID, whose choice
// does not depend on the vendor's order.
func FirstOfEachID[T any](items []T, id func(*T) string) []T {
	seen := make(map[string]bool, len(items))
	out := items[:0]
	for i := range items {
		k := id(&items[i])
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, items[i])
	}
	return out
}
