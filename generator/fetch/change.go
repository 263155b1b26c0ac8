package fetch

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
)

// Change is what one merge added to a provider's history, worked out by
// comparing the history before and after (the merge itself reports only
// whether anything changed).
type Change struct {
	// First is true for the first successful fetch of a provider; the
	// counts below then describe everything it brought.
	First bool
	// NewIncidents and NewMaintenance count incidents and maintenance
	// windows we had not seen.
	NewIncidents, NewMaintenance int
	// NewUpdates counts timeline updates added to incidents we already had.
	NewUpdates int
	// EditedIncidents counts known incidents that changed without a new
	// update (a title edit, a resolution time).
	EditedIncidents int
	// ObservedEnds counts open entries an active-only list stopped
	// listing, which the merge resolved as observed.
	ObservedEnds int
	// ComponentsChanged counts components with a new status event.
	ComponentsChanged int
	// NewComponents and RemovedComponents count components that appeared
	// or vanished upstream.
	NewComponents, RemovedComponents int
	// StatusFrom and StatusTo are set when the provider's status changed.
	StatusFrom, StatusTo adapters.Status
	// Components is the number of components known after the merge, shown
	// for a first fetch.
	Components int
}

// String is a short phrase such as "1 new incident, 2 new updates, 1
// component changed".
func (c Change) String() string {
	var parts []string
	add := func(n int, one, many string) {
		switch {
		case n == 1:
			parts = append(parts, "1 "+one)
		case n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	if c.First {
		add(c.NewIncidents, "incident", "incidents")
		add(c.NewMaintenance, "maintenance", "maintenances")
		add(c.Components, "component", "components")
		if len(parts) == 0 {
			return "first fetch"
		}
		return "first fetch: " + strings.Join(parts, ", ")
	}
	if c.StatusTo != "" {
		parts = append(parts, fmt.Sprintf("status %s -> %s", c.StatusFrom, c.StatusTo))
	}
	add(c.NewIncidents, "new incident", "new incidents")
	add(c.NewMaintenance, "new maintenance", "new maintenances")
	add(c.NewUpdates, "new update", "new updates")
	add(c.EditedIncidents, "incident edited", "incidents edited")
	add(c.ObservedEnds, "resolved as observed", "resolved as observed")
	add(c.ComponentsChanged, "component changed", "components changed")
	add(c.NewComponents, "new component", "new components")
	add(c.RemovedComponents, "component removed", "components removed")
	if len(parts) == 0 {
		return "details updated"
	}
	return strings.Join(parts, ", ")
}

// fingerprint is what Change needs to remember of a history before the
// merge, which edits the history in place.
type fingerprint struct {
	empty      bool
	status     adapters.Status
	incidents  map[string]incidentPrint
	components map[string]bool // id -> removed
	events     map[eventKey]int
}

type incidentPrint struct {
	updates  map[string]bool
	sum      [sha256.Size]byte
	observed bool
}

// eventKey identifies an event; equal events are counted, not collapsed,
// since a component can flap between the same two states at one instant.
type eventKey struct {
	at       int64
	id       string
	from, to adapters.Status
}

func keyOf(e history.Event) eventKey {
	return eventKey{at: e.At.UnixNano(), id: e.ComponentID, from: e.From, to: e.To}
}

func fingerprintOf(h *history.History) fingerprint {
	f := fingerprint{
		empty:      h.State.FirstChecked.IsZero() && len(h.Incidents) == 0 && len(h.State.Components) == 0,
		status:     h.State.Status,
		incidents:  make(map[string]incidentPrint, len(h.Incidents)),
		components: make(map[string]bool, len(h.State.Components)),
		events:     make(map[eventKey]int, len(h.Events)),
	}
	for _, inc := range h.Incidents {
		ups := make(map[string]bool, len(inc.Updates))
		for _, u := range inc.Updates {
			ups[u.ID] = true
		}
		f.incidents[inc.ID] = incidentPrint{updates: ups, sum: sumOf(inc), observed: inc.ResolvedAsObserved}
	}
	for _, c := range h.State.Components {
		f.components[c.ID] = !c.RemovedAt.IsZero()
	}
	for _, e := range h.Events {
		f.events[keyOf(e)]++
	}
	return f
}

// sumOf digests an incident so an edit without a new update shows.
func sumOf(inc adapters.Incident) [sha256.Size]byte {
	b, err := json.Marshal(inc)
	if err != nil {
		// An incident is plain data; marshalling cannot fail. Should it,
		// the edit count is only a report detail.
		return [sha256.Size]byte{}
	}
	return sha256.Sum256(b)
}

// diff says what h gained since f was taken.
func (f fingerprint) diff(h *history.History) Change {
	c := Change{First: f.empty, Components: len(h.State.Components)}
	for _, inc := range h.Incidents {
		c.addIncident(f, inc)
	}
	for _, comp := range h.State.Components {
		removed, known := f.components[comp.ID]
		switch {
		case !known:
			c.NewComponents++
		case !removed && !comp.RemovedAt.IsZero():
			c.RemovedComponents++
		}
	}
	c.ComponentsChanged = f.changedComponents(h.Events)
	if !f.empty && h.State.Status != f.status {
		c.StatusFrom, c.StatusTo = f.status, h.State.Status
	}
	return c
}

func (c *Change) addIncident(f fingerprint, inc adapters.Incident) {
	old, known := f.incidents[inc.ID]
	if !known {
		if inc.Kind == adapters.KindMaintenance {
			c.NewMaintenance++
		} else {
			c.NewIncidents++
		}
		return
	}
	added := 0
	for _, u := range inc.Updates {
		if !old.updates[u.ID] {
			added++
		}
	}
	c.NewUpdates += added
	switch {
	case inc.ResolvedAsObserved && !old.observed:
		c.ObservedEnds++
	case added == 0 && sumOf(inc) != old.sum:
		c.EditedIncidents++
	}
}

// changedComponents counts the distinct components with events that were
// not there before.
func (f fingerprint) changedComponents(events []history.Event) int {
	seen := make(map[eventKey]int, len(f.events))
	changed := map[string]bool{}
	for _, e := range events {
		k := keyOf(e)
		seen[k]++
		if seen[k] > f.events[k] && e.ComponentID != "" {
			changed[e.ComponentID] = true
		}
	}
	return len(changed)
}
