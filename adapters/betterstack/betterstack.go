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
// starts_at. The document lists the reports the page shows, not every
// report ever made, so IncidentsComplete stays false.
//
// The per-resource daily history has no place in the shared Snapshot yet;
// DailyHistory exposes it for the caller to wire in.
package betterstack

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters"
)

// Adapter reads one Better Stack page.
type Adapter struct{}

// New returns the Better Stack adapter.
func New() adapters.Adapter { return Adapter{} }

// Name is the catalogue's adapter value.
func (Adapter) Name() string { return "betterstack" }

// Capabilities: components, maintenance and a timeline of updates; the
// page lists the reports it shows, whose number Better Stack does not fix.
func (Adapter) Capabilities() adapters.Capabilities {
	return adapters.Capabilities{Status: true, Components: true, Maintenance: true, Timeline: true}
}

// Fetch reads <page>/index.json and normalizes it.
func (Adapter) Fetch(ctx context.Context, f adapters.Fetcher, p adapters.Page) (*adapters.Snapshot, error) {
	base := strings.TrimRight(p.URL, "/")
	u := base + "/index.json"
	body, err := f.Get(ctx, u)
	if err != nil {
		if strings.Contains(err.Error(), u) {
			return nil, fmt.Errorf("betterstack: %w", err)
		}
		return nil, fmt.Errorf("betterstack: fetch %s: %w", u, err)
	}
	doc, err := DecodeIndex(body)
	if err != nil {
		return nil, fmt.Errorf("betterstack: decode %s: %w", u, err)
	}
	return buildSnapshot(doc, base), nil
}

// IndexDoc is the part of index.json this adapter reads.
type IndexDoc struct {
	Data     object[resource] `json:"data"`
	Included list[resource]   `json:"included"`
}

// resource is any JSON:API resource object of the document; which
// attributes are set depends on its type.
type resource struct {
	ID            text                  `json:"id"`
	Type          text                  `json:"type"`
	Attributes    object[attributes]    `json:"attributes"`
	Relationships object[relationships] `json:"relationships"`
}

type attributes struct {
	// status_page
	CompanyName    text `json:"company_name"`
	AggregateState text `json:"aggregate_state"`
	Timezone       text `json:"timezone"`
	// status_page_resource and status_page_section
	PublicName    text            `json:"public_name"`
	Name          text            `json:"name"`
	Explanation   text            `json:"explanation"`
	Status        text            `json:"status"`
	Position      number          `json:"position"`
	SectionID     text            `json:"status_page_section_id"`
	StatusHistory list[dayRecord] `json:"status_history"`
	// status_report
	Title             text           `json:"title"`
	ReportType        text           `json:"report_type"`
	StartsAt          text           `json:"starts_at"`
	EndsAt            text           `json:"ends_at"`
	AffectedResources list[affected] `json:"affected_resources"`
	// status_update
	Message        text `json:"message"`
	PublishedAt    text `json:"published_at"`
	StatusReportID text `json:"status_report_id"`
}

type relationships struct {
	StatusUpdates object[struct {
		Data list[struct {
			ID text `json:"id"`
		}] `json:"data"`
	}] `json:"status_updates"`
}

type affected struct {
	ResourceID text `json:"status_page_resource_id"`
	Status     text `json:"status"`
}

type dayRecord struct {
	Day                 text   `json:"day"`
	Status              text   `json:"status"`
	DowntimeDuration    number `json:"downtime_duration"`
	MaintenanceDuration number `json:"maintenance_duration"`
}

// DecodeIndex decodes index.json; it fails only when the body is not a
// JSON object with a data object.
func DecodeIndex(body []byte) (*IndexDoc, error) {
	var doc IndexDoc
	if err := decodeDocument(body, &doc); err != nil {
		return nil, err
	}
	if !doc.Data.OK {
		return nil, fmt.Errorf("no data object: not a Better Stack index.json")
	}
	return &doc, nil
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
	}
	for _, rep := range ix.reports {
		snap.Incidents = append(snap.Incidents, ix.incident(rep))
	}
	sort.SliceStable(snap.Incidents, func(i, j int) bool {
		a, b := snap.Incidents[i], snap.Incidents[j]
		if !a.StartedAt.Equal(b.StartedAt) {
			return a.StartedAt.After(b.StartedAt)
		}
		return a.ID < b.ID
	})
	page := doc.Data.V.Attributes.V
	snap.StatusRaw = string(page.AggregateState)
	snap.Status = status(snap.StatusRaw)
	if snap.Status == adapters.Unknown {
		snap.Status = derivedStatus(snap)
	}
	return snap
}

// components lists named sections as groups, each followed by its
// resources; groups and top-level resources by position, then id.
func (ix *index) components() []adapters.Component {
	type entry struct {
		c    adapters.Component
		kids []adapters.Component
	}
	groups := map[string]*entry{}
	var top []*entry
	for id, s := range ix.sections {
		name := strings.TrimSpace(string(s.Attributes.V.Name))
		if name == "" {
			continue
		}
		e := &entry{c: adapters.Component{
			ID: "section:" + id, Name: name, Group: true,
			Position: int(s.Attributes.V.Position.V), Status: adapters.Unknown,
		}}
		groups[id] = e
		top = append(top, e)
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
		if g, ok := groups[string(a.SectionID)]; ok {
			c.GroupID = g.c.ID
			g.kids = append(g.kids, c)
			continue
		}
		top = append(top, &entry{c: c})
	}
	less := func(a, b adapters.Component) bool {
		if a.Position != b.Position {
			return a.Position < b.Position
		}
		return a.ID < b.ID
	}
	sort.SliceStable(top, func(i, j int) bool { return less(top[i].c, top[j].c) })
	out := []adapters.Component{}
	for _, e := range top {
		if e.c.Group {
			sort.SliceStable(e.kids, func(i, j int) bool { return less(e.kids[i], e.kids[j]) })
			for _, k := range e.kids {
				if e.c.Status == adapters.Unknown {
					e.c.Status = adapters.Operational
				}
				e.c.Status = adapters.Worst(e.c.Status, k.Status)
			}
		}
		out = append(out, e.c)
		out = append(out, e.kids...)
	}
	return out
}

func (ix *index) incident(rep resource) adapters.Incident {
	a := rep.Attributes.V
	maint := strings.EqualFold(string(a.ReportType), "maintenance")
	starts, _ := parseTime(a.StartsAt)
	ends, _ := parseTime(a.EndsAt)
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
		if inc.ResolvedAt.IsZero() || (maint && !ends.IsZero()) {
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
		at, _ := parseTime(a.PublishedAt)
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
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].CreatedAt.Equal(out[j].CreatedAt) {
			return out[i].CreatedAt.After(out[j].CreatedAt)
		}
		return out[i].ID > out[j].ID
	})
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

// derivedStatus is the worst of the resources and open incidents, used
// when the page gives no aggregate state we know.
func derivedStatus(snap *adapters.Snapshot) adapters.Status {
	s := adapters.Unknown
	for _, c := range snap.Components {
		if !c.Group {
			s = adapters.Worst(s, c.Status)
		}
	}
	for _, inc := range snap.Incidents {
		if inc.Open() && (inc.Kind == adapters.KindIncident || inc.Status == "in_progress") {
			s = adapters.Worst(s, inc.Impact.Status())
		}
	}
	return s
}
