// Package slack owns the adapter for Slack's own status API
// (slack-status.com/api/v2.0.0/current and /history).
//
// Slack publishes no component list: its "services" are plain strings named
// by incidents, so components are the services seen in current and history,
// operational unless an open incident names them. Vocabulary:
//
//	Slack                          ours
//	current.status "ok"            Snapshot.Status operational
//	current.status "active"        worst status implied by the open incidents
//	current.status anything else   worst of the open incidents, unknown if none
//	type "outage"                  Impact critical, component major_outage
//	type "incident"                Impact major, component partial_outage (1)
//	type "notice"                  Impact none, component operational
//	type "maintenance"             Kind maintenance, Impact maintenance, component maintenance;
//	                               ScheduledFor/Until from the window a note names (4)
//	status "active"                Status investigating (in_progress for maintenance), open
//	status "scheduled"             Status scheduled, open but not yet affecting anything
//	status "resolved"/"completed"  Status resolved/completed, ResolvedAt = newest note (2)
//	services[] (strings)           Components (id = slug of the name) and ComponentRefs
//	notes[] (HTML, oldest first)   Updates newest first, bodies via vendortext (3)
//
// (1) Slack reserves "outage" for Slack being down; its "incidents" are
// features failing for some users ("unable to load older messages"), which is
// a partial outage rather than slowness, so not degraded.
//
// (2) date_updated moves on later edits; the last note is when Slack said it
// was over. Without notes, date_updated is used.
//
// (3) Notes carry no status word: each update is "update" except the newest
// note of a resolved or completed incident, which carries that status.
//
// (4) Slack's entries have no planned times: "on August 13 from 6:00 AM to
// 7:00 AM PDT" in a note is the only statement of the window (window.go).
//
// Vendor words stay in the Raw fields: ImpactRaw is the type, StatusRaw the
// status. Slack documents ids as strings but sends integers; both decode.
package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/vendortext"
)

// New returns the slack adapter. HistoryWindow is 0 because the history
// endpoint is not documented as paged or cut to the newest N; we still do
// not claim IncidentsComplete since that is not documented either.
func New() adapters.Adapter {
	// Self false: neither endpoint names the page.
	caps := adapters.Capabilities{Title: "Slack status API", Docs: "https://docs.slack.dev/reference/slack-status-api", Status: true, Components: true, Maintenance: true, Timeline: true, Listing: adapters.ListsWindow}
	return adapters.Define("slack", caps, probe, fetch)
}

// probe knows Slack's status page by its host.
var probe = adapters.Probe{Hosts: []string{"slack-status.com"}}

// Paths of the two endpoints under the page URL.
const (
	currentPath = "/api/v2.0.0/current"
	historyPath = "/api/v2.0.0/history"
)

// fetch reads both endpoints.
func fetch(ctx context.Context, f adapters.Fetcher, p adapters.Page) (*adapters.Snapshot, error) {
	base := strings.TrimRight(p.URL, "/")
	cur, err := adapters.GetDecode(ctx, f, base+currentPath, decodeCurrent)
	if err != nil {
		return nil, err
	}
	hist, err := adapters.GetDecode(ctx, f, base+historyPath, decodeHistory)
	if err != nil {
		return nil, err
	}
	return build(cur, hist), nil
}

// current is the /current document.
type current struct {
	Status          string     `json:"status"`
	ActiveIncidents []incident `json:"active_incidents"`
	DateCreated     slackTime  `json:"date_created"`
	DateUpdated     slackTime  `json:"date_updated"`
}

// incident is one entry of /history or of current.active_incidents.
type incident struct {
	ID          flexID    `json:"id"`
	DateCreated slackTime `json:"date_created"`
	DateUpdated slackTime `json:"date_updated"`
	Title       string    `json:"title"`
	Type        string    `json:"type"`
	Status      string    `json:"status"`
	URL         string    `json:"url"`
	Services    []string  `json:"services"`
	Notes       []note    `json:"notes"`
}

type note struct {
	DateCreated slackTime `json:"date_created"`
	Body        string    `json:"body"`
}

// decodeCurrent parses the /current document.
func decodeCurrent(b []byte) (*current, error) {
	var c current
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, err
	}
	if c.Status == "" {
		return nil, fmt.Errorf("no status field: not Slack's current document")
	}
	return &c, nil
}

// decodeHistory parses the /history document, a bare array of incidents.
func decodeHistory(b []byte) ([]incident, error) {
	var h []incident
	if err := json.Unmarshal(b, &h); err != nil {
		return nil, err
	}
	return h, nil
}

