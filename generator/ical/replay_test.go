package ical

import (
	"strconv"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
)

// step is one moment of a replay: the window as the vendor lists it then
// (merged as a fetch at clock, when given), and whether a subscriber would
// see the event differ from the step before (so SEQUENCE must rise) or
// not (so the calendar's bytes must not change).
type step struct {
	name    string
	clock   time.Time
	window  *adapters.Incident // nil: no fetch, only the clock moves
	changed bool
}

// TestSequenceReplays replays, through the merge and a build at each
// clock, the cases where SEQUENCE fell or stood still while the window
// changed: a window begun by the clock, then postponed without a word; a
// postponement with an update; a silent reschedule of an upcoming window;
// a window gone stale that speaks again, and is extended. SEQUENCE never
// falls, rises at each change, and a build that shows nothing new writes
// the same bytes.
func TestSequenceReplays(t *testing.T) {
	h := func(d, hr int) time.Time { return time.Date(2026, 5, d, hr, 0, 0, 0, time.UTC) }
	win := func(status string, from, until time.Time, ups ...adapters.Update) *adapters.Incident {
		return &adapters.Incident{ID: "w", Kind: adapters.KindMaintenance, Title: "Upgrade", Status: status,
			CreatedAt: h(1, 9), UpdatedAt: ups[0].CreatedAt, ScheduledFor: from, ScheduledUntil: until, Updates: ups}
	}
	planned := up("u1", "scheduled", h(1, 9), "Planned.")
	moved := up("u2", "scheduled", h(3, 13), "Moved four hours later.")
	cases := map[string][]step{
		"begun by the clock, then postponed silently": {
			{"planned", h(1, 10), win("scheduled", h(3, 12), h(3, 14), planned), true},
			{"clock passes the start", h(3, 13), nil, true},
			{"postponed a day, no update", h(3, 13).Add(5 * time.Minute), win("scheduled", h(4, 12), h(4, 14), planned), true},
			{"an hour later, nothing new", h(3, 14), nil, false},
		},
		"postponed with an update": {
			{"planned", h(1, 10), win("scheduled", h(3, 12), h(3, 14), planned), true},
			{"clock passes the start", h(3, 12).Add(30 * time.Minute), nil, true},
			{"moved 4 h, with an update", h(3, 13), win("scheduled", h(3, 16), h(3, 18), moved, planned), true},
		},
		"silent reschedule while upcoming": {
			{"planned", h(1, 10), win("scheduled", h(9, 12), h(9, 14), planned), true},
			{"moved, no update", h(2, 10), win("scheduled", h(9, 16), h(9, 18), planned), true},
			{"end moved only", h(2, 11), win("scheduled", h(9, 16), h(9, 19), planned), true},
			{"fetched again unchanged", h(2, 12), win("scheduled", h(9, 16), h(9, 19), planned), false},
		},
		"an update's text edited in place": {
			{"planned", h(1, 10), win("scheduled", h(9, 12), h(9, 14), planned), true},
			{"the same update says more", h(2, 10), win("scheduled", h(9, 12), h(9, 14), up("u1", "scheduled", h(1, 9), "Planned. The API is read-only meanwhile.")), true},
			{"fetched again unchanged", h(2, 11), win("scheduled", h(9, 12), h(9, 14), up("u1", "scheduled", h(1, 9), "Planned. The API is read-only meanwhile.")), false},
		},
		"status changed without an update": {
			{"planned", h(1, 10), win("scheduled", h(3, 12), h(3, 14), planned), true},
			{"in progress, said by the status only", h(3, 11), win("in_progress", h(3, 12), h(3, 14), planned), true},
		},
		"stale, then an update": {
			{"planned", h(1, 10), win("scheduled", h(3, 12), h(3, 14), planned), true},
			{"schedule over, never closed", h(3, 15), nil, true},
			{"the vendor speaks again", h(3, 16), win("scheduled", h(3, 12), h(3, 14), up("u3", "scheduled", h(3, 16), "Still going."), planned), true},
			{"and extends it", h(3, 17), win("scheduled", h(3, 12), h(3, 20), up("u3", "scheduled", h(3, 16), "Still going."), planned), true},
		},
	}
	cat := &catalog.Catalog{Categories: []catalog.Category{{Slug: "cloud", Name: "Cloud"}},
		Providers: []catalog.Provider{{Slug: "acme", Name: "Acme", Category: "cloud", Adapter: "statuspage"}}}
	const file = "status/acme/maintenance.ics"
	for name, steps := range cases {
		t.Run(name, func(t *testing.T) {
			hist := &history.History{Slug: "acme"}
			var last []byte
			seq := -1
			for _, s := range steps {
				if s.window != nil {
					history.Merge(hist, &adapters.Snapshot{FetchedAt: s.clock, Status: adapters.Operational, Incidents: []adapters.Incident{*s.window}})
				}
				got := buildAt(t, cat, map[string]*history.History{"acme": hist}, s.clock)[file]
				ev := eventOf(t, got, "w")
				n, err := strconv.Atoi(ev.Props.Get(goical.PropSequence).Value)
				if err != nil {
					t.Fatal(err)
				}
				switch {
				case n < seq:
					t.Errorf("%s: SEQUENCE fell from %d to %d", s.name, seq, n)
				case s.changed && n == seq:
					t.Errorf("%s: the event changed but SEQUENCE stayed %d\n%s", s.name, n, got)
				case !s.changed && string(got) != string(last):
					t.Errorf("%s: nothing changed, yet the calendar did:\n%s\nthen\n%s", s.name, last, got)
				}
				if s.window != nil && !s.window.ScheduledFor.IsZero() {
					if start := ev.Props.Get(goical.PropDateTimeStart).Value; start != utc(s.window.ScheduledFor) {
						t.Errorf("%s: DTSTART %s, want %s", s.name, start, utc(s.window.ScheduledFor))
					}
				}
				seq, last = n, got
			}
		})
	}
}

