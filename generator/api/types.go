package api

import (
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/model"
)

// The types below are the wire format of /api/v1/. Field names are
// snake_case and stable; times are RFC 3339 in UTC; a time that is not
// known is left out rather than written as null or zero. Their JSON Schemas
// (schema.go) must change with them; a test validates every file.

// Header starts every file.
type Header struct {
	// Schema is the absolute URL of the file's JSON Schema.
	Schema        string `json:"$schema"`
	SchemaVersion int    `json:"schema_version"`
}

// ProvidersFile is /api/v1/providers.json.
type ProvidersFile struct {
	Header
	Providers []ProviderSummary `json:"providers"`
}

// ProviderSummary is one provider in providers.json.
type ProviderSummary struct {
	Slug          string          `json:"slug"`
	Name          string          `json:"name"`
	Category      string          `json:"category"`
	CategoryName  string          `json:"category_name"`
	Vendor        string          `json:"vendor"`
	Source        string          `json:"source"`
	Verified      bool            `json:"verified"`
	Status        adapters.Status `json:"status"`
	OpenIncidents int             `json:"open_incidents"`
	Stale         bool            `json:"stale"`
	OfficialURL   string          `json:"official_url"`
	URLs          ProviderURLs    `json:"urls"`
}

// ProviderURLs are the absolute URLs of everything published for a provider.
type ProviderURLs struct {
	Page         string   `json:"page"`
	JSON         string   `json:"json"`
	Incidents    string   `json:"incidents"`
	Feeds        FeedURLs `json:"feeds"`
	UpdatesFeeds FeedURLs `json:"updates_feeds"`
	BadgeSVG     string   `json:"badge_svg"`
	BadgeJSON    string   `json:"badge_json"`
}

// FeedURLs are one feed in its three formats.
type FeedURLs struct {
	RSS  string `json:"rss"`
	Atom string `json:"atom"`
	JSON string `json:"json"`
}

// StatusFile is /api/v1/status.json, small enough to poll.
type StatusFile struct {
	Header
	Providers []StatusEntry `json:"providers"`
}

