// Package spapi owns the Statuspage-compatible API of every provider,
// whatever its vendor: the files of Atlassian Statuspage's public v2 API,
// made from our history, under each provider's page (paths.StatuspageAPI):
//
//	/status/<slug>/api/v2/summary.json
//	/status/<slug>/api/v2/status.json
//	/status/<slug>/api/v2/components.json
//	/status/<slug>/api/v2/incidents.json
//	/status/<slug>/api/v2/incidents/unresolved.json
//	/status/<slug>/api/v2/scheduled-maintenances.json
//
// A tool written for Statuspage takes a page's base URL and appends
// "/api/v2/summary.json"; given a provider's page here as the base, it
// reads AWS, Google Cloud or Slack as it reads a Statuspage page.
//
// What Statuspage has and a vendor does not give is derived from what we
// know, or left null, never made up (docs/api.md has the table):
//
//   - status.indicator is our published status in Statuspage's words
//     (none, minor, major, critical, maintenance), "unknown" without data
//     or while stale; description is Statuspage's phrase for it.
//   - Component statuses are Statuspage's words for ours ("unknown" for a
//     word we cannot map); created_at is when we first saw a component,
//     updated_at its last change; showcase, only_show_if_degraded and
//     start_date are null.
//   - An incident's status is the vendor's word when Statuspage has it,
//     else the word for our phase (ongoing: investigating, resolved or
//     stale: resolved, upcoming: scheduled, in progress: in_progress,
//     completed: completed); monitoring_at is its first "monitoring"
//     update; shortlink is the vendor's page for it, else ours; an
//     update's updated_at is its created_at, and reminder_intervals,
//     deliver_notifications, custom_tweet, tweet_id and the affected
//     components' old_status are null.
//   - incidents.json and scheduled-maintenances.json hold the Listed
//     newest (Statuspage: 50), to keep the site in its size budget; the
//     complete history is in the JSON API.
//
// Every file is a function of the history, the published state and the
// phases at the build's clock (as buildcache keys them), never of the
// clock itself, so unchanged data keeps its bytes.
package spapi

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/paths"
	"github.com/uptimus/uptimus/generator/publish"
	"github.com/uptimus/uptimus/internal/bufpool"
)

// Listed is how many incidents incidents.json holds, and how many
// windows scheduled-maintenances.json. Statuspage lists 50, which at 1,000
// providers would cost 350 MB, a third of the site's size budget
// (docs/performance.md); five cost 37 MB, three 22 MB. What is open or
// planned is in summary.json and unresolved.json whatever its number, and
// every entry in the JSON API's history.
const Listed = 3

// Files are the files of each provider, relative to its API folder.
var Files = []string{"summary.json", "status.json", "components.json", "incidents.json", "incidents/unresolved.json", "scheduled-maintenances.json"}

// Options are the inputs of a build.
type Options struct {
	// Now is the build's clock reading: it decides phases, never appears.
	Now time.Time
	// BaseURL is the absolute URL the site is served from.
	BaseURL string
}

// Builder writes the files one provider at a time; Provider is safe for
// concurrent use.
type Builder struct {
	opt Options
	pub *publish.Publisher
	l   paths.Links
}

// New checks the options.
func New(opt Options, pub *publish.Publisher) (*Builder, error) {
	l, err := paths.NewLinks(opt.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("statuspage api: %w", err)
	}
	return &Builder{opt: opt, pub: pub, l: l}, nil
}

// Provider writes p's files from its history h (nil: no data yet) and its
// published state st. With reuse, the files the last build published are
// current (they are made of what buildcache keys) and are kept.
func (b *Builder) Provider(p *catalog.Provider, h *history.History, st model.State, reuse bool) error {
	if err := history.ValidSlug(p.Slug); err != nil {
		return fmt.Errorf("statuspage api: %w", err)
	}
	if reuse {
		return nil
	}
	v := b.view(p, h, st)
	root := paths.StatuspageAPI(p.Slug)
	files := map[string]any{
		"summary.json":                Summary{Page: v.page, Components: v.components, Incidents: v.unresolved, ScheduledMaintenances: v.activeMaint, Status: v.status},
		"status.json":                 StatusFile{Page: v.page, Status: v.status},
		"components.json":             ComponentsFile{Page: v.page, Components: v.components},
		"incidents.json":              IncidentsFile{Page: v.page, Incidents: v.incidents},
		"incidents/unresolved.json":   IncidentsFile{Page: v.page, Incidents: v.unresolved},
		"scheduled-maintenances.json": MaintenancesFile{Page: v.page, ScheduledMaintenances: v.maint},
	}
	var errs []error
	for _, name := range Files {
		errs = append(errs, b.write(root+name, files[name]))
	}
	return errors.Join(errs...)
}

