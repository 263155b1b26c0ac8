package history

import (
	"cmp"
	"slices"
	"time"

	"github.com/uptimus/uptimus/adapters"
)

// This file defines the one canonical in-memory form of a History. Merge
// produces it and Load returns it, so that a History that went through Save
// and Load is reflect.DeepEqual to the one that was saved, and so that the
// bytes on disk depend only on what we know, not on the order or the time
// zone in which the vendor told us.
//
// The canonical form:
//   - every time is UTC (vendor precision kept), or the zero time;
//   - lists that are omitempty in JSON are nil when empty, the others
//     (State.Components, Incident.Updates) are non-nil;
//   - components, events, incidents, updates and component refs are sorted
//     and free of duplicates.

// utc normalizes t to UTC. Times outside the years 0..9999 cannot be written
// as RFC 3339 by encoding/json (a vendor's year 0000 with a positive offset
// lands in year -1), so they are treated as unknown rather than making the
// whole history unsaveable.
func utc(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	u := t.UTC()
	if y := u.Year(); y < 0 || y > 9999 {
		return time.Time{}
	}
	return u
}

// Start is when an incident began, which decides its place in the list and
// its year file: a maintenance window's ScheduledFor when set, else
// StartedAt, else CreatedAt.
func Start(in *adapters.Incident) time.Time {
	if in.Kind == adapters.KindMaintenance && !in.ScheduledFor.IsZero() {
		return in.ScheduledFor
	}
	if !in.StartedAt.IsZero() {
		return in.StartedAt
	}
	return in.CreatedAt
}

// canonicalize puts h in canonical form in place.
func canonicalize(h *History) {
	h.State.StatusSince = utc(h.State.StatusSince)
	h.State.FirstChecked = utc(h.State.FirstChecked)
	h.State.KnownSince = utc(h.State.KnownSince)
	h.State.Components = canonicalComponents(h.State.Components)
	h.State.Unseen = canonicalSpans(h.State.Unseen)
	h.Events = canonicalEvents(h.Events)
	h.Incidents = canonicalIncidents(h.Incidents)
}

// canonicalSpans are the spans in UTC, oldest first; nil when none.
func canonicalSpans(spans []Span) []Span {
	if len(spans) == 0 {
		return nil
	}
	out := make([]Span, len(spans))
	for i, s := range spans {
		out[i] = Span{From: utc(s.From), To: utc(s.To)}
	}
	slices.SortStableFunc(out, func(a, b Span) int { return a.From.Compare(b.From) })
	return out
}

func canonicalComponents(cs []ComponentState) []ComponentState {
	out := make([]ComponentState, 0, len(cs))
	seen := make(map[string]int, len(cs))
	for _, c := range cs {
		c.UpdatedAt = utc(c.UpdatedAt)
		c.LastChanged = utc(c.LastChanged)
		c.FirstSeen = utc(c.FirstSeen)
		c.RemovedAt = utc(c.RemovedAt)
		if i, ok := seen[c.ID]; ok {
			out[i] = c
			continue
		}
		seen[c.ID] = len(out)
		out = append(out, c)
	}
	sortComponents(out)
	return out
}

// sortComponents orders components as a status page shows them: top-level
// components and groups by (position, id), each group's children right
// after it by (position, id). Positions restart inside groups, which is why
// a flat sort by position would interleave groups. A GroupID that names no
// known component makes the child top-level; cycles (bad data) are broken
// deterministically.
func sortComponents(cs []ComponentState) {
	if len(cs) < 2 {
		return
	}
	ids := make(map[string]bool, len(cs))
	for _, c := range cs {
		ids[c.ID] = true
	}
	byPos := func(a, b int) int {
		return cmp.Or(cmp.Compare(cs[a].Position, cs[b].Position), cmp.Compare(cs[a].ID, cs[b].ID))
	}
	children := map[string][]int{}
	var roots []int
	for i, c := range cs {
		if p := c.GroupID; p != "" && p != c.ID && ids[p] {
			children[p] = append(children[p], i)
		} else {
			roots = append(roots, i)
		}
	}
	slices.SortFunc(roots, byPos)
	for _, kids := range children {
		slices.SortFunc(kids, byPos)
	}
	out := make([]ComponentState, 0, len(cs))
	visited := make([]bool, len(cs))
	var walk func(i int)
	walk = func(i int) {
		if visited[i] {
			return
		}
		visited[i] = true
		out = append(out, cs[i])
		for _, k := range children[cs[i].ID] {
			walk(k)
		}
	}
	for _, r := range roots {
		walk(r)
	}
	if len(out) < len(cs) {
		var rest []int
		for i := range cs {
			if !visited[i] {
				rest = append(rest, i)
			}
		}
		slices.SortFunc(rest, byPos)
		for _, r := range rest {
			walk(r)
		}
	}
	copy(cs, out)
}

