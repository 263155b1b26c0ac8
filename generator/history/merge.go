package history

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters"
)

// mergeKnowledge sets FirstChecked on the first merge and moves KnownSince
// to the earliest point our knowledge covers. Only incidents (not
// maintenance windows, which come from a separate list with its own window)
// bound it: a list of the newest incidents covers every incident since its
// oldest entry.
func mergeKnowledge(st *State, snap *adapters.Snapshot, at time.Time) bool {
	changed := false
	first := st.FirstChecked.IsZero()
	if first && !at.IsZero() {
		st.FirstChecked = at
		changed = true
	}
	known := st.KnownSince
	if first {
		known = earliest(known, at)
	}
	for i := range snap.Incidents {
		in := &snap.Incidents[i]
		if in.Kind == adapters.KindMaintenance || in.ID == "" {
			continue
		}
		n := normalizeIncident(adapters.Incident{CreatedAt: in.CreatedAt, StartedAt: in.StartedAt})
		known = earliest(known, Start(&n))
	}
	if known != st.KnownSince {
		st.KnownSince = known
		changed = true
	}
	return changed
}

// earliest returns the earlier of two times, a zero time meaning unknown.
func earliest(a, b time.Time) time.Time {
	switch {
	case a.IsZero():
		return b
	case b.IsZero() || a.Before(b):
		return a
	}
	return b
}

// FutureSlack is how far after the fetch a vendor's time may lie before
// it is not believed: clocks drift and zones get misread by hours, not
// days. A component change dated later (a year-9999 typo) is recorded
// at the fetch instead.
const FutureSlack = 24 * time.Hour

// notAfter returns t, or now when t lies more than FutureSlack after now.
func notAfter(t, now time.Time) time.Time {
	if t.After(now.Add(FutureSlack)) {
		return now
	}
	return t
}

// notBefore returns t, or floor when t is earlier. A change is never
// recorded before the one it follows (a vendor's clock ahead of ours can
// put the last change after this fetch): so each component's events stay
// in the order they were observed, which catchUp relies on.
func notBefore(t, floor time.Time) time.Time {
	if t.Before(floor) {
		return floor
	}
	return t
}

// catchUp brings the state up to the event log. Save writes the events
// files before state.json, so a run killed in between leaves events whose
// change state.json does not show yet; merging the same upstream again
// would then see that change a second time and record it twice. The log is
// the later word: the last event of a component (or of the overall status,
// ComponentID "") gives its status and when it changed. An event older
// than the state's own last change is history the state has moved past.
func catchUp(st *State, events []Event) bool {
	last := map[string]*Event{}
	for i := range events {
		last[events[i].ComponentID] = &events[i]
	}
	changed := false
	if ev, ok := last[""]; ok && ev.To != st.Status && !ev.At.Before(st.StatusSince) {
		st.Status, st.StatusSince = ev.To, ev.At
		changed = true
	}
	for i := range st.Components {
		c := &st.Components[i]
		if ev, ok := last[c.ID]; ok && c.ID != "" && ev.To != c.Status && !ev.At.Before(c.LastChanged) {
			c.Status, c.LastChanged = ev.To, ev.At
			changed = true
		}
	}
	return changed
}

// mergeOverall applies the provider's overall status. An empty status is no
// information. The first observation sets StatusSince without an event: we
// did not see it change. It returns the event, if any, and whether the state
// changed.
func mergeOverall(st *State, snap *adapters.Snapshot, at time.Time) (*Event, bool) {
	if snap.Status == "" {
		return nil, false
	}
	old := *st
	var ev *Event
	switch {
	case st.Status == "":
		st.Status = snap.Status
		st.StatusSince = at
	case st.Status != snap.Status:
		ev = &Event{At: notBefore(at, st.StatusSince), Name: "overall", From: st.Status, To: snap.Status}
		st.Status = snap.Status
		st.StatusSince = ev.At
	}
	st.StatusRaw = snap.StatusRaw
	st.Description = snap.Description
	st.StatusDerived = snap.StatusDerived
	changed := st.Status != old.Status || st.StatusSince != old.StatusSince ||
		st.StatusRaw != old.StatusRaw || st.Description != old.Description || st.StatusDerived != old.StatusDerived
	return ev, changed
}

