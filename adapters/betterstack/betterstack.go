// Package betterstack reads Better Stack (formerly Better Uptime) status
// pages through the one JSON:API document every public page serves at
// <page>/index.json: the page itself in data, and in included[] its
// sections, resources (with 90 days of daily history), status reports and
// their status updates.
//
// Vocabulary, Better Stack → ours:
//
//	| Better Stack                                   | ours                                                  |
//	|------------------------------------------------|-------------------------------------------------------|
//	| data.attributes.aggregate_state operational    | operational                                           |
//	| aggregate_state degraded                       | degraded                                              |
//	| aggregate_state downtime                       | major_outage                                          |
//	| aggregate_state maintenance                    | maintenance                                           |
//	| resource status (same four words)              | the same mapping; any other word is unknown           |
//	| status_page_resource                           | component (public_name, explanation, position)        |
//	| status_page_section with a name                | group component "section:<id>"; its resources point to it |
//	| status_page_section without a name             | no group: its resources stay top-level                |
//	| status_report report_type manual (or automatic)| Incident, Kind incident                               |
//	| status_report report_type maintenance          | Incident, Kind maintenance, starts_at/ends_at as the window |
//	| worst affected status in a report: downtime    | impact critical (its components show major_outage)    |
//	| worst affected status degraded                 | impact minor                                          |
//	| worst affected status maintenance              | impact maintenance                                    |
//	| report with no affected status                 | impact minor (incident) or maintenance                |
//	| report aggregate_state resolved / operational  | resolved (maintenance: completed)                     |
//	| other report aggregate_state                   | open: investigating; maintenance in_progress when an affected resource is in maintenance now, else scheduled |
//	| status_update                                  | Update (message, published_at); status resolved when every affected resource is resolved, else investigating (maintenance: completed, scheduled before starts_at, else in_progress) |
//	| status_history[] {day, status, downtime_duration, maintenance_duration} | DailyHistory (see below) |
//
// Better Stack has no lifecycle words (investigating, identified, ...):
// its reports only carry resource states. So Incident.Status and
// Update.Status use the coarse words above, and the vendor's own words are
// kept in StatusRaw (the report's aggregate_state, or an update's affected
// statuses joined with commas).
//
// A resolved report ends at its newest update, else at ends_at, else at
// starts_at; a window at its ends_at, unless its newest update says it
// completed (early or overrun). The document lists the reports the page shows, not every
// report ever made, so IncidentsComplete stays false.
//
// The per-resource daily history has no place in the shared Snapshot yet;
// DailyHistory exposes it for the caller to wire in.
package betterstack

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/internal/jsonx"
)

// New returns the Better Stack adapter: components, maintenance and a
// timeline of updates; the page lists the reports it shows, whose number
// Better Stack does not fix.
func New() adapters.Adapter {
	caps := adapters.Capabilities{Title: "Better Stack", Docs: "https://betterstack.com/docs/uptime/status-pages/subscribing-to-status-updates/subscribing-to-api", Status: true, Components: true, Maintenance: true, Timeline: true, Listing: adapters.ListsWindow, Self: true}
	return adapters.Define("betterstack", caps, probe, fetch)
}

// probe knows a page by its index's aggregate state. Better Stack hosts
// pages under its own name and under Better Uptime's, its former one.
var probe = adapters.Probe{Endpoints: []adapters.Endpoint{
	{Rank: 300, Path: "/index.json", Says: "answers with a Better Stack index", Match: func(b []byte) bool { return jsonx.Has(b, "data", "attributes", "aggregate_state") }},
}, Domains: []string{"betteruptime.com", "betterstack.com"}}

// fetch reads <page>/index.json and normalizes it.
func fetch(ctx context.Context, f adapters.Fetcher, p adapters.Page) (*adapters.Snapshot, error) {
	base := strings.TrimRight(p.URL, "/")
	doc, err := adapters.GetDecode(ctx, f, base+"/index.json", DecodeIndex)
	if err != nil {
		return nil, err
	}
	return buildSnapshot(doc, base), nil
}

// IndexDoc is the part of index.json this adapter reads.
type IndexDoc struct {
	Data     jsonx.Object[resource] `json:"data"`
	Included jsonx.List[resource]   `json:"included"`
}

