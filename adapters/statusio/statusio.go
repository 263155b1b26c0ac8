// Package statusio reads status.io pages through status.io's public status
// API, https://api.status.io/1.0/status/<page_id>, one JSON document with
// the overall status, the components with their containers, the active
// incidents and the active and upcoming maintenance.
//
// Finding the page id: a catalogue URL may be the API URL itself
// (https://api.status.io/1.0/status/<id>), or a page URL that carries the
// 24-hex id in its path or in a page_id/statuspage_id query parameter. Any
// other URL, such as https://status.gitlab.com, is fetched as HTML and the
// id is taken from the links every status.io page renders: its RSS/Atom and
// history links (/pages/<id>/rss, /pages/history/<id>), incident and
// maintenance links (/pages/incident/<id>/..., /pages/maintenance/<id>/...),
// a "statuspage_id" value in its scripts, or an api.status.io/1.0/status/<id>
// URL. Any 24-hex string elsewhere in the page is not trusted.
//
// Vocabulary, status.io → ours (StatusRaw and ImpactRaw keep the code as
// its decimal string; Description keeps status_overall's text):
//
//	| status.io code                  | component status | incident impact |
//	|---------------------------------|------------------|-----------------|
//	| 100 Operational                 | operational      | none            |
//	| 200 Planned Maintenance         | maintenance      | maintenance     |
//	| 300 Degraded Performance        | degraded         | minor           |
//	| 400 Partial Service Disruption  | partial_outage   | major           |
//	| 500 Service Disruption          | major_outage     | critical        |
//	| 600 Security Event              | major_outage     | critical        |
//
//	| status.io                                  | ours                                              |
//	|--------------------------------------------|---------------------------------------------------|
//	| result.status_overall                      | Snapshot.Status, StatusRaw, Description; without it, the worst of components and open incidents (StatusDerived) |
//	| result.status[] with containers            | group component (id), one child per container, id "<component>/<container>" (containers are shared across components, so their own ids repeat) |
//	| result.status[] without containers         | plain component                                   |
//	| result.incidents[]                         | open Incident, Kind incident; impact from the worst status code of its messages |
//	| message state 100/200/300                  | investigating/identified/monitoring               |
//	| result.maintenance.active[]                | Kind maintenance, status in_progress              |
//	| result.maintenance.upcoming[]              | Kind maintenance, status scheduled                |
//	| datetime_planned_start / _end              | ScheduledFor / ScheduledUntil                     |
//	| messages[] (details, datetime)             | Updates, newest first; maintenance messages are scheduled before the planned start, else the window's status |
//	| components_affected × containers_affected  | affected component refs (the container children)  |
//
// The public API lists only what is active or upcoming: resolved incidents
// and finished maintenance drop out, so IncidentsComplete stays false.
package statusio

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/internal/jsonx"
)

// apiBase is status.io's public status API.
const apiBase = "https://api.status.io/1.0/status/"

// New returns the status.io adapter: components, maintenance and message
// timelines, for the active items only.
func New() adapters.Adapter {
	caps := adapters.Capabilities{Title: "status.io", Docs: "https://kb.status.io/developers/public-status-api", Status: true, Components: true, Maintenance: true, Timeline: true, Listing: adapters.ListsActive, Self: true}
	return adapters.Define("statusio", caps, probe, fetch)
}

// probe reads the page itself with the adapter's own test, so that it
// never misses a page the adapter can read (GitLab's links only
// /pages/<id>/rss). It ranks after the JSON APIs: any page may link
// anything.
var probe = adapters.Probe{Endpoints: []adapters.Endpoint{
	{Rank: 800, Path: "/", Says: "names a status.io page id", Match: func(b []byte) bool { return FindPageID(b) != "" }},
}, Domains: []string{"status.io"}}

