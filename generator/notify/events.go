package notify

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
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
	// KindRescheduled is a window the vendor moved (its start or end),
	// with or without a word: calendars show the new time, and so must a
	// channel.
	KindRescheduled Kind = "rescheduled"
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
	Closed bool `json:"closed,omitempty"`
	// ResolvedAsObserved marks a resolution the vendor did not write: its
	// page lists only active incidents and stopped listing this one.
	ResolvedAsObserved bool            `json:"resolved_as_observed,omitempty"`
	Impact             adapters.Impact `json:"impact,omitempty"`
	// Components are the labels of the components the incident affects.
	Components []string `json:"components,omitempty"`
	// Start and End are a window's schedule, or an incident's start and
	// resolution; either may be zero.
	Start time.Time `json:"start,omitzero"`
	End   time.Time `json:"end,omitzero"`
	// Changes are the status changes a component event tells, oldest
	// first.
	Changes []Change `json:"changes,omitempty"`
	// Parts are the identities of what the event tells, when it tells more
	// than its ID: a component event's each change, a new incident's
	// resolution too when the range saw it end. The sent-log records each,
	// so a range that overlaps one already told (a rerun over a cancelled
	// run's commits and newer ones) tells only what is new.
	Parts []string `json:"parts,omitempty"`
}

// parts are the identities e tells.
func (e *Event) parts() []string {
	if len(e.Parts) == 0 {
		return []string{e.ID}
	}
	return e.Parts
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
	if e.Closed {
		e.Parts = []string{e.ID, resolvedID(slug, in.ID)}
	}
	return e
}

func resolvedID(slug, incident string) string {
	return eventID(slug, incident, "", string(KindResolved))
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
		if in.ResolvedAsObserved {
			e.ResolvedAsObserved, e.Text = true, ObservedText
		}
		out = append(out, e)
	}
	if e, ok := rescheduled(slug, prev, in); ok && !resolved {
		out = append(out, e)
	}
	if !resolved && prev.WithdrawnAt.IsZero() && !in.WithdrawnAt.IsZero() {
		// Withdrawn without a word: told as cancelled, once, under its own
		// id, so a later resolution still posts.
		e := incidentEvent(slug, in, KindResolved, "withdrawn", nil)
		e.At, e.Text = in.WithdrawnAt, "The official status page no longer lists this window."
		out = append(out, e)
	}
	return out
}

// rescheduled tells a window whose start or end moved between prev and
// in. Its id holds the schedule it left and the one it took, so that each
// move is told once, and a move back to where it was is told again.
func rescheduled(slug string, prev, in *adapters.Incident) (Event, bool) {
	if in.Kind != adapters.KindMaintenance || prev.ScheduledFor.Equal(in.ScheduledFor) && prev.ScheduledUntil.Equal(in.ScheduledUntil) {
		return Event{}, false
	}
	move := stamp(prev.ScheduledFor) + "~" + stamp(prev.ScheduledUntil) + ">" + stamp(in.ScheduledFor) + "~" + stamp(in.ScheduledUntil)
	e := incidentEvent(slug, in, KindRescheduled, "schedule:"+move, nil)
	e.Text = "Previously: " + cmp.Or(span(prev.ScheduledFor, prev.ScheduledUntil), "no set time") + "."
	return e, true
}

// stamp is t in RFC 3339 UTC, or "" when unknown.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// ObservedText tells a resolution the vendor did not write.
const ObservedText = "The official status page stopped listing this without a word of resolution: it is over as observed by our check."

func newest(in *adapters.Incident) *adapters.Update {
	if len(in.Updates) == 0 {
		return nil
	}
	return &in.Updates[0]
}

func incidentEvent(slug string, in *adapters.Incident, kind Kind, updateID string, u *adapters.Update) Event {
	e := Event{ID: eventID(slug, in.ID, updateID, string(kind)), Kind: kind, Provider: slug, Incident: in.ID,
		Title: in.Title, Status: in.Status, Official: in.URL, At: in.UpdatedAt, Impact: in.Impact,
		Maintenance: in.Kind == adapters.KindMaintenance, Cancelled: model.Cancelled(in),
		Start: cmp.Or(in.StartedAt, in.CreatedAt), End: in.ResolvedAt}
	if e.Maintenance {
		e.Start, e.End = cmp.Or(in.ScheduledFor, e.Start), cmp.Or(in.ScheduledUntil, e.End)
	}
	if u != nil {
		e.Text, e.At = u.Body, cmp.Or(u.CreatedAt, e.At)
		if kind == KindUpdate {
			// An update tells its own moment: the window is called off
			// by this update, not by a later one.
			e.Status, e.Cancelled = u.Status, e.Maintenance && model.CancelWord(u.Status)
		}
	}
	return e
}