func (b *Builder) write(path string, v any) error {
	buf := bufpool.Get()
	defer bufpool.Put(buf)
	if err := json.NewEncoder(buf).Encode(v); err != nil {
		return fmt.Errorf("statuspage api: encode %s: %w", path, err)
	}
	return b.pub.WriteCompact(path[1:], buf.Bytes())
}

// view is one provider in Statuspage's shape.
type view struct {
	page        Page
	status      Status
	components  []Component
	incidents   []Incident // the Listed newest incidents
	unresolved  []Incident
	maint       []Incident // the Listed newest windows
	activeMaint []Incident // in progress or upcoming, newest start first
}

func (b *Builder) view(p *catalog.Provider, h *history.History, st model.State) *view {
	v := &view{
		page:       Page{ID: p.Slug, Name: p.Name, URL: b.l.Abs(paths.ProviderPage(p.Slug)), TimeZone: "Etc/UTC", UpdatedAt: timeOrNil(model.NotAfter(st.Changed, b.opt.Now))},
		status:     statusOf(st),
		components: []Component{},
		incidents:  []Incident{}, unresolved: []Incident{}, maint: []Incident{}, activeMaint: []Incident{},
	}
	byID := map[string]Component{}
	for _, c := range st.Components {
		if c.ID == "" || !c.RemovedAt.IsZero() {
			continue
		}
		sc := component(p.Slug, c)
		byID[c.ID] = sc
		v.components = append(v.components, sc)
	}
	groupChildren(v.components)
	if h == nil {
		return v
	}
	list := make([]*adapters.Incident, len(h.Incidents))
	for i := range h.Incidents {
		list[i] = &h.Incidents[i]
	}
	slices.SortStableFunc(list, func(a, c *adapters.Incident) int {
		return cmp.Or(model.Start(c).Compare(model.Start(a)), cmp.Compare(a.ID, c.ID))
	})
	for _, inc := range list {
		ph := model.PhaseOf(inc, b.opt.Now)
		si := b.incident(p.Slug, inc, ph, byID)
		if inc.Kind == adapters.KindMaintenance {
			if len(v.maint) < Listed {
				v.maint = append(v.maint, si)
			}
			if ph == model.PhaseInProgress || ph == model.PhaseUpcoming {
				v.activeMaint = append(v.activeMaint, si)
			}
			continue
		}
		if len(v.incidents) < Listed {
			v.incidents = append(v.incidents, si)
		}
		if ph == model.PhaseOngoing {
			v.unresolved = append(v.unresolved, si)
		}
	}
	return v
}

// indicators are Statuspage's words for our statuses, and its phrase for
// each.
var indicators = map[adapters.Status][2]string{
	adapters.Operational:   {"none", "All Systems Operational"},
	adapters.Degraded:      {"minor", "Minor Service Outage"},
	adapters.PartialOutage: {"major", "Partial System Outage"},
	adapters.MajorOutage:   {"critical", "Major Service Outage"},
	adapters.Maintenance:   {"maintenance", "Service Under Maintenance"},
}

func statusOf(st model.State) Status {
	if w, ok := indicators[st.Status]; ok {
		return Status{Indicator: w[0], Description: w[1]}
	}
	return Status{Indicator: "unknown", Description: "Status unknown: no recent data"}
}

// componentWords are Statuspage's words for our component statuses.
var componentWords = map[adapters.Status]string{
	adapters.Operational:   "operational",
	adapters.Degraded:      "degraded_performance",
	adapters.PartialOutage: "partial_outage",
	adapters.MajorOutage:   "major_outage",
	adapters.Maintenance:   "under_maintenance",
}

func componentWord(s adapters.Status) string { return cmp.Or(componentWords[s], "unknown") }

func component(slug string, c history.ComponentState) Component {
	return Component{
		ID: c.ID, Name: c.Name, Status: componentWord(c.Status), CreatedAt: timeOrNil(c.FirstSeen), UpdatedAt: timeOrNil(c.LastChanged),
		Position: c.Position, Description: stringOrNil(c.Description), GroupID: stringOrNil(c.GroupID), PageID: slug, Group: c.Group,
	}
}