// stored is c as state.json keeps it: without the vendor's updated_at,
// which only dates a status change (LastChanged, the event) when one
// happens. Some vendors touch it on every publish; kept, it would rewrite
// the file, and make a commit, on every run.
func stored(c adapters.Component) adapters.Component {
	c.UpdatedAt = time.Time{}
	return c
}

// mergeComponents updates the component states from the snapshot's list and
// returns the status changes it observed. A snapshot without components is
// no information (an upstream hiccup), so nothing is marked removed then.
func mergeComponents(st *State, comps []adapters.Component, at time.Time) ([]Event, bool) {
	if len(comps) == 0 {
		return nil, false
	}
	norm := make([]adapters.Component, len(comps))
	for i, c := range comps {
		c.UpdatedAt = utc(c.UpdatedAt)
		if c.UpdatedAt.After(at.Add(FutureSlack)) {
			// Unknown, rather than a change dated 9999 that would file
			// this event, and every later one, under that year.
			c.UpdatedAt = time.Time{}
		}
		if c.Status == "" {
			c.Status = adapters.Unknown
		}
		norm[i] = c
	}
	// Without an id a component cannot be followed from run to run; of
	// two sharing one, the same is kept whatever their order upstream.
	incoming := map[string]adapters.Component{}
	for _, c := range adapters.OneComponentPerID(norm) {
		incoming[c.ID] = c
	}
	if len(incoming) == 0 {
		return nil, false
	}
	var events []Event
	changed := false
	for i := range st.Components {
		old := st.Components[i]
		c, ok := incoming[old.ID]
		next := old
		if !ok {
			if next.RemovedAt.IsZero() {
				next.RemovedAt = at
			}
		} else {
			delete(incoming, old.ID)
			next.Component = stored(c)
			next.RemovedAt = time.Time{}
			if c.Status != old.Status {
				ev := Event{At: at, ComponentID: c.ID, Name: c.Name, From: old.Status, To: c.Status}
				if !c.UpdatedAt.IsZero() && c.UpdatedAt.After(old.LastChanged) {
					ev.At = c.UpdatedAt
				}
				// A last change stored from the future before this
				// guard existed must not hold every later one there.
				ev.At = notBefore(ev.At, notAfter(old.LastChanged, at))
				next.LastChanged = ev.At
				events = append(events, ev)
			}
		}
		if next != old {
			st.Components[i] = next
			changed = true
		}
	}
	for _, c := range incoming {
		cs := ComponentState{Component: stored(c), FirstSeen: at, LastChanged: at}
		if !c.UpdatedAt.IsZero() {
			cs.LastChanged = c.UpdatedAt
		}
		st.Components = append(st.Components, cs)
		changed = true
	}
	if changed {
		sortComponents(st.Components)
	}
	return events, changed
}

// mergeIncidents folds the snapshot's incidents into h.Incidents; a
// stored window whose schedule, lifecycle word or title the snapshot
// changes keeps what it showed before (see revise).
func mergeIncidents(h *History, incs []adapters.Incident) bool {
	if len(incs) == 0 {
		return false
	}
	// Fold the snapshot's duplicates first, so that merging the same
	// snapshot again compares each stored incident with one incoming value.
	folded := map[string]adapters.Incident{}
	var order []string
	for _, in := range incs {
		if in.ID == "" {
			// An incident without an id cannot get a stable URL or be
			// matched on the next run.
			continue
		}
		in = copyIncident(in)
		// Only the merge knows a withdrawal or an end it observed (a
		// listed entry is neither), and what a window showed before.
		in.WithdrawnAt, in.ResolvedAsObserved = time.Time{}, false
		in.Revisions = nil
		distinctUpdateIDs(in.Updates)
		in = normalizeIncident(in)
		if prev, ok := folded[in.ID]; ok {
			folded[in.ID] = mergeIncident(prev, in)
			continue
		}
		folded[in.ID] = in
		order = append(order, in.ID)
	}
	index := make(map[string]int, len(h.Incidents))
	for i := range h.Incidents {
		index[h.Incidents[i].ID] = i
	}
	changed := false
	for _, id := range order {
		in := folded[id]
		i, ok := index[id]
		if !ok {
			h.Incidents = append(h.Incidents, in)
			changed = true
			continue
		}
		merged := mergeIncident(listedAgain(h.Incidents[i]), in)
		merged.WithdrawnAt = time.Time{}
		merged.Revisions = revise(&h.Incidents[i], &in, &merged)
		if !reflect.DeepEqual(merged, h.Incidents[i]) {
			h.Incidents[i] = merged
			changed = true
		}
	}
	if changed {
		sortIncidents(h.Incidents)
	}
	return changed
}