// StatusEntry is one provider's current state.
type StatusEntry struct {
	Slug string `json:"slug"`
	// Name and Aliases let a client (the watch list) show and find the
	// provider without fetching providers.json.
	Name          string          `json:"name"`
	Aliases       []string        `json:"aliases,omitempty"`
	Status        adapters.Status `json:"status"`
	OpenIncidents int             `json:"open_incidents"`
	// Open are the ongoing incidents, newest first; Maintenance the windows
	// in progress, then at most StatusUpcoming upcoming ones, soonest
	// first. Both are left out when empty, which keeps the file small.
	Open        []StatusItem `json:"open,omitempty"`
	Maintenance []StatusItem `json:"maintenance,omitempty"`
	// Stale is true when our last successful check of the provider is
	// over three hours old; Status is then unknown.
	Stale bool `json:"stale"`
	// CheckedAt is our last successful check. It changes on every run,
	// so it lives here, in the one file made to poll, and pages read it
	// from here instead of carrying it (see docs/performance.md).
	CheckedAt time.Time `json:"checked_at,omitzero"`
	// UpdatedAt is the latest change we know of: status, a component, or
	// activity on an incident or maintenance window.
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// StatusItem is an incident or maintenance window in status.json: enough
// to list and link it; its page and the provider file have the rest.
type StatusItem struct {
	Title  string          `json:"title"`
	URL    string          `json:"url"`
	Impact adapters.Impact `json:"impact"`
	Phase  model.Phase     `json:"phase"`
	// StartedAt is when an incident started; ScheduledFor and
	// ScheduledUntil a maintenance window's schedule.
	StartedAt      time.Time `json:"started_at,omitzero"`
	ScheduledFor   time.Time `json:"scheduled_for,omitzero"`
	ScheduledUntil time.Time `json:"scheduled_until,omitzero"`
}

// Retired says when and why a provider's service or page stopped.
type Retired struct {
	// Date is as precise as known: "2025", "2025-05" or "2025-05-05".
	Date   string `json:"date,omitempty"`
	Reason string `json:"reason"`
	// Successor is the slug of the provider that replaced it, and
	// SuccessorURL the address of a successor the catalogue does not list.
	Successor    string `json:"successor,omitempty"`
	SuccessorURL string `json:"successor_url,omitempty"`
}

// ProviderFile is /api/v1/providers/<slug>.json.
type ProviderFile struct {
	Header
	Slug         string `json:"slug"`
	Name         string `json:"name"`
	Description  string `json:"description"`
	Category     string `json:"category"`
	CategoryName string `json:"category_name"`
	Vendor       string `json:"vendor"`
	// VendorDetected is true when Vendor was detected by the fetcher for
	// an "adapter: auto" entry rather than named in the catalogue.
	VendorDetected bool            `json:"vendor_detected,omitempty"`
	Source         string          `json:"source"`
	Verified       bool            `json:"verified"`
	OfficialURL    string          `json:"official_url"`
	Homepage       string          `json:"homepage,omitempty"`
	Aliases        []string        `json:"aliases"`
	Status         adapters.Status `json:"status"`
	// StatusDerived is true when Status is ours, not the vendor's word,
	// and StatusDerivedReason says why (model.Reason).
	StatusDerived       bool   `json:"status_derived"`
	StatusDerivedReason string `json:"status_derived_reason,omitempty"`
	// StatusText is the vendor's own words for its status, if it has any.
	StatusText string `json:"status_text,omitempty"`
	// StatusSince is when the status began, by the vendor's time or a
	// change we saw; when neither is known, StatusSinceAtLeast is our
	// first check, which it held since at least.
	StatusSince        time.Time     `json:"status_since,omitzero"`
	StatusSinceAtLeast time.Time     `json:"status_since_at_least,omitzero"`
	FirstChecked       time.Time     `json:"first_checked,omitzero"`
	KnownSince         time.Time     `json:"known_since,omitzero"`
	UpdatedAt          time.Time     `json:"updated_at,omitzero"`
	OpenIncidents      int           `json:"open_incidents"`
	Components         []Component   `json:"components"`
	Incidents          IncidentLists `json:"incidents"`
	Maintenance        MaintLists    `json:"maintenance"`
	// Days are the last 90 UTC days, oldest first, today included.
	Days []Day `json:"days"`
	// Uptime holds the 7, 30 and 90-day figures.
	Uptime []Uptime     `json:"uptime"`
	URLs   ProviderURLs `json:"urls"`
	// Provides says what the vendor publishes; a false field means "not
	// provided by this vendor", not "none".
	Provides Provides `json:"provides"`
	// Stale is set while our data is stale: the last successful check is
	// over three hours old. Status is then unknown.
	Stale *Stale `json:"stale,omitempty"`
	// Family is the slug of the entry of the company this one is a
	// regional or product page of.
	Family string `json:"family,omitempty"`
	// Retired is set when the service or its page is gone: the history
	// stays, and it is no longer fetched.
	Retired *Retired `json:"retired,omitempty"`
	// Reliability are the reliability figures (reliability.go).
	Reliability *Reliability `json:"reliability,omitempty"`
	// Checked is what the page said of itself at the last fetch that read
	// it, compared with the entry.
	Checked *Checked `json:"checked,omitempty"`
	// Uncheckable says why the entry cannot be checked, when the vendor's
	// responses name no page (adapters.Capabilities.Self false).
	Uncheckable string `json:"uncheckable,omitempty"`
}

// Checked is a status page's own name and address as a fetch read them,
// and whether they agree with the catalogue's entry.
type Checked struct {
	Name  string    `json:"name,omitempty"`
	URL   string    `json:"url,omitempty"`
	At    time.Time `json:"at"`
	Agree bool      `json:"agree"`
	Why   string    `json:"why,omitempty"`
}

// Provides is what a vendor's status page publishes.
type Provides struct {
	Components  bool `json:"components"`
	Maintenance bool `json:"maintenance"`
	Timeline    bool `json:"timeline"`
	// HistoryWindow is how many incidents the vendor lists at most (0: all).
	HistoryWindow int `json:"history_window"`
}

// Stale says since when a provider's data has not been refreshed, and why.
type Stale struct {
	// Since is the last successful fetch (absent if none ever succeeded).
	Since       time.Time `json:"since,omitzero"`
	LastAttempt time.Time `json:"last_attempt,omitzero"`
	// Error is why the last attempt failed, if it did.
	Error string `json:"error,omitempty"`
	// LastKnownStatus is the status our data showed at the last success.
	LastKnownStatus adapters.Status `json:"last_known_status"`
}

// Day is one UTC day of the day bar: the worst state of the day, or
// unknown before our record begins.
type Day struct {
	// Date is the day as YYYY-MM-DD.
	Date   string          `json:"date"`
	Status adapters.Status `json:"status"`
}

// Uptime is the share of a window's known time up, major outage counted in
// full and partial outage at 30%, providers and groups averaging their
// components (see uptime.Explain). Figures are computed up to the start of the
// current UTC day, so a file changes with the clock at most once a day.
type Uptime struct {
	WindowDays int `json:"window_days"`
	// Known is false when no known time falls in the window; Percent and
	// From are then absent.
	Known bool `json:"known"`
	// From and To bound the known part of the window.
	From time.Time `json:"from,omitzero"`
	To   time.Time `json:"to"`
	// Percent is rounded down to three decimals; any downtime at all keeps
	// it below 100.
	Percent            *float64 `json:"percent,omitempty"`
	DownSeconds        int64    `json:"down_seconds"`
	DegradedSeconds    int64    `json:"degraded_seconds"`
	MaintenanceSeconds int64    `json:"maintenance_seconds"`
}

// IncidentLists are a provider's open and most recent other incidents.
type IncidentLists struct {
	Open []Incident `json:"open"`
	// Recent holds the newest RecentLimit incidents that are not open.
	Recent []Incident `json:"recent"`
}

// MaintLists are a provider's maintenance windows by phase.
type MaintLists struct {
	Active   []Incident `json:"active"`
	Upcoming []Incident `json:"upcoming"`
	// Recent holds the newest RecentLimit finished windows.
	Recent []Incident `json:"recent"`
}

// Component is a component as last seen.
type Component struct {
	ID          string          `json:"id"`
	Name        string          `json:"name"`
	Description string          `json:"description,omitempty"`
	Group       bool            `json:"group"`
	GroupID     string          `json:"group_id,omitempty"`
	Position    int             `json:"position"`
	Status      adapters.Status `json:"status"`
	StatusRaw   string          `json:"status_raw,omitempty"`
	LastChanged time.Time       `json:"last_changed,omitzero"`
	FirstSeen   time.Time       `json:"first_seen,omitzero"`
	RemovedAt   time.Time       `json:"removed_at,omitzero"`
	// Uptime is the component's 90-day figure.
	Uptime Uptime `json:"uptime"`
	// Feed is the component's brief RSS feed, for a component that ever
	// had an incident (see model.ComponentFeeds).
	Feed string `json:"feed,omitempty"`
}

// Incident is an incident or maintenance window with its whole timeline.
type Incident struct {
	ID        string          `json:"id"`
	Kind      adapters.Kind   `json:"kind"`
	Title     string          `json:"title"`
	Impact    adapters.Impact `json:"impact"`
	ImpactRaw string          `json:"impact_raw,omitempty"`
	// Status is the vendor's lifecycle word; Phase is ours (see model.Phase).
	Status    string      `json:"status"`
	StatusRaw string      `json:"status_raw,omitempty"`
	Phase     model.Phase `json:"phase"`
	// URL is the entry's page on this site; OfficialURL the vendor's.
	URL            string    `json:"url"`
	OfficialURL    string    `json:"official_url,omitempty"`
	CreatedAt      time.Time `json:"created_at,omitzero"`
	StartedAt      time.Time `json:"started_at,omitzero"`
	UpdatedAt      time.Time `json:"updated_at,omitzero"`
	ResolvedAt     time.Time `json:"resolved_at,omitzero"`
	ScheduledFor   time.Time `json:"scheduled_for,omitzero"`
	ScheduledUntil time.Time `json:"scheduled_until,omitzero"`
	// WithdrawnAt is when we found the vendor no longer listing this
	// upcoming window (see model.Withdrawn).
	WithdrawnAt time.Time `json:"withdrawn_at,omitzero"`
	// ResolvedAsObserved is true when the vendor wrote no resolution: it
	// lists only active incidents and stopped listing this one, and
	// resolved_at is the check that found it gone.
	ResolvedAsObserved bool           `json:"resolved_as_observed,omitempty"`
	Components         []ComponentRef `json:"components"`
	Updates            []Update       `json:"updates"`
}

// ComponentRef names an affected component.
type ComponentRef struct {
	ID     string          `json:"id,omitempty"`
	Name   string          `json:"name"`
	Status adapters.Status `json:"status,omitempty"`
}

// Update is one entry of a timeline. Body is the vendor's text as given
// (plain text or markdown, sometimes with <br>); escape it before showing
// it as HTML.
type Update struct {
	ID         string         `json:"id,omitempty"`
	Status     string         `json:"status"`
	StatusRaw  string         `json:"status_raw,omitempty"`
	Body       string         `json:"body"`
	CreatedAt  time.Time      `json:"created_at,omitzero"`
	DisplayAt  time.Time      `json:"display_at,omitzero"`
	Components []ComponentRef `json:"components"`
}

// IncidentsFile is /api/v1/providers/<slug>/incidents.json: the complete
// history newest first, or, for a provider with more than SplitAbove
// entries, an index of one file per year (Parts) and no Incidents.
type IncidentsFile struct {
	Header
	Slug      string     `json:"slug"`
	Count     int        `json:"count"`
	Incidents []Incident `json:"incidents,omitzero"`
	Parts     []Part     `json:"parts,omitzero"`
}

// Part is one year file of a split history.
type Part struct {
	// Year of the entries' start (scheduled start for maintenance); 0 holds
	// entries without any date.
	Year int `json:"year"`
	// Page numbers the files of one year, from 1.
	Page  int    `json:"page"`
	Count int    `json:"count"`
	URL   string `json:"url"`
}

// YearFile is /api/v1/providers/<slug>/incidents-<year>.json.
type YearFile struct {
	Header
	Slug      string     `json:"slug"`
	Year      int        `json:"year"`
	Page      int        `json:"page"`
	Count     int        `json:"count"`
	Links     YearLinks  `json:"links"`
	Incidents []Incident `json:"incidents"`
}

// YearLinks join the parts: the index, and the next newer and older files.
type YearLinks struct {
	Index string `json:"index"`
	Newer string `json:"newer,omitempty"`
	Older string `json:"older,omitempty"`
}