// canonicalEvents keeps the recorded order of events that share a time (the
// order they were observed in) and otherwise sorts oldest first.
func canonicalEvents(es []Event) []Event {
	if len(es) == 0 {
		return nil
	}
	for i := range es {
		es[i].At = utc(es[i].At)
	}
	slices.SortStableFunc(es, func(a, b Event) int { return a.At.Compare(b.At) })
	return es
}

// canonicalIncidents folds incidents that share an id (a run killed while an
// incident moved between year files leaves it in both) and sorts the rest.
func canonicalIncidents(incs []adapters.Incident) []adapters.Incident {
	if len(incs) == 0 {
		return nil
	}
	if incidentsCanonical(incs) {
		return incs
	}
	out := make([]adapters.Incident, 0, len(incs))
	seen := make(map[string]int, len(incs))
	for _, in := range incs {
		in = normalizeIncident(in)
		if i, ok := seen[in.ID]; ok {
			out[i] = mergeIncident(out[i], in)
			continue
		}
		seen[in.ID] = len(out)
		out = append(out, in)
	}
	sortIncidents(out)
	return out
}

// incidentsCanonical reports whether incs is already canonical: strictly
// sorted, ids unique, every incident normalized.
func incidentsCanonical(incs []adapters.Incident) bool {
	ids := make(map[string]bool, len(incs))
	for i := range incs {
		in := &incs[i]
		if i > 0 && compareIncidents(&incs[i-1], in) >= 0 || ids[in.ID] || !incidentCanonical(in) {
			return false
		}
		ids[in.ID] = true
	}
	return true
}

func incidentCanonical(in *adapters.Incident) bool {
	for _, t := range []time.Time{in.CreatedAt, in.StartedAt, in.UpdatedAt, in.ResolvedAt, in.ScheduledFor, in.ScheduledUntil} {
		if t != utc(t) {
			return false
		}
	}
	return in.Updates != nil && updatesCanonical(in.Updates) && refsCanonical(in.Components)
}

// sortIncidents orders newest first by start, ties by id.
func sortIncidents(incs []adapters.Incident) {
	slices.SortFunc(incs, func(a, b adapters.Incident) int { return compareIncidents(&a, &b) })
}

func compareIncidents(a, b *adapters.Incident) int {
	return cmp.Or(Start(b).Compare(Start(a)), cmp.Compare(a.ID, b.ID))
}

// copyIncident deep-copies in, so that a history never shares memory with
// a snapshot its caller may reuse.
func copyIncident(in adapters.Incident) adapters.Incident {
	in.Components = slices.Clone(in.Components)
	in.Updates = slices.Clone(in.Updates)
	in.Revisions = slices.Clone(in.Revisions)
	for i := range in.Updates {
		in.Updates[i].Components = slices.Clone(in.Updates[i].Components)
	}
	return in
}

// normalizeIncident returns a canonical copy of in; the caller's slices are
// never modified.
func normalizeIncident(in adapters.Incident) adapters.Incident {
	in.CreatedAt = utc(in.CreatedAt)
	in.StartedAt = utc(in.StartedAt)
	in.UpdatedAt = utc(in.UpdatedAt)
	in.ResolvedAt = utc(in.ResolvedAt)
	in.ScheduledFor = utc(in.ScheduledFor)
	in.ScheduledUntil = utc(in.ScheduledUntil)
	in.WithdrawnAt = utc(in.WithdrawnAt)
	in.Revisions = normalizeRevisions(in.Revisions)
	in.Components = normalizeRefs(in.Components)
	in.Updates = normalizeUpdates(in.Updates)
	return in
}

// normalizeRevisions puts revisions in UTC and in order (a file edited by
// hand may hold them in any), without duplicates; nil stays nil.
func normalizeRevisions(rs []adapters.Revision) []adapters.Revision {
	if len(rs) == 0 {
		return nil
	}
	out := make([]adapters.Revision, len(rs))
	for i, r := range rs {
		r.UpdatedAt, r.ScheduledFor, r.ScheduledUntil = utc(r.UpdatedAt), utc(r.ScheduledFor), utc(r.ScheduledUntil)
		out[i] = r
	}
	sortRevisions(out)
	return slices.Compact(out)
}

