package site

import (
	"cmp"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/uptime"
)

// What the first screen of a provider page says besides the status: why
// (the cause), for how long, what maintenance is coming, whether the page
// itself is still current, and the record people compare providers by.

// cause is what the banner names as the reason for a status worse than
// operational, the first of: the components not operational, the open
// incidents, the maintenance in progress. Parts is empty when none of
// those applies.
type cause struct {
	Parts []causePart
	// Open and Maint name the newest open incident or running window when
	// no component is named; Count is how many there are of that kind.
	Open, Maint *incidentRow
	Count       int
	// Unnamed is true when the status is worse than operational and the
	// official page names nothing that makes it so.
	Unnamed bool
}

// Any reports whether there is a cause to name.
func (c cause) Any() bool { return len(c.Parts) > 0 || c.Open != nil || c.Maint != nil || c.Unnamed }

// causePart names the components at one status.
type causePart struct {
	Status adapters.Status
	Names  []string
	// More counts the components at this status beyond Names.
	More int
}

// maxCauseNames is how many components the banner names in all; a phone's
// first screen has room for a line or two.
const maxCauseNames = 6

// causeOf names the cause of v's status from the published components (the
// groups rolled up, see model.State) and v's open and running entries.
func causeOf(v *providerView, comps []history.ComponentState, labels model.Labels) cause {
	if v.Stale || v.NoData || v.Status.Rank() <= adapters.Operational.Rank() {
		return cause{}
	}
	var c cause
	byStatus := map[adapters.Status]*causePart{}
	named := 0
	for _, s := range []adapters.Status{adapters.MajorOutage, adapters.PartialOutage, adapters.Degraded, adapters.Maintenance} {
		for _, comp := range comps {
			// A group is named through its children, whose labels carry
			// the group's name; only a group whose own status is worse
			// than every child's names itself.
			if comp.Status != s || !comp.RemovedAt.IsZero() || comp.Group && worstChild(comps, comp.ID).Rank() >= s.Rank() {
				continue
			}
			p := byStatus[s]
			if p == nil {
				c.Parts = append(c.Parts, causePart{Status: s})
				p = &c.Parts[len(c.Parts)-1]
				byStatus[s] = p
			}
			if named == maxCauseNames {
				p.More++
				continue
			}
			name := labels[comp.ID]
			if name == "" {
				name = comp.Name
			}
			p.Names = append(p.Names, name)
			named++
		}
	}
	switch {
	case len(c.Parts) > 0:
	case len(v.Open) > 0:
		c.Open, c.Count = v.Open[0], len(v.Open)
	case len(v.MaintActive) > 0:
		c.Maint, c.Count = v.MaintActive[0], len(v.MaintActive)
	default:
		c.Unnamed = true
	}
	return c
}

// unknownOf names the components whose state is unknown (the regions an
// incident the vendor never closed names, see model.State.Unclosed): the
// banner names them, and an operational status is then said to hold only
// where known. Nil when there are none, or while the page is stale.
func unknownOf(v *providerView, comps []history.ComponentState, labels model.Labels) *causePart {
	if v.Stale || v.NoData {
		return nil
	}
	var p *causePart
	for _, comp := range comps {
		if comp.Status != adapters.Unknown || comp.Group || !comp.RemovedAt.IsZero() {
			continue
		}
		if p == nil {
			p = &causePart{Status: adapters.Unknown}
		}
		if len(p.Names) == maxCauseNames {
			p.More++
			continue
		}
		p.Names = append(p.Names, cmp.Or(labels[comp.ID], comp.Name))
	}
	return p
}

// headline is the banner's status in words: "Operational where known"
// while components are unknown (PartlyKnown), else the status's label.
func (v *providerView) headline() string {
	if v.PartlyKnown() {
		return "Operational where known"
	}
	return v.Status.Label()
}

// PartlyKnown reports whether the status is operational only where known:
// components read unknown beside it.
func (v *providerView) PartlyKnown() bool {
	return v.Unknown != nil && v.Status == adapters.Operational
}

