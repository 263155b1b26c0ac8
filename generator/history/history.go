// Package history owns the versioned JSON history under data/<slug>/: its
// file format, loading, the lossless idempotent merge of a Snapshot into it,
// and deterministic atomic writing.
//
// A provider's folder holds:
//
//	state.json           State: current status, components, when we started knowing
//	events/<year>.json   observed status changes of that UTC year, oldest first
//	incidents/<year>.json  incidents and maintenance windows starting that UTC
//	                     year (see Start), newest first
//
// An incident is stored as the adapters gave it, plus withdrawn_at, which
// only the merge writes: when a maintenance window due to start vanished
// from a vendor's complete list of planned windows (see Merge). Files
// written before it existed read as they are.
//
// Every file carries schema_version, is 2-space indented JSON with times in
// UTC, and holds nothing that changes from run to run by itself (no fetch
// time, no ETag), so an unchanged upstream leaves every byte as it was.
package history

import (
	"time"

	"github.com/uptimus/uptimus/adapters"
)

// SchemaVersion is written into every history file.
const SchemaVersion = 1

// History is everything we know about one provider. Load and Merge return
// it in one canonical form (UTC times, sorted lists without duplicates), so
// that a History survives Save and Load unchanged.
type History struct {
	Slug  string
	State State
	// Events are component and provider status changes, oldest first.
	Events []Event
	// Incidents holds incidents and maintenance windows, newest first by
	// start time, ties broken by id.
	Incidents []adapters.Incident

	// misfiled is set by Load when the folder is not what Save writes for
	// this history: a save killed part way left an incident in two year
	// files, or in the file of another year. The history itself is whole,
	// so Merge alone would see nothing to change; it reports a change
	// instead, so that the caller saves and the folder is put right.
	misfiled bool
}

// State is the provider's current state (data/<slug>/state.json).
type State struct {
	SchemaVersion int             `json:"schema_version"`
	Status        adapters.Status `json:"status"`
	StatusRaw     string          `json:"status_raw,omitempty"`
	Description   string          `json:"description,omitempty"`
	// StatusDerived is true when Status is the adapter's reading of a page
	// that shows no overall status (adapters.Snapshot.StatusDerived).
	StatusDerived bool `json:"status_derived,omitempty"`
	// StatusSince is when Status last changed as we observed it, or our
	// first check, when we saw it first: the event log tells the two
	// apart (a change has an event).
	StatusSince time.Time `json:"status_since,omitzero"`
	// FirstChecked is the time of the first successful fetch.
	FirstChecked time.Time `json:"first_checked,omitzero"`
	// KnownSince is where our knowledge starts: the first check, or the
	// oldest incident of the first upstream list when that is earlier
	// (a list covers every incident since its oldest entry).
	KnownSince time.Time        `json:"known_since,omitzero"`
	Components []ComponentState `json:"components"`
	// Unseen are the stretches of time when we could not see the provider
	// (fetches failing, or no run at all), oldest first; the last may be
	// open (To zero). They change only when our view breaks or returns, so
	// they cost a commit per outage of ours, not one per run; uptime counts
	// them as unknown and pages call the data stale.
	Unseen []Span `json:"unseen,omitempty"`
}

// Span is a stretch of time; To is zero while it lasts.
type Span struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to,omitzero"`
}

// Open reports whether the span lasts still.
func (s Span) Open() bool { return s.To.IsZero() }

// ComponentState is a component as last seen, with when its status changed.
type ComponentState struct {
	adapters.Component
	// LastChanged is when the status last changed: the vendor's updated_at
	// of the change, or the observation time when the vendor gives none.
	LastChanged time.Time `json:"last_changed,omitzero"`
	// FirstSeen is when we first saw the component.
	FirstSeen time.Time `json:"first_seen,omitzero"`
	// RemovedAt is set when the component vanished upstream; it is kept.
	RemovedAt time.Time `json:"removed_at,omitzero"`
}

// Event is one observed status change. ComponentID is empty for the
// provider's overall status.
type Event struct {
	At          time.Time       `json:"at"`
	ComponentID string          `json:"component_id,omitempty"`
	Name        string          `json:"name"`
	From        adapters.Status `json:"from"`
	To          adapters.Status `json:"to"`
}
