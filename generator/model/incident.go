// Package model owns what an incident and a provider are at a point in
// time, by one set of rules that the pages, feeds, JSON API, badges and
// uptime all read: where an incident stands (ongoing, resolved, stale,
// upcoming, in progress, completed, cancelled), when it starts, ends and was last
// active, its labels and affected components, and the one computed state of
// a provider (status, open incidents, maintenance, staleness of our data).
//
// It knows the normalized adapters model and the history, nothing that
// renders: every output that reads it tells the same story.
package model

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
)

// Phase is where an incident or maintenance window stands at a time.
type Phase string

// Phases of incidents (ongoing, resolved, stale) and maintenance windows
// (upcoming, in_progress, completed, stale, cancelled). Stale is an entry
// the vendor never closed: an incident without an update for over
// StaleAfter, or a maintenance window whose schedule is over. Cancelled is
// a window that will not run, or did not (see Cancelled).
const (
	PhaseOngoing    Phase = "ongoing"
	PhaseResolved   Phase = "resolved"
	PhaseStale      Phase = "stale"
	PhaseUpcoming   Phase = "upcoming"
	PhaseInProgress Phase = "in_progress"
	PhaseCompleted  Phase = "completed"
	PhaseCancelled  Phase = "cancelled"
)

// Phases lists every phase, for schemas and documentation.
var Phases = []Phase{PhaseOngoing, PhaseResolved, PhaseStale, PhaseUpcoming, PhaseInProgress, PhaseCompleted, PhaseCancelled}

// StaleAfter is how long an incident that was never marked resolved stays
// open without a sign of life. Vendors forget to close incidents; after a
// week of silence it counts as over, and pages say so.
const StaleAfter = 7 * 24 * time.Hour

// Silent reports whether an entry whose last activity was at last has been
// silent for more than StaleAfter at now.
func Silent(last, now time.Time) bool {
	return !last.IsZero() && now.Sub(last) > StaleAfter
}

// PhaseOf tells the phase of inc at now.
func PhaseOf(inc *adapters.Incident, now time.Time) Phase {
	last := LastActivity(inc)
	if inc.Kind != adapters.KindMaintenance {
		switch {
		case !inc.Open():
			return PhaseResolved
		case Silent(last, now):
			return PhaseStale
		}
		return PhaseOngoing
	}
	if Cancelled(inc) {
		return PhaseCancelled
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
	case inc.ScheduledUntil.IsZero() && Silent(Latest(last, inc.ScheduledFor), now):
		return done()
	case inc.Underway():
		return PhaseInProgress
	case inc.ScheduledFor.IsZero() || inc.ScheduledFor.After(now):
		return PhaseUpcoming
	}
	return PhaseInProgress
}

// Cancelled reports whether a maintenance window was called off before it
// ran: its lifecycle word, or its newest update's, is "cancelled" or
// "canceled" (CalledOff), or the vendor withdrew it (Withdrawn). An
// incident is never cancelled.
func Cancelled(inc *adapters.Incident) bool {
	return inc.Kind == adapters.KindMaintenance && (CalledOff(inc) || !inc.WithdrawnAt.IsZero())
}

// CalledOff reports whether the vendor said in words that a maintenance
// window is cancelled. No adapter maps such a word to one of ours: they
// pass it through lower-cased, so the word decides.
func CalledOff(inc *adapters.Incident) bool {
	if inc.Kind != adapters.KindMaintenance {
		return false
	}
	if CancelWord(inc.Status) {
		return true
	}
	up := NewestUpdate(inc.Updates)
	return up != nil && CancelWord(up.Status)
}

// CancelWord reports whether a lifecycle word says a window is called off.
func CancelWord(w string) bool {
	w = strings.ToLower(strings.TrimSpace(w))
	return w == "cancelled" || w == "canceled"
}

// Withdrawn reports whether the vendor dropped an upcoming window from its
// list of planned ones before it began, without a word: the history
// records when we first saw it gone (Incident.WithdrawnAt).
func Withdrawn(inc *adapters.Incident) bool { return Cancelled(inc) && !CalledOff(inc) }