// mergeWithdrawals records the windows the vendor withdrew: when snap
// lists every window the vendor still plans (MaintenanceComplete,
// IncidentsComplete, or a list of what is active or upcoming,
// adapters.ListsActive), a stored window that is still open and due to
// start after the fetch, yet missing from it, gets WithdrawnAt = at, once.
// A vendor listing only some windows withdraws none: absence means
// nothing there. The window itself is kept, as every entry is, and
// mergeIncidents clears the mark if the vendor lists it again.
func mergeWithdrawals(h *History, snap *adapters.Snapshot, at time.Time) bool {
	complete := snap.MaintenanceComplete || snap.IncidentsComplete || snap.Listing == adapters.ListsActive
	if !complete || at.IsZero() {
		return false
	}
	listed := listedIDs(snap)
	changed := false
	for i := range h.Incidents {
		in := &h.Incidents[i]
		started := in.Underway() || !in.ScheduledFor.After(at)
		if in.Kind != adapters.KindMaintenance || listed[in.ID] || !in.WithdrawnAt.IsZero() || !in.Open() || started {
			continue
		}
		in.WithdrawnAt = at
		changed = true
	}
	return changed
}

// revise is the revisions of a window once merged from stored and in:
// the stored ones, and the losing copy's when it shows another schedule,
// lifecycle word or title than merged. History keeps only a window's
// latest schedule, so without them a postponement would leave no trace
// for a calendar to number. They form a set ordered by content, so that
// two fetches merged in either order keep the same.
func revise(stored, in, merged *adapters.Incident) []adapters.Revision {
	if merged.Kind != adapters.KindMaintenance && stored.Kind != adapters.KindMaintenance {
		return stored.Revisions
	}
	loser := in
	if incomingWins(stored, in) {
		loser = stored
	}
	was := loser.Revision()
	if was.Status == merged.Status && was.Title == merged.Title && was.Text == merged.TextSum() &&
		was.ScheduledFor.Equal(merged.ScheduledFor) && was.ScheduledUntil.Equal(merged.ScheduledUntil) ||
		slices.Contains(stored.Revisions, was) {
		return stored.Revisions
	}
	out := append(slices.Clone(stored.Revisions), was)
	sortRevisions(out)
	return out
}

// sortRevisions orders revisions oldest first, ties broken by content.
func sortRevisions(rs []adapters.Revision) {
	slices.SortFunc(rs, func(a, b adapters.Revision) int {
		return cmp.Or(a.UpdatedAt.Compare(b.UpdatedAt), a.ScheduledFor.Compare(b.ScheduledFor),
			a.ScheduledUntil.Compare(b.ScheduledUntil), cmp.Compare(a.Status, b.Status), cmp.Compare(a.Title, b.Title), cmp.Compare(a.Text, b.Text))
	})
}

