// Package cachet reads self-hosted Cachet status pages (cachethq.io, 2.x)
// through their public JSON API under <page>/api/v1/: components,
// components/groups, incidents (with their updates) and schedules.
//
// Vocabulary, Cachet → ours (StatusRaw keeps Cachet's number as its
// decimal string):
//
//	| Cachet                                  | ours                                              |
//	|-----------------------------------------|---------------------------------------------------|
//	| component status 1 Operational          | operational                                       |
//	| component status 2 Performance Issues   | degraded                                          |
//	| component status 3 Partial Outage       | partial_outage                                    |
//	| component status 4 Major Outage         | major_outage                                      |
//	| component status 0 or other             | unknown                                           |
//	| component group (components/groups)     | group component "group:<id>", status the worst of its members |
//	| component group_id of an unknown group  | left ungrouped                                    |
//	| component enabled false                 | left out (Cachet does not show it)                |
//	| incident status 1 Investigating         | investigating                                     |
//	| incident status 2 Identified            | identified                                        |
//	| incident status 3 Watching              | monitoring                                        |
//	| incident status 4 Fixed                 | resolved                                          |
//	| incident status 0 Scheduled (before 2.4)| Kind maintenance, scheduled, ScheduledFor scheduled_at |
//	| incident impact                         | none given: every incident is impact minor        |
//	| incident message                        | the oldest Update ("incident-<id>")               |
//	| incident update (2.4 `updates`, or /incidents/<id>/updates) | Update              |
//	| incident component_id                   | affected component                                |
//	| schedule status 0 Upcoming / 1 In Progress / 2 Complete | Kind maintenance "schedule:<id>", scheduled / in_progress / completed |
//	| schedule scheduled_at / completed_at    | ScheduledFor / ScheduledUntil and ResolvedAt (completed_at only once complete) |
//	| page status                             | none published: the worst of components and open incidents |
//
// Time zones: Cachet writes zone-less times ("2026-11-20 14:03:00") in the
// page's configured zone, which its API does not publish. NewIn takes the
// zone when the catalogue knows it. Otherwise the adapter reads the page's
// HTML, where Cachet renders each incident's time with its offset
// (data-timeago="2026-11-20T14:03:00+01:00"), and gives every API time the
// offset of the nearest such time, which follows daylight saving as far as
// the page shows it. A page that shows none is read as UTC. Presented
// completed_at and scheduled_at values are used only where the status says
// they are set, because Cachet fills an empty one with the time of the
// request.
//
// Bounds: every list is paginated (meta.pagination.links.next_page); the
// adapter follows at most MaxPages pages of PerPage items per list, asking
// for incidents newest first, so a long history is cut at its oldest end.
// Incidents without inline updates get theirs from /incidents/<id>/updates
// for the newest MaxUpdateFetches incidents only; a 404 there means the
// page predates updates and stops the lookups. Next-page links are followed
// by their query only, on the page's own URL, since Cachet builds them from
// its configured app URL, which may be http or another host.
package cachet

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/internal/jsonx"
)

// Bounds on what one fetch reads.
const (
	PerPage          = 100
	MaxPages         = 10
	MaxUpdateFetches = 25
)

// New returns the Cachet adapter, which discovers each page's offset.
func New() adapters.Adapter { return NewIn(nil) }

// NewIn returns a Cachet adapter that reads zone-less times in loc: components,
// maintenance and timelines; at most MaxPages*PerPage incidents.
func NewIn(loc *time.Location) adapters.Adapter {
	caps := adapters.Capabilities{Title: "Cachet", Docs: "https://docs.cachethq.io/", Status: true, Components: true, Maintenance: true, Timeline: true, HistoryWindow: MaxPages * PerPage, Listing: adapters.ListsWindow, Self: true}
	return adapters.Define("cachet", caps, probe, func(ctx context.Context, f adapters.Fetcher, p adapters.Page) (*adapters.Snapshot, error) {
		return fetch(ctx, f, p, loc)
	})
}

// probe knows a page by its API's ping, which answers "Pong!".
var probe = adapters.Probe{Endpoints: []adapters.Endpoint{
	{Rank: 400, Path: "/api/v1/ping", Says: "answers Cachet's Pong!", Match: func(b []byte) bool { return bytes.Contains(b, []byte("Pong!")) }},
}}