// fetch finds the page id, reads the status API and normalizes it.
func fetch(ctx context.Context, f adapters.Fetcher, p adapters.Page) (*adapters.Snapshot, error) {
	pageURL := strings.TrimRight(p.URL, "/")
	id, err := PageID(pageURL)
	// The API names no page: its HTML title, read when the page is
	// fetched for its id, is what it calls itself.
	var self *adapters.Self
	if err != nil {
		body, ferr := adapters.Get(ctx, f, pageURL)
		if ferr != nil {
			return nil, ferr
		}
		if id = FindPageID(body); id == "" {
			return nil, fmt.Errorf("no status.io page id in %s", pageURL)
		}
		self = adapters.NewSelf(adapters.PageTitle(body), "")
	}
	doc, err := adapters.GetDecode(ctx, f, apiBase+id, DecodeStatus)
	if err != nil {
		return nil, err
	}
	base := pageURL
	if strings.HasPrefix(pageURL, strings.TrimSuffix(apiBase, "/")) {
		base = "" // no human page to link incidents to
	}
	snap := buildSnapshot(doc, base, id)
	snap.Self = self
	return snap, nil
}

var hexID = regexp.MustCompile(`^[0-9a-fA-F]{24}$`)

// PageID takes the page id from a URL that carries it: the API URL, a
// page_id or statuspage_id query parameter, or a path segment that is 24
// hex digits. It fails when the URL does not carry one.
func PageID(pageURL string) (string, error) {
	u, err := url.Parse(pageURL)
	if err != nil {
		return "", err
	}
	for _, k := range []string{"page_id", "statuspage_id"} {
		if v := u.Query().Get(k); hexID.MatchString(v) {
			return strings.ToLower(v), nil
		}
	}
	for _, seg := range strings.Split(u.Path, "/") {
		if hexID.MatchString(seg) {
			return strings.ToLower(seg), nil
		}
	}
	return "", fmt.Errorf("no page id in %s", pageURL)
}

// pageIDMarkers are the places a status.io page names its own id.
var pageIDMarkers = regexp.MustCompile(`(?i)(?:/pages/(?:history|incident|maintenance|subscribe)/|/pages/|statuspage_?id["'\s:=]+|api\.status\.io/1\.0/status/)([0-9a-f]{24})\b`)

// FindPageID returns the status.io page id named in a page's HTML, or "".
func FindPageID(html []byte) string {
	if m := pageIDMarkers.FindSubmatch(html); m != nil {
		return strings.ToLower(string(m[1]))
	}
	return ""
}

// StatusDoc is the part of the status API answer this adapter reads.
type StatusDoc struct {
	Result jsonx.Object[result] `json:"result"`
	Status jsonx.Object[struct {
		Error   jsonx.Text `json:"error"`
		Message jsonx.Text `json:"message"`
	}] `json:"status"`
}

type result struct {
	StatusOverall jsonx.Object[state]        `json:"status_overall"`
	Status        jsonx.List[statusEntry]    `json:"status"`
	Incidents     jsonx.List[event]          `json:"incidents"`
	Maintenance   jsonx.Object[maintenances] `json:"maintenance"`
}

type state struct {
	Updated    jsonx.Text   `json:"updated"`
	Status     jsonx.Text   `json:"status"`
	StatusCode jsonx.Number `json:"status_code"`
}

type statusEntry struct {
	ID         jsonx.Text              `json:"id"`
	Name       jsonx.Text              `json:"name"`
	Updated    jsonx.Text              `json:"updated"`
	Status     jsonx.Text              `json:"status"`
	StatusCode jsonx.Number            `json:"status_code"`
	Containers jsonx.List[statusEntry] `json:"containers"`
}

type maintenances struct {
	Active   jsonx.List[event] `json:"active"`
	Upcoming jsonx.List[event] `json:"upcoming"`
}

// event is an incident or a maintenance window.
type event struct {
	ID                 jsonx.Text           `json:"_id"`
	Name               jsonx.Text           `json:"name"`
	DatetimeOpen       jsonx.Text           `json:"datetime_open"`
	PlannedStart       jsonx.Text           `json:"datetime_planned_start"`
	PlannedEnd         jsonx.Text           `json:"datetime_planned_end"`
	Messages           jsonx.List[message]  `json:"messages"`
	ComponentsAffected jsonx.List[affected] `json:"components_affected"`
	ContainersAffected jsonx.List[affected] `json:"containers_affected"`
}

type affected struct {
	ID         jsonx.Text             `json:"_id"`
	Name       jsonx.Text             `json:"name"`
	Containers jsonx.List[jsonx.Text] `json:"containers"`
}

type message struct {
	ID       jsonx.Text   `json:"_id"`
	Details  jsonx.Text   `json:"details"`
	Datetime jsonx.Text   `json:"datetime"`
	State    jsonx.Number `json:"state"`
	Status   jsonx.Number `json:"status"`
}

