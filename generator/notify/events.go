package notify

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/model"
)

// Kind is what happened.
type Kind string

// Event kinds.
const (
	KindIncident    Kind = "incident"
	KindUpdate      Kind = "update"
	KindResolved    Kind = "resolved"
	KindComponent   Kind = "component"
	KindMaintenance Kind = "maintenance"
)

// Event is one thing worth a message. ID is stable across runs (provider,
// incident or component, update or time, kind), so the sent-log can tell
// an event already posted. Its JSON is how the queue keeps it; what a
// webhook receives is Webhook.
type Event struct {
	ID       string `json:"id"`
	Kind     Kind   `json:"kind"`
	Provider string `json:"provider"`
	// Incident is the id of the incident or maintenance window, which
	// names its page on our site; empty for a status change.
	Incident string `json:"incident,omitempty"`
	Title    string `json:"title"`
	Status   string `json:"status"`
	Text     string `json:"text,omitempty"`
	// Official is the vendor's page for the incident, if it gave one.
	Official string    `json:"official_url,omitempty"`
	At       time.Time `json:"at"`
	// Maintenance marks an event about a maintenance window, whatever its
	// kind, and Cancelled one the vendor called off.
	Maintenance bool `json:"maintenance,omitempty"`
	Cancelled   bool `json:"cancelled,omitempty"`
	// Closed marks a new incident or window already over when first seen
	// (a range of several commits saw it start and end).
	Closed bool            `json:"closed,omitempty"`
	Impact adapters.Impact `json:"impact,omitempty"`
	// Components are the labels of the components the incident affects.
	Components []string `json:"components,omitempty"`
	// Start and End are a window's schedule, or an incident's start and
	// resolution; either may be zero.
	Start time.Time `json:"start,omitzero"`
	End   time.Time `json:"end,omitzero"`
}

func eventID(parts ...string) string { return strings.Join(parts, "/") }

// Diff derives the events between two versions of one provider's history,
// oldest first. A provider with no history in old gives none: its first
// fetch imports every incident the vendor still lists, which is a backfill,
// not news.
func Diff(old, cur *history.History) []Event {
	if old == nil || cur == nil || old.State.FirstChecked.IsZero() && len(old.Incidents) == 0 {
		return nil
	}
	out := incidentEvents(old, cur)
	out = append(out, statusEvents(old, cur)...)
	slices.SortStableFunc(out, func(a, b Event) int { return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.ID, b.ID)) })
	return out
}

func incidentEvents(old, cur *history.History) []Event {
	labels := model.ComponentLabels(cur.State.Components)
	before := map[string]*adapters.Incident{}
	for i := range old.Incidents {
		before[old.Incidents[i].ID] = &old.Incidents[i]
	}
	var out []Event
	for i := range cur.Incidents {
		in := &cur.Incidents[i]
		first := len(out)
		prev, ok := before[in.ID]
		if !ok {
			out = append(out, newIncident(cur.Slug, in))
		} else {
			out = append(out, changes(cur.Slug, prev, in)...)
		}
		for j := first; j < len(out); j++ {
			out[j].Components = labels.Affected(in)
		}
	}
	return out
}

func newIncident(slug string, in *adapters.Incident) Event {
	kind := KindIncident
	if in.Kind == adapters.KindMaintenance {
		kind = KindMaintenance
	}
	e := incidentEvent(slug, in, kind, "", newest(in))
	e.At = cmp.Or(in.ScheduledFor, in.StartedAt, in.CreatedAt, e.At)
	e.Closed = !in.Open()
	return e
}

// changes are the new updates of an incident seen before, and its
// resolution. The update that resolves it is told by the resolution alone,
// so a channel gets one message for it, not two.
func changes(slug string, prev, in *adapters.Incident) []Event {
	known := map[string]bool{}
	for _, u := range prev.Updates {
		known[u.ID] = true
	}
	resolved := prev.Open() && !in.Open()
	var out []Event
	for i := len(in.Updates) - 1; i >= 0; i-- { // updates are newest first
		u := &in.Updates[i]
		if known[u.ID] || resolved && i == 0 {
			continue
		}
		out = append(out, incidentEvent(slug, in, KindUpdate, u.ID, u))
	}
	if resolved {
		e := incidentEvent(slug, in, KindResolved, "", newest(in))
		e.At = cmp.Or(in.ResolvedAt, e.At)
		out = append(out, e)
	}
	return out
}

func newest(in *adapters.Incident) *adapters.Update {
	if len(in.Updates) == 0 {
		return nil
	}
	return &in.Updates[0]
}

func incidentEvent(slug string, in *adapters.Incident, kind Kind, updateID string, u *adapters.Update) Event {
	e := Event{ID: eventID(slug, in.ID, updateID, string(kind)), Kind: kind, Provider: slug, Incident: in.ID,
		Title: in.Title, Status: in.Status, Official: in.URL, At: in.UpdatedAt, Impact: in.Impact,
		Maintenance: in.Kind == adapters.KindMaintenance, Cancelled: cancelled(in),
		Start: cmp.Or(in.StartedAt, in.CreatedAt), End: in.ResolvedAt}
	if e.Maintenance {
		e.Start, e.End = cmp.Or(in.ScheduledFor, e.Start), cmp.Or(in.ScheduledUntil, e.End)
	}
	if u != nil {
		e.Text, e.At = u.Body, cmp.Or(u.CreatedAt, e.At)
		if kind == KindUpdate {
			// An update tells its own moment: the window is called off
			// by this update, not by a later one.
			e.Status, e.Cancelled = u.Status, e.Maintenance && cancelWord(u.Status)
		}
	}
	return e
}

// cancelled reports whether the vendor called a window off. The
// normalized model has no such state (generator/ical decides the same
// way, and outputs are out of this layer's reach), so the lifecycle word
// decides, or the newest update's.
func cancelled(in *adapters.Incident) bool {
	if in.Kind != adapters.KindMaintenance {
		return false
	}
	up := model.NewestUpdate(in.Updates)
	return cancelWord(in.Status) || up != nil && cancelWord(up.Status)
}

func cancelWord(w string) bool {
	w = strings.ToLower(strings.TrimSpace(w))
	return w == "cancelled" || w == "canceled"
}

// statusEvents are the component and overall status changes recorded
// since old. Events are only ever appended, so a change is new when old
// does not hold it.
func statusEvents(old, cur *history.History) []Event {
	seen := map[history.Event]bool{}
	for _, e := range old.Events {
		seen[e] = true
	}
	var out []Event
	for _, e := range cur.Events {
		if seen[e] {
			continue
		}
		target := cmp.Or(e.ComponentID, "overall")
		out = append(out, Event{
			ID:   eventID(cur.Slug, "component:"+target, e.At.UTC().Format(time.RFC3339), string(KindComponent)),
			Kind: KindComponent, Provider: cur.Slug, Title: cmp.Or(e.Name, target),
			Status: string(e.To), Text: string(e.From) + " → " + string(e.To), At: e.At,
		})
	}
	return out
}
