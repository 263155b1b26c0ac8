// Package ical owns the maintenance calendars of the site: iCalendar
// (RFC 5545) files that a calendar application subscribes to, published
// where package paths places them:
//
//	/maintenance.ics                        every provider
//	/category/<cat>/maintenance.ics         one category
//	/status/<slug>/maintenance.ics          one provider
//
// A calendar holds one VEVENT per maintenance window that is upcoming or in
// progress, and, so that endings and cancellations reach the calendars
// that already show a window, the windows that ended (or were called off)
// within the last Recent (see Listed); one with none holds a VTIMEZONE of
// UTC instead (see emptyBody).
//
// Every event is a pure function of the window's history, so a build of
// unchanged data writes unchanged bytes:
//
//   - UID is the window's feed item id (paths.Links.IncidentTag): the site's
//     host and the window's id, never the build.
//   - SEQUENCE counts the revisions a subscriber can see: the vendor's
//     updates to the window, one once it is closed or cancelled, one for
//     each time the clock moved it on (model.ClockChanges: it began by
//     its schedule, or went stale), and a step for each change of its
//     schedule, lifecycle word or title the merge kept (see Sequence).
//     History never loses an update or a revision, and a clock change
//     before a window closed stays counted, so it only grows.
//   - DTSTAMP and LAST-MODIFIED are the latest of the window's last activity
//     (model.LastActivity) and those clock changes, never the build clock:
//     a build at a later clock that shows the window otherwise (STATUS
//     TENTATIVE, "stale" in DESCRIPTION) dates and numbers it as a new
//     revision, and one that shows it alike writes the same bytes.
//   - STATUS is CANCELLED for a window the vendor called off or withdrew
//     (model.PhaseCancelled), TENTATIVE for one whose schedule passed
//     without the vendor ever closing it (model.PhaseStale), CONFIRMED
//     otherwise.
//
// Times are written in UTC ("…Z"), lines end in CRLF and are folded at 75
// octets (never inside a UTF-8 sequence), and text is escaped as RFC 5545
// asks (backslash, semicolon, comma, newline).
package ical

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/vendortext"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/paths"
	"github.com/uptimus/uptimus/generator/publish"
)

// Recent is how long a window that ended or was cancelled stays in the
// calendars, so that subscribers see it end rather than vanish.
const Recent = 7 * 24 * time.Hour

// ProdID names the program that wrote a calendar (RFC 5545 3.7.3).
const ProdID = "-//Uptimus//Maintenance calendar//EN"

// MediaType is the media type of the calendars.
const MediaType = "text/calendar"

// Options are the inputs of a build; histories come one provider at a
// time, to Builder.Provider.
type Options struct {
	Catalog *catalog.Catalog
	// Now is the build's clock reading: it decides which windows are
	// listed (see Listed) and never appears in the output.
	Now time.Time
	// BaseURL is the absolute URL the site is served from (see paths.NewLinks).
	BaseURL string
}

// Builder writes the calendars one provider at a time and keeps each
// provider's events for the category and global calendars. Provider is safe
// for concurrent use; call Finish once, after every Provider.
type Builder struct {
	opt Options
	pub *publish.Publisher
	l   paths.Links

	mu     sync.Mutex
	merged map[string][]*event // category slug, or "" for everything
}

// New checks the options.
func New(opt Options, pub *publish.Publisher) (*Builder, error) {
	if opt.Catalog == nil {
		return nil, errors.New("ical: no catalogue")
	}
	l, err := paths.NewLinks(opt.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("ical: %w", err)
	}
	m := map[string][]*event{"": nil}
	for _, c := range opt.Catalog.Categories {
		m[c.Slug] = nil
	}
	return &Builder{opt: opt, pub: pub, l: l, merged: m}, nil
}

// Listed reports whether a calendar lists inc at now: a maintenance window
// that is upcoming or in progress, or one that ended, went stale or was
// cancelled no longer than Recent ago (by its schedule's end, its
// resolution, or else its last activity).
func Listed(inc *adapters.Incident, now time.Time) bool {
	if inc.Kind != adapters.KindMaintenance {
		return false
	}
	if ph := model.PhaseOf(inc, now); ph == model.PhaseUpcoming || ph == model.PhaseInProgress {
		return true
	}
	end := cmp.Or(model.Latest(inc.ScheduledUntil, model.End(inc), model.CancelledAt(inc)), model.LastActivity(inc), inc.ScheduledFor)
	return !end.IsZero() && now.Sub(end) <= Recent
}