// scrolledOn is snap's incidents, where a feed (adapters.ListsFeed) whose
// oldest items scrolled off made one of them anew: an adapter that
// rebuilds incidents from feed items (AWS) ids an incident by its first
// item, so when that item leaves the feed the rest of the incident comes
// under a new id. An incoming incident with an unknown id that holds an
// update of a stored incident of the same kind is that incident: it
// takes its id, and the stored copy's earlier start, first title and
// worse impact, which the items that left told. Other lists keep their
// ids: snap.Incidents is returned as is.
func scrolledOn(h *History, snap *adapters.Snapshot) []adapters.Incident {
	if snap.Listing != adapters.ListsFeed || len(h.Incidents) == 0 {
		return snap.Incidents
	}
	known := make(map[string]bool, len(h.Incidents))
	byUpdate := map[string]*adapters.Incident{}
	for i := range h.Incidents {
		in := &h.Incidents[i]
		known[in.ID] = true
		for _, u := range in.Updates {
			if u.ID != "" {
				byUpdate[string(in.Kind)+"\x00"+u.ID] = in
			}
		}
	}
	out, cloned := snap.Incidents, false
	for i := range snap.Incidents {
		in := &snap.Incidents[i]
		if known[in.ID] {
			continue
		}
		for _, u := range in.Updates {
			stored, ok := byUpdate[string(in.Kind)+"\x00"+u.ID]
			if !ok || u.ID == "" {
				continue
			}
			if !cloned {
				out, cloned = slices.Clone(snap.Incidents), true
			}
			out[i] = continued(*stored, out[i])
			break
		}
	}
	return out
}

// continued is in, the rest of stored after its first items left a feed.
func continued(stored, in adapters.Incident) adapters.Incident {
	in.ID, in.Title = stored.ID, stored.Title
	in.StartedAt, in.CreatedAt = earliest(stored.StartedAt, in.StartedAt), earliest(stored.CreatedAt, in.CreatedAt)
	if stored.Impact.Rank() > in.Impact.Rank() {
		in.Impact, in.ImpactRaw = stored.Impact, stored.ImpactRaw
	}
	return in
}

// listedAgain is a stored incident the vendor lists again: one we resolved
// as observed is open again, as the vendor now shows it, whichever copy
// is the later.
func listedAgain(stored adapters.Incident) adapters.Incident {
	if stored.ResolvedAsObserved {
		stored.ResolvedAt, stored.ResolvedAsObserved = time.Time{}, false
	}
	return stored
}

// listedIDs is the set of the ids snap lists.
func listedIDs(snap *adapters.Snapshot) map[string]bool {
	listed := make(map[string]bool, len(snap.Incidents))
	for i := range snap.Incidents {
		listed[snap.Incidents[i].ID] = true
	}
	return listed
}

// mergeObservedEnds resolves, as observed, what an active-only list
// (adapters.ListsActive) stopped listing: such a vendor drops an incident
// when it is over and writes no resolution, so the successful fetch that
// no longer lists an open incident is the best time known for its end.
// It sets ResolvedAt to that fetch's time, never before the incident's
// start, and ResolvedAsObserved. A window that has not begun is left to
// mergeWithdrawals. Only a snapshot reaches the merge, never a failed
// fetch, and windows and feeds (whose old entries drop off whether or not
// they ended) resolve nothing.
func mergeObservedEnds(h *History, snap *adapters.Snapshot, at time.Time) bool {
	if snap.Listing != adapters.ListsActive || at.IsZero() {
		return false
	}
	listed := listedIDs(snap)
	changed := false
	for i := range h.Incidents {
		in := &h.Incidents[i]
		upcoming := in.Kind == adapters.KindMaintenance && !in.Underway() && in.ScheduledFor.After(at)
		if listed[in.ID] || !in.Open() || upcoming || !in.WithdrawnAt.IsZero() {
			continue
		}
		in.ResolvedAt, in.ResolvedAsObserved = notBefore(at, Start(in)), true
		changed = true
	}
	return changed
}

// incomingWins decides which copy of an incident is the latest: the one
// with the later UpdatedAt, the incoming one on a tie or when either is
// unknown.
func incomingWins(stored, in *adapters.Incident) bool {
	return stored.UpdatedAt.IsZero() || in.UpdatedAt.IsZero() || !in.UpdatedAt.Before(stored.UpdatedAt)
}

// mergeIncident merges two normalized copies of the same incident. The
// latest copy gives every field; updates are united by key, the latest
// copy's version replacing the other's, so the result does not depend on
// the order in which the two copies arrived.
func mergeIncident(stored, in adapters.Incident) adapters.Incident {
	wins := incomingWins(&stored, &in)
	out := stored
	if wins {
		out = in
	}
	out.Updates = mergeUpdates(stored.Updates, in.Updates, wins)
	return out
}

