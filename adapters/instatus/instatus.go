// Package instatus reads Instatus status pages (instatus.com) through their
// public JSON: <page>/summary.json for the page status and the active
// incidents and maintenances, and <page>/v3/components.json for the
// components and their groups.
//
// Instatus publishes no incident timeline in this public JSON: an incident
// is listed while it is active, with its current state only, and drops out
// when it is resolved. So the snapshot holds the open items only, each
// without updates, and Capabilities says Timeline is false.
//
// Vocabulary, Instatus → ours:
//
//	| Instatus                                  | ours                                                   |
//	|-------------------------------------------|--------------------------------------------------------|
//	| page UP                                   | operational                                            |
//	| page HASISSUES                            | worst of components and open incidents, at least degraded (StatusDerived) |
//	| page UNDERMAINTENANCE                     | maintenance                                            |
//	| component OPERATIONAL                     | operational                                            |
//	| component DEGRADEDPERFORMANCE             | degraded                                               |
//	| component PARTIALOUTAGE, MINOROUTAGE      | partial_outage                                         |
//	| component MAJOROUTAGE                     | major_outage                                           |
//	| component UNDERMAINTENANCE                | maintenance                                            |
//	| incident impact OPERATIONAL               | impact none                                            |
//	| incident impact DEGRADEDPERFORMANCE, MINOROUTAGE | impact minor                                    |
//	| incident impact PARTIALOUTAGE             | impact major                                           |
//	| incident impact MAJOROUTAGE               | impact critical                                        |
//	| incident impact UNDERMAINTENANCE          | impact maintenance                                     |
//	| incident INVESTIGATING/IDENTIFIED/MONITORING/RESOLVED | investigating/identified/monitoring/resolved |
//	| activeMaintenances item                   | Incident with Kind maintenance, impact maintenance     |
//	| maintenance NOTSTARTEDYET/INPROGRESS/COMPLETED | scheduled/in_progress/completed                   |
//	| maintenance start + duration (minutes)    | ScheduledFor, ScheduledUntil                           |
//	| component with a group {id, name}         | child component; the group becomes a component with Group set |
//	| component with children[]                 | group component; its children point to it              |
//	| update                                    | none published                                         |
//
// Status words are compared after upper-casing and removing "_", "-" and
// spaces, because pages differ in case. An incident without an id takes the
// last path segment of its URL (Instatus URLs end in the incident id).
package instatus

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/internal/jsonx"
)

// New returns the Instatus adapter: components and maintenance yes; no
// timeline, and only the active items, so HistoryWindow says nothing useful
// (0) and the snapshot never claims IncidentsComplete.
func New() adapters.Adapter {
	caps := adapters.Capabilities{Title: "Instatus", Docs: "https://instatus.com/help/api/public-data", Status: true, Components: true, Maintenance: true, Timeline: false, Listing: adapters.ListsActive, Self: true}
	return adapters.Define("instatus", caps, probe, fetch)
}

// probe knows a page by its summary's page status, which Statuspage's
// summary (at another path) does not have.
var probe = adapters.Probe{Endpoints: []adapters.Endpoint{
	{Rank: 200, Path: "/summary.json", Says: "answers with an Instatus summary", Match: func(b []byte) bool { return jsonx.Has(b, "page", "status") }},
}, Domains: []string{"instatus.com"}}

// fetch reads summary.json (required) and v3/components.json (skipped when
// the page answers 404) and normalizes them.
func fetch(ctx context.Context, f adapters.Fetcher, p adapters.Page) (*adapters.Snapshot, error) {
	base := strings.TrimRight(p.URL, "/")
	sum, err := adapters.GetDecode(ctx, f, base+"/summary.json", DecodeSummary)
	if err != nil {
		return nil, err
	}
	comps, err := adapters.GetDecode(ctx, f, base+"/v3/components.json", DecodeComponents)
	if err != nil && !adapters.IsNotFound(err) {
		return nil, err
	}
	return buildSnapshot(sum, comps), nil
}

// SummaryDoc is the part of summary.json this adapter reads.
type SummaryDoc struct {
	Page               jsonx.Object[summaryPage] `json:"page"`
	ActiveIncidents    jsonx.List[activeItem]    `json:"activeIncidents"`
	ActiveMaintenances jsonx.List[activeItem]    `json:"activeMaintenances"`
}

