package feeds

import (
	"cmp"
	"time"

	"github.com/uptimus/uptimus/generator/uptime"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
)

// Phase is where an incident or maintenance window stands, by the same rules
// the site's pages use (so a feed never calls "ongoing" what a page calls
// stale).
type Phase string

// Phases of incidents (ongoing, resolved, stale) and maintenance windows
// (upcoming, in_progress, completed, stale). Stale is an entry the vendor
// never closed: an incident without an update for over seven days, or a
// maintenance window whose schedule is over.
const (
	PhaseOngoing    Phase = "ongoing"
	PhaseResolved   Phase = "resolved"
	PhaseStale      Phase = "stale"
	PhaseUpcoming   Phase = "upcoming"
	PhaseInProgress Phase = "in_progress"
	PhaseCompleted  Phase = "completed"
)

// Phases lists every phase, for schemas and documentation.
var Phases = []Phase{PhaseOngoing, PhaseResolved, PhaseStale, PhaseUpcoming, PhaseInProgress, PhaseCompleted}

// PhaseOf tells the phase of inc at now.
func PhaseOf(inc *adapters.Incident, now time.Time) Phase {
	last := LastActivity(inc)
	if inc.Kind != adapters.KindMaintenance {
		switch {
		case !inc.Open():
			return PhaseResolved
		case uptime.Stale(last, now):
			return PhaseStale
		}
		return PhaseOngoing
	}
	done := func() Phase {
		if inc.Open() {
			return PhaseStale
		}
		return PhaseCompleted
	}
	switch {
	case !inc.Open():
		return PhaseCompleted
	case !inc.ScheduledUntil.IsZero() && now.After(inc.ScheduledUntil):
		return done()
	case inc.ScheduledUntil.IsZero() && uptime.Stale(latest(last, inc.ScheduledFor), now):
		return done()
	case inc.Status == "in_progress" || inc.Status == "verifying":
		return PhaseInProgress
	case inc.ScheduledFor.IsZero() || inc.ScheduledFor.After(now):
		return PhaseUpcoming
	}
	return PhaseInProgress
}

// Active reports whether the phase is one a reader should act on now: an
// ongoing incident or maintenance in progress.
func (p Phase) Active() bool { return p == PhaseOngoing || p == PhaseInProgress }

// Start is when an entry began (scheduled start for maintenance), as the
// site orders and dates it.
func Start(inc *adapters.Incident) time.Time {
	return cmp.Or(history.Start(inc), inc.ScheduledFor)
}

// LastActivity is the latest time known of an entry: created, started,
// updated, resolved, or any update's time. It is the entry's "updated" in
// feeds and the site's last-modified date.
func LastActivity(inc *adapters.Incident) time.Time {
	t := latest(inc.CreatedAt, inc.StartedAt, inc.UpdatedAt, inc.ResolvedAt)
	for _, up := range inc.Updates {
		t = latest(t, up.CreatedAt, up.DisplayAt)
	}
	return t
}

// UpdateTime is when an update was shown as posted.
func UpdateTime(up *adapters.Update) time.Time { return cmp.Or(up.DisplayAt, up.CreatedAt) }

// latest returns the latest of ts (zero when all are zero).
func latest(ts ...time.Time) time.Time {
	var out time.Time
	for _, t := range ts {
		if t.After(out) {
			out = t
		}
	}
	return out
}