// fetcher carries one fetch's page and fetcher.
type fetcher struct {
	ctx  context.Context
	f    adapters.Fetcher
	base string
}

// fetch reads the API lists and normalizes them; loc, when set, is the
// page's zone.
func fetch(ctx context.Context, f adapters.Fetcher, p adapters.Page, loc *time.Location) (*adapters.Snapshot, error) {
	c := fetcher{ctx: ctx, f: f, base: strings.TrimRight(p.URL, "/")}
	z := zone{loc: loc}
	var self *adapters.Self
	if z.loc == nil {
		hints, title, err := c.page()
		if err != nil {
			return nil, err
		}
		z.hints, self = hints, adapters.NewSelf(title, "")
	}
	q := "?per_page=" + strconv.Itoa(PerPage)
	comps, _, err := c.list("/api/v1/components"+q, false)
	if err != nil {
		return nil, err
	}
	groups, _, err := c.list("/api/v1/components/groups"+q, true)
	if err != nil {
		return nil, err
	}
	incs, complete, err := c.list("/api/v1/incidents?sort=id&order=desc&per_page="+strconv.Itoa(PerPage), false)
	if err != nil {
		return nil, err
	}
	scheds, _, err := c.list("/api/v1/schedules"+q, true)
	if err != nil {
		return nil, err
	}
	in := input{components: jsonx.Elements[componentItem](comps), groups: jsonx.Elements[groupItem](groups),
		incidents: jsonx.Elements[incidentItem](incs), schedules: jsonx.Elements[scheduleItem](scheds), complete: complete}
	if err := c.fetchUpdates(in.incidents); err != nil {
		return nil, err
	}
	snap := buildSnapshot(in, z)
	snap.Self = self
	return snap, nil
}

// get fetches one URL and decodes it; found is false for a 404 on an
// optional URL.
func get[T any](c fetcher, u string, optional bool, decode func([]byte) (T, error)) (v T, found bool, err error) {
	v, err = adapters.GetDecode(c.ctx, c.f, u, decode)
	switch {
	case optional && adapters.IsNotFound(err):
		return v, false, nil
	case err != nil:
		return v, false, err
	}
	return v, true, nil
}

// list reads a paginated list from path on, up to MaxPages pages. complete
// is true when the last page was reached.
func (c fetcher) list(path string, optional bool) (items []json.RawMessage, complete bool, err error) {
	u := c.base + path
	seen := map[string]bool{}
	for page := 0; page < MaxPages; page++ {
		seen[u] = true
		doc, found, err := get(c, u, optional && page == 0, DecodeList)
		if err != nil || !found {
			return nil, !found, err
		}
		items = append(items, doc.Data...)
		next := c.nextURL(u, string(doc.Meta.V.Pagination.V.Links.V.NextPage))
		if next == "" || seen[next] {
			return items, true, nil
		}
		u = next
	}
	return items, false, nil
}

// nextURL applies the query of Cachet's next-page link to the current URL.
func (c fetcher) nextURL(current, link string) string {
	if strings.TrimSpace(link) == "" {
		return ""
	}
	lu, err := url.Parse(link)
	if err != nil || lu.RawQuery == "" {
		return ""
	}
	cu, err := url.Parse(current)
	if err != nil {
		return ""
	}
	cu.RawQuery = lu.RawQuery
	return cu.String()
}

// fetchUpdates fills the updates of the newest incidents that came without
// an inline updates list.
func (c fetcher) fetchUpdates(incs []incidentItem) error {
	sort.SliceStable(incs, func(i, j int) bool { return incs[i].ID.V > incs[j].ID.V })
	asked := 0
	for i := range incs {
		if incs[i].Updates != nil || !incs[i].ID.OK || asked == MaxUpdateFetches {
			continue
		}
		asked++
		u := c.base + "/api/v1/incidents/" + strconv.FormatInt(incs[i].ID.V, 10) + "/updates"
		doc, found, err := get(c, u, true, DecodeList)
		if err != nil {
			return err
		}
		if !found {
			return nil // this Cachet has no incident updates at all
		}
		ups := jsonx.Elements[updateItem](doc.Data)
		incs[i].Updates = &ups
	}
	return nil
}