// normalizeUpdates dedupes updates by key (a later duplicate replaces an
// earlier one) and sorts them newest first. A list already in canonical
// form (every stored one) is returned as is, without copying: Merge runs
// over the whole history each time, and nothing modifies these lists in
// place.
func normalizeUpdates(us []adapters.Update) []adapters.Update {
	if us != nil && updatesCanonical(us) {
		return us
	}
	out := make([]adapters.Update, 0, len(us))
	seen := make(map[string]int, len(us))
	for _, u := range us {
		u.CreatedAt = utc(u.CreatedAt)
		u.DisplayAt = utc(u.DisplayAt)
		u.Components = normalizeRefs(u.Components)
		k := updateKey(&u)
		if i, ok := seen[k]; ok {
			out[i] = u
			continue
		}
		seen[k] = len(out)
		out = append(out, u)
	}
	sortUpdates(out)
	return out
}

// updatesCanonical reports whether us is strictly sorted, free of duplicate
// keys and holds only canonical times and refs.
func updatesCanonical(us []adapters.Update) bool {
	for i := range us {
		u := &us[i]
		if u.CreatedAt != utc(u.CreatedAt) || u.DisplayAt != utc(u.DisplayAt) || !refsCanonical(u.Components) {
			return false
		}
		if i > 0 && compareUpdates(&us[i-1], u) >= 0 {
			return false
		}
	}
	// Strict order rules out equal neighbours, not the same id at two
	// different times.
	if len(us) <= 16 {
		for i := range us {
			for j := i + 1; j < len(us); j++ {
				if us[i].ID != "" && us[i].ID == us[j].ID {
					return false
				}
			}
		}
		return true
	}
	seen := make(map[string]bool, len(us))
	for i := range us {
		if id := us[i].ID; id != "" {
			if seen[id] {
				return false
			}
			seen[id] = true
		}
	}
	return true
}

// updateKey identifies an update. Vendors that give no update id (feeds)
// get a key from the update's content, so that two different id-less
// updates are both kept rather than collapsed into one.
func updateKey(u *adapters.Update) string {
	if u.ID != "" {
		return u.ID
	}
	return "\x00" + u.CreatedAt.Format(time.RFC3339Nano) + "\x00" + u.Status + "\x00" + u.Body
}

// sortUpdates orders newest first by CreatedAt, ties by id.
func sortUpdates(us []adapters.Update) {
	slices.SortFunc(us, func(a, b adapters.Update) int { return compareUpdates(&a, &b) })
}

// compareUpdates orders newest first by CreatedAt, then by id, then, for
// id-less updates, by the rest of their key, so that distinct keys never
// compare equal.
func compareUpdates(a, b *adapters.Update) int {
	return cmp.Or(b.CreatedAt.Compare(a.CreatedAt), cmp.Compare(a.ID, b.ID),
		cmp.Compare(a.Status, b.Status), cmp.Compare(a.Body, b.Body))
}

// normalizeRefs dedupes component refs by (id, name), keeping the last
// status, and sorts them by name then id: vendors do not keep the order of
// affected components stable, and a reorder is not a change.
func normalizeRefs(rs []adapters.ComponentRef) []adapters.ComponentRef {
	if len(rs) == 0 {
		return nil
	}
	if refsCanonical(rs) {
		return rs
	}
	type key struct{ id, name string }
	out := make([]adapters.ComponentRef, 0, len(rs))
	seen := make(map[key]int, len(rs))
	for _, r := range rs {
		k := key{r.ID, r.Name}
		if i, ok := seen[k]; ok {
			out[i] = r
			continue
		}
		seen[k] = len(out)
		out = append(out, r)
	}
	slices.SortFunc(out, compareRefs)
	return out
}

func compareRefs(a, b adapters.ComponentRef) int {
	return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
}

// refsCanonical reports whether rs is nil or non-empty and strictly sorted
// (which also rules out duplicates).
func refsCanonical(rs []adapters.ComponentRef) bool {
	if rs != nil && len(rs) == 0 {
		return false
	}
	for i := 1; i < len(rs); i++ {
		if compareRefs(rs[i-1], rs[i]) >= 0 {
			return false
		}
	}
	return true
}