type summaryPage struct {
	Name   jsonx.Text `json:"name"`
	URL    jsonx.Text `json:"url"`
	Status jsonx.Text `json:"status"`
}

// activeItem is an active incident or maintenance; incidents use "started"
// and maintenances "start".
type activeItem struct {
	ID        jsonx.Text `json:"id"`
	Name      jsonx.Text `json:"name"`
	Started   jsonx.Text `json:"started"`
	Start     jsonx.Text `json:"start"`
	UpdatedAt jsonx.Text `json:"updatedAt"`
	Status    jsonx.Text `json:"status"`
	Impact    jsonx.Text `json:"impact"`
	Duration  jsonx.Text `json:"duration"`
	URL       jsonx.Text `json:"url"`
}

// DecodeSummary decodes summary.json; it fails only when the body is not a
// JSON object with a page object.
func DecodeSummary(body []byte) (*SummaryDoc, error) {
	return jsonx.DecodeRequired(body, func(d *SummaryDoc) bool { return d.Page.OK }, "no page object: not an Instatus summary")
}

// ComponentsDoc is the part of v3/components.json this adapter reads.
type ComponentsDoc struct {
	Components jsonx.List[component] `json:"components"`
}

type component struct {
	ID          jsonx.Text            `json:"id"`
	Name        jsonx.Text            `json:"name"`
	Description jsonx.Text            `json:"description"`
	Status      jsonx.Text            `json:"status"`
	Order       jsonx.Number          `json:"order"`
	Position    jsonx.Number          `json:"position"`
	Group       groupRef              `json:"group"`
	Children    jsonx.List[component] `json:"children"`
}

// groupRef is a component's group: an object {id, name} in v3, or a bare id
// or name string on some pages.
type groupRef struct {
	ID   jsonx.Text
	Name jsonx.Text
}

func (g *groupRef) UnmarshalJSON(b []byte) error {
	var obj jsonx.Object[struct {
		ID   jsonx.Text `json:"id"`
		Name jsonx.Text `json:"name"`
	}]
	if obj.UnmarshalJSON(b) == nil && obj.OK {
		g.ID, g.Name = obj.V.ID, obj.V.Name
		return nil
	}
	var s jsonx.Text
	_ = s.UnmarshalJSON(b)
	g.ID, g.Name = s, s
	return nil
}

// DecodeComponents decodes v3/components.json; a bare array of components
// is accepted too. It fails only when the body is not JSON or has no
// components list.
func DecodeComponents(body []byte) (*ComponentsDoc, error) {
	if strings.HasPrefix(strings.TrimSpace(string(body)), "[") {
		list, err := jsonx.DecodeList[component](body)
		return &ComponentsDoc{Components: list}, err
	}
	// A probe first, to tell a document without the key from an empty list.
	probe, err := jsonx.DecodeObject[struct {
		Components *json.RawMessage `json:"components"`
	}](body)
	if err != nil {
		return nil, err
	}
	if probe.Components == nil {
		return nil, fmt.Errorf("no components list: not an Instatus components document")
	}
	doc, err := jsonx.DecodeObject[ComponentsDoc](body)
	return &doc, err
}

func buildSnapshot(sum *SummaryDoc, comps *ComponentsDoc) *adapters.Snapshot {
	snap := &adapters.Snapshot{
		Components: []adapters.Component{},
		Incidents:  []adapters.Incident{},
	}
	snap.Self = adapters.NewSelf(string(sum.Page.V.Name), string(sum.Page.V.URL))
	if comps != nil {
		snap.Components = buildComponents(comps.Components)
	}
	for _, it := range sum.ActiveIncidents {
		snap.Incidents = append(snap.Incidents, incidentFrom(it))
	}
	for _, it := range sum.ActiveMaintenances {
		snap.Incidents = append(snap.Incidents, maintenanceFrom(it))
	}
	// The first copy of a repeated id wins: active incidents before
	// maintenance, as listed.
	snap.Incidents = adapters.FirstOfEachID(snap.Incidents, func(i *adapters.Incident) string { return i.ID })
	adapters.SortIncidents(snap.Incidents)
	raw := string(sum.Page.V.Status)
	snap.StatusRaw = raw
	snap.Status, snap.StatusDerived = pageStatus(raw, snap)
	return snap
}