var timeagoAttr = regexp.MustCompile(`(?:data-timeago|datetime)="([0-9T:+\-. ]{19,35})"`)

// page reads the page's HTML for times shown with their offset, and for
// its title, the only place a Cachet page names itself (the API does
// not). A page without HTML (404) gives neither; other failures are
// errors, so that a flaky page never silently shifts every time to UTC.
func (c fetcher) page() (hints []hint, title string, err error) {
	body, _, err := get(c, c.base, true, func(html []byte) ([]byte, error) { return html, nil })
	return zoneHintsFrom(body), adapters.PageTitle(body), err
}

// zoneHintsFrom extracts (wall time, offset) pairs from a Cachet page's HTML,
// sorted by wall time.
func zoneHintsFrom(html []byte) []hint {
	var out []hint
	seen := map[string]bool{}
	for _, m := range timeagoAttr.FindAllSubmatch(html, -1) {
		v := string(m[1])
		if seen[v] {
			continue
		}
		seen[v] = true
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			continue
		}
		_, off := t.Zone()
		wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
		out = append(out, hint{wall: wall, offset: off})
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].wall.Equal(out[j].wall) {
			return out[i].wall.Before(out[j].wall)
		}
		return out[i].offset < out[j].offset
	})
	return out
}

// ListDoc is one page of any Cachet list.
type ListDoc struct {
	Data jsonx.List[json.RawMessage] `json:"data"`
	Meta jsonx.Object[struct {
		Pagination jsonx.Object[struct {
			Links jsonx.Object[struct {
				NextPage jsonx.Text `json:"next_page"`
			}] `json:"links"`
		}] `json:"pagination"`
	}] `json:"meta"`
}

// DecodeList decodes a list page; it fails when the body is not a JSON
// object with a data list.
func DecodeList(body []byte) (*ListDoc, error) {
	// A probe first, to tell a data list from a data object, which List
	// reads alike.
	probe, err := jsonx.DecodeObject[struct {
		Data json.RawMessage `json:"data"`
	}](body)
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(strings.TrimSpace(string(probe.Data)), "[") {
		return nil, fmt.Errorf("no data list: not a Cachet API list")
	}
	doc, err := jsonx.DecodeObject[ListDoc](body)
	return &doc, err
}

type componentItem struct {
	ID          jsonx.Number `json:"id"`
	Name        jsonx.Text   `json:"name"`
	Description jsonx.Text   `json:"description"`
	Status      jsonx.Number `json:"status"`
	Order       jsonx.Number `json:"order"`
	GroupID     jsonx.Number `json:"group_id"`
	Enabled     jsonx.Text   `json:"enabled"`
	UpdatedAt   jsonx.Text   `json:"updated_at"`
}

type groupItem struct {
	ID    jsonx.Number `json:"id"`
	Name  jsonx.Text   `json:"name"`
	Order jsonx.Number `json:"order"`
}

type incidentItem struct {
	ID          jsonx.Number `json:"id"`
	ComponentID jsonx.Number `json:"component_id"`
	Name        jsonx.Text   `json:"name"`
	Status      jsonx.Number `json:"status"`
	Visible     jsonx.Text   `json:"visible"`
	Message     jsonx.Text   `json:"message"`
	ScheduledAt jsonx.Text   `json:"scheduled_at"`
	OccurredAt  jsonx.Text   `json:"occurred_at"`
	CreatedAt   jsonx.Text   `json:"created_at"`
	UpdatedAt   jsonx.Text   `json:"updated_at"`
	Permalink   jsonx.Text   `json:"permalink"`
	// Updates is nil when the incident has no updates key, so the adapter
	// knows to ask for them.
	Updates *jsonx.List[updateItem] `json:"updates"`
}

type updateItem struct {
	ID        jsonx.Number `json:"id"`
	Status    jsonx.Number `json:"status"`
	Message   jsonx.Text   `json:"message"`
	CreatedAt jsonx.Text   `json:"created_at"`
}

type scheduleItem struct {
	ID          jsonx.Number `json:"id"`
	Name        jsonx.Text   `json:"name"`
	Message     jsonx.Text   `json:"message"`
	Status      jsonx.Number `json:"status"`
	ScheduledAt jsonx.Text   `json:"scheduled_at"`
	CompletedAt jsonx.Text   `json:"completed_at"`
	CreatedAt   jsonx.Text   `json:"created_at"`
	UpdatedAt   jsonx.Text   `json:"updated_at"`
	Components  jsonx.List[struct {
		ID jsonx.Number `json:"id"`
	}] `json:"components"`
}

