package fetch

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/model"
)

// Bounds on what one upstream can add to its history in one run. Each is
// far above what real vendors serve, so that only a broken or hostile page
// meets it; such a snapshot fails its provider, whose history stays as it
// was, instead of growing data/, the site and every reader's download.
const (
	// MaxIncidents per snapshot: Statuspage lists the newest 50, Google
	// Cloud's incidents.json a year of them (157 in the recorded one).
	MaxIncidents = 1000
	// MaxComponents per snapshot: most pages have under 300 (GitHub 12).
	MaxComponents = 2000
	// MaxUpdates per incident: the longest real timelines we have hold 18.
	MaxUpdates = 200
	// MaxTitle is the longest incident title, in characters: the longest
	// real one we have is Google Cloud's at 367, and a title is a page's
	// <title> and heading.
	MaxTitle = 500
	// MaxName is the longest name of a component or group, in characters,
	// in the component list or in an incident's list of affected ones:
	// real ones are a few words (GitHub's longest has 47 characters), and
	// a name is a table cell on every page and a line in every feed.
	MaxName = 300
	// MaxID is the longest id of an incident, update or component, in
	// bytes: the longest real ones have 51 (Status.io's page/component
	// pairs; Statuspage's have 12). An id is repeated in every history
	// file, JSON entry, feed entry id, iCal UID and alert that names it,
	// and URLs and folder names are made from it: an id of a megabyte,
	// times a thousand incidents, would be a gigabyte of site.
	MaxID = 200
	// MaxDescription is the longest component or overall status
	// description, in characters: real ones are a sentence (GitHub's
	// longest has 67).
	MaxDescription = 2000
	// MaxUpdateBody is the largest update body, in bytes: Google Cloud's
	// full incident reports, the longest real bodies we have, are 10 KB.
	MaxUpdateBody = 100 << 10
	// MaxScheduleAhead is how far after the fetch a maintenance window may
	// be scheduled: vendors announce weeks or months ahead, and a window
	// years away is a typo that would sit on every page as upcoming.
	MaxScheduleAhead = 2 * 365 * 24 * time.Hour
	// MaxHistoryFile is the largest history file Save writes (see
	// history.MaxFileSize for why).
	MaxHistoryFile = history.MaxFileSize
)

// Earliest is the earliest time an entry may carry: no status page
// existed before it, so an earlier date (1900, Go's year 1, a year
// without its century) is a broken field, and kept it would date the
// history's beginning, its archive and its uptime from then.
var Earliest = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)

// LimitError is a snapshot beyond one of the bounds above.
type LimitError struct {
	// Provider is the provider's slug; Where names the incident or update
	// when the bound is on one of them ("" for the whole snapshot).
	Provider, Where string
	// What is counted ("incidents", "characters of title"), Got how many
	// there were and Limit the bound.
	What       string
	Got, Limit int
}

func (e *LimitError) Error() string {
	where := ""
	if e.Where != "" {
		where = e.Where + ": "
	}
	return fmt.Sprintf("provider %s: %s%d %s, over the limit of %d; history left as it was", e.Provider, where, e.Got, e.What, e.Limit)
}

// checkLimits fails a snapshot beyond a bound, naming the first one met.
func checkLimits(slug string, s *adapters.Snapshot) error {
	over := func(where, what string, got, limit int) error {
		if got <= limit {
			return nil
		}
		return &LimitError{Provider: slug, Where: where, What: what, Got: got, Limit: limit}
	}
	if err := over("", "incidents in one snapshot", len(s.Incidents), MaxIncidents); err != nil {
		return err
	}
	if err := over("", "components in one snapshot", len(s.Components), MaxComponents); err != nil {
		return err
	}
	if err := over("", "characters of status description", utf8.RuneCountInString(s.Description), MaxDescription); err != nil {
		return err
	}
	for _, c := range s.Components {
		if err := checkComponent(c, over); err != nil {
			return err
		}
	}
	for i := range s.Incidents {
		if err := checkIncident(&s.Incidents[i], over); err != nil {
			return err
		}
	}
	return nil
}

func checkComponent(c adapters.Component, over func(where, what string, got, limit int) error) error {
	where := "component " + quoteShort(c.ID)
	if err := over(where, "bytes of id", len(c.ID), MaxID); err != nil {
		return err
	}
	if err := over(where, "characters of name", utf8.RuneCountInString(c.Name), MaxName); err != nil {
		return err
	}
	return over(where, "characters of description", utf8.RuneCountInString(c.Description), MaxDescription)
}

// checkRefs bounds the names of the components an incident or update says
// it affects, which pages and feeds show beside it.
func checkRefs(where string, refs []adapters.ComponentRef, over func(where, what string, got, limit int) error) error {
	for _, r := range refs {
		if err := over(where+", component "+quoteShort(r.ID), "bytes of id", len(r.ID), MaxID); err != nil {
			return err
		}
		if err := over(where+", component "+quoteShort(r.ID), "characters of name", utf8.RuneCountInString(r.Name), MaxName); err != nil {
			return err
		}
	}
	return nil
}

func checkIncident(in *adapters.Incident, over func(where, what string, got, limit int) error) error {
	where := "incident " + quoteShort(in.ID)
	if err := over(where, "bytes of id", len(in.ID), MaxID); err != nil {
		return err
	}
	if err := over(where, "updates", len(in.Updates), MaxUpdates); err != nil {
		return err
	}
	if err := over(where, "characters of title", utf8.RuneCountInString(in.Title), MaxTitle); err != nil {
		return err
	}
	if err := checkRefs(where, in.Components, over); err != nil {
		return err
	}
	for _, u := range in.Updates {
		uwhere := where + ", update " + quoteShort(u.ID)
		if err := over(uwhere, "bytes of id", len(u.ID), MaxID); err != nil {
			return err
		}
		if err := over(uwhere, "bytes of body", len(u.Body), MaxUpdateBody); err != nil {
			return err
		}
		if err := checkRefs(uwhere, u.Components, over); err != nil {
			return err
		}
	}
	return nil
}

