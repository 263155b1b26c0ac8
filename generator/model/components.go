package model

import (
	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
)

// Labels names components as readers must see them wherever they are
// named: a component inside a group carries the group's name, because
// vendors repeat names across groups ("Intercom Web Application" in the US,
// Europe and Australia groups) and the name alone does not tell which
// region is affected.
type Labels map[string]string

// ComponentLabels labels every component of a provider by id.
func ComponentLabels(comps []history.ComponentState) Labels {
	groups := map[string]string{}
	for _, c := range comps {
		if c.Group {
			groups[c.ID] = c.Name
		}
	}
	out := make(Labels, len(comps))
	for _, c := range comps {
		out[c.ID] = label(c.Name, groups[c.GroupID])
	}
	return out
}

func label(name, group string) string {
	if group == "" || group == name {
		return name
	}
	return name + " (" + group + ")"
}

// Of is the label of a component an incident names: by its id when we know
// the component, else the name the incident gives.
func (l Labels) Of(ref adapters.ComponentRef) string {
	if s, ok := l[ref.ID]; ok && ref.ID != "" && s != "" {
		return s
	}
	return ref.Name
}

// Affected labels the components an incident touched, as Affected orders
// them; refs with neither a known id nor a name are left out.
func (l Labels) Affected(inc *adapters.Incident) []string {
	var out []string
	for _, c := range Affected(inc) {
		if s := l.Of(c); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// ComponentFeeds are the components that get a feed of their own: those an
// incident or maintenance window ever named (by id, or by name for a ref
// without one), and the groups of such components, except the ones the
// vendor does not showcase.
func ComponentFeeds(h *history.History) map[string]bool {
	named := map[string]bool{}
	for i := range h.Incidents {
		for _, ref := range Affected(&h.Incidents[i]) {
			named[ref.ID] = ref.ID != ""
			if ref.ID == "" {
				named["name:"+ref.Name] = true
			}
		}
	}
	out := map[string]bool{}
	for _, c := range h.State.Components {
		if c.ID != "" && !c.NoUptime && (named[c.ID] || named["name:"+c.Name]) {
			out[c.ID] = true
			if c.GroupID != "" {
				out[c.GroupID] = true
			}
		}
	}
	return out
}

// rollUpGroups makes each group's status at least the worst of its live
// children's, in place: vendors publish a group's own status, which some
// leave operational while a child is down, and a reader who sees a group
// collapsed at "Operational" must not miss the outage inside it. A group
// made worse this way takes the change time of the child that made it.
func rollUpGroups(cs []history.ComponentState) {
	worst := map[string]int{}
	for i, c := range cs {
		if c.Group || c.GroupID == "" || !c.RemovedAt.IsZero() {
			continue
		}
		if j, ok := worst[c.GroupID]; !ok || c.Status.Rank() > cs[j].Status.Rank() {
			worst[c.GroupID] = i
		}
	}
	for i := range cs {
		g := &cs[i]
		j, ok := worst[g.ID]
		if !g.Group || !ok || cs[j].Status.Rank() <= max(g.Status.Rank(), adapters.Operational.Rank()) {
			continue
		}
		g.Status, g.LastChanged = cs[j].Status, cs[j].LastChanged
	}
}