// Sequence is the window's SEQUENCE at now: its updates, plus one once it
// is closed or cancelled, plus revisionStep for each revision the merge kept (a change of
// schedule, lifecycle word or title, adapters.Revision), plus its clock
// changes at now (model.ClockChanges). A revision can move a window so
// that clock changes it had no longer hold (a window that had begun is
// postponed); since there are at most two, counting revisionStep for it
// keeps the number rising. It grows only with the history and the clock.
func Sequence(inc *adapters.Incident, now time.Time) int {
	n := len(inc.Updates) + revisionStep*len(inc.Revisions) + len(model.ClockChanges(inc, now))
	if !inc.Open() || model.Cancelled(inc) {
		n++
	}
	return n
}

// revisionStep is what one revision adds to SEQUENCE: one for itself, and
// the most clock changes a window can lose by it.
const revisionStep = 3

// Modified is the window's LAST-MODIFIED (and DTSTAMP) at now: its last
// activity, or the last time the clock moved it on when that is later.
func Modified(inc *adapters.Incident, now time.Time) time.Time {
	t := model.LastActivity(inc)
	if cs := model.ClockChanges(inc, now); len(cs) > 0 {
		t = model.Latest(t, cs[len(cs)-1])
	}
	return t
}

// event is one VEVENT, rendered once and shared by every calendar that
// lists it.
type event struct {
	start time.Time
	uid   string
	text  []byte
}

