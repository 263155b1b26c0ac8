package adapters

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// The orders and derivations below are the Snapshot's contract, written
// once: vendor lists are rarely sorted, and a snapshot must compare byte
// for byte with the one before it.

// SortIncidents puts incidents in the Snapshot's order (see
// CompareIncidents).
func SortIncidents(incs []Incident) { slices.SortStableFunc(incs, CompareIncidents) }

// CompareIncidents orders incidents newest start first, where a maintenance
// window starts when it is scheduled to (it may be announced long before),
// ids breaking ties.
func CompareIncidents(a, b Incident) int {
	if c := b.sortStart().Compare(a.sortStart()); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

func (i *Incident) sortStart() time.Time {
	if i.Kind == KindMaintenance && !i.ScheduledFor.IsZero() {
		return i.ScheduledFor
	}
	return i.StartedAt
}

// SortUpdates puts a timeline newest first; of two updates posted the same
// instant, the higher id (the later one, for vendors that count) first.
func SortUpdates(us []Update) {
	slices.SortStableFunc(us, func(a, b Update) int {
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(b.ID, a.ID)
	})
}

// byPosition orders components by position, then id.
func byPosition(a, b Component) int {
	if c := cmp.Compare(a.Position, b.Position); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// GroupComponents orders a flat list for vendors that give groups no
// status of their own: top-level components and groups by position then
// id, each group followed by its children in the same order. A group's
// status is the worst of its children's, unknown when it has none. A child
// whose group is not in the list is left out, so that the caller decides
// (by leaving its GroupID empty) what stays ungrouped.
func GroupComponents(in []Component) []Component {
	children := map[string][]Component{}
	var top []Component
	for _, c := range in {
		if c.GroupID != "" {
			children[c.GroupID] = append(children[c.GroupID], c)
		} else {
			top = append(top, c)
		}
	}
	slices.SortStableFunc(top, byPosition)
	out := make([]Component, 0, len(in))
	for _, c := range top {
		kids := children[c.ID]
		if c.Group {
			slices.SortStableFunc(kids, byPosition)
			c.Status = worstComponent(kids)
		}
		out = append(out, c)
		out = append(out, kids...)
	}
	return out
}

// worstComponent is the worst status of cs, unknown for none.
func worstComponent(cs []Component) Status {
	if len(cs) == 0 {
		return Unknown
	}
	s := Operational
	for _, c := range cs {
		s = Worst(s, c.Status)
	}
	return s
}

// DerivedStatus is the overall status of a vendor whose page status is
// missing or says too little: the worst of the components that are not
// groups, of the open incidents and of the maintenance in progress (an
// upcoming window affects nothing yet); unknown when nothing says.
func DerivedStatus(comps []Component, incs []Incident) Status {
	s := Unknown
	for _, c := range comps {
		if !c.Group {
			s = Worst(s, c.Status)
		}
	}
	for i := range incs {
		inc := &incs[i]
		if inc.Open() && (inc.Kind == KindIncident || inc.Status == "in_progress") {
			s = Worst(s, inc.Impact.Status())
		}
	}
	return s
}

// ComponentsFromIncidents derives the components of a vendor that publishes
// none (Google Cloud's products, AWS's service-regions): one per component
// the incidents name, called by the first name given to it (incidents come
// newest first, so a renamed one shows its current name), sorted by name
// then id. Its status is the worst implied by the open incidents with some
// impact that name it, operational otherwise, and UpdatedAt the latest start
// or end of such an incident: the last time that status can have changed.
func ComponentsFromIncidents(incs []Incident) []Component {
	byID := map[string]*Component{}
	for i := range incs {
		inc := &incs[i]
		for _, ref := range inc.Components {
			c := byID[ref.ID]
			if c == nil {
				c = &Component{ID: ref.ID, Status: Operational}
				byID[ref.ID] = c
			}
			if c.Name == "" {
				c.Name = ref.Name
			}
			if inc.Impact != ImpactNone {
				touch(c, inc)
			}
		}
	}
	out := make([]Component, 0, len(byID))
	for _, c := range byID {
		if c.Name == "" {
			c.Name = c.ID
		}
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b Component) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
	for i := range out {
		out[i].Position = i + 1
	}
	return out
}

// touch applies an impacting incident to a derived component.
func touch(c *Component, inc *Incident) {
	if inc.Open() {
		c.Status = Worst(c.Status, inc.Impact.Status())
	}
	for _, t := range []time.Time{inc.StartedAt, inc.ResolvedAt} {
		if t.After(c.UpdatedAt) {
			c.UpdatedAt = t
		}
	}
}

// OneComponentPerID keeps one of the components that share an id, and
// drops those without one; the others keep their order. A vendor listing
// two components under one id (or a group and a component alike) must not
// give two of them one URL, and which one stays must not depend on the
// order the vendor listed them in this time: otherwise reordering the two
// would read as a status change. The one kept comes first by
// CompareComponents, whose name-first order follows the same copy while
// its status changes.
func OneComponentPerID(cs []Component) []Component {
	kept := make(map[string]int, len(cs))
	out := make([]Component, 0, len(cs))
	for _, c := range cs {
		if c.ID == "" {
			continue
		}
		i, ok := kept[c.ID]
		switch {
		case !ok:
			kept[c.ID] = len(out)
			out = append(out, c)
		case CompareComponents(c, out[i]) < 0:
			out[i] = c
		}
	}
	return out
}

// CompareComponents orders components by content, every field taking
// part: name, group, parent, description, position, then status and the
// rest, so that two different components never compare equal.
func CompareComponents(a, b Component) int {
	return cmp.Or(strings.Compare(a.Name, b.Name), boolCompare(a.Group, b.Group),
		strings.Compare(a.GroupID, b.GroupID), strings.Compare(a.Description, b.Description),
		cmp.Compare(a.Position, b.Position), strings.Compare(string(a.Status), string(b.Status)),
		strings.Compare(a.StatusRaw, b.StatusRaw), a.UpdatedAt.Compare(b.UpdatedAt),
		boolCompare(a.NoUptime, b.NoUptime), strings.Compare(a.ID, b.ID))
}

// boolCompare orders true first.
func boolCompare(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	}
	return 1
}