// DecodeStatus decodes the status API answer; it fails when the body is
// not a JSON object with a result object, quoting status.io's error
// message when it gives one.
func DecodeStatus(body []byte) (*StatusDoc, error) {
	doc, err := jsonx.DecodeObject[StatusDoc](body)
	if err != nil {
		return nil, err
	}
	if !doc.Result.OK {
		if msg := doc.Status.V.Message; msg != "" {
			return nil, fmt.Errorf("no result: status.io says %q", string(msg))
		}
		return nil, fmt.Errorf("no result object: not a status.io status document")
	}
	return &doc, nil
}

func buildSnapshot(doc *StatusDoc, base, pageID string) *adapters.Snapshot {
	r := doc.Result.V
	snap := &adapters.Snapshot{
		Components: components(r.Status),
		Incidents:  []adapters.Incident{},
	}
	names := containerNames(snap.Components)
	for _, e := range r.Incidents {
		snap.Incidents = append(snap.Incidents, incident(e, base, pageID, names))
	}
	for _, e := range r.Maintenance.V.Active {
		snap.Incidents = append(snap.Incidents, maintenance(e, "in_progress", base, pageID, names))
	}
	for _, e := range r.Maintenance.V.Upcoming {
		snap.Incidents = append(snap.Incidents, maintenance(e, "scheduled", base, pageID, names))
	}
	// An id listed twice (say as incident and as maintenance) keeps its
	// first copy.
	snap.Incidents = adapters.FirstOfEachID(snap.Incidents, func(i *adapters.Incident) string { return i.ID })
	adapters.SortIncidents(snap.Incidents)
	if o := r.StatusOverall; o.OK && o.V.StatusCode.OK {
		snap.Status = codeStatus(o.V.StatusCode.V)
		snap.StatusRaw = strconv.FormatInt(o.V.StatusCode.V, 10)
		snap.Description = string(o.V.Status)
	} else {
		snap.Status, snap.StatusDerived = adapters.DerivedStatus(snap.Components, snap.Incidents), true
	}
	return snap
}

// components keeps status.io's order: each component, then its containers.
func components(in []statusEntry) []adapters.Component {
	out := []adapters.Component{}
	for i, c := range in {
		id := string(c.ID)
		if id == "" {
			id = "name:" + string(c.Name)
		}
		comp := entry(c, id, i)
		comp.Group = len(c.Containers) > 0
		out = append(out, comp)
		for j, ct := range c.Containers {
			child := entry(ct, id+"/"+string(ct.ID), j)
			child.GroupID = comp.ID
			out = append(out, child)
		}
	}
	return adapters.OneComponentPerID(out)
}

func entry(e statusEntry, id string, pos int) adapters.Component {
	c := adapters.Component{ID: id, Name: string(e.Name), Position: pos, Status: adapters.Unknown}
	if e.StatusCode.OK {
		c.Status = codeStatus(e.StatusCode.V)
		c.StatusRaw = strconv.FormatInt(e.StatusCode.V, 10)
	}
	c.UpdatedAt = e.Updated.Time()
	return c
}

// containerNames maps "<component>/<container>" ids to the child's name.
func containerNames(cs []adapters.Component) map[string]string {
	m := map[string]string{}
	for _, c := range cs {
		m[c.ID] = c.Name
	}
	return m
}

func incident(e event, base, pageID string, names map[string]string) adapters.Incident {
	inc := newEvent(e, names)
	inc.Kind = adapters.KindIncident
	if base != "" {
		inc.URL = base + "/pages/incident/" + pageID + "/" + inc.ID
	}
	worst := int64(0)
	for _, m := range e.Messages {
		if m.Status.OK && codeRank(m.Status.V) > codeRank(worst) {
			worst = m.Status.V
		}
	}
	inc.Impact = adapters.ImpactMinor // an open incident with no code is still one
	if worst != 0 {
		inc.Impact = codeImpact(worst)
		inc.ImpactRaw = strconv.FormatInt(worst, 10)
	}
	if len(inc.Updates) > 0 {
		inc.Status, inc.StatusRaw = inc.Updates[0].Status, inc.Updates[0].StatusRaw
	}
	if inc.Status == "" {
		inc.Status = "investigating"
	}
	return inc
}