// Provider writes one provider's calendar (h may be nil: no data yet, and
// its calendar is empty). With reuse, the calendar the last build published
// is known to be current (the build's key holds Listed for every window):
// it is not written again, but its events still go into the merged ones.
func (b *Builder) Provider(p *catalog.Provider, h *history.History, reuse bool) error {
	if err := history.ValidSlug(p.Slug); err != nil {
		return fmt.Errorf("ical: %w", err)
	}
	var evs []*event
	if h != nil {
		for i := range h.Incidents {
			inc := &h.Incidents[i]
			if !Listed(inc, b.opt.Now) {
				continue
			}
			ev, err := b.event(p, inc)
			if err != nil {
				return err
			}
			evs = append(evs, ev)
		}
	}
	sortEvents(evs)
	if !reuse {
		c := calendar{
			name: p.Name + " maintenance | Uptimus",
			desc: "Scheduled maintenance of " + p.Name + ", from its official status page.",
			url:  b.l.Abs(paths.ProviderPage(p.Slug)),
		}
		if err := b.write(paths.ProviderCalendar(p.Slug), c, evs); err != nil {
			return err
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, key := range []string{"", p.Category} {
		if _, ok := b.merged[key]; ok {
			b.merged[key] = append(b.merged[key], evs...)
		}
	}
	return nil
}

// Finish writes the calendar of each category and of everything.
func (b *Builder) Finish() error {
	for _, c := range b.opt.Catalog.Categories {
		if err := history.ValidSlug(c.Slug); err != nil {
			return fmt.Errorf("ical: category: %w", err)
		}
		evs := b.merged[c.Slug]
		sortEvents(evs)
		cal := calendar{
			name: c.Name + " maintenance | Uptimus",
			desc: "Scheduled maintenance of the " + c.Name + " providers Uptimus follows, from their official status pages.",
			url:  b.l.Abs(paths.CategoryPage(c.Slug)),
		}
		if err := b.write(paths.CategoryCalendar(c.Slug), cal, evs); err != nil {
			return err
		}
	}
	evs := b.merged[""]
	sortEvents(evs)
	cal := calendar{
		name: "Uptimus: maintenance of every provider",
		desc: "Scheduled maintenance of every provider Uptimus follows, from their official status pages.",
		url:  b.l.Abs(paths.Home()),
	}
	return b.write(paths.AllCalendar(), cal, evs)
}

// sortEvents orders events by start, then UID: the same order whatever
// order providers finish in.
func sortEvents(evs []*event) {
	slices.SortFunc(evs, func(a, b *event) int {
		return cmp.Or(a.start.Compare(b.start), cmp.Compare(a.uid, b.uid))
	})
}

type calendar struct{ name, desc, url string }

func (b *Builder) write(path string, c calendar, evs []*event) error {
	var buf bytes.Buffer
	w := &writer{buf: &buf}
	w.line("BEGIN", "VCALENDAR")
	w.line("VERSION", "2.0")
	w.line("PRODID", ProdID)
	w.line("CALSCALE", "GREGORIAN")
	w.line("METHOD", "PUBLISH")
	w.text("NAME", c.name)
	w.text("X-WR-CALNAME", c.name)
	w.text("DESCRIPTION", c.desc)
	w.text("X-WR-CALDESC", c.desc)
	w.line("URL;VALUE=URI", c.url)
	w.line("SOURCE;VALUE=URI", b.l.Abs(path))
	w.line("REFRESH-INTERVAL;VALUE=DURATION", "PT1H")
	w.line("X-PUBLISHED-TTL", "PT1H")
	for _, ev := range evs {
		buf.Write(ev.text)
	}
	if len(evs) == 0 {
		emptyBody(w)
	}
	w.line("END", "VCALENDAR")
	return b.pub.WriteCompact(strings.TrimPrefix(path, "/"), buf.Bytes())
}

// emptyBody writes the one component a calendar with no window holds:
// RFC 5545 3.6 asks for at least one ("icalbody = calprops component",
// component = 1*(…)), and most providers have no window. A VTIMEZONE is
// the component that shows nothing: it names the zone the calendar's
// times are in (UTC, as every DTSTART says with "Z"), every parser knows
// it, and no calendar app displays it, where a VEVENT, VTODO or VJOURNAL
// would show a made-up entry and an X- component is one a strict reader
// may refuse. It has the one sub-component 3.6.5 requires.
func emptyBody(w *writer) {
	w.line("BEGIN", "VTIMEZONE")
	w.line("TZID", "Etc/UTC")
	w.line("BEGIN", "STANDARD")
	w.line("DTSTART", "19700101T000000")
	w.line("TZOFFSETFROM", "+0000")
	w.line("TZOFFSETTO", "+0000")
	w.line("TZNAME", "UTC")
	w.line("END", "STANDARD")
	w.line("END", "VTIMEZONE")
}

// event renders one window as a VEVENT.
func (b *Builder) event(p *catalog.Provider, inc *adapters.Incident) (*event, error) {
	seg, err := paths.Segment(inc.ID)
	if err != nil {
		return nil, fmt.Errorf("ical: %s: %w", p.Slug, err)
	}
	page, _ := paths.IncidentPage(p.Slug, inc.ID)
	now := b.opt.Now
	start := cmp.Or(inc.ScheduledFor, model.Start(inc), model.LastActivity(inc))
	end := cmp.Or(inc.ScheduledUntil, model.End(inc))
	stamp := cmp.Or(Modified(inc, now), start)
	created := cmp.Or(inc.CreatedAt, stamp)
	ph := model.PhaseOf(inc, now)
	status := "CONFIRMED"
	switch ph {
	case model.PhaseCancelled:
		status = "CANCELLED"
	case model.PhaseStale:
		status = "TENTATIVE"
	}
	title := strings.TrimSpace(model.Clean(inc.Title))
	if title == "" {
		title = "Untitled maintenance"
	}
	ev := &event{start: start, uid: b.l.IncidentTag(p.Slug, seg)}
	var buf bytes.Buffer
	w := &writer{buf: &buf}
	w.line("BEGIN", "VEVENT")
	w.text("UID", ev.uid)
	w.line("SEQUENCE", strconv.Itoa(Sequence(inc, now)))
	w.line("DTSTAMP", utc(stamp))
	w.line("CREATED", utc(created))
	w.line("LAST-MODIFIED", utc(stamp))
	w.line("DTSTART", utc(start))
	if end.After(start) {
		w.line("DTEND", utc(end))
	}
	w.text("SUMMARY", model.Clean(p.Name)+" maintenance: "+title)
	w.text("DESCRIPTION", description(p, inc, ph, b.l.Abs(page)))
	w.line("URL;VALUE=URI", b.l.Abs(page))
	w.line("STATUS", status)
	w.line("TRANSP", "TRANSPARENT")
	w.text("CATEGORIES", "Maintenance")
	w.line("END", "VEVENT")
	ev.text = buf.Bytes()
	return ev, nil
}

// description is the event's plain text: the window's state, what it
// affects, the vendor's latest word and where to read more.
func description(p *catalog.Provider, inc *adapters.Incident, ph model.Phase, page string) string {
	var b strings.Builder
	switch {
	case ph == model.PhaseCancelled:
		fmt.Fprintf(&b, "%s: Cancelled. %s", model.Clean(p.Name), model.CancelReason(inc))
	case inc.ResolvedAsObserved && ph == model.PhaseCompleted:
		fmt.Fprintf(&b, "%s: Completed as observed: the official page stopped listing it, without a word of completion.", model.Clean(p.Name))
	default:
		fmt.Fprintf(&b, "%s: %s (%s).", model.Clean(p.Name), model.LifecycleLabel(inc.Status), strings.ReplaceAll(string(ph), "_", " "))
	}
	if was := movedFrom(inc); was != "" {
		b.WriteString("\nRescheduled: was " + was + ".")
	}
	if names := model.AffectedNames(inc); len(names) > 0 {
		b.WriteString("\nAffects: " + model.Clean(strings.Join(names, ", ")) + ".")
	}
	if up := model.NewestUpdate(inc.Updates); up != nil {
		if line := model.Clean(vendortext.Excerpt(up.Body)); line != "" {
			b.WriteString("\nLatest update: " + line)
		}
	}
	b.WriteString("\n" + page)
	return b.String()
}

// movedFrom is the schedule the window had before its last reschedule
// ("2026-03-30 16:00 to 20:00 UTC"), or "" if it never moved.
func movedFrom(inc *adapters.Incident) string {
	for i := len(inc.Revisions) - 1; i >= 0; i-- {
		r := inc.Revisions[i]
		if r.ScheduledFor.Equal(inc.ScheduledFor) && r.ScheduledUntil.Equal(inc.ScheduledUntil) || r.ScheduledFor.IsZero() {
			continue
		}
		from, until := r.ScheduledFor.UTC(), r.ScheduledUntil.UTC()
		switch {
		case until.IsZero():
			return from.Format("2006-01-02 15:04") + " UTC"
		case until.Format(time.DateOnly) == from.Format(time.DateOnly):
			return from.Format("2006-01-02 15:04") + " to " + until.Format("15:04") + " UTC"
		}
		return from.Format("2006-01-02 15:04") + " to " + until.Format("2006-01-02 15:04") + " UTC"
	}
	return ""
}

// utc is a UTC date-time in iCalendar's basic format.
func utc(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// writer writes content lines: CRLF, folded at 75 octets.
type writer struct{ buf *bytes.Buffer }

// line writes name:value with value as given (the caller escapes).
func (w *writer) line(name, value string) { fold(w.buf, name+":"+value) }

// text writes a TEXT property, escaped.
func (w *writer) text(name, value string) { w.line(name, Escape(value)) }

// Escape escapes a TEXT value as RFC 5545 3.3.11 asks: backslash,
// semicolon, comma and newline; other control characters are dropped.
func Escape(s string) string {
	var b strings.Builder
	for _, r := range model.Clean(s) {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case ';':
			b.WriteString(`\;`)
		case ',':
			b.WriteString(`\,`)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// MaxLine is the longest a content line may be, in octets, without its CRLF.
const MaxLine = 75

// fold writes line as content lines of at most MaxLine octets, each
// continuation starting with one space, never splitting a UTF-8 sequence.
func fold(buf *bytes.Buffer, line string) {
	limit := MaxLine
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		buf.WriteString(line[:cut])
		buf.WriteString("\r\n ")
		line = line[cut:]
		limit = MaxLine - 1 // the leading space counts
	}
	buf.WriteString(line)
	buf.WriteString("\r\n")
}
