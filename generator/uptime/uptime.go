// Package uptime owns what the site and the API say about availability: the
// level each component was at over time, the worst state of each UTC day,
// and the uptime figure over the time we actually know. It is pure: a
// history and a clock in, numbers out.
//
// A component's level over time comes from three sources, and at any
// instant the worst of them counts:
//   - the component statuses the vendor publishes on incident updates
//     (Statuspage's affected_components): each update that states the
//     component's status sets its level from that update's time until the
//     next statement or the incident's end; the time from the incident's
//     start to its first statement has no level from it (the rule
//     Explain states: from the moment of that update);
//   - an incident that names the component without ever stating its
//     status: its whole span (model.Start to its end) at the status the
//     incident's own component list gives it when that is worse than
//     operational, else at the level the impact implies (minor: degraded,
//     major: partial outage, critical: major outage; none: not counted);
//   - the statuses we observed ourselves: from the component's first
//     sighting at the status then seen, and from each status change in the
//     history's events to the next, the last one until now (or until the
//     component vanished upstream).
//
// Maintenance windows that name the component put it in maintenance for
// the window, whatever the updates say. An incident counts against the
// components it names (by id, or by name when one component has it; an
// incident naming a group names each of the group's components) and
// nothing else; one naming no component we list counts against the
// provider's figure only. The provider figure and the way levels weigh on
// it are in figure.go.
//
// Incident spans follow generator/model's rules, so that the pages, feeds
// and figures tell the same story: an entry the vendor never closed and
// left silent for model.StaleAfter is treated as ended at its last
// activity; the components it names are unknown from then on (until the
// vendor changes their state again), neither up nor down.
//
// Knowledge starts at the history's KnownSince, else its FirstChecked; with
// neither, nothing is known. Time before it is unknown: never counted as up
// or as down. Components share the provider's start of knowledge: the
// incident list that tells where knowledge starts covers every component.
package uptime

import (
	"slices"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/model"
)

// Window is the default span of the figure and of the day bar: 90 days.
const Window = 90 * 24 * time.Hour

// Sources of an Interval besides incidents and maintenance windows.
const SourceObserved = "observed"

// Interval is a span of time at one level.
type Interval struct {
	Start, End time.Time
	Status     adapters.Status
	// Source says where the interval comes from: "incident <id>",
	// "maintenance <id>" or "observed".
	Source string
}

// KnownSince is where knowledge of h begins, or the zero time when nothing
// is known.
func KnownSince(h *history.History) time.Time {
	if !h.State.KnownSince.IsZero() {
		return h.State.KnownSince.UTC()
	}
	return h.State.FirstChecked.UTC()
}

// Intervals lists the impaired intervals (anything worse than operational)
// of the provider (componentID "") or of one component, clipped to now,
// sorted by start then end then source, without exact repeats. Intervals
// may overlap. For the provider they are those of the components its
// figure averages and the incidents that name no component, or, for a
// provider without components, those of the provider as a whole; for a
// group, those of its components.
func Intervals(h *history.History, componentID string, now time.Time) []Interval {
	return NewBook(h, now).Intervals(componentID)
}

// Intervals is the package's Intervals at the Book's clock.
func (b *Book) Intervals(componentID string) []Interval {
	s := b.subject(componentID)
	var out []Interval
	for _, m := range s.members {
		for _, iv := range m.intervals {
			if !m.end.IsZero() {
				iv.End = minTime(iv.End, m.end)
			}
			if iv.Start.Before(iv.End) {
				out = append(out, iv)
			}
		}
	}
	out = append(out, s.wide...)
	if from, ok := s.unlisted(); ok && s.whole != nil {
		for _, iv := range s.whole.intervals {
			if iv.Start = maxTime(iv.Start, from); iv.Start.Before(iv.End) {
				out = append(out, iv)
			}
		}
	}
	slices.SortFunc(out, compareIntervals)
	return slices.Compact(out)
}