// resource is any JSON:API resource object of the document; which
// attributes are set depends on its type.
type resource struct {
	ID            jsonx.Text                  `json:"id"`
	Type          jsonx.Text                  `json:"type"`
	Attributes    jsonx.Object[attributes]    `json:"attributes"`
	Relationships jsonx.Object[relationships] `json:"relationships"`
}

type attributes struct {
	// status_page
	CompanyName    jsonx.Text `json:"company_name"`
	CompanyURL     jsonx.Text `json:"company_url"`
	CustomDomain   jsonx.Text `json:"custom_domain"`
	AggregateState jsonx.Text `json:"aggregate_state"`
	Timezone       jsonx.Text `json:"timezone"`
	// status_page_resource and status_page_section
	PublicName    jsonx.Text            `json:"public_name"`
	Name          jsonx.Text            `json:"name"`
	Explanation   jsonx.Text            `json:"explanation"`
	Status        jsonx.Text            `json:"status"`
	Position      jsonx.Number          `json:"position"`
	SectionID     jsonx.Text            `json:"status_page_section_id"`
	StatusHistory jsonx.List[dayRecord] `json:"status_history"`
	// status_report
	Title             jsonx.Text           `json:"title"`
	ReportType        jsonx.Text           `json:"report_type"`
	StartsAt          jsonx.Text           `json:"starts_at"`
	EndsAt            jsonx.Text           `json:"ends_at"`
	AffectedResources jsonx.List[affected] `json:"affected_resources"`
	// status_update
	Message        jsonx.Text `json:"message"`
	PublishedAt    jsonx.Text `json:"published_at"`
	StatusReportID jsonx.Text `json:"status_report_id"`
}

type relationships struct {
	StatusUpdates jsonx.Object[struct {
		Data jsonx.List[struct {
			ID jsonx.Text `json:"id"`
		}] `json:"data"`
	}] `json:"status_updates"`
}

type affected struct {
	ResourceID jsonx.Text `json:"status_page_resource_id"`
	Status     jsonx.Text `json:"status"`
}

type dayRecord struct {
	Day                 jsonx.Text   `json:"day"`
	Status              jsonx.Text   `json:"status"`
	DowntimeDuration    jsonx.Number `json:"downtime_duration"`
	MaintenanceDuration jsonx.Number `json:"maintenance_duration"`
}

// DecodeIndex decodes index.json; it fails only when the body is not a
// JSON object with a data object.
func DecodeIndex(body []byte) (*IndexDoc, error) {
	return jsonx.DecodeRequired(body, func(d *IndexDoc) bool { return d.Data.OK }, "no data object: not a Better Stack index.json")
}

// Day is one resource's day in Better Stack's 90-day history. Day is the
// calendar day ("2006-01-02") in the status page's time zone
// (data.attributes.timezone), which is how Better Stack cuts its days.
type Day struct {
	Day                string          `json:"day"`
	Status             adapters.Status `json:"status"`
	StatusRaw          string          `json:"status_raw,omitempty"`
	DowntimeSeconds    int64           `json:"downtime_seconds"`
	MaintenanceSeconds int64           `json:"maintenance_seconds"`
}

// DailyHistory returns each resource's daily history, keyed by the
// resource id (the Component.ID this adapter gives it), oldest day first.
// Entries whose day is not a date are dropped.
func DailyHistory(body []byte) (map[string][]Day, error) {
	doc, err := DecodeIndex(body)
	if err != nil {
		return nil, err
	}
	return dailyHistory(doc), nil
}

func dailyHistory(doc *IndexDoc) map[string][]Day {
	out := map[string][]Day{}
	for _, r := range doc.Included {
		if r.Type != "status_page_resource" || r.ID == "" {
			continue
		}
		var days []Day
		for _, d := range r.Attributes.V.StatusHistory {
			day := strings.TrimSpace(string(d.Day))
			if _, err := time.Parse("2006-01-02", day); err != nil {
				continue
			}
			days = append(days, Day{
				Day:                day,
				Status:             status(string(d.Status)),
				StatusRaw:          string(d.Status),
				DowntimeSeconds:    max(d.DowntimeDuration.V, 0),
				MaintenanceSeconds: max(d.MaintenanceDuration.V, 0),
			})
		}
		sort.SliceStable(days, func(i, j int) bool { return days[i].Day < days[j].Day })
		out[string(r.ID)] = days
	}
	return out
}