// CancelledAt is when a cancelled window was called off, as far as we
// know: when we saw it withdrawn, else its last activity (the vendor's
// cancelling update or resolution); zero for any other entry.
func CancelledAt(inc *adapters.Incident) time.Time {
	switch {
	case !Cancelled(inc):
		return time.Time{}
	case CalledOff(inc):
		return LastActivity(inc)
	}
	return inc.WithdrawnAt
}

// CancelReason says in a sentence why a window is cancelled, for every
// output to print alike; empty for an entry that is not.
func CancelReason(inc *adapters.Incident) string {
	switch {
	case !Cancelled(inc):
		return ""
	case CalledOff(inc) && inc.ScheduledFor.After(LastActivity(inc)):
		return "The provider cancelled this maintenance before it was due to start."
	case CalledOff(inc):
		return "The provider cancelled this maintenance."
	}
	return "The provider withdrew this maintenance before it was due to start: its status page stopped listing it, without a word."
}

// ClockChanges are the times, oldest first, at or before now at which the
// clock alone moved a maintenance window on by PhaseOf's rules, with its
// data as it is: its scheduled start (upcoming to in progress, unless the
// vendor's word has it in progress already), and the end of its schedule,
// or the silence, that made it stale. A closed or cancelled window counts
// only those before it closed, so that the list never shrinks when the
// vendor closes it; nil for an incident. Outputs that must say when what
// they show last changed (a calendar's LAST-MODIFIED and SEQUENCE) add
// these to the window's own activity.
func ClockChanges(inc *adapters.Incident, now time.Time) []time.Time {
	if inc.Kind != adapters.KindMaintenance {
		return nil
	}
	until := now
	switch {
	case Cancelled(inc):
		until = minTime(until, CancelledAt(inc))
	case !inc.Open():
		until = minTime(until, cmp.Or(inc.ResolvedAt, LastActivity(inc)))
	}
	var out []time.Time
	word := inc.Underway()
	if s := inc.ScheduledFor; !s.IsZero() && !s.After(until) && !word {
		out = append(out, s)
	}
	end := inc.ScheduledUntil
	if end.IsZero() {
		if base := Latest(LastActivity(inc), inc.ScheduledFor); !base.IsZero() {
			end = base.Add(StaleAfter)
		}
	}
	if !end.IsZero() && until.After(end) && (len(out) == 0 || end.After(out[0])) {
		out = append(out, end)
	}
	return out
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// Active reports whether the phase is one a reader should act on now: an
// ongoing incident or maintenance in progress.
func (p Phase) Active() bool { return p == PhaseOngoing || p == PhaseInProgress }

// Start is when an entry began (scheduled start for maintenance). A
// resolution before the stated start is a vendor's slip (GitHub publishes
// incidents whose started_at is hours after their resolution): the entry
// then starts at its creation, or at its resolution if that is earlier
// still, so that no incident ends before it begins. A cancelled window
// keeps its scheduled start: it never ran, so nothing else began it.
func Start(inc *adapters.Incident) time.Time {
	s := cmp.Or(history.Start(inc), inc.ScheduledFor)
	if r := inc.ResolvedAt; !r.IsZero() && r.Before(s) && !Cancelled(inc) {
		s = r
		if c := inc.CreatedAt; !c.IsZero() && c.Before(r) {
			s = c
		}
	}
	return s
}

// End is when an entry ended, never before Start; zero while open, and for
// a cancelled window, which never ran (its closing time is CancelledAt).
func End(inc *adapters.Incident) time.Time {
	end := inc.ResolvedAt
	if end.IsZero() || Cancelled(inc) {
		return time.Time{}
	}
	return Latest(end, Start(inc))
}

// LastActivity is the latest time known of an entry: created, started,
// updated, resolved, withdrawn, or any update's time. It is the entry's "updated" in
// feeds, the pages' last-modified date, and what tells a silent entry.
func LastActivity(inc *adapters.Incident) time.Time {
	t := Latest(inc.CreatedAt, inc.StartedAt, inc.UpdatedAt, inc.ResolvedAt, inc.WithdrawnAt)
	for _, up := range inc.Updates {
		t = Latest(t, up.CreatedAt, up.DisplayAt)
	}
	return t
}

// UpdateTime is when an update was shown as posted.
func UpdateTime(up *adapters.Update) time.Time { return cmp.Or(up.DisplayAt, up.CreatedAt) }

// SortedUpdates returns the updates newest first by the time they were
// shown as posted, ties by id: vendors do not always sort them.
func SortedUpdates(ups []adapters.Update) []adapters.Update {
	out := slices.Clone(ups)
	slices.SortStableFunc(out, func(a, b adapters.Update) int {
		return cmp.Or(UpdateTime(&b).Compare(UpdateTime(&a)), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// NewestUpdate is the first of SortedUpdates: the latest by time, not by
// list position, ties by id; nil when there is none.
func NewestUpdate(ups []adapters.Update) *adapters.Update {
	var best *adapters.Update
	for i := range ups {
		up := &ups[i]
		if best == nil || cmp.Or(UpdateTime(up).Compare(UpdateTime(best)), cmp.Compare(best.ID, up.ID)) > 0 {
			best = up
		}
	}
	return best
}

// Affected lists the components an incident touched, from the incident and
// its updates, in first-seen order without repeats (by id, or by name for
// refs without an id).
func Affected(inc *adapters.Incident) []adapters.ComponentRef {
	var out []adapters.ComponentRef
	seen := map[string]bool{}
	add := func(refs []adapters.ComponentRef) {
		for _, c := range refs {
			key := cmp.Or(c.ID, c.Name)
			if key == "" || seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, c)
		}
	}
	add(inc.Components)
	for _, up := range inc.Updates {
		add(up.Components)
	}
	return out
}

// ImpactLabel is the human text of an impact.
func ImpactLabel(i adapters.Impact) string {
	switch i {
	case adapters.ImpactNone:
		return "No impact"
	case adapters.ImpactMinor:
		return "Minor impact"
	case adapters.ImpactMajor:
		return "Major impact"
	case adapters.ImpactCritical:
		return "Critical impact"
	case adapters.ImpactMaintenance:
		return "Maintenance"
	}
	return "Impact not stated"
}

// LifecycleLabel turns a vendor lifecycle word ("in_progress") into text
// ("In progress"), capitalising the first letter, not the first byte.
func LifecycleLabel(word string) string {
	if word == "postmortem" {
		return "Postmortem"
	}
	w := strings.TrimSpace(strings.ReplaceAll(Clean(word), "_", " "))
	if w == "" {
		return "Status not stated"
	}
	r, n := utf8.DecodeRuneInString(w)
	return strings.ToUpper(string(r)) + w[n:]
}

// SafeHTTP keeps a URL from the data only when it is http or https.
func SafeHTTP(u string) string {
	u = strings.TrimSpace(u)
	l := strings.ToLower(u)
	if strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") {
		return u
	}
	return ""
}

// FutureSlack is how far after the clock a vendor's time may lie before
// outputs stop believing it: clocks drift and zones get misread by hours.
const FutureSlack = history.FutureSlack

// NotAfter is t, or now when t lies more than FutureSlack after now: an
// entry a vendor dated 9999 must not top every feed, date the sitemap or
// the JSON forever. Fetch refuses such entries; this guards what is in
// data/ already.
func NotAfter(t, now time.Time) time.Time {
	if t.After(now.Add(FutureSlack)) {
		return now
	}
	return t
}

// Latest returns the latest of ts (zero when all are zero).
func Latest(ts ...time.Time) time.Time {
	var out time.Time
	for _, t := range ts {
		if t.After(out) {
			out = t
		}
	}
	return out
}

// AffectedNames are the names of the components an incident touched, as
// Affected orders them; refs without a name are left out.
func AffectedNames(inc *adapters.Incident) []string {
	var names []string
	for _, c := range Affected(inc) {
		if c.Name != "" {
			names = append(names, c.Name)
		}
	}
	return names
}

// Clean makes vendor text safe to print anywhere: valid UTF-8, CRLF and CR
// as newlines, and no control characters but tab and newline (C0, DEL and
// C1 such as U+0085, which XML 1.0 feeds and terminals both choke on), no
// surrogates or noncharacters.
func Clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n':
			return r
		case r == '\r':
			return '\n'
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF):
			return -1
		}
		return r
	}, s)
}