// quoteShort quotes an id for a message, cut short: the id may be as
// hostile as the rest of the snapshot.
func quoteShort(id string) string {
	const n = 60
	if utf8.RuneCountInString(id) > n {
		id = string([]rune(id)[:n]) + "..."
	}
	return fmt.Sprintf("%q", id)
}

// dropUnusable removes the incidents that cannot be kept: without an id
// they cannot be matched on the next run nor given a stable URL, without a
// title no page can name them, and without any time at all they cannot be
// placed in the history. It returns how many it removed, for the report,
// and never writes into the adapter's slice, which the adapter may reuse.
func dropUnusable(s *adapters.Snapshot) int {
	kept := make([]adapters.Incident, 0, len(s.Incidents))
	for _, in := range s.Incidents {
		if usable(&in) && !tooEarly(&in) && !future(&in, s.FetchedAt) {
			kept = append(kept, cleanIncident(in))
		}
	}
	dropped := len(s.Incidents) - len(kept)
	s.Incidents = kept
	s.Description = model.Clean(s.Description)
	comps := slices.Clone(s.Components)
	for i := range comps {
		comps[i].Name, comps[i].Description = model.Clean(comps[i].Name), model.Clean(comps[i].Description)
		if comps[i].UpdatedAt.Before(Earliest) || futureTime(comps[i].UpdatedAt, s.FetchedAt) {
			// Unknown, rather than a status "last changed" in 1900, or in
			// 9999, which would file the change under that year.
			comps[i].UpdatedAt = time.Time{}
		}
	}
	s.Components = comps
	return dropped
}

func usable(in *adapters.Incident) bool {
	if strings.TrimSpace(in.ID) == "" || strings.TrimSpace(in.Title) == "" {
		return false
	}
	return slices.ContainsFunc(incidentTimes(in), known)
}

// known is false for the zero time and for years history cannot write
// (it treats them as unknown too).
func known(t time.Time) bool {
	y := t.UTC().Year()
	return !t.IsZero() && y >= 0 && y <= 9999
}

// tooEarly reports an entry with a time before Earliest, which would
// place it, and our knowledge of the provider, a century back. Like one
// dated ahead, it is dropped and counted. The zero time is unknown, not
// early.
func tooEarly(in *adapters.Incident) bool {
	for _, t := range incidentTimes(in) {
		if !t.IsZero() && t.Before(Earliest) {
			return true
		}
	}
	return false
}

// incidentTimes lists every time an incident and its updates carry.
func incidentTimes(in *adapters.Incident) []time.Time {
	times := []time.Time{in.CreatedAt, in.StartedAt, in.UpdatedAt, in.ResolvedAt, in.ScheduledFor, in.ScheduledUntil}
	for _, u := range in.Updates {
		times = append(times, u.CreatedAt, u.DisplayAt)
	}
	return times
}

// future reports an entry dated more than model.FutureSlack after the
// fetch: clocks drift and zones get misread by hours, not days. An entry
// dated later (a year 9999 typo) would top every feed and date the
// sitemap forever, so it is dropped and counted. Maintenance is scheduled
// ahead: its window may lie up to MaxScheduleAhead away, not its creation
// or its updates.
func future(in *adapters.Incident, fetchedAt time.Time) bool {
	if fetchedAt.IsZero() {
		return false
	}
	if in.Kind == adapters.KindMaintenance {
		ahead := fetchedAt.Add(MaxScheduleAhead)
		if in.ScheduledFor.After(ahead) || in.ScheduledUntil.After(ahead) {
			return true
		}
	}
	times := []time.Time{in.CreatedAt, in.UpdatedAt, in.ResolvedAt}
	if in.Kind != adapters.KindMaintenance {
		times = append(times, in.StartedAt)
	}
	for _, u := range in.Updates {
		times = append(times, u.CreatedAt, u.DisplayAt)
	}
	return slices.ContainsFunc(times, func(t time.Time) bool { return futureTime(t, fetchedAt) })
}

// futureTime reports t more than model.FutureSlack after the fetch (never
// when the fetch time is unknown).
func futureTime(t, fetchedAt time.Time) bool {
	return !fetchedAt.IsZero() && t.After(fetchedAt.Add(model.FutureSlack))
}

// cleanIncident is a copy of in without control characters (C0 but tab
// and newline, DEL, C1) in any text the vendor sent: stored clean, they
// never reach a page, a feed, the JSON or a terminal (model.Clean). The
// adapter's own slices are left as they were.
func cleanIncident(in adapters.Incident) adapters.Incident {
	in.Title = model.Clean(in.Title)
	in.Components = cleanRefs(in.Components)
	in.Updates = slices.Clone(in.Updates)
	for j := range in.Updates {
		in.Updates[j].Body = model.Clean(in.Updates[j].Body)
		in.Updates[j].Components = cleanRefs(in.Updates[j].Components)
	}
	return in
}

func cleanRefs(refs []adapters.ComponentRef) []adapters.ComponentRef {
	out := slices.Clone(refs)
	for i := range out {
		out[i].Name = model.Clean(out[i].Name)
	}
	return out
}