func compareIntervals(a, b Interval) int {
	if c := a.Start.Compare(b.Start); c != 0 {
		return c
	}
	if c := a.End.Compare(b.End); c != 0 {
		return c
	}
	if a.Source < b.Source {
		return -1
	}
	if a.Source > b.Source {
		return 1
	}
	if a.Status.Rank() != b.Status.Rank() {
		return a.Status.Rank() - b.Status.Rank()
	}
	return 0
}

// Book indexes one history at one clock for the questions of this
// package: a provider page asks for the figure of every component, and
// scanning every incident and event once per component would be
// quadratic. Ask one Book every question about the same history and
// clock (NewBook costs a pass over the history); the functions of the
// same names make one per question. The history must not change while
// its Book is in use.
type Book struct {
	h   *history.History
	now time.Time
	// named lists, per component id, the indices of the incidents that
	// name it, in the history's order; wide those naming no component.
	named map[string][]int
	wide  []int
	// events are the observed status changes per component id ("" for the
	// provider's overall status), in the history's order.
	events map[string][]history.Event
	// components by id, and the components of each group by group id.
	comps    map[string]*history.ComponentState
	children map[string][]*history.ComponentState
	// byName resolves a reference without an id: the id of the one
	// component with that name, "" when none or several have it (names
	// repeat across groups).
	byName map[string]string
	// unclosed are the incidents the vendor never closed and left silent
	// at now (model.PhaseStale): the components they name are unknown
	// from the vendor's last word on (see model.UnclosedSince).
	unclosed []*adapters.Incident
	// subjects holds each subject once resolved.
	subjects map[string]subject
}

// NewBook indexes h at now.
func NewBook(h *history.History, now time.Time) *Book {
	now = now.UTC()
	b := &Book{h: h, now: now, named: map[string][]int{}, events: map[string][]history.Event{},
		comps: map[string]*history.ComponentState{}, children: map[string][]*history.ComponentState{}, byName: map[string]string{},
		subjects: map[string]subject{}}
	for i := range h.State.Components {
		c := &h.State.Components[i]
		b.comps[c.ID] = c
		if c.GroupID != "" && !c.Group {
			b.children[c.GroupID] = append(b.children[c.GroupID], c)
		}
		if _, seen := b.byName[c.Name]; seen {
			b.byName[c.Name] = ""
		} else {
			b.byName[c.Name] = c.ID
		}
	}
	for i := range h.Incidents {
		if inc := &h.Incidents[i]; inc.Kind == adapters.KindIncident && model.PhaseOf(inc, now) == model.PhaseStale {
			b.unclosed = append(b.unclosed, inc)
		}
		ids := b.namedIDs(&h.Incidents[i])
		known := false
		for _, id := range ids {
			b.named[id] = append(b.named[id], i)
			_, ok := b.comps[id]
			known = known || ok
		}
		if !known {
			// Naming nothing we list, it says something was hit, not what.
			b.wide = append(b.wide, i)
		}
	}
	for _, e := range h.Events {
		b.events[e.ComponentID] = append(b.events[e.ComponentID], e)
	}
	return b
}

// History is the history b indexes.
func (b *Book) History() *history.History { return b.h }

// Now is b's clock, in UTC.
func (b *Book) Now() time.Time { return b.now }

// ref is the component id a reference names: its id, else the id of the
// one component with its name; "" when it cannot be placed.
func (b *Book) ref(r adapters.ComponentRef) string {
	if r.ID != "" {
		return r.ID
	}
	return b.byName[r.Name]
}