// groupChildren gives each group the ids of its children, as Statuspage
// does, and clears a group_id that names no listed group.
func groupChildren(comps []Component) {
	index := map[string]int{}
	for i, c := range comps {
		if c.Group {
			index[c.ID] = i
			comps[i].Components = []string{}
		}
	}
	for i, c := range comps {
		if c.GroupID == nil {
			continue
		}
		g, ok := index[*c.GroupID]
		if !ok {
			comps[i].GroupID = nil
			continue
		}
		comps[g].Components = append(comps[g].Components, c.ID)
	}
}

// lifecycle words Statuspage has, for incidents and for maintenance.
var (
	incidentWords    = []string{"investigating", "identified", "monitoring", "resolved", "postmortem"}
	maintenanceWords = []string{"scheduled", "in_progress", "verifying", "completed"}
	phaseWords       = map[model.Phase]string{
		model.PhaseOngoing: "investigating", model.PhaseResolved: "resolved", model.PhaseStale: "resolved",
		model.PhaseUpcoming: "scheduled", model.PhaseInProgress: "in_progress", model.PhaseCompleted: "completed",
		model.PhaseCancelled: "completed",
	}
)

// lifecycle is the status of an entry in Statuspage's words: the vendor's
// when Statuspage has it, else the word for our phase. A window the
// vendor closed before it ran reads completed, as Statuspage shows one.
func lifecycle(inc *adapters.Incident, ph model.Phase) string {
	words := incidentWords
	if inc.Kind == adapters.KindMaintenance {
		words = maintenanceWords
	}
	if slices.Contains(words, inc.Status) && ph != model.PhaseCancelled {
		return inc.Status
	}
	return phaseWords[ph]
}

// impacts Statuspage has.
var impacts = []adapters.Impact{adapters.ImpactNone, adapters.ImpactMinor, adapters.ImpactMajor, adapters.ImpactCritical, adapters.ImpactMaintenance}

func (b *Builder) incident(slug string, inc *adapters.Incident, ph model.Phase, comps map[string]Component) Incident {
	page, _ := paths.IncidentPage(slug, inc.ID)
	impact := string(inc.Impact)
	if !slices.Contains(impacts, inc.Impact) {
		impact = "unknown"
	}
	start := model.Start(inc)
	out := Incident{
		ID: inc.ID, Name: cmp.Or(inc.Title, "Untitled "+string(inc.Kind)), Status: lifecycle(inc, ph),
		CreatedAt: timeOrNil(cmp.Or(inc.CreatedAt, start)), UpdatedAt: timeOrNil(cmp.Or(inc.UpdatedAt, model.LastActivity(inc))),
		ResolvedAt: timeOrNil(model.End(inc)), Impact: impact,
		Shortlink: cmp.Or(model.SafeHTTP(inc.URL), b.l.Abs(page)), StartedAt: timeOrNil(start), PageID: slug,
		IncidentUpdates: []Update{}, Components: []Component{},
	}
	if inc.Kind == adapters.KindMaintenance {
		out.ScheduledFor, out.ScheduledUntil = timeOrNil(inc.ScheduledFor), timeOrNil(inc.ScheduledUntil)
	}
	ups := slices.Clone(inc.Updates)
	slices.SortStableFunc(ups, func(a, c adapters.Update) int {
		return cmp.Or(model.UpdateTime(&c).Compare(model.UpdateTime(&a)), cmp.Compare(a.ID, c.ID))
	})
	for _, up := range ups {
		if up.Status == "monitoring" && (out.MonitoringAt == nil || up.CreatedAt.Before(*out.MonitoringAt)) {
			out.MonitoringAt = timeOrNil(up.CreatedAt)
		}
		out.IncidentUpdates = append(out.IncidentUpdates, Update{
			ID: up.ID, Status: up.Status, Body: up.Body, IncidentID: inc.ID,
			CreatedAt: up.CreatedAt.UTC(), UpdatedAt: up.CreatedAt.UTC(), DisplayAt: cmp.Or(up.DisplayAt, up.CreatedAt).UTC(),
			AffectedComponents: affected(up.Components),
		})
	}
	for _, r := range inc.Components {
		c, ok := comps[r.ID]
		if !ok {
			c = Component{ID: r.ID, Name: r.Name, Status: componentWord(r.Status), PageID: slug}
		}
		out.Components = append(out.Components, c)
	}
	return out
}

func affected(refs []adapters.ComponentRef) []Affected {
	if len(refs) == 0 {
		return nil
	}
	out := make([]Affected, len(refs))
	for i, r := range refs {
		out[i] = Affected{Code: r.ID, Name: r.Name, NewStatus: componentWord(r.Status)}
	}
	return out
}

func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

func stringOrNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