// statusEvents are the component and overall status changes recorded
// since old, told in one event: a provider whose components flip
// together is one message, not one per component. Events are only ever
// appended, so a change is new when old does not hold it.
func statusEvents(old, cur *history.History) []Event {
	seen := map[history.Event]bool{}
	for _, e := range old.Events {
		seen[e] = true
	}
	labels := model.ComponentLabels(cur.State.Components)
	var ids []string
	var changes []Change
	for _, e := range cur.Events {
		if seen[e] {
			continue
		}
		target := cmp.Or(e.ComponentID, "overall")
		ids = append(ids, eventID(cur.Slug, "component:"+target, e.At.UTC().Format(time.RFC3339), string(KindComponent)))
		changes = append(changes, Change{ComponentID: e.ComponentID, Component: changeLabel(labels, e), From: e.From, To: e.To, At: e.At})
	}
	if len(changes) == 0 {
		return nil
	}
	return []Event{componentEvent(cur.Slug, ids, changes)}
}

// componentEvent tells changes, whose identities are ids, in one event.
func componentEvent(slug string, ids []string, changes []Change) Event {
	last := changes[len(changes)-1].At
	ev := Event{ID: ids[0], Kind: KindComponent, Provider: slug, Changes: changes, At: last}
	if len(ids) > 1 {
		// The ids of the changes, hashed: a rerun over the same range
		// derives the same event, and the sent-log stops it.
		sum := sha256.Sum256([]byte(strings.Join(ids, "\n")))
		ev.ID = eventID(slug, "components:"+hex.EncodeToString(sum[:6]), last.UTC().Format(time.RFC3339), string(KindComponent))
		ev.Parts = ids
	}
	ev.Title, ev.Text = describeChanges(changes)
	worst := changes[0].To
	for _, c := range changes {
		worst = adapters.Worst(worst, c.To)
	}
	ev.Status = string(worst)
	return ev
}

// untold is e less what told says a destination had already, and
// whether anything is left: the changes not told of a component event;
// for a new incident already over whose start was told, its resolution.
func untold(e *Event, told func(part string) bool) (Event, bool) {
	parts := e.parts()
	var left []int
	for i, p := range parts {
		if !told(p) {
			left = append(left, i)
		}
	}
	switch {
	case len(left) == 0:
		return Event{}, false
	case len(left) == len(parts):
		return *e, true
	case e.Kind == KindComponent:
		var ids []string
		var changes []Change
		for _, i := range left {
			ids, changes = append(ids, parts[i]), append(changes, e.Changes[i])
		}
		return componentEvent(e.Provider, ids, changes), true
	}
	// A new incident or window over in the range, whose start a run that
	// ended sooner told: what is left to tell is its end.
	r := *e
	r.ID, r.Kind, r.Closed, r.Parts = parts[left[0]], KindResolved, false, nil
	r.At = cmp.Or(e.End, e.At)
	return r, true
}

// Change is one status change of a component, or of the provider as a
// whole (no ComponentID).
type Change struct {
	ComponentID string          `json:"component_id,omitempty"`
	Component   string          `json:"component"`
	From        adapters.Status `json:"from"`
	To          adapters.Status `json:"to"`
	At          time.Time       `json:"at"`
}

// overallLabel names the provider's own status among its components'.
const overallLabel = "Overall status"

func changeLabel(labels model.Labels, e history.Event) string {
	if e.ComponentID == "" {
		return overallLabel
	}
	return cmp.Or(labels[e.ComponentID], e.Name, e.ComponentID)
}

// maxChanges is how many changes one message lists.
const maxChanges = 10

// describeChanges gives the title and the text of a status-change event:
// the component's label and its change, or how many changed and a line
// for each, at most maxChanges, then how many more.
func describeChanges(cs []Change) (title, text string) {
	named := map[string]bool{}
	for _, c := range cs {
		named[c.Component] = true
	}
	if len(named) == 1 && len(cs) == 1 {
		return cs[0].Component, cs[0].was()
	}
	title = fmt.Sprintf("%d components changed", len(named))
	if len(named) == 1 {
		title = cs[0].Component + " changed " + strconv.Itoa(len(cs)) + " times"
	}
	spread := !cs[0].At.Equal(cs[len(cs)-1].At)
	var lines []string
	for i, c := range cs {
		if i == maxChanges {
			lines = append(lines, fmt.Sprintf("and %d more", len(cs)-maxChanges))
			break
		}
		line := c.Component + ": " + c.was()
		if spread { // changes of several runs: say when each was seen
			line += " at " + c.At.UTC().Format("2006-01-02 15:04") + " UTC"
		}
		lines = append(lines, line)
	}
	return title, strings.Join(lines, "\n")
}

// was is the change as a reader says it: "Partial outage (was Operational)".
func (c Change) was() string {
	if c.From == "" {
		return c.To.Label()
	}
	return c.To.Label() + " (was " + c.From.Label() + ")"
}
