// Package statuspage owns the Atlassian Statuspage v2 adapter (also used for
// incident.io pages, which serve a compatible /api/v2/). It reads
// /api/v2/summary.json, /api/v2/incidents.json and
// /api/v2/scheduled-maintenances.json and normalizes them into one
// adapters.Snapshot.
//
// How Statuspage's vocabulary maps to ours:
//
//	Statuspage                            Uptimus
//	------------------------------------  ----------------------------------------------
//	status.indicator none                 Snapshot.Status operational
//	status.indicator minor                degraded
//	status.indicator major                partial_outage
//	status.indicator critical             major_outage
//	status.indicator maintenance          maintenance
//	status.indicator (anything else)      unknown; StatusRaw keeps the word
//	status.description                    Snapshot.Description
//	component operational                 operational
//	component degraded_performance        degraded
//	component partial_outage              partial_outage
//	component major_outage                major_outage
//	component under_maintenance           maintenance
//	component (anything else)             unknown; StatusRaw keeps the word
//	component group:true                  Component.Group
//	component group_id (or the group's    Component.GroupID
//	  own components list)
//	incident impact none/minor/major/     Incident.Impact, same word; any other word is
//	  critical/maintenance                none; ImpactRaw keeps the vendor's word
//	scheduled maintenance (listed under   Kind maintenance; impact none or maintenance
//	  scheduled_maintenances, or any      becomes Impact maintenance
//	  item with scheduled_for)
//	incident name                         Incident.Title
//	incident status                       Incident.Status, lower-cased (StatusRaw only
//	                                      when the vendor's spelling differs)
//	shortlink                             Incident.URL (else <page>/incidents/<id>)
//	started_at (else created_at)          Incident.StartedAt
//	resolved_at                           Incident.ResolvedAt; a resolved, postmortem or
//	                                      completed item without it ends at its newest
//	                                      update (or its updated_at if it has none)
//	incident_updates[]                    Incident.Updates, newest first
//	update body                           Update.Body: CRLF and raw <br /> become
//	                                      newlines, trailing spaces go; markdown and
//	                                      other HTML are kept as written
//	update display_at                     Update.DisplayAt, only when it differs from
//	                                      created_at (a back-dated update)
//	affected_components[] {code, name,    Update.Components {ID, Name, Status}
//	  new_status}
//
// Statuspage times carry the page's own offset (-07:00 in summer, -08:00 in
// winter for a Los Angeles page); every time here is converted to UTC.
//
// The overall Status is the indicator alone: the vendor's word now. An
// open incident's impact is what it was at its creation (Statuspage rarely
// lowers it as the vendor lowers the indicator and the components), so it
// must not outrank the indicator here. The indicator can also say "none"
// while an incident is open (the page owner chose not to mark any
// component as affected, or the indicator lags the incident): the build,
// which sees the incidents and components too, overrules it then and says
// so (model.State.Reason).
//
// incidents.json keeps only the 50 newest incidents, so snapshots are never
// complete. summary.json repeats the unresolved incidents and the active and
// upcoming maintenances, sometimes in a newer state than the lists; items
// are merged by id, keeping the copy updated last. Snapshot.Incidents is
// sorted newest first (by StartedAt, or by ScheduledFor for a maintenance
// window), ids breaking ties, because the vendor's lists are not reliably
// sorted. As the summary lists every active and upcoming window, a
// snapshot whose summary has that list is MaintenanceComplete: a planned
// window missing from it was withdrawn (incident.io's has no such list).
package statuspage

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/internal/jsonx"
)

// Name is the catalogue's adapter value.
const Name = "statuspage"

// HistoryWindow is how many incidents incidents.json lists at most.
const HistoryWindow = 50

// New returns the Statuspage adapter: components (with groups),
// maintenance windows and full timelines, but only the 50 newest incidents.
func New() adapters.Adapter {
	caps := adapters.Capabilities{Title: "Atlassian Statuspage", Docs: "https://metastatuspage.com/api", Status: true, Components: true, Maintenance: true, Timeline: true, HistoryWindow: HistoryWindow, Listing: adapters.ListsWindow, Self: true}
	return adapters.Define(Name, caps, probe, Fetch)
}

// SummaryPath is the summary every page of this API serves.
const SummaryPath = "/api/v2/summary.json"

// probe knows a page by its summary. Vendors that serve the same API
// rank theirs lower when they can tell their own (incident.io's ULID page
// ids); a summary none of them claims is Statuspage's. Statuspage hosts
// pages on sub-domains of statuspage.io, and sends one on to its
// company's custom domain once it has one.
var probe = adapters.Probe{Endpoints: []adapters.Endpoint{
	{Rank: 110, Path: SummaryPath, Says: "answers with a Statuspage summary", Match: func(b []byte) bool { return SummaryPageID(b) != "" }},
}, Domains: []string{"statuspage.io"}, Moves: true}

// SummaryPageID is the page id a summary names, or "" when body is not a
// summary.
func SummaryPageID(body []byte) string {
	var doc struct {
		Page *struct {
			ID string `json:"id"`
		} `json:"page"`
	}
	if json.Unmarshal(body, &doc) != nil || doc.Page == nil {
		return ""
	}
	return doc.Page.ID
}