func maintenance(e event, lifecycle, base, pageID string, names map[string]string) adapters.Incident {
	inc := newEvent(e, names)
	inc.Kind = adapters.KindMaintenance
	inc.Impact = adapters.ImpactMaintenance
	inc.Status = lifecycle
	if base != "" {
		inc.URL = base + "/pages/maintenance/" + pageID + "/" + inc.ID
	}
	inc.ScheduledFor = e.PlannedStart.Time()
	inc.ScheduledUntil = e.PlannedEnd.Time()
	if !inc.ScheduledFor.IsZero() {
		inc.StartedAt = inc.ScheduledFor
	}
	for i, u := range inc.Updates {
		switch {
		case u.Status != "":
		case lifecycle == "in_progress" && !inc.ScheduledFor.IsZero() && u.CreatedAt.Before(inc.ScheduledFor):
			inc.Updates[i].Status = "scheduled" // posted before the window opened
		default:
			inc.Updates[i].Status = lifecycle
		}
	}
	return inc
}

// newEvent fills what incidents and maintenance share.
func newEvent(e event, names map[string]string) adapters.Incident {
	opened := e.DatetimeOpen.Time()
	inc := adapters.Incident{
		ID:         string(e.ID),
		Title:      string(e.Name),
		CreatedAt:  opened,
		StartedAt:  opened,
		Components: refs(e, names),
		Updates:    []adapters.Update{},
	}
	for _, m := range e.Messages {
		at := m.Datetime.Time()
		u := adapters.Update{ID: string(m.ID), Body: string(m.Details), CreatedAt: at}
		if m.State.OK {
			u.StatusRaw = strconv.FormatInt(m.State.V, 10)
			u.Status = stateWord(m.State.V)
		}
		inc.Updates = append(inc.Updates, u)
	}
	adapters.SortUpdates(inc.Updates)
	if n := len(inc.Updates); n > 0 {
		inc.UpdatedAt = inc.Updates[0].CreatedAt
		if inc.CreatedAt.IsZero() {
			inc.CreatedAt, inc.StartedAt = inc.Updates[n-1].CreatedAt, inc.Updates[n-1].CreatedAt
		}
	}
	return inc
}

// refs lists the affected containers as child ids, or the component when
// none of its containers is named as affected.
func refs(e event, names map[string]string) []adapters.ComponentRef {
	hit := map[string]bool{}
	for _, ct := range e.ContainersAffected {
		hit[string(ct.ID)] = true
	}
	var out []adapters.ComponentRef
	for _, c := range e.ComponentsAffected {
		before := len(out)
		for _, ct := range c.Containers {
			if hit[string(ct)] {
				id := string(c.ID) + "/" + string(ct)
				out = append(out, adapters.ComponentRef{ID: id, Name: names[id]})
			}
		}
		if len(out) == before {
			out = append(out, adapters.ComponentRef{ID: string(c.ID), Name: string(c.Name)})
		}
	}
	return out
}

func stateWord(code int64) string {
	switch code {
	case 100:
		return "investigating"
	case 200:
		return "identified"
	case 300:
		return "monitoring"
	}
	return ""
}

func codeStatus(code int64) adapters.Status {
	switch code {
	case 100:
		return adapters.Operational
	case 200:
		return adapters.Maintenance
	case 300:
		return adapters.Degraded
	case 400:
		return adapters.PartialOutage
	case 500, 600:
		return adapters.MajorOutage
	}
	return adapters.Unknown
}

func codeImpact(code int64) adapters.Impact {
	switch code {
	case 100:
		return adapters.ImpactNone
	case 200:
		return adapters.ImpactMaintenance
	case 300:
		return adapters.ImpactMinor
	case 400:
		return adapters.ImpactMajor
	case 500, 600:
		return adapters.ImpactCritical
	}
	return adapters.ImpactMinor
}

// codeRank orders codes by how bad they are; 600 (security) counts as the
// worst, maintenance below any disruption.
func codeRank(code int64) int {
	switch code {
	case 100:
		return 1
	case 200:
		return 2
	case 300:
		return 3
	case 400:
		return 4
	case 500:
		return 5
	case 600:
		return 6
	}
	return 0
}