// A postponed window says in its description where it was before.
func TestRescheduledDescription(t *testing.T) {
	inc := &adapters.Incident{ID: "w", Kind: adapters.KindMaintenance, Status: "scheduled",
		ScheduledFor: at(31, 16), ScheduledUntil: at(31, 18),
		Revisions: []adapters.Revision{{Status: "scheduled", ScheduledFor: at(31, 12), ScheduledUntil: at(31, 14)}, {Status: "in_progress", ScheduledFor: at(31, 16), ScheduledUntil: at(31, 18)}}}
	if got, want := movedFrom(inc), "2026-03-31 12:00 to 14:00 UTC"; got != want {
		t.Errorf("movedFrom = %q, want %q", got, want)
	}
	inc.Revisions = inc.Revisions[1:]
	if got := movedFrom(inc); got != "" {
		t.Errorf("a window never moved: movedFrom = %q", got)
	}
}

// A calendar with no window still holds a component (RFC 5545 3.6), a
// VTIMEZONE that 3.6.5 accepts, and no event; one with windows holds no
// VTIMEZONE, which its UTC times do not use.
func TestEmptyCalendarHasAComponent(t *testing.T) {
	cat, hs := fixture()
	files := build(t, cat, hs)
	cal := parse(t, files["status/nodata/maintenance.ics"])
	if len(cal.Children) != 1 || cal.Children[0].Name != goical.CompTimezone {
		t.Fatalf("empty calendar holds %d components (%v), want one VTIMEZONE", len(cal.Children), cal.Children)
	}
	tz := cal.Children[0]
	if id, _ := tz.Props.Text(goical.PropTimezoneID); id == "" {
		t.Error("VTIMEZONE without TZID")
	}
	if len(tz.Children) != 1 || tz.Children[0].Name != goical.CompTimezoneStandard {
		t.Fatalf("VTIMEZONE holds %v, want one STANDARD", tz.Children)
	}
	for _, prop := range []string{goical.PropDateTimeStart, goical.PropTimezoneOffsetFrom, goical.PropTimezoneOffsetTo} {
		if tz.Children[0].Props.Get(prop) == nil {
			t.Errorf("STANDARD lacks %s, which RFC 5545 3.6.5 requires", prop)
		}
	}
	for _, c := range parse(t, files["status/acme/maintenance.ics"]).Children {
		if c.Name != goical.CompEvent {
			t.Errorf("a calendar with windows holds a %s", c.Name)
		}
	}
}