// index holds the document's resources by type for building.
type index struct {
	base      string
	resources map[string]resource
	sections  map[string]resource
	reports   []resource
	updates   map[string][]resource // by report id
	order     []string              // resource ids in document order
}

func newIndex(doc *IndexDoc, base string) *index {
	ix := &index{
		base:      base,
		resources: map[string]resource{},
		sections:  map[string]resource{},
		updates:   map[string][]resource{},
	}
	byID := map[string]resource{}
	reports := map[string]bool{}
	for _, r := range doc.Included {
		id := string(r.ID)
		if id == "" {
			continue // nothing stable to key it by
		}
		switch r.Type {
		case "status_page_resource":
			if _, dup := ix.resources[id]; !dup {
				ix.order = append(ix.order, id)
			}
			ix.resources[id] = r
		case "status_page_section":
			ix.sections[id] = r
		case "status_report":
			// A report listed twice keeps its first copy.
			if !reports[id] {
				reports[id] = true
				ix.reports = append(ix.reports, r)
			}
		case "status_update":
			byID[id] = r
		}
	}
	// An update names its report in status_report_id; a report may also
	// list its updates in relationships. Either link is enough.
	linked := map[string]bool{}
	for _, rep := range ix.reports {
		for _, ref := range rep.Relationships.V.StatusUpdates.V.Data {
			if u, ok := byID[string(ref.ID)]; ok && !linked[string(ref.ID)] {
				linked[string(ref.ID)] = true
				ix.updates[string(rep.ID)] = append(ix.updates[string(rep.ID)], u)
			}
		}
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		u := byID[id]
		rep := string(u.Attributes.V.StatusReportID)
		if !linked[id] && rep != "" {
			ix.updates[rep] = append(ix.updates[rep], u)
		}
	}
	return ix
}

func buildSnapshot(doc *IndexDoc, base string) *adapters.Snapshot {
	ix := newIndex(doc, base)
	snap := &adapters.Snapshot{
		Components: ix.components(),
		Incidents:  []adapters.Incident{},
		Self:       self(doc.Data.V.Attributes.V),
	}
	for _, rep := range ix.reports {
		snap.Incidents = append(snap.Incidents, ix.incident(rep))
	}
	adapters.SortIncidents(snap.Incidents)
	dateChanges(snap.Components, snap.Incidents)
	page := doc.Data.V.Attributes.V
	snap.StatusRaw = string(page.AggregateState)
	snap.Status = status(snap.StatusRaw)
	if snap.Status == adapters.Unknown {
		snap.Status, snap.StatusDerived = adapters.DerivedStatus(snap.Components, snap.Incidents), true
	}
	return snap
}

// dateChanges dates each resource's state by the vendor's word for it:
// resources carry no time, but the newest update that names a resource
// says when it was put in the state it is in (a report's update lowering
// the API to degraded, the one resolving it), and a window running with
// no update of that state puts its resources in maintenance at its start.
// A resource whose newest word is not its state now keeps no time: the
// change is then dated by our check.
func dateChanges(comps []adapters.Component, incs []adapters.Incident) {
	type word struct {
		at     time.Time
		status adapters.Status
	}
	newest := map[string]word{}
	say := func(id string, at time.Time, st adapters.Status) {
		if id != "" && !at.IsZero() && st != "" && !at.Before(newest[id].at) {
			newest[id] = word{at, st}
		}
	}
	for _, inc := range incs {
		if inc.Status == "in_progress" {
			for _, r := range inc.Components {
				say(r.ID, inc.ScheduledFor, adapters.Maintenance)
			}
		}
		for _, up := range inc.Updates {
			for _, r := range up.Components {
				say(r.ID, up.CreatedAt, r.Status)
			}
		}
	}
	for i := range comps {
		if w, ok := newest[comps[i].ID]; ok && !comps[i].Group && w.status == comps[i].Status {
			comps[i].UpdatedAt = w.at
		}
	}
}