// worstChild is the worst status among the live children of group id.
func worstChild(comps []history.ComponentState, id string) adapters.Status {
	var worst adapters.Status
	for _, c := range comps {
		if c.GroupID == id && !c.Group && c.RemovedAt.IsZero() {
			worst = adapters.Worst(worst, c.Status)
		}
	}
	return worst
}

// soonWindow is how far ahead the first screen announces maintenance.
const soonWindow = 7 * 24 * time.Hour

// maintWithin are the upcoming windows (soonest first) that start within
// d of now.
func maintWithin(upcoming []*incidentRow, now time.Time, d time.Duration) []*incidentRow {
	var out []*incidentRow
	for _, r := range upcoming {
		if !r.Start.IsZero() && r.Start.Sub(now) <= d {
			out = append(out, r)
		}
	}
	return out
}

// elapsed is how long the status has lasted at now ("2 h 13 min"), empty
// when the page has no status worth timing or no start for it.
func elapsed(v *providerView, now time.Time) string {
	if v.Stale || v.NoData || v.Status.Rank() <= adapters.Operational.Rank() || v.Since.IsZero() || v.Since.After(now) {
		return ""
	}
	if v.SinceAtLeast && now.Sub(v.Since) < time.Minute {
		// "For at least < 1 min" says nothing: we have only just looked.
		return ""
	}
	return formatDuration(now.Sub(v.Since))
}

// freshUntil is when the page stops being current if it is not rebuilt:
// DataStaleAfter past our last successful check, or past the build when
// no check is known (a build without the fetch cache), by the rule that
// marks a source stale (model.DataStaleAfter).
func freshUntil(c model.Check, built time.Time) time.Time {
	at := built
	if !c.LastOK.IsZero() && c.LastOK.Before(built) {
		at = c.LastOK
	}
	return at.Add(model.DataStaleAfter)
}

// EarlierCheck is our last successful check when it was well before the
// build (a source failing for a while), else nil: the out-of-date banner
// names it only then.
func (v *providerView) EarlierCheck() *time.Time {
	if t := v.Check.LastOK; !t.IsZero() && v.Built.Sub(t) >= time.Minute {
		return &t
	}
	return nil
}

// record is the provider's incidents over the last 30 and 90 days and the
// time since the last one ended, from package uptime.
type record struct {
	Last30, Last90 uptime.Record
	// LastEnded is when the latest incident ended (zero when none is on
	// record); Open says one is open now.
	LastEnded time.Time
	Open      bool
	// DaysSince is whole days from LastEnded to now.
	DaysSince int
}

func newRecord(h *history.History, now time.Time) record {
	r := record{Last30: uptime.Tally(h, now, 30*24*time.Hour), Last90: uptime.Tally(h, now, uptime.Window)}
	r.LastEnded, r.Open = uptime.LastIncident(h, now)
	if !r.LastEnded.IsZero() && !r.LastEnded.After(now) {
		r.DaysSince = int(now.Sub(r.LastEnded) / (24 * time.Hour))
	}
	return r
}

// Possessive is the provider's name as an owner: "GitHub's", "Amazon
// Web Services'".
func (v *providerView) Possessive() string { return possessive(v.Name) }

// possessive is a name's possessive as English writes it: "GitHub's",
// "Amazon Web Services'".
func possessive(name string) string {
	if len(name) > 0 && (name[len(name)-1] == 's' || name[len(name)-1] == 'S') {
		return name + "'"
	}
	return name + "'s"
}

// checkAnswer says how often the provider is read and what happens when
// that fails (the schedule of .github/workflows/update.yml, fetch.Backoff
// and model.DataStaleAfter).
func (v *providerView) checkAnswer() string {
	return "Every 15 minutes: the update workflow of Uptimus reads " + v.Possessive() + " official status page on that schedule and rebuilds the site. " +
		"GitHub's scheduler sometimes starts a run late or skips one, so this page marks its data out of date only when no check has succeeded for 3 hours, and it does so by itself when it has not been rebuilt for that long. " +
		"A status page that keeps failing is checked less and less often, down to once a day."
}