// flexID accepts the id as a JSON number (what Slack sends) or a string
// (what its documentation shows).
type flexID string

func (id *flexID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*id = ""
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*id = flexID(strings.TrimSpace(s))
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("id %s: want a number or a string", b)
	}
	*id = flexID(n.String())
	return nil
}

// slackTime is an RFC 3339 time held in UTC; null or "" is the zero time.
type slackTime struct{ time.Time }

func (t *slackTime) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		t.Time = time.Time{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("time %s: want a string", b)
	}
	if s == "" {
		t.Time = time.Time{}
		return nil
	}
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return fmt.Errorf("time %q: %w", s, err)
	}
	t.Time = v.UTC()
	return nil
}

// build merges current and history into a snapshot. An incident in both is
// taken from current, the fresher document.
func build(cur *current, hist []incident) *adapters.Snapshot {
	byID := map[string]incident{}
	var order []string
	add := func(in incident) {
		key := string(in.ID)
		if key == "" {
			key = fallbackID(in)
		}
		if _, seen := byID[key]; !seen {
			order = append(order, key)
		}
		byID[key] = in
	}
	for _, in := range hist {
		add(in)
	}
	for _, in := range cur.ActiveIncidents {
		add(in)
	}
	snap := &adapters.Snapshot{StatusRaw: cur.Status, Components: []adapters.Component{}, Incidents: []adapters.Incident{}}
	for _, key := range order {
		snap.Incidents = append(snap.Incidents, normalize(key, byID[key]))
	}
	adapters.SortIncidents(snap.Incidents)
	snap.Components = components(snap.Incidents)
	snap.Status = overall(cur.Status, snap.Incidents)
	return snap
}

// fallbackID names an incident without an id by its creation time, which is
// stable across fetches.
func fallbackID(in incident) string {
	return "t" + strconv.FormatInt(in.DateCreated.Unix(), 10)
}

// normalize turns one Slack incident into ours.
func normalize(id string, in incident) adapters.Incident {
	typ := strings.ToLower(strings.TrimSpace(in.Type))
	st := strings.ToLower(strings.TrimSpace(in.Status))
	kind := adapters.KindIncident
	if typ == "maintenance" {
		kind = adapters.KindMaintenance
	}
	out := adapters.Incident{
		ID:        id,
		Kind:      kind,
		Title:     strings.TrimSpace(in.Title),
		Impact:    impactOf(typ),
		ImpactRaw: in.Type,
		Status:    lifecycle(st, kind),
		StatusRaw: in.Status,
		URL:       in.URL,
		CreatedAt: in.DateCreated.Time,
		StartedAt: in.DateCreated.Time,
		UpdatedAt: in.DateUpdated.Time,
	}
	out.Updates = updates(id, in.Notes, out.Status, closed(st))
	if kind == adapters.KindMaintenance {
		planned(&out, in.Notes)
	}
	if closed(st) {
		out.ResolvedAt = in.DateUpdated.Time
		if len(out.Updates) > 0 {
			out.ResolvedAt = out.Updates[0].CreatedAt
		}
	}
	status := componentStatus(typ)
	for _, name := range uniqueServices(in.Services) {
		out.Components = append(out.Components, adapters.ComponentRef{ID: slug(name), Name: name, Status: status})
	}
	return out
}

// planned dates a maintenance window from the window its newest note that
// names one gives (a later note may move it); without one, the window
// keeps its announcement's time, the only one Slack gives.
func planned(out *adapters.Incident, notes []note) {
	var newest time.Time
	for _, n := range notes {
		if from, until, ok := window(noteText(n.Body), n.DateCreated.Time); ok && !n.DateCreated.Before(newest) {
			newest = n.DateCreated.Time
			out.ScheduledFor, out.ScheduledUntil, out.StartedAt = from, until, from
		}
	}
}

func closed(status string) bool { return status == "resolved" || status == "completed" }

// lifecycle maps Slack's status word to our lifecycle vocabulary.
func lifecycle(status string, kind adapters.Kind) string {
	switch status {
	case "active":
		if kind == adapters.KindMaintenance {
			return "in_progress"
		}
		return "investigating"
	case "":
		return "unknown"
	}
	return strings.ReplaceAll(status, " ", "_")
}