// buildComponents flattens components and their groups. A group is named
// by its members (group {id, name}), or is a component with children[], or
// is itself listed as a component whose id members point to; each group is
// emitted once whichever way it is met.
func buildComponents(in []component) []adapters.Component {
	referenced := map[string]bool{}
	for _, c := range in {
		if gid := groupID(c.Group); gid != "" {
			referenced[gid] = true
		}
	}
	var out []adapters.Component
	groupAt := map[string]int{}
	addGroup := func(id, name string, pos int, explicit bool) {
		if i, ok := groupAt[id]; ok {
			if explicit { // the group's own row knows its name and place best
				out[i].Name, out[i].Position = name, pos
			}
			return
		}
		groupAt[id] = len(out)
		out = append(out, adapters.Component{ID: id, Name: name, Group: true, Position: pos, Status: adapters.Operational})
	}
	var add func(c component, idx int, parent string)
	add = func(c component, idx int, parent string) {
		id := string(c.ID)
		if id == "" {
			id = "name:" + string(c.Name)
		}
		if len(c.Children) > 0 || referenced[id] {
			addGroup(id, string(c.Name), position(c, idx), true)
			for i, ch := range c.Children {
				add(ch, i, id)
			}
			return
		}
		if parent == "" {
			if gid := groupID(c.Group); gid != "" {
				addGroup(gid, string(c.Group.Name), position(c, idx), false)
				parent = gid
			}
		}
		out = append(out, adapters.Component{
			ID:          id,
			Name:        string(c.Name),
			Description: string(c.Description),
			GroupID:     parent,
			Position:    position(c, idx),
			Status:      componentStatus(string(c.Status)),
			StatusRaw:   string(c.Status),
		})
	}
	for i, c := range in {
		add(c, i, "")
	}
	return adapters.GroupComponents(adapters.OneComponentPerID(out))
}

// groupID is the id a member uses for its group, or "" for none.
func groupID(g groupRef) string {
	if g.ID != "" {
		return string(g.ID)
	}
	if g.Name != "" {
		return "group:" + string(g.Name)
	}
	return ""
}

func position(c component, idx int) int {
	if c.Order.OK {
		return int(c.Order.V)
	}
	if c.Position.OK {
		return int(c.Position.V)
	}
	return idx
}

func incidentFrom(it activeItem) adapters.Incident {
	started := parseTime(it.Started)
	updated := parseTime(it.UpdatedAt)
	raw := string(it.Status)
	inc := adapters.Incident{
		ID:        itemID(it),
		Kind:      adapters.KindIncident,
		Title:     string(it.Name),
		Impact:    impact(string(it.Impact)),
		ImpactRaw: string(it.Impact),
		Status:    incidentStatus(raw),
		StatusRaw: raw,
		URL:       string(it.URL),
		CreatedAt: started,
		StartedAt: started,
		UpdatedAt: updated,
		Updates:   []adapters.Update{},
	}
	if inc.Status == "resolved" { // resolved but still listed: end it at its last change
		inc.ResolvedAt = updated
		if inc.ResolvedAt.IsZero() {
			inc.ResolvedAt = started
		}
	}
	return inc
}

func maintenanceFrom(it activeItem) adapters.Incident {
	start := parseTime(it.Start)
	if start.IsZero() {
		start = parseTime(it.Started)
	}
	updated := parseTime(it.UpdatedAt)
	raw := string(it.Status)
	inc := adapters.Incident{
		ID:        itemID(it),
		Kind:      adapters.KindMaintenance,
		Title:     string(it.Name),
		Impact:    adapters.ImpactMaintenance,
		ImpactRaw: string(it.Impact),
		Status:    maintenanceStatus(raw),
		StatusRaw: raw,
		URL:       string(it.URL),
		// Instatus does not say when a window was announced: its start is
		// not that time, and as a creation time a window planned days
		// ahead would read as a future date and be dropped.
		StartedAt:    start,
		UpdatedAt:    updated,
		ScheduledFor: start,
		Updates:      []adapters.Update{},
	}
	if mins, err := strconv.ParseFloat(strings.TrimSpace(string(it.Duration)), 64); err == nil && mins > 0 && !start.IsZero() {
		inc.ScheduledUntil = start.Add(time.Duration(mins * float64(time.Minute)))
	}
	if inc.Status == "completed" && !inc.ScheduledUntil.IsZero() {
		inc.ResolvedAt = inc.ScheduledUntil
	}
	return inc
}