// Fetch reads the three /api/v2 documents of the page p, for this adapter
// and the vendors that serve the same API.
//
// summary.json is required. incidents.json is required unless it is
// missing (404), in which case the summary's open incidents are all we
// know. scheduled-maintenances.json may be missing: incident.io pages do
// not serve it; the summary still lists active and upcoming windows.
func Fetch(ctx context.Context, f adapters.Fetcher, p adapters.Page) (*adapters.Snapshot, error) {
	base := strings.TrimRight(p.URL, "/")
	sum, err := adapters.GetDecode(ctx, f, base+"/api/v2/summary.json", jsonx.DecodeObject[wireSummary])
	if err != nil {
		return nil, err
	}
	incs, err := adapters.GetDecode(ctx, f, base+"/api/v2/incidents.json", jsonx.DecodeObject[wireIncidents])
	if err != nil && !adapters.IsNotFound(err) {
		return nil, err
	}
	maints, err := adapters.GetDecode(ctx, f, base+"/api/v2/scheduled-maintenances.json", jsonx.DecodeObject[wireIncidents])
	if err != nil && !adapters.IsNotFound(err) {
		return nil, err
	}
	return build(base, sum, incs, maints), nil
}

// source tags where an item came from: the maintenance lists make it a
// maintenance whatever its fields say.
type source struct {
	items       []wireIncident
	maintenance bool
}

// build turns the decoded documents into a snapshot.
func build(base string, sum wireSummary, incs, maints wireIncidents) *adapters.Snapshot {
	snap := &adapters.Snapshot{
		Status:     indicatorStatus(sum.Status.V.Indicator.Trim()),
		StatusRaw:  sum.Status.V.Indicator.Trim(),
		Components: components(sum.Components),
	}
	snap.Description = sum.Status.V.Description.Trim()
	snap.Self = adapters.NewSelf(string(sum.Page.V.Name), string(sum.Page.V.URL))
	snap.MaintenanceComplete = sum.ScheduledMaintenances != nil
	snap.Incidents = merge(base, []source{
		{items: incs.Incidents},
		{items: incs.ScheduledMaintenances, maintenance: true},
		{items: maints.ScheduledMaintenances, maintenance: true},
		{items: maints.Incidents, maintenance: true},
		{items: sum.Incidents},
		{items: sum.ScheduledMaintenances, maintenance: true},
	})
	return snap
}

// merge converts every item, keeps one copy per id (the one updated last;
// on a tie the one seen first) and sorts newest first.
func merge(base string, sources []source) []adapters.Incident {
	byID := map[string]int{}
	out := []adapters.Incident{}
	for _, src := range sources {
		for _, wi := range src.items {
			id := wi.ID.Trim()
			if id == "" {
				continue // nothing stable to key it by
			}
			inc := toIncident(wi, src.maintenance)
			if inc.URL == "" && base != "" {
				inc.URL = base + "/incidents/" + id
			}
			i, seen := byID[id]
			if !seen {
				byID[id] = len(out)
				out = append(out, inc)
				continue
			}
			// Once any list calls it a maintenance, it is one.
			maint := out[i].Kind == adapters.KindMaintenance || inc.Kind == adapters.KindMaintenance
			if inc.UpdatedAt.After(out[i].UpdatedAt) {
				out[i] = inc
			}
			if maint && out[i].Kind != adapters.KindMaintenance {
				out[i] = asMaintenance(out[i])
			}
		}
	}
	adapters.SortIncidents(out)
	return out
}

// indicatorStatus maps status.indicator.
func indicatorStatus(s string) adapters.Status {
	switch strings.ToLower(s) {
	case "none":
		return adapters.Operational
	case "minor":
		return adapters.Degraded
	case "major":
		return adapters.PartialOutage
	case "critical":
		return adapters.MajorOutage
	case "maintenance":
		return adapters.Maintenance
	}
	return adapters.Unknown
}

// componentStatus maps a component's status word.
func componentStatus(s string) adapters.Status {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "operational":
		return adapters.Operational
	case "degraded_performance":
		return adapters.Degraded
	case "partial_outage":
		return adapters.PartialOutage
	case "major_outage":
		return adapters.MajorOutage
	case "under_maintenance":
		return adapters.Maintenance
	}
	return adapters.Unknown
}

// components keeps the vendor's order and positions (which restart inside
// each group). A child whose group_id is missing still finds its group
// through the group's own list of children.
func components(in []wireComponent) []adapters.Component {
	parent := map[string]string{}
	for _, wc := range in {
		if !wc.Group {
			continue
		}
		for _, child := range wc.Components {
			if c := child.Trim(); c != "" {
				parent[c] = wc.ID.Trim()
			}
		}
	}
	out := make([]adapters.Component, 0, len(in))
	for _, wc := range in {
		id := wc.ID.Trim()
		if id == "" {
			continue
		}
		c := adapters.Component{
			ID:          id,
			Name:        wc.Name.Trim(),
			Description: wc.Description.Trim(),
			Group:       bool(wc.Group),
			GroupID:     wc.GroupID.Trim(),
			Position:    int(wc.Position.V),
			Status:      componentStatus(string(wc.Status)),
			StatusRaw:   wc.Status.Trim(),
			UpdatedAt:   wc.UpdatedAt.Time(),
			NoUptime:    wc.Showcase != nil && !bool(*wc.Showcase),
		}
		if c.GroupID == "" && !c.Group {
			c.GroupID = parent[id]
		}
		out = append(out, c)
	}
	return adapters.OneComponentPerID(out)
}
