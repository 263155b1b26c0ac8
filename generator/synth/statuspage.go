package synth

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/internal/atomicfile"
)

// window is how many incidents a Statuspage incidents.json lists.
const window = 50

// WriteStatuspage writes what a Statuspage page on host would serve for
// snap, in the layout `uptimus fetch --replay` reads: summary.json,
// incidents.json (the newest 50 incidents, as the real page lists) and
// scheduled-maintenances.json under dir/<host>/api/v2/. Open incidents
// are in the summary too, as on a real page.
func WriteStatuspage(dir, host string, snap *adapters.Snapshot) error {
	var incs, maints, open []wireIncident
	sorted := slices.Clone(snap.Incidents)
	slices.SortStableFunc(sorted, func(a, b adapters.Incident) int { return history.Start(&b).Compare(history.Start(&a)) })
	for i := range sorted {
		in := &sorted[i]
		w := toWire(in)
		switch {
		case in.Kind == adapters.KindMaintenance:
			maints = append(maints, w)
		case len(incs) < window:
			incs = append(incs, w)
		}
		if in.Kind == adapters.KindIncident && in.Open() {
			open = append(open, w)
		}
	}
	sum := map[string]any{
		"page":                   map[string]string{"id": host, "name": host},
		"status":                 map[string]string{"indicator": indicators[snap.Status], "description": snap.Description},
		"components":             wireComponents(snap.Components),
		"incidents":              nonNil(open),
		"scheduled_maintenances": []wireIncident{},
	}
	api := filepath.Join(dir, host, "api", "v2")
	for name, doc := range map[string]any{
		"summary.json":                sum,
		"incidents.json":              map[string]any{"incidents": nonNil(incs)},
		"scheduled-maintenances.json": map[string]any{"scheduled_maintenances": nonNil(maints)},
	} {
		b, err := json.MarshalIndent(doc, "", " ")
		if err != nil {
			return err
		}
		if err := atomicfile.Write(filepath.Join(api, name), b); err != nil {
			return err
		}
	}
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

var indicators = map[adapters.Status]string{
	adapters.Operational: "none", adapters.Degraded: "minor", adapters.PartialOutage: "major",
	adapters.MajorOutage: "critical", adapters.Maintenance: "maintenance", adapters.Unknown: "unknown",
}

var componentWords = map[adapters.Status]string{
	adapters.Operational: "operational", adapters.Degraded: "degraded_performance", adapters.PartialOutage: "partial_outage",
	adapters.MajorOutage: "major_outage", adapters.Maintenance: "under_maintenance", adapters.Unknown: "unknown",
}

type wireComponent struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Status    string `json:"status"`
	Position  int    `json:"position"`
	Group     bool   `json:"group"`
	GroupID   string `json:"group_id,omitempty"`
	UpdatedAt string `json:"updated_at,omitempty"`
}

func wireComponents(cs []adapters.Component) []wireComponent {
	out := make([]wireComponent, 0, len(cs))
	for _, c := range cs {
		out = append(out, wireComponent{ID: c.ID, Name: c.Name, Status: componentWords[c.Status], Position: c.Position,
			Group: c.Group, GroupID: c.GroupID, UpdatedAt: stamp(c.UpdatedAt)})
	}
	return out
}

type wireIncident struct {
	ID             string       `json:"id"`
	Name           string       `json:"name"`
	Status         string       `json:"status"`
	Impact         string       `json:"impact"`
	Shortlink      string       `json:"shortlink,omitempty"`
	CreatedAt      string       `json:"created_at,omitempty"`
	StartedAt      string       `json:"started_at,omitempty"`
	UpdatedAt      string       `json:"updated_at,omitempty"`
	ResolvedAt     string       `json:"resolved_at,omitempty"`
	ScheduledFor   string       `json:"scheduled_for,omitempty"`
	ScheduledUntil string       `json:"scheduled_until,omitempty"`
	Updates        []wireUpdate `json:"incident_updates"`
	Components     []wireRef    `json:"components"`
}

type wireUpdate struct {
	ID        string `json:"id"`
	Status    string `json:"status"`
	Body      string `json:"body"`
	CreatedAt string `json:"created_at"`
}

type wireRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func toWire(in *adapters.Incident) wireIncident {
	w := wireIncident{ID: in.ID, Name: in.Title, Status: in.Status, Impact: string(in.Impact), Shortlink: in.URL,
		CreatedAt: stamp(in.CreatedAt), StartedAt: stamp(in.StartedAt), UpdatedAt: stamp(in.UpdatedAt),
		ResolvedAt: stamp(in.ResolvedAt), ScheduledFor: stamp(in.ScheduledFor), ScheduledUntil: stamp(in.ScheduledUntil),
		Updates: []wireUpdate{}, Components: []wireRef{}}
	for _, u := range in.Updates {
		w.Updates = append(w.Updates, wireUpdate{ID: u.ID, Status: u.Status, Body: u.Body, CreatedAt: stamp(u.CreatedAt)})
	}
	for _, c := range in.Components {
		w.Components = append(w.Components, wireRef{ID: c.ID, Name: c.Name})
	}
	return w
}

// stamp writes t as Statuspage does, or "" for the zero time.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