// itemID is the vendor id, else the last segment of the item's URL, else
// its name and start, which is stable for as long as the item is listed.
func itemID(it activeItem) string {
	if it.ID != "" {
		return string(it.ID)
	}
	if u, err := url.Parse(string(it.URL)); err == nil && u.Path != "" && u.Path != "/" {
		if last := path.Base(strings.TrimRight(u.Path, "/")); last != "" && last != "." && last != "/" {
			return last
		}
	}
	start := it.Started
	if start == "" {
		start = it.Start
	}
	return string(it.Name) + "@" + string(start)
}

// pageStatus maps the page status; HASISSUES says only that something is
// wrong, so the detail comes from the components and open incidents, and
// the status is then ours (derived), as it is for a word we do not know.
func pageStatus(raw string, snap *adapters.Snapshot) (adapters.Status, bool) {
	switch norm(raw) {
	case "UP":
		return adapters.Operational, false
	case "UNDERMAINTENANCE":
		return adapters.Maintenance, false
	case "HASISSUES":
		s := derivedStatus(snap)
		if s.Rank() < adapters.Degraded.Rank() {
			s = adapters.Degraded
		}
		return s, true
	}
	return derivedStatus(snap), true
}

// derivedStatus is adapters.DerivedStatus, except that a page listing
// components whose words we do not know is operational: Instatus shows
// every component it has, so a page with nothing wrong on it is up.
func derivedStatus(snap *adapters.Snapshot) adapters.Status {
	s := adapters.DerivedStatus(snap.Components, snap.Incidents)
	if s == adapters.Unknown && len(snap.Components) > 0 {
		return adapters.Operational
	}
	return s
}

// jsDateLayouts are JavaScript's Date.toString() ("Sat Jun 11 2022
// 18:55:50 GMT+0000 (Coordinated Universal Time)"), the form Instatus's
// documented example uses, its zone name in parentheses cut off first.
var jsDateLayouts = []string{"Mon Jan 02 2006 15:04:05 GMT-0700", "Mon Jan 2 2006 15:04:05 GMT-0700"}

// parseTime reads an Instatus time, RFC 3339 in its current output.
func parseTime(s jsonx.Text) time.Time {
	v := s.Trim()
	if i := strings.Index(v, " ("); i > 0 {
		v = v[:i]
	}
	t, _ := jsonx.ParseTime(v, jsDateLayouts...)
	return t
}

func norm(s string) string {
	return strings.NewReplacer("_", "", "-", "", " ", "").Replace(strings.ToUpper(strings.TrimSpace(s)))
}

func componentStatus(raw string) adapters.Status {
	switch norm(raw) {
	case "OPERATIONAL":
		return adapters.Operational
	case "DEGRADEDPERFORMANCE", "DEGRADED":
		return adapters.Degraded
	case "PARTIALOUTAGE", "MINOROUTAGE":
		return adapters.PartialOutage
	case "MAJOROUTAGE":
		return adapters.MajorOutage
	case "UNDERMAINTENANCE", "MAINTENANCE":
		return adapters.Maintenance
	}
	return adapters.Unknown
}

func impact(raw string) adapters.Impact {
	switch norm(raw) {
	case "OPERATIONAL":
		return adapters.ImpactNone
	case "DEGRADEDPERFORMANCE", "MINOROUTAGE":
		return adapters.ImpactMinor
	case "PARTIALOUTAGE":
		return adapters.ImpactMajor
	case "MAJOROUTAGE":
		return adapters.ImpactCritical
	case "UNDERMAINTENANCE":
		return adapters.ImpactMaintenance
	}
	// An active incident with an impact we do not know is still an
	// incident: count it as minor rather than as nothing.
	return adapters.ImpactMinor
}

func incidentStatus(raw string) string {
	switch norm(raw) {
	case "INVESTIGATING":
		return "investigating"
	case "IDENTIFIED":
		return "identified"
	case "MONITORING":
		return "monitoring"
	case "RESOLVED":
		return "resolved"
	}
	return strings.ToLower(strings.TrimSpace(raw))
}

func maintenanceStatus(raw string) string {
	switch norm(raw) {
	case "NOTSTARTEDYET":
		return "scheduled"
	case "INPROGRESS":
		return "in_progress"
	case "COMPLETED":
		return "completed"
	}
	return strings.ToLower(strings.TrimSpace(raw))
}
