package model

import (
	"cmp"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
)

func at(day, hour, min int) time.Time { return time.Date(2026, 11, day, hour, min, 0, 0, time.UTC) }

func TestPhaseOf(t *testing.T) {
	now := at(30, 18, 0)
	inc := func(mod func(*adapters.Incident)) *adapters.Incident {
		i := &adapters.Incident{Kind: adapters.KindIncident, Status: "investigating", CreatedAt: at(30, 10, 0)}
		mod(i)
		return i
	}
	maint := func(status string, from, until time.Time) *adapters.Incident {
		return &adapters.Incident{Kind: adapters.KindMaintenance, Status: status, CreatedAt: at(1, 0, 0), ScheduledFor: from, ScheduledUntil: until}
	}
	tests := []struct {
		name string
		inc  *adapters.Incident
		want Phase
	}{
		{"open", inc(func(*adapters.Incident) {}), PhaseOngoing},
		{"resolved", inc(func(i *adapters.Incident) { i.ResolvedAt = at(30, 11, 0) }), PhaseResolved},
		{"postmortem without time", inc(func(i *adapters.Incident) { i.Status = "postmortem" }), PhaseResolved},
		{"stale after 7 days", inc(func(i *adapters.Incident) { i.CreatedAt = at(23, 17, 0) }), PhaseStale},
		{"not stale at 7 days", inc(func(i *adapters.Incident) { i.CreatedAt = at(23, 18, 0) }), PhaseOngoing},
		{"recent update keeps it open", inc(func(i *adapters.Incident) {
			i.CreatedAt = at(1, 0, 0)
			i.Updates = []adapters.Update{{CreatedAt: at(29, 0, 0)}}
		}), PhaseOngoing},
		{"maintenance upcoming", maint("scheduled", at(31, 0, 0), at(31, 2, 0)), PhaseUpcoming},
		{"maintenance started by schedule", maint("scheduled", at(30, 17, 0), at(30, 19, 0)), PhaseInProgress},
		{"maintenance in progress by word", maint("in_progress", at(31, 0, 0), at(31, 2, 0)), PhaseInProgress},
		{"maintenance over but open", maint("in_progress", at(30, 1, 0), at(30, 2, 0)), PhaseStale},
		{"maintenance completed", func() *adapters.Incident {
			m := maint("completed", at(30, 1, 0), at(30, 2, 0))
			m.ResolvedAt = at(30, 2, 0)
			return m
		}(), PhaseCompleted},
		{"maintenance cancelled by word, closed", func() *adapters.Incident {
			m := maint("cancelled", at(31, 0, 0), at(31, 2, 0))
			m.ResolvedAt = at(2, 11, 0)
			return m
		}(), PhaseCancelled},
		{"maintenance canceled by word, left open", maint("Canceled ", at(31, 0, 0), at(31, 2, 0)), PhaseCancelled},
		{"maintenance cancelled by its newest update", func() *adapters.Incident {
			m := maint("scheduled", at(30, 17, 0), at(30, 19, 0))
			m.Updates = []adapters.Update{{ID: "a", Status: "scheduled", CreatedAt: at(1, 0, 0)}, {ID: "b", Status: "cancelled", CreatedAt: at(2, 0, 0)}}
			return m
		}(), PhaseCancelled},
		{"maintenance withdrawn", func() *adapters.Incident {
			m := maint("scheduled", at(31, 0, 0), at(31, 2, 0))
			m.WithdrawnAt = at(29, 0, 0)
			return m
		}(), PhaseCancelled},
		{"an incident is never cancelled", inc(func(i *adapters.Incident) { i.Status = "cancelled" }), PhaseOngoing},
	}
	for _, tt := range tests {
		if got := PhaseOf(tt.inc, now); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

// A cancelled window never ran: it starts where it was scheduled (not at
// its creation, as a resolution before the start would otherwise make
// it), has no end, and says why it is cancelled.
func TestCancelledWindow(t *testing.T) {
	called := &adapters.Incident{Kind: adapters.KindMaintenance, Status: "cancelled", CreatedAt: at(2, 9, 0),
		ResolvedAt: at(2, 11, 0), ScheduledFor: at(11, 9, 0), ScheduledUntil: at(11, 11, 0)}
	withdrawn := &adapters.Incident{Kind: adapters.KindMaintenance, Status: "scheduled", CreatedAt: at(2, 9, 0),
		ScheduledFor: at(11, 9, 0), ScheduledUntil: at(11, 11, 0), WithdrawnAt: at(5, 12, 0)}
	for _, inc := range []*adapters.Incident{called, withdrawn} {
		if got := Start(inc); !got.Equal(at(11, 9, 0)) {
			t.Errorf("%s: Start %v, want the scheduled start", inc.Status, got)
		}
		if got := End(inc); !got.IsZero() {
			t.Errorf("%s: End %v, want none", inc.Status, got)
		}
		if !Cancelled(inc) || PhaseOf(inc, at(30, 0, 0)).Active() {
			t.Errorf("%s: not cancelled, or active", inc.Status)
		}
	}
	if !CalledOff(called) || Withdrawn(called) || CalledOff(withdrawn) || !Withdrawn(withdrawn) {
		t.Error("CalledOff and Withdrawn must tell the two apart")
	}
	if got := CancelledAt(called); !got.Equal(at(2, 11, 0)) {
		t.Errorf("CancelledAt(called off) = %v, want its closing time", got)
	}
	if got := CancelledAt(withdrawn); !got.Equal(at(5, 12, 0)) {
		t.Errorf("CancelledAt(withdrawn) = %v, want WithdrawnAt", got)
	}
	if r := CancelReason(called); !strings.Contains(r, "cancelled") || !strings.Contains(r, "before it was due") {
		t.Errorf("CancelReason(called off) = %q", r)
	}
	if r := CancelReason(withdrawn); !strings.Contains(r, "withdrew") {
		t.Errorf("CancelReason(withdrawn) = %q", r)
	}
	done := &adapters.Incident{Kind: adapters.KindMaintenance, Status: "completed", ResolvedAt: at(2, 11, 0)}
	if CancelReason(done) != "" || !CancelledAt(done).IsZero() {
		t.Error("a completed window is not cancelled")
	}
}

func TestLifecycleLabel(t *testing.T) {
	for word, want := range map[string]string{
		"in_progress": "In progress", "resolved": "Resolved", "": "Status not stated", "postmortem": "Postmortem",
		"_": "Status not stated", "étude": "Étude",
	} {
		if got := LifecycleLabel(word); got != want {
			t.Errorf("LifecycleLabel(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestNoIncidentEndsBeforeItStarts(t *testing.T) {
	tests := []struct {
		name       string
		inc        adapters.Incident
		start, end time.Time
	}{
		// GitHub's incidents.json: created 11:00, started_at 15:56, resolved 14:00.
		{"started after resolved", adapters.Incident{CreatedAt: at(24, 11, 0), StartedAt: at(24, 15, 56), ResolvedAt: at(24, 14, 0)}, at(24, 11, 0), at(24, 14, 0)},
		{"created and started after resolved", adapters.Incident{CreatedAt: at(24, 15, 0), StartedAt: at(24, 15, 56), ResolvedAt: at(24, 14, 0)}, at(24, 14, 0), at(24, 14, 0)},
		{"ordinary", adapters.Incident{CreatedAt: at(24, 11, 0), StartedAt: at(24, 10, 0), ResolvedAt: at(24, 17, 0)}, at(24, 10, 0), at(24, 17, 0)},
		{"open", adapters.Incident{StartedAt: at(24, 1, 0)}, at(24, 1, 0), time.Time{}},
	}
	for _, tt := range tests {
		if s, e := Start(&tt.inc), End(&tt.inc); !s.Equal(tt.start) || !e.Equal(tt.end) {
			t.Errorf("%s: %v to %v, want %v to %v", tt.name, s, e, tt.start, tt.end)
		}
	}
}

func TestNewestUpdateAgreesWithSortedUpdates(t *testing.T) {
	ups := []adapters.Update{
		{ID: "b", CreatedAt: at(2, 0, 0)},
		{ID: "a", CreatedAt: at(2, 0, 0)},
		{ID: "c", CreatedAt: at(1, 0, 0), DisplayAt: at(3, 0, 0)},
		{ID: "d", CreatedAt: at(1, 12, 0)},
	}
	if got, want := NewestUpdate(ups).ID, SortedUpdates(ups)[0].ID; got != want || got != "c" {
		t.Errorf("NewestUpdate = %s, SortedUpdates starts with %s, want c", got, want)
	}
	ups[2].DisplayAt = time.Time{}
	if got, want := NewestUpdate(ups).ID, SortedUpdates(ups)[0].ID; got != want || got != "a" {
		t.Errorf("tie: NewestUpdate = %s, SortedUpdates starts with %s, want a", got, want)
	}
	if NewestUpdate(nil) != nil {
		t.Error("no update must give nil")
	}
}

func TestStateOf(t *testing.T) {
	now := at(30, 18, 0)
	open := adapters.Incident{ID: "open", Impact: adapters.ImpactMajor, Status: "investigating", CreatedAt: at(30, 10, 0)}
	silent := adapters.Incident{ID: "silent", Impact: adapters.ImpactCritical, Status: "investigating", CreatedAt: at(2, 0, 0)}
	maint := adapters.Incident{ID: "m", Kind: adapters.KindMaintenance, Status: "in_progress", ScheduledFor: at(30, 17, 0), ScheduledUntil: at(30, 20, 0)}
	minor := adapters.Incident{ID: "minor", Impact: adapters.ImpactMinor, Status: "investigating", CreatedAt: at(30, 16, 0)}
	hist := func(status adapters.Status, text string, incs ...adapters.Incident) *history.History {
		return &history.History{State: history.State{Status: status, Description: text, FirstChecked: at(1, 0, 0)}, Incidents: incs}
	}
	fresh := Check{LastAttempt: at(30, 17, 45), LastOK: at(30, 17, 45)}
	tests := []struct {
		name         string
		h            *history.History
		c            Check
		vendorStatus bool
		status       adapters.Status
		current      adapters.Status
		open         int
		stale        bool
		text         string
	}{
		{"no history", nil, fresh, true, adapters.Unknown, adapters.Unknown, 0, false, ""},
		{"vendor says operational", hist(adapters.Operational, "All Systems Operational"), fresh, true, adapters.Operational, adapters.Operational, 0, false, "All Systems Operational"},
		{"indicator none while an incident is open", hist(adapters.Operational, "All Systems Operational", open), fresh, true, adapters.PartialOutage, adapters.PartialOutage, 1, false, "All Systems Operational"},
		{"derived: silent incident does not count", hist(adapters.MajorOutage, "2 open incidents", silent), fresh, false, adapters.Operational, adapters.Operational, 0, false, ""},
		{"derived: ongoing incident counts", hist(adapters.MajorOutage, "2 open incidents", silent, open), fresh, false, adapters.PartialOutage, adapters.PartialOutage, 1, false, ""},
		{"maintenance in progress", hist(adapters.Operational, "", maint), fresh, true, adapters.Maintenance, adapters.Maintenance, 0, false, ""},
		{"a window cancelled while due does not raise the state", hist(adapters.Operational, "", func() adapters.Incident {
			m := maint
			m.Status = "cancelled"
			return m
		}()), fresh, true, adapters.Operational, adapters.Operational, 0, false, ""},
		{"a withdrawn window does not raise the state", hist(adapters.Operational, "", func() adapters.Incident {
			m := maint
			m.Status, m.WithdrawnAt = "scheduled", at(30, 16, 0)
			return m
		}()), fresh, true, adapters.Operational, adapters.Operational, 0, false, ""},
		{"a minor incident outranks a running window", hist(adapters.Maintenance, "", maint, minor), fresh, true, adapters.Degraded, adapters.Degraded, 1, false, ""},
		{"last good check 3 h 1 min ago", hist(adapters.Operational, ""), Check{LastAttempt: at(30, 17, 45), LastOK: at(30, 14, 59), LastError: "503"}, true, adapters.Unknown, adapters.Operational, 0, true, ""},
		{"one failed run is not stale", hist(adapters.Operational, ""), Check{LastAttempt: at(30, 17, 45), LastOK: at(30, 17, 30), LastError: "503"}, true, adapters.Operational, adapters.Operational, 0, false, ""},
		{"no check recorded: cannot tell", hist(adapters.Operational, ""), Check{}, true, adapters.Operational, adapters.Operational, 0, false, ""},
		{"never succeeded, failing", hist(adapters.Operational, ""), Check{LastAttempt: at(30, 17, 45), LastError: "404"}, true, adapters.Unknown, adapters.Operational, 0, true, ""},
		// A fresh clone has no fetch cache, but data/ says since when the
		// provider is unseen.
		{"unseen in data/, no cache", func() *history.History {
			h := hist(adapters.Operational, "")
			h.State.Unseen = []history.Span{{From: at(29, 0, 0)}}
			return h
		}(), Check{}, true, adapters.Unknown, adapters.Operational, 0, true, ""},
	}
	for _, tt := range tests {
		s := StateOf(tt.h, tt.c, tt.vendorStatus, now)
		if s.Status != tt.status || s.Current != tt.current || len(s.Open) != tt.open || s.Stale != tt.stale || s.VendorText != tt.text {
			t.Errorf("%s: status %s current %s open %d stale %v text %q; want %s %s %d %v %q",
				tt.name, s.Status, s.Current, len(s.Open), s.Stale, s.VendorText, tt.status, tt.current, tt.open, tt.stale, tt.text)
		}
	}
}

// AsOf says, only while the data is stale, when it was last current: the
// last successful check, or where the fetch cache is missing, when data/
// says we stopped seeing the provider.
func TestStateAsOf(t *testing.T) {
	now := at(30, 18, 0)
	unseen := func(from time.Time) *history.History {
		h := &history.History{State: history.State{Status: adapters.Operational, FirstChecked: at(1, 0, 0)}}
		if !from.IsZero() {
			h.State.Unseen = []history.Span{{From: from}}
		}
		return h
	}
	tests := []struct {
		name string
		h    *history.History
		c    Check
		want time.Time
	}{
		{"fresh", unseen(time.Time{}), Check{LastAttempt: at(30, 17, 45), LastOK: at(30, 17, 45)}, time.Time{}},
		{"stale by the cache", unseen(time.Time{}), Check{LastAttempt: at(30, 17, 45), LastOK: at(29, 16, 0), LastError: "503"}, at(29, 16, 0)},
		{"stale by data/ alone", unseen(at(29, 2, 0)), Check{}, at(29, 2, 0)},
		{"both: the later", unseen(at(29, 2, 0)), Check{LastAttempt: at(30, 17, 45), LastOK: at(29, 16, 0), LastError: "503"}, at(29, 16, 0)},
		{"never succeeded", unseen(time.Time{}), Check{LastAttempt: at(30, 17, 45), LastError: "404"}, time.Time{}},
	}
	for _, tt := range tests {
		if got := StateOf(tt.h, tt.c, true, now).AsOf; !got.Equal(tt.want) {
			t.Errorf("%s: AsOf %v, want %v", tt.name, got, tt.want)
		}
	}
}

// Since is when the published state began, by the vendor's own times
// where it gives them: the start of the open incidents or the change of
// the components at that state's level, the end of the last incident for
// a return to operational; else a change we saw; else "at least" our
// first check, never our first look printed as fact. Changed follows it.
func TestStateSince(t *testing.T) {
	now := at(30, 18, 0)
	open := adapters.Incident{ID: "open", Impact: adapters.ImpactMajor, Status: "investigating", CreatedAt: at(30, 10, 0)}
	minor := adapters.Incident{ID: "minor", Impact: adapters.ImpactMinor, Status: "investigating", CreatedAt: at(30, 8, 0)}
	oldMinor := adapters.Incident{ID: "old-minor", Impact: adapters.ImpactMinor, Status: "investigating", CreatedAt: at(3, 0, 0), UpdatedAt: at(29, 0, 0)}
	done := adapters.Incident{ID: "done", Impact: adapters.ImpactMajor, Status: "resolved", CreatedAt: at(29, 9, 0), ResolvedAt: at(29, 12, 0)}
	fixed := adapters.Incident{ID: "fixed", Impact: adapters.ImpactMajor, Status: "resolved", CreatedAt: at(30, 17, 15), ResolvedAt: at(30, 17, 45)}
	longAgo := adapters.Incident{ID: "long-ago", Impact: adapters.ImpactMajor, Status: "resolved", CreatedAt: at(1, 0, 0).AddDate(0, -1, 0), ResolvedAt: at(1, 0, 0).AddDate(0, -1, 1)}
	maint := adapters.Incident{ID: "m", Kind: adapters.KindMaintenance, Status: "scheduled", ScheduledFor: at(30, 17, 0), ScheduledUntil: at(30, 20, 0), UpdatedAt: at(20, 0, 0)}
	overall := func(when time.Time, from, to adapters.Status) history.Event {
		return history.Event{At: when, Name: "overall", From: from, To: to}
	}
	hist := func(status adapters.Status, since time.Time, events []history.Event, incs ...adapters.Incident) *history.History {
		return &history.History{State: history.State{Status: status, StatusSince: since, FirstChecked: at(1, 0, 0)}, Events: events, Incidents: incs}
	}
	// The case: the incident began on the 7th at 13:25 (impact
	// major), the vendor lowered the component to degraded at 21:44 and
	// its indicator says minor; our first look was on the 8th.
	lowered := &history.History{
		State: history.State{Status: adapters.Degraded, StatusSince: at(8, 0, 0), FirstChecked: at(8, 0, 0), Components: []history.ComponentState{
			{Component: adapters.Component{ID: "api", Name: "API", Status: adapters.Degraded}, FirstSeen: at(8, 0, 0), LastChanged: at(7, 21, 44)},
			{Component: adapters.Component{ID: "web", Name: "Web", Status: adapters.Operational}, FirstSeen: at(8, 0, 0), LastChanged: at(8, 0, 0)},
		}},
		Incidents: []adapters.Incident{{ID: "big", Impact: adapters.ImpactMajor, Status: "identified", CreatedAt: at(7, 13, 25), UpdatedAt: at(29, 0, 0)}},
	}
	// The drills' case: the incident opened at impact major at 9:00 (we
	// saw the overall status change at 9:10); at 10:58 the vendor lowered
	// it to minor and the component to degraded, which we saw at 11:00.
	// The incident's start dates the outage, not this lower state: the
	// component's change does.
	lowerLater := &history.History{
		State: history.State{Status: adapters.Degraded, StatusSince: at(30, 11, 0), FirstChecked: at(1, 0, 0), Components: []history.ComponentState{
			{Component: adapters.Component{ID: "api", Name: "API", Status: adapters.Degraded}, FirstSeen: at(1, 0, 0), LastChanged: at(30, 10, 58)},
		}},
		Events: []history.Event{
			overall(at(30, 9, 10), adapters.Operational, adapters.PartialOutage),
			{At: at(30, 10, 58), ComponentID: "api", Name: "API", From: adapters.PartialOutage, To: adapters.Degraded},
			overall(at(30, 11, 0), adapters.PartialOutage, adapters.Degraded),
		},
		Incidents: []adapters.Incident{{ID: "lowered", Impact: adapters.ImpactMinor, Status: "identified", CreatedAt: at(30, 9, 0), UpdatedAt: at(30, 10, 58)}},
	}
	// Azure's case: no components; the major incident lowered to minor
	// beside a minor one that began at 10:00, while the major still held.
	// Nothing the vendor dated ends the worse state: our sighting does.
	lowerBeside := &history.History{
		State: history.State{Status: adapters.Degraded, StatusSince: at(30, 11, 0), FirstChecked: at(1, 0, 0)},
		Events: []history.Event{
			overall(at(30, 9, 10), adapters.Operational, adapters.PartialOutage),
			overall(at(30, 11, 0), adapters.PartialOutage, adapters.Degraded),
		},
		Incidents: []adapters.Incident{
			{ID: "lowered", Impact: adapters.ImpactMinor, Status: "identified", CreatedAt: at(30, 9, 0), UpdatedAt: at(30, 10, 58)},
			{ID: "beside", Impact: adapters.ImpactMinor, Status: "investigating", CreatedAt: at(30, 10, 0)},
		},
	}
	// Our first look found a partial outage; the vendor lowered it, dating
	// nothing, and the only dated component change is from before we
	// looked.
	lowerSinceFirstLook := &history.History{
		State: history.State{Status: adapters.Degraded, StatusSince: at(30, 11, 0), FirstChecked: at(30, 9, 0), Components: []history.ComponentState{
			{Component: adapters.Component{ID: "web", Name: "Web", Status: adapters.Operational}, FirstSeen: at(30, 9, 0), LastChanged: at(20, 0, 0)},
		}},
		Events:    []history.Event{overall(at(30, 11, 0), adapters.PartialOutage, adapters.Degraded)},
		Incidents: []adapters.Incident{{ID: "lowered", Impact: adapters.ImpactMinor, Status: "identified", CreatedAt: at(30, 8, 0)}},
	}
	firstLook := &history.History{State: history.State{Status: adapters.Degraded, StatusSince: at(8, 0, 0), FirstChecked: at(8, 0, 0), Components: []history.ComponentState{
		{Component: adapters.Component{ID: "api", Name: "API", Status: adapters.Degraded}, FirstSeen: at(8, 0, 0), LastChanged: at(8, 0, 0)},
	}}}
	tests := []struct {
		name    string
		h       *history.History
		since   time.Time
		atLeast bool
	}{
		{"a change we saw", hist(adapters.Operational, at(3, 0, 0), []history.Event{overall(at(3, 0, 0), adapters.Degraded, adapters.Operational)}), at(3, 0, 0), false},
		{"never seen changing", hist(adapters.Operational, time.Time{}, nil), at(1, 0, 0), true},
		{"our first look is no change", hist(adapters.Operational, at(1, 0, 0), nil), at(1, 0, 0), true},
		{"first look at an outage: at least then", firstLook, at(8, 0, 0), true},
		{"the component's change at the vendor's level", lowered, at(7, 21, 44), false},
		{"lowered: the component's change, not the incident's start", lowerLater, at(30, 10, 58), false},
		{"lowered: not the start of trouble at the lower level", lowerBeside, at(30, 11, 0), false},
		{"lowered: not a component's change before our first check", lowerSinceFirstLook, at(30, 11, 0), false},
		{"back to the window in progress when the incident was resolved", hist(adapters.Maintenance, at(30, 17, 50), []history.Event{
			overall(at(30, 17, 5), adapters.Operational, adapters.Maintenance), overall(at(30, 17, 20), adapters.Maintenance, adapters.PartialOutage),
			overall(at(30, 17, 50), adapters.PartialOutage, adapters.Maintenance)}, maint, fixed), at(30, 17, 45), false},
		{"an open incident the vendor's status does not show", hist(adapters.Operational, at(3, 0, 0), nil, open, minor), at(30, 10, 0), false},
		{"the incident's start, not our sighting of it", hist(adapters.PartialOutage, at(30, 11, 0), []history.Event{overall(at(30, 11, 0), adapters.Operational, adapters.PartialOutage)}, open), at(30, 10, 0), false},
		{"an incident older than the state we saw begin", hist(adapters.Degraded, at(30, 11, 0), []history.Event{
			overall(at(27, 0, 0), adapters.Degraded, adapters.PartialOutage), overall(at(30, 11, 0), adapters.PartialOutage, adapters.Degraded)}, oldMinor), at(30, 11, 0), false},
		{"a window that began by the clock", hist(adapters.Operational, at(3, 0, 0), nil, maint), at(30, 17, 0), false},
		{"raised, never seen changing", hist(adapters.Operational, time.Time{}, nil, open), at(30, 10, 0), false},
		{"operational since the vendor resolved its incident", hist(adapters.Operational, at(1, 0, 0), nil, done), at(29, 12, 0), false},
		{"a resolution before our first check proves nothing", hist(adapters.Operational, at(1, 0, 0), nil, longAgo), at(1, 0, 0), true},
	}
	for _, tt := range tests {
		s := StateOf(tt.h, Check{}, true, now)
		if !s.Since.Equal(tt.since) || s.SinceAtLeast != tt.atLeast {
			t.Errorf("%s: since %s (at least %v), want %s (%v)", tt.name, s.Since, s.SinceAtLeast, tt.since, tt.atLeast)
		}
		if !tt.atLeast && s.Changed.Before(tt.since) {
			t.Errorf("%s: changed %s, before since %s", tt.name, s.Changed, tt.since)
		}
	}
	// A vendor without an overall status: its incident's start, then its
	// resolution.
	derived := hist(adapters.PartialOutage, at(1, 0, 0), nil, open)
	if s := StateOf(derived, Check{}, false, now); !s.Since.Equal(at(30, 10, 0)) || s.SinceAtLeast {
		t.Errorf("derived, incident open: since %s (at least %v)", s.Since, s.SinceAtLeast)
	}
	derived = hist(adapters.Operational, at(1, 0, 0), nil, done)
	if s := StateOf(derived, Check{}, false, now); !s.Since.Equal(at(29, 12, 0)) || s.SinceAtLeast {
		t.Errorf("derived, resolved: since %s (at least %v)", s.Since, s.SinceAtLeast)
	}
}

// The headline follows what the vendor says now, its overall status and
// its components; an open incident's impact (Statuspage rarely lowers it)
// never outranks a vendor that states unplanned trouble. Where ours
// differs from the vendor's word, or the vendor gives none, the state
// says it is derived and why.
func TestStateHeadline(t *testing.T) {
	now := at(30, 18, 0)
	major := adapters.Incident{ID: "major", Impact: adapters.ImpactMajor, Status: "identified", CreatedAt: at(30, 10, 0)}
	minor := adapters.Incident{ID: "minor", Impact: adapters.ImpactMinor, Status: "investigating", CreatedAt: at(30, 16, 0)}
	maint := adapters.Incident{ID: "m", Kind: adapters.KindMaintenance, Status: "in_progress", ScheduledFor: at(30, 17, 0), ScheduledUntil: at(30, 20, 0)}
	unstated := adapters.Incident{ID: "u", Kind: adapters.KindIncident, Impact: adapters.ImpactNone, Status: "investigating", CreatedAt: at(30, 16, 0)}
	notice := adapters.Incident{ID: "n", Kind: adapters.KindIncident, Impact: adapters.ImpactNone, ImpactRaw: "Informational message", Status: "investigating", CreatedAt: at(30, 16, 0)}
	comp := func(id string, s adapters.Status, group bool, removed time.Time) history.ComponentState {
		return history.ComponentState{Component: adapters.Component{ID: id, Name: id, Status: s, Group: group}, RemovedAt: removed}
	}
	hist := func(status adapters.Status, comps []history.ComponentState, incs ...adapters.Incident) *history.History {
		return &history.History{State: history.State{Status: status, FirstChecked: at(1, 0, 0), Components: comps}, Incidents: incs}
	}
	ok := []history.ComponentState{comp("a", adapters.Operational, false, time.Time{})}
	tests := []struct {
		name         string
		h            *history.History
		vendorStatus bool
		want         adapters.Status
		reason       Reason
	}{
		{"vendor lowered it: indicator minor, incident major at creation", hist(adapters.Degraded,
			[]history.ComponentState{comp("a", adapters.Degraded, false, time.Time{})}, major), true, adapters.Degraded, ""},
		{"vendor says more than its incident", hist(adapters.PartialOutage, ok, minor), true, adapters.PartialOutage, ""},
		{"indicator none while an incident is open", hist(adapters.Operational, ok, major), true, adapters.PartialOutage, ReasonIncidents},
		{"indicator none, a component down", hist(adapters.Operational, []history.ComponentState{comp("a", adapters.MajorOutage, false, time.Time{})}), true, adapters.MajorOutage, ReasonComponents},
		{"groups and removed components do not count", hist(adapters.Operational, []history.ComponentState{
			comp("g", adapters.MajorOutage, true, time.Time{}), comp("old", adapters.MajorOutage, false, at(2, 0, 0)), comp("a", adapters.Operational, false, time.Time{})}), true, adapters.Operational, ""},
		{"unknown components do not count", hist(adapters.Operational, []history.ComponentState{comp("a", adapters.Unknown, false, time.Time{})}), true, adapters.Operational, ""},
		{"indicator none, maintenance running", hist(adapters.Operational, ok, maint), true, adapters.Maintenance, ReasonMaintenance},
		{"indicator none, a window running and its component under maintenance", hist(adapters.Operational,
			[]history.ComponentState{comp("a", adapters.Maintenance, false, time.Time{})}, maint), true, adapters.Maintenance, ReasonMaintenance},
		{"indicator none, a window running and a component degraded", hist(adapters.Operational,
			[]history.ComponentState{comp("a", adapters.Degraded, false, time.Time{})}, maint), true, adapters.Degraded, ReasonComponents},
		{"planned maintenance never hides an incident", hist(adapters.Maintenance, ok, maint, minor), true, adapters.Degraded, ReasonIncidents},
		{"the vendor's maintenance as it says", hist(adapters.Maintenance, ok, maint), true, adapters.Maintenance, ""},
		{"no indicator: from the incidents", hist("", nil, minor), true, adapters.Degraded, ReasonIncidents},
		{"no indicator, nothing else", hist("", nil), true, adapters.Unknown, ""},
		{"a page without an overall status, read by its adapter", func() *history.History {
			h := hist(adapters.PartialOutage, []history.ComponentState{comp("a", adapters.PartialOutage, false, time.Time{})})
			h.State.StatusDerived = true
			return h
		}(), true, adapters.PartialOutage, ReasonPageStatus},
		{"a vendor without an overall status", hist(adapters.MajorOutage, nil, minor), false, adapters.Degraded, ReasonNoVendorStatus},
		{"a vendor without an overall status, calm", hist(adapters.Operational, nil), false, adapters.Operational, ReasonNoVendorStatus},
		// A feed states no impact: an incident under investigation is
		// trouble of unknown degree; a notice that says none is not.
		{"a feed's incident, its impact unstated", hist(adapters.Degraded, nil, unstated), false, adapters.Degraded, ReasonNoVendorStatus},
		{"a notice that states no impact", hist(adapters.Operational, nil, notice), false, adapters.Operational, ReasonNoVendorStatus},
	}
	for _, tt := range tests {
		s := StateOf(tt.h, Check{}, tt.vendorStatus, now)
		if s.Current != tt.want || s.Reason != tt.reason || s.Derived != (tt.reason != "") {
			t.Errorf("%s: %s (derived %v, %q), want %s (%q)", tt.name, s.Current, s.Derived, s.Reason, tt.want, tt.reason)
		}
		if want := cmp.Or(tt.h.State.Status, adapters.Unknown); tt.vendorStatus && s.Vendor != want {
			t.Errorf("%s: vendor's status %s, want %s", tt.name, s.Vendor, want)
		}
	}
}

// Components are published as the vendor gives them, an unreadable status
// as unknown; a vendor without an overall status has them from its
// ongoing incidents, so one gone silent no longer marks them down.
func TestStateComponents(t *testing.T) {
	now := at(30, 18, 0)
	comp := func(id string, s adapters.Status) history.ComponentState {
		return history.ComponentState{Component: adapters.Component{ID: id, Name: id, Status: s}}
	}
	open := adapters.Incident{ID: "open", Impact: adapters.ImpactMajor, Status: "investigating", CreatedAt: at(30, 10, 0),
		Components: []adapters.ComponentRef{{ID: "eu"}}}
	silent := adapters.Incident{ID: "silent", Impact: adapters.ImpactCritical, Status: "investigating", CreatedAt: at(2, 0, 0),
		Components: []adapters.ComponentRef{{ID: "me"}}}
	later := adapters.Incident{ID: "later", Impact: adapters.ImpactCritical, Status: "investigating", CreatedAt: at(30, 11, 0),
		Updates: []adapters.Update{{ID: "u", Status: "investigating", CreatedAt: at(30, 11, 0), Components: []adapters.ComponentRef{{ID: "us"}}}}}
	h := &history.History{State: history.State{FirstChecked: at(1, 0, 0), Components: []history.ComponentState{
		comp("eu", adapters.Operational), comp("me", adapters.PartialOutage), comp("us", adapters.Operational), comp("odd", ""),
	}}, Incidents: []adapters.Incident{open, silent, later}}
	status := func(s State) string {
		var out []string
		for _, c := range s.Components {
			out = append(out, c.ID+"="+string(c.Status))
		}
		return strings.Join(out, " ")
	}
	if got, want := status(StateOf(h, Check{}, true, now)), "eu=operational me=partial_outage us=operational odd=unknown"; got != want {
		t.Errorf("vendor's components: %s, want %s", got, want)
	}
	if got, want := status(StateOf(h, Check{}, false, now)), "eu=partial_outage me=operational us=major_outage odd=operational"; got != want {
		t.Errorf("derived components: %s, want %s", got, want)
	}
	if h.State.Components[1].Status != adapters.PartialOutage {
		t.Error("StateOf changed the history's components")
	}
}

// A group shows at least the worst of its live children: a child at major
// outage in a group the vendor left operational, with no incident open,
// marks the group down too; a removed child and an unknown group's
// operational children change nothing.
func TestGroupsRollUpTheirChildren(t *testing.T) {
	now := at(30, 18, 0)
	comp := func(id, group string, s adapters.Status, changed time.Time) history.ComponentState {
		return history.ComponentState{Component: adapters.Component{ID: id, Name: id, Status: s, Group: group == "", GroupID: group}, LastChanged: changed}
	}
	gone := comp("gone", "api", adapters.MajorOutage, at(29, 0, 0))
	gone.RemovedAt = at(29, 1, 0)
	h := &history.History{State: history.State{FirstChecked: at(1, 0, 0), Status: adapters.PartialOutage, Components: []history.ComponentState{
		comp("api", "", adapters.Operational, at(1, 0, 0)),
		comp("rest", "api", adapters.Degraded, at(30, 9, 0)),
		comp("graphql", "api", adapters.MajorOutage, at(30, 10, 0)),
		comp("web", "", adapters.Operational, at(1, 0, 0)),
		comp("pages", "web", adapters.Operational, at(1, 0, 0)),
		gone,
		comp("odd", "", "", time.Time{}),
		comp("child", "odd", adapters.Operational, at(1, 0, 0)),
	}}}
	got := map[string]history.ComponentState{}
	for _, c := range StateOf(h, Check{}, true, now).Components {
		got[c.ID] = c
	}
	for id, want := range map[string]adapters.Status{"api": adapters.MajorOutage, "graphql": adapters.MajorOutage, "rest": adapters.Degraded, "web": adapters.Operational, "odd": adapters.Unknown} {
		if got[id].Status != want {
			t.Errorf("%s = %s, want %s", id, got[id].Status, want)
		}
	}
	if !got["api"].LastChanged.Equal(at(30, 10, 0)) {
		t.Errorf("rolled-up group changed %s, want its child's change", got["api"].LastChanged)
	}
}