type input struct {
	components []componentItem
	groups     []groupItem
	incidents  []incidentItem
	schedules  []scheduleItem
	complete   bool
}

func buildSnapshot(in input, z zone) *adapters.Snapshot {
	snap := &adapters.Snapshot{
		Components:        adapters.OneComponentPerID(components(in, z)),
		Incidents:         []adapters.Incident{},
		IncidentsComplete: in.complete,
	}
	names := map[string]string{}
	for _, c := range snap.Components {
		names[c.ID] = c.Name
	}
	for _, it := range in.incidents {
		if !it.ID.OK || falsy(it.Visible) {
			continue
		}
		snap.Incidents = append(snap.Incidents, incident(it, z, names))
	}
	for _, s := range in.schedules {
		if s.ID.OK {
			snap.Incidents = append(snap.Incidents, schedule(s, z, names))
		}
	}
	// A page listing one id twice (its API pages can overlap while it
	// changes) keeps the first copy.
	snap.Incidents = adapters.FirstOfEachID(snap.Incidents, func(i *adapters.Incident) string { return i.ID })
	adapters.SortIncidents(snap.Incidents)
	// Cachet publishes no page status.
	snap.Status, snap.StatusDerived = adapters.DerivedStatus(snap.Components, snap.Incidents), true
	return snap
}

func falsy(s jsonx.Text) bool {
	v := strings.ToLower(strings.TrimSpace(string(s)))
	return v == "false" || v == "0"
}

// components lists known groups, each followed by its members, and the
// ungrouped components, by order then id.
func components(in input, z zone) []adapters.Component {
	var flat []adapters.Component
	known := map[int64]bool{}
	for _, g := range in.groups {
		if !g.ID.OK || known[g.ID.V] {
			continue
		}
		known[g.ID.V] = true
		flat = append(flat, adapters.Component{ID: groupID(g.ID.V), Name: string(g.Name), Group: true, Position: int(g.Order.V)})
	}
	for _, it := range in.components {
		if !it.ID.OK || falsy(it.Enabled) {
			continue
		}
		c := adapters.Component{
			ID:          strconv.FormatInt(it.ID.V, 10),
			Name:        string(it.Name),
			Description: string(it.Description),
			Position:    int(it.Order.V),
			Status:      componentStatus(it.Status),
		}
		if it.Status.OK {
			c.StatusRaw = strconv.FormatInt(it.Status.V, 10)
		}
		c.UpdatedAt, _ = z.parse(it.UpdatedAt)
		if it.GroupID.V > 0 && known[it.GroupID.V] {
			c.GroupID = groupID(it.GroupID.V)
		}
		flat = append(flat, c)
	}
	return adapters.GroupComponents(flat)
}

func groupID(id int64) string { return "group:" + strconv.FormatInt(id, 10) }

func incident(it incidentItem, z zone, names map[string]string) adapters.Incident {
	id := strconv.FormatInt(it.ID.V, 10)
	created, _ := z.parse(it.CreatedAt)
	started, ok := z.parse(it.OccurredAt)
	if !ok {
		started = created
	}
	updated, _ := z.parse(it.UpdatedAt)
	inc := adapters.Incident{
		ID:        id,
		Kind:      adapters.KindIncident,
		Title:     string(it.Name),
		Impact:    adapters.ImpactMinor,
		Status:    incidentStatus(it.Status),
		URL:       string(it.Permalink),
		CreatedAt: created,
		StartedAt: started,
		UpdatedAt: updated,
		Updates:   []adapters.Update{},
	}
	if it.Status.OK {
		inc.StatusRaw = strconv.FormatInt(it.Status.V, 10)
	}
	if it.ComponentID.V > 0 {
		cid := strconv.FormatInt(it.ComponentID.V, 10)
		inc.Components = []adapters.ComponentRef{{ID: cid, Name: names[cid]}}
	}
	if it.Updates != nil {
		for _, u := range *it.Updates {
			inc.Updates = append(inc.Updates, update(u, z))
		}
	}
	if it.Status.OK && it.Status.V == 0 { // scheduled maintenance before Cachet 2.4
		inc.Kind = adapters.KindMaintenance
		inc.Impact = adapters.ImpactMaintenance
		inc.ScheduledFor, _ = z.parse(it.ScheduledAt)
		if !inc.ScheduledFor.IsZero() {
			inc.StartedAt = inc.ScheduledFor
		}
	}
	if msg := strings.TrimSpace(string(it.Message)); msg != "" {
		first := adapters.Update{ID: "incident-" + id, Status: inc.Status, StatusRaw: inc.StatusRaw, Body: string(it.Message), CreatedAt: started}
		if len(inc.Updates) > 0 {
			// Cachet keeps only the current status; the opening message
			// is read as the start of the investigation.
			first.Status, first.StatusRaw = "investigating", ""
		}
		inc.Updates = append(inc.Updates, first)
	}
	adapters.SortUpdates(inc.Updates)
	if inc.Status == "resolved" {
		inc.ResolvedAt = updated
		for _, u := range inc.Updates { // newest first: the newest fix wins
			if u.Status == "resolved" {
				inc.ResolvedAt = u.CreatedAt
				break
			}
		}
		if inc.ResolvedAt.IsZero() {
			inc.ResolvedAt = started
		}
	}
	return inc
}