func impactOf(typ string) adapters.Impact {
	switch typ {
	case "outage":
		return adapters.ImpactCritical
	case "incident":
		return adapters.ImpactMajor
	case "maintenance":
		return adapters.ImpactMaintenance
	}
	return adapters.ImpactNone
}

// componentStatus is what an open incident of this type means for the
// services it names; an unknown type is treated like an incident.
func componentStatus(typ string) adapters.Status {
	switch typ {
	case "outage":
		return adapters.MajorOutage
	case "notice":
		return adapters.Operational
	case "maintenance":
		return adapters.Maintenance
	}
	return adapters.PartialOutage
}

// updates turns notes, oldest first in Slack's data, into updates newest
// first. Update ids count from the oldest note so they stay put as notes
// are added.
func updates(id string, notes []note, status string, isClosed bool) []adapters.Update {
	idx := make([]int, len(notes))
	for i := range idx {
		idx[i] = i
	}
	// Order by time, keeping Slack's order for equal times.
	sort.SliceStable(idx, func(a, b int) bool { return notes[idx[a]].DateCreated.Before(notes[idx[b]].DateCreated.Time) })
	out := make([]adapters.Update, 0, len(notes))
	for n := len(idx) - 1; n >= 0; n-- {
		nt := notes[idx[n]]
		out = append(out, adapters.Update{
			ID:        id + "-" + strconv.Itoa(n+1),
			Status:    "update",
			Body:      noteText(nt.Body),
			CreatedAt: nt.DateCreated.Time,
		})
	}
	if isClosed && len(out) > 0 {
		out[0].Status = status
	}
	return out
}

// noteText converts a note body. Real notes are HTML; the documentation's
// example is plain text with CRLF line breaks, which HTML rules would fold
// into one line, so a body without any tag keeps its lines.
func noteText(body string) string {
	if !strings.Contains(body, "<") {
		return strings.TrimSpace(strings.ReplaceAll(body, "\r\n", "\n"))
	}
	return vendortext.ToText(body)
}

func uniqueServices(services []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range services {
		s = strings.TrimSpace(s)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// slug makes a component id from a service name: "Apps/Integrations/APIs"
// becomes "apps-integrations-apis".
func slug(name string) string {
	s := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(name), "-"), "-")
	if s == "" {
		return "service"
	}
	return s
}

// affecting reports whether an incident affects its services now: open and
// not merely scheduled.
func affecting(in adapters.Incident) bool {
	return in.Open() && in.Status != "scheduled"
}

// components lists every service named by any incident, sorted by name,
// with the worst status of the open incidents that name it. UpdatedAt is the
// last time an incident naming it started (if open) or ended, which is the
// last change Slack's data shows for it.
func components(incidents []adapters.Incident) []adapters.Component {
	type acc struct {
		name    string
		status  adapters.Status
		changed time.Time
	}
	m := map[string]*acc{}
	for _, in := range incidents {
		for _, ref := range in.Components {
			a := m[ref.ID]
			if a == nil {
				a = &acc{name: ref.Name, status: adapters.Operational}
				m[ref.ID] = a
			}
			if ref.Status == adapters.Operational {
				continue
			}
			when := in.ResolvedAt
			if affecting(in) {
				a.status = adapters.Worst(a.status, ref.Status)
				when = in.StartedAt
			}
			if when.After(a.changed) {
				a.changed = when
			}
		}
	}
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(a, b int) bool {
		if m[ids[a]].name != m[ids[b]].name {
			return m[ids[a]].name < m[ids[b]].name
		}
		return ids[a] < ids[b]
	})
	out := make([]adapters.Component, 0, len(ids))
	for i, id := range ids {
		a := m[id]
		out = append(out, adapters.Component{ID: id, Name: a.name, Position: i + 1, Status: a.status, UpdatedAt: a.changed})
	}
	return out
}

// overall maps current.status to ours; see the package table.
func overall(raw string, incidents []adapters.Incident) adapters.Status {
	if strings.EqualFold(strings.TrimSpace(raw), "ok") {
		return adapters.Operational
	}
	worst := adapters.Unknown
	for _, in := range incidents {
		if !affecting(in) {
			continue
		}
		st := componentStatus(strings.ToLower(in.ImpactRaw))
		worst = adapters.Worst(worst, st)
	}
	if worst == adapters.Unknown && strings.EqualFold(strings.TrimSpace(raw), "active") {
		// Slack says something is active but listed nothing that affects a
		// service (a notice, or a scheduled maintenance): nothing is down.
		return adapters.Operational
	}
	return worst
}