// namedIDs lists the distinct component ids an incident names, on itself
// or on any update (vendors often name them only on updates).
func (b *Book) namedIDs(inc *adapters.Incident) []string {
	var ids []string
	for _, c := range model.Affected(inc) {
		if id := b.ref(c); id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// counted reports whether a component takes part in averages: groups only
// summarise their components, and components the vendor does not showcase
// (pseudo-components such as a "visit our site" line) say nothing about
// availability.
func counted(c *history.ComponentState) bool { return !c.Group && !c.NoUptime }

// member is one timeline an average is taken over: a component, or the
// provider as a whole.
type member struct {
	intervals []Interval
	// end is when the component vanished upstream; zero while listed.
	end time.Time
	// dark is when its state became unknown: the last word of an incident
	// the vendor never closed that names it (model.UnclosedSince); zero
	// when known. From then on it counts neither as up nor as down.
	dark time.Time
}

// member is the timeline of the listed component c.
func (b *Book) member(c *history.ComponentState) member {
	return member{intervals: b.component(c.ID, c.GroupID), end: c.RemovedAt, dark: model.UnclosedSince(b.unclosed, c)}
}

// darkFrom is when every member of s became unknown (see member.dark),
// zero when one is still known or s has none.
func (s subject) darkFrom() time.Time {
	var from time.Time
	for _, m := range s.members {
		if m.dark.IsZero() {
			return time.Time{}
		}
		from = maxTime(from, m.dark)
	}
	return from
}

// subject is what a figure or a bar is about: one component (one member),
// a group or a provider with components (the mean of its members), or a
// provider counted as a whole (whole, used whenever no member is listed).
// wide are a provider's incidents that name no component: they raise the
// worst-off member (see Uptime).
type subject struct {
	members  []member
	wide     []Interval
	whole    *member
	averaged bool
}

// subject resolves a component id ("" for the provider) to its timelines,
// worked out once per Book: its callers only read them.
func (b *Book) subject(componentID string) subject {
	if s, ok := b.subjects[componentID]; ok {
		return s
	}
	s := b.resolve(componentID)
	b.subjects[componentID] = s
	return s
}

func (b *Book) resolve(componentID string) subject {
	if componentID == "" {
		var s subject
		for i := range b.h.State.Components {
			c := &b.h.State.Components[i]
			if counted(c) {
				s.members = append(s.members, b.member(c))
			}
		}
		if len(s.members) > 0 {
			s.averaged, s.wide = true, b.wideIntervals()
		}
		s.whole = &member{intervals: b.wholeIntervals()}
		return s
	}
	var s subject
	for _, c := range b.children[componentID] {
		if counted(c) {
			s.members = append(s.members, b.member(c))
		}
	}
	if len(s.members) > 0 {
		s.averaged = true
		return s
	}
	// A component, or a group none of whose components counts: its own
	// timeline. An id we do not list still has the incidents naming it.
	c, ok := b.comps[componentID]
	if !ok {
		return subject{members: []member{{intervals: b.component(componentID, "")}}}
	}
	return subject{members: []member{b.member(c)}}
}

// unlisted is when the subject stops having a listed member, from which
// on a provider is counted as a whole: the zero time when it has none, the
// last removal when all were removed; ok is false while one is listed.
func (s subject) unlisted() (from time.Time, ok bool) {
	for _, m := range s.members {
		if m.end.IsZero() {
			return time.Time{}, false
		}
		from = maxTime(from, m.end)
	}
	return from, true
}

// component is the timeline of one component: what we observed, and the
// incidents that name it or its group.
func (b *Book) component(id, group string) []Interval {
	out := b.observed(id)
	for _, i := range b.concerning(id, group) {
		out = append(out, b.levels(&b.h.Incidents[i], id, group)...)
	}
	return out
}

// concerning merges the incidents naming id and those naming group, in the
// history's order, each once.
func (b *Book) concerning(id, group string) []int {
	if group == "" {
		return b.named[id]
	}
	out := append(slices.Clone(b.named[id]), b.named[group]...)
	slices.Sort(out)
	return slices.Compact(out)
}

// wideIntervals are the incidents that name no component, at the level
// their impact implies: the vendor said something was hit, not what.
func (b *Book) wideIntervals() []Interval {
	var out []Interval
	for _, i := range b.wide {
		out = b.appendImpact(out, &b.h.Incidents[i])
	}
	return out
}

// wholeIntervals is the provider counted as a whole, for a provider with
// no components: every incident at the level its impact implies, and the
// overall status we observed.
func (b *Book) wholeIntervals() []Interval {
	var out []Interval
	for i := range b.h.Incidents {
		out = b.appendImpact(out, &b.h.Incidents[i])
	}
	return append(out, b.observed("")...)
}

func (b *Book) appendImpact(out []Interval, inc *adapters.Incident) []Interval {
	start, end := span(inc, b.now)
	st := inc.Impact.Status()
	if inc.Kind == adapters.KindMaintenance {
		st = adapters.Maintenance
	}
	return appendImpaired(out, Interval{Start: start, End: end, Status: st, Source: source(inc)}, b.now)
}

// appendImpaired appends iv in UTC, clipped to now, when it is worse than
// operational and lasts.
func appendImpaired(out []Interval, iv Interval, now time.Time) []Interval {
	if iv.Start.IsZero() {
		// Without a start an entry cannot be placed in time.
		return out
	}
	iv.Start, iv.End = iv.Start.UTC(), minTime(iv.End.UTC(), now)
	if iv.Status.Rank() > adapters.Operational.Rank() && iv.Start.Before(iv.End) {
		out = append(out, iv)
	}
	return out
}

func source(inc *adapters.Incident) string {
	if inc.Kind == adapters.KindMaintenance {
		return "maintenance " + inc.ID
	}
	return "incident " + inc.ID
}

// statement is a status the vendor gave a component at a time.
type statement struct {
	at time.Time
	st adapters.Status
}

// levels is the timeline an incident gives one component (id, or its
// group): the statuses its updates state for it, each from the update's
// time, or its whole span at one level when no update states one.
func (b *Book) levels(inc *adapters.Incident, id, group string) []Interval {
	start, end := span(inc, b.now)
	src := source(inc)
	names := func(r adapters.ComponentRef) bool {
		got := b.ref(r)
		return got != "" && (got == id || got == group)
	}
	if inc.Kind == adapters.KindMaintenance {
		// Planned work stays maintenance, whatever the updates say.
		return appendImpaired(nil, Interval{Start: start, End: end, Status: adapters.Maintenance, Source: src}, b.now)
	}
	var said []statement
	for i := range inc.Updates {
		u := &inc.Updates[i]
		var st adapters.Status
		for _, r := range u.Components {
			if names(r) && r.Status.Rank() > 0 {
				st = adapters.Worst(st, r.Status)
			}
		}
		if st != "" {
			said = append(said, statement{model.UpdateTime(u), st})
		}
	}
	if len(said) == 0 {
		// The incident's own list gives each component's status as of the
		// fetch, which says something only while it is worse than
		// operational; otherwise the impact is the vendor's only word.
		st := inc.Impact.Status()
		var listed adapters.Status
		for _, r := range inc.Components {
			if names(r) && r.Status.Rank() > adapters.Operational.Rank() {
				listed = adapters.Worst(listed, r.Status)
			}
		}
		if listed != "" {
			st = listed
		}
		return appendImpaired(nil, Interval{Start: start, End: end, Status: st, Source: src}, b.now)
	}
	// Updates are newest first and not always sorted; two statements at
	// one instant keep the worse.
	slices.SortStableFunc(said, func(x, y statement) int {
		if c := x.at.Compare(y.at); c != 0 {
			return c
		}
		return x.st.Rank() - y.st.Rank()
	})
	// Each statement holds from its own time: the time between the start
	// and the first statement has no stated level, and the vendor's words
	// are not moved earlier than they were said.
	var out []Interval
	var level adapters.Status
	at := start
	for _, s := range said {
		if !s.at.After(start) {
			level = s.st
			continue
		}
		if !s.at.Before(end) {
			// A statement after the end (a postmortem) changes nothing.
			break
		}
		out = appendImpaired(out, Interval{Start: at, End: s.at, Status: level, Source: src}, b.now)
		at, level = s.at, s.st
	}
	return appendImpaired(out, Interval{Start: at, End: end, Status: level, Source: src}, b.now)
}

// span is when an incident or maintenance window began and ended at now,
// by generator/model's rules: from model.Start to model.End. An entry still
// open ends now, except a maintenance window with a scheduled end (it ends
// then), one closed by its lifecycle word without a time, and one silent
// for model.StaleAfter: those end at their last activity. A cancelled
// window never ran: it spans nothing.
func span(inc *adapters.Incident, now time.Time) (start, end time.Time) {
	start = model.Start(inc)
	if model.Cancelled(inc) {
		return start, start
	}
	if end = model.End(inc); !end.IsZero() {
		return start, end
	}
	if inc.Kind == adapters.KindMaintenance && !inc.ScheduledUntil.IsZero() {
		return start, inc.ScheduledUntil
	}
	// A maintenance window's silence counts from its scheduled start, as
	// model.PhaseOf counts it.
	last := model.Latest(model.LastActivity(inc), start)
	if !inc.Open() || model.Silent(last, now) {
		return start, last
	}
	return start, now
}

// observed turns what we saw ourselves into intervals: the state seen at
// the first observation until the first change, then each change until the
// next one, the last until now (or until a component's removal).
func (b *Book) observed(componentID string) []Interval {
	first, end, current := b.observedBounds(componentID)
	if first.IsZero() {
		return nil
	}
	events := b.events[componentID]
	if since := b.stateSince(componentID); len(events) == 0 && since.After(first) {
		// No change was logged, yet the state says when it began: trust
		// it rather than stretch the current state back to the first check.
		first = since
	}
	var out []Interval
	at, st := first, current
	for i, e := range events {
		if i == 0 {
			// Before the first change, the state was the change's From.
			st = e.From
		}
		out = appendImpaired(out, Interval{Start: at, End: minTime(e.At, end), Status: st, Source: SourceObserved}, b.now)
		at, st = maxTime(e.At, first), e.To
	}
	return appendImpaired(out, Interval{Start: at, End: end, Status: st, Source: SourceObserved}, b.now)
}

// stateSince is when the current state began, as the state file says.
func (b *Book) stateSince(componentID string) time.Time {
	if componentID == "" {
		return b.h.State.StatusSince
	}
	if c, ok := b.comps[componentID]; ok {
		return c.LastChanged
	}
	return time.Time{}
}

// observedBounds is when we first saw the provider or component, when we
// stopped seeing it (now, or a component's removal) and its current state.
// first is zero when we never saw it.
func (b *Book) observedBounds(componentID string) (first, end time.Time, current adapters.Status) {
	if componentID == "" {
		return b.h.State.FirstChecked, b.now, b.h.State.Status
	}
	c, ok := b.comps[componentID]
	if !ok {
		return time.Time{}, time.Time{}, ""
	}
	first = c.FirstSeen
	if first.IsZero() {
		first = b.h.State.FirstChecked
	}
	end = b.now
	if !c.RemovedAt.IsZero() {
		end = minTime(c.RemovedAt, b.now)
	}
	return first, end, c.Status
}

// listed is the incidents and maintenance windows a day of the bar lists
// for the provider ("": every one) or a component (those naming it, its
// group or, for a group, its components), in the history's order.
func (b *Book) listed(componentID string) []int {
	if componentID == "" {
		out := make([]int, len(b.h.Incidents))
		for i := range out {
			out[i] = i
		}
		return out
	}
	out := slices.Clone(b.named[componentID])
	if c, ok := b.comps[componentID]; ok && c.GroupID != "" {
		out = append(out, b.named[c.GroupID]...)
	}
	for _, c := range b.children[componentID] {
		out = append(out, b.named[c.ID]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