// components lists named sections as groups, each followed by its
// resources; a resource of a nameless section stays top-level.
func (ix *index) components() []adapters.Component {
	var flat []adapters.Component
	named := map[string]bool{}
	for id, s := range ix.sections {
		name := strings.TrimSpace(string(s.Attributes.V.Name))
		if name == "" {
			continue
		}
		named[id] = true
		flat = append(flat, adapters.Component{
			ID: "section:" + id, Name: name, Group: true, Position: int(s.Attributes.V.Position.V),
		})
	}
	for i, id := range ix.order {
		a := ix.resources[id].Attributes.V
		c := adapters.Component{
			ID:          id,
			Name:        strings.TrimSpace(string(a.PublicName)),
			Description: string(a.Explanation),
			Position:    i,
			Status:      status(string(a.Status)),
			StatusRaw:   string(a.Status),
		}
		if a.Position.OK {
			c.Position = int(a.Position.V)
		}
		if named[string(a.SectionID)] {
			c.GroupID = "section:" + string(a.SectionID)
		}
		flat = append(flat, c)
	}
	return adapters.GroupComponents(flat)
}

func (ix *index) incident(rep resource) adapters.Incident {
	a := rep.Attributes.V
	maint := strings.EqualFold(string(a.ReportType), "maintenance")
	starts := a.StartsAt.Time()
	ends := a.EndsAt.Time()
	inc := adapters.Incident{
		ID:        string(rep.ID),
		Kind:      adapters.KindIncident,
		Title:     string(a.Title),
		StatusRaw: string(a.AggregateState),
		StartedAt: starts,
		Updates:   ix.updatesOf(string(rep.ID), maint, starts),
	}
	if maint {
		inc.Kind = adapters.KindMaintenance
		inc.ScheduledFor, inc.ScheduledUntil = starts, ends
	} else {
		inc.URL = ix.base + "/incident/" + string(rep.ID)
	}
	// Updates are newest first: the last is the first published.
	if n := len(inc.Updates); n > 0 {
		inc.CreatedAt = inc.Updates[n-1].CreatedAt
		inc.UpdatedAt = inc.Updates[0].CreatedAt
	}
	if inc.CreatedAt.IsZero() || (!starts.IsZero() && starts.Before(inc.CreatedAt) && !maint) {
		inc.CreatedAt = starts
	}
	if inc.StartedAt.IsZero() {
		inc.StartedAt = inc.CreatedAt
	}
	worst, refs := ix.affectedOf(a.AffectedResources, inc.Updates)
	inc.Components = refs
	inc.ImpactRaw = worst
	inc.Impact = impact(worst, maint)
	resolved := isResolved(string(a.AggregateState))
	switch {
	case resolved:
		inc.ResolvedAt = inc.UpdatedAt
		// A window ends at its planned end, unless an update of its own
		// said it completed: then when it said so (early, or overrun).
		if inc.ResolvedAt.IsZero() || (maint && !ends.IsZero() && !completedByUpdate(inc.Updates)) {
			inc.ResolvedAt = ends
		}
		if inc.ResolvedAt.IsZero() {
			inc.ResolvedAt = starts
		}
		inc.Status = "resolved"
		if maint {
			inc.Status = "completed"
		}
	case maint && ix.inMaintenance(refs):
		inc.Status = "in_progress"
	case maint:
		inc.Status = "scheduled"
	default:
		inc.Status = "investigating"
	}
	return inc
}

// completedByUpdate reports whether a window's newest update (updates are
// newest first) says it completed.
func completedByUpdate(ups []adapters.Update) bool {
	return len(ups) > 0 && ups[0].Status == "completed"
}

// inMaintenance reports whether any affected resource is in maintenance
// right now, which tells a running window from an upcoming one without a
// clock.
func (ix *index) inMaintenance(refs []adapters.ComponentRef) bool {
	for _, r := range refs {
		if status(string(ix.resources[r.ID].Attributes.V.Status)) == adapters.Maintenance {
			return true
		}
	}
	return false
}