// mergeUpdates unites two normalized update lists into a new one.
func mergeUpdates(stored, in []adapters.Update, inWins bool) []adapters.Update {
	out := make([]adapters.Update, len(stored), len(stored)+len(in))
	copy(out, stored)
	index := make(map[string]int, len(stored))
	for i := range out {
		index[updateKey(&out[i])] = i
	}
	touched := false
	for _, u := range in {
		k := updateKey(&u)
		i, ok := index[k]
		if !ok {
			if j := sameUpdate(out, &u); j >= 0 {
				// One update read from two forms of the page: keep the
				// copy with the exact time.
				if minutePrecise(&out[j]) {
					out[j] = u
					touched = true
				}
				continue
			}
		}
		switch {
		case !ok:
			index[k] = len(out)
			out = append(out, u)
			touched = true
		case inWins:
			// The replacement may carry another CreatedAt, hence the sort.
			out[i] = u
			touched = true
		}
	}
	if touched {
		sortUpdates(out)
	}
	return out
}

// sameUpdate finds in us the update that u is in another form of the
// same page: Statuspage's JSON gives an update its id and an exact time,
// its history feed the minute alone and an id of its own, and an entry
// whose vendor is detected again may read one form and then the other.
// Two updates are one when exactly one of them has only the minute, they
// fall in the same minute, and they say the same, or failing that (a
// vendor may edit an update's text) have the same status. It returns -1
// when none is.
func sameUpdate(us []adapters.Update, u *adapters.Update) int {
	candidate := func(s *adapters.Update) bool {
		return minutePrecise(s) != minutePrecise(u) && !s.CreatedAt.IsZero() && !u.CreatedAt.IsZero() &&
			s.CreatedAt.Truncate(time.Minute).Equal(u.CreatedAt.Truncate(time.Minute))
	}
	text := strings.Join(strings.Fields(u.Body), " ")
	byStatus := -1
	for i := range us {
		if !candidate(&us[i]) {
			continue
		}
		if strings.Join(strings.Fields(us[i].Body), " ") == text {
			return i
		}
		if byStatus < 0 && us[i].Status == u.Status {
			byStatus = i
		}
	}
	return byStatus
}

// minutePrecise reports whether an update's time has no seconds, as a
// feed's "Jul 30, 10:12 UTC" gives it.
func minutePrecise(u *adapters.Update) bool {
	return u.CreatedAt.Truncate(time.Minute).Equal(u.CreatedAt)
}

// distinctUpdateIDs gives, in place, each update of one incident's list
// whose content differs an id of its own. The merge reads one id as one
// update, edited when its content changes; a vendor listing two updates
// under one id (Investigating, then Resolved, both "x") would so lose one.
// Of those sharing an id, the oldest (ties broken by content) keeps it, so
// that an update stored before the vendor reused its id keeps its
// meaning; each other one gets the id, "~" and 8 hex digits of a hash of
// its content, whatever the vendor's order. Equal copies stay one update.
func distinctUpdateIDs(us []adapters.Update) {
	byID := make(map[string][]int, len(us))
	shared := false
	for i := range us {
		if id := us[i].ID; id != "" {
			byID[id] = append(byID[id], i)
			shared = shared || len(byID[id]) > 1
		}
	}
	if !shared {
		return
	}
	for id, idx := range byID {
		if len(idx) < 2 {
			continue
		}
		keys := make(map[int]string, len(idx))
		for _, i := range idx {
			keys[i] = contentKey(us[i])
		}
		slices.SortFunc(idx, func(a, b int) int {
			return cmp.Or(us[a].CreatedAt.Compare(us[b].CreatedAt), cmp.Compare(keys[a], keys[b]))
		})
		for _, i := range idx[1:] {
			if keys[i] != keys[idx[0]] {
				sum := sha256.Sum256([]byte(keys[i]))
				us[i].ID = id + "~" + hex.EncodeToString(sum[:4])
			}
		}
	}
}

// contentKey is everything an update says but its id, in canonical form.
func contentKey(u adapters.Update) string {
	u.ID = ""
	u.CreatedAt, u.DisplayAt = utc(u.CreatedAt), utc(u.DisplayAt)
	u.Components = normalizeRefs(u.Components)
	b, _ := json.Marshal(u) // plain strings and times: cannot fail
	return string(b)
}