func update(u updateItem, z zone) adapters.Update {
	at, _ := z.parse(u.CreatedAt)
	out := adapters.Update{ID: strconv.FormatInt(u.ID.V, 10), Status: incidentStatus(u.Status), Body: string(u.Message), CreatedAt: at}
	if u.Status.OK {
		out.StatusRaw = strconv.FormatInt(u.Status.V, 10)
	}
	return out
}

func schedule(s scheduleItem, z zone, names map[string]string) adapters.Incident {
	id := "schedule:" + strconv.FormatInt(s.ID.V, 10)
	created, _ := z.parse(s.CreatedAt)
	updated, _ := z.parse(s.UpdatedAt)
	start, _ := z.parse(s.ScheduledAt)
	inc := adapters.Incident{
		ID:           id,
		Kind:         adapters.KindMaintenance,
		Title:        string(s.Name),
		Impact:       adapters.ImpactMaintenance,
		Status:       scheduleStatus(s.Status),
		CreatedAt:    created,
		StartedAt:    start,
		UpdatedAt:    updated,
		ScheduledFor: start,
		Updates:      []adapters.Update{},
	}
	if s.Status.OK {
		inc.StatusRaw = strconv.FormatInt(s.Status.V, 10)
	}
	if inc.StartedAt.IsZero() {
		inc.StartedAt = created
	}
	if inc.Status == "completed" {
		end, ok := z.parse(s.CompletedAt)
		if !ok {
			end = updated
		}
		inc.ScheduledUntil, inc.ResolvedAt = end, end
	}
	for _, c := range s.Components {
		if c.ID.OK {
			cid := strconv.FormatInt(c.ID.V, 10)
			inc.Components = append(inc.Components, adapters.ComponentRef{ID: cid, Name: names[cid]})
		}
	}
	if strings.TrimSpace(string(s.Message)) != "" {
		// The message is the announcement, written when the window was
		// scheduled, whatever the window's status is now.
		inc.Updates = append(inc.Updates, adapters.Update{ID: id, Status: "scheduled", Body: string(s.Message), CreatedAt: created})
	}
	return inc
}

func componentStatus(n jsonx.Number) adapters.Status {
	if !n.OK {
		return adapters.Unknown
	}
	switch n.V {
	case 1:
		return adapters.Operational
	case 2:
		return adapters.Degraded
	case 3:
		return adapters.PartialOutage
	case 4:
		return adapters.MajorOutage
	}
	return adapters.Unknown
}

func incidentStatus(n jsonx.Number) string {
	if !n.OK {
		return ""
	}
	switch n.V {
	case 0:
		return "scheduled"
	case 1:
		return "investigating"
	case 2:
		return "identified"
	case 3:
		return "monitoring"
	case 4:
		return "resolved"
	}
	return ""
}

func scheduleStatus(n jsonx.Number) string {
	switch {
	case !n.OK:
		return "scheduled"
	case n.V == 1:
		return "in_progress"
	case n.V == 2:
		return "completed"
	}
	return "scheduled"
}