func (ix *index) updatesOf(reportID string, maint bool, starts time.Time) []adapters.Update {
	out := []adapters.Update{}
	for _, u := range ix.updates[reportID] {
		a := u.Attributes.V
		at := a.PublishedAt.Time()
		var words []string
		var refs []adapters.ComponentRef
		allResolved := len(a.AffectedResources) > 0
		for _, ar := range a.AffectedResources {
			w := strings.ToLower(strings.TrimSpace(string(ar.Status)))
			words = appendUnique(words, w)
			if !isResolved(w) {
				allResolved = false
			}
			refs = append(refs, ix.ref(string(ar.ResourceID), w))
		}
		sort.Strings(words)
		st := "investigating"
		switch {
		case maint && allResolved:
			st = "completed"
		case maint && !starts.IsZero() && at.Before(starts):
			st = "scheduled"
		case maint:
			st = "in_progress"
		case allResolved:
			st = "resolved"
		}
		out = append(out, adapters.Update{
			ID:         string(u.ID),
			Status:     st,
			StatusRaw:  strings.Join(words, ","),
			Body:       string(a.Message),
			CreatedAt:  at,
			Components: refs,
		})
	}
	adapters.SortUpdates(out)
	return out
}

// affectedOf gathers every resource a report touched, in the report and in
// its updates, with the worst state each was put in, and the worst vendor
// word overall ("" when none was given).
func (ix *index) affectedOf(report []affected, updates []adapters.Update) (string, []adapters.ComponentRef) {
	worstWord := map[string]string{}
	var ids []string
	note := func(id, word string) {
		if id == "" {
			return
		}
		prev, seen := worstWord[id]
		if !seen {
			ids = append(ids, id)
		}
		if !seen || wordRank(word) > wordRank(prev) {
			worstWord[id] = word
		}
	}
	for _, ar := range report {
		note(string(ar.ResourceID), strings.ToLower(strings.TrimSpace(string(ar.Status))))
	}
	for _, u := range updates {
		for _, r := range u.Components {
			note(r.ID, wordOf(r.Status))
		}
	}
	sort.Strings(ids)
	worst := ""
	refs := make([]adapters.ComponentRef, 0, len(ids))
	for _, id := range ids {
		w := worstWord[id]
		if wordRank(w) > wordRank(worst) {
			worst = w
		}
		refs = append(refs, ix.ref(id, w))
	}
	return worst, refs
}

func (ix *index) ref(id, word string) adapters.ComponentRef {
	r := adapters.ComponentRef{ID: id, Name: strings.TrimSpace(string(ix.resources[id].Attributes.V.PublicName))}
	if s := status(word); s != adapters.Unknown {
		r.Status = s
	} else if isResolved(word) {
		r.Status = adapters.Operational
	}
	return r
}

// wordOf turns a mapped status back into Better Stack's word, so the worst
// state can be ranked across report and updates alike.
func wordOf(s adapters.Status) string {
	switch s {
	case adapters.Degraded:
		return "degraded"
	case adapters.MajorOutage:
		return "downtime"
	case adapters.Maintenance:
		return "maintenance"
	case adapters.Operational:
		return "resolved"
	}
	return ""
}

func wordRank(w string) int {
	switch w {
	case "downtime":
		return 4
	case "degraded":
		return 3
	case "maintenance":
		return 2
	case "resolved", "operational":
		return 1
	}
	return 0
}

func appendUnique(s []string, w string) []string {
	for _, x := range s {
		if x == w {
			return s
		}
	}
	return append(s, w)
}

func isResolved(w string) bool {
	w = strings.ToLower(strings.TrimSpace(w))
	return w == "resolved" || w == "operational"
}

func status(raw string) adapters.Status {
	switch strings.ToLower(strings.TrimSpace(raw)) {
	case "operational":
		return adapters.Operational
	case "degraded":
		return adapters.Degraded
	case "downtime":
		return adapters.MajorOutage
	case "maintenance":
		return adapters.Maintenance
	}
	return adapters.Unknown
}

func impact(worst string, maint bool) adapters.Impact {
	switch worst {
	case "downtime":
		return adapters.ImpactCritical
	case "degraded":
		return adapters.ImpactMinor
	case "maintenance":
		return adapters.ImpactMaintenance
	}
	if maint {
		return adapters.ImpactMaintenance
	}
	return adapters.ImpactMinor
}

// self is what the page says of itself: the company's name, and the
// page's own domain when it has one, else the company's website (a page
// on betteruptime.com names no other address).
func self(a attributes) *adapters.Self {
	url := string(a.CompanyURL)
	if d := a.CustomDomain.Trim(); d != "" {
		url = "https://" + d
	}
	return adapters.NewSelf(string(a.CompanyName), url)
}
