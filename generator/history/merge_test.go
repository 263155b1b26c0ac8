package history

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
)

var t0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

func at(minutes int) time.Time { return t0.Add(time.Duration(minutes) * time.Minute) }

func upd(id string, created time.Time, body string) adapters.Update {
	return adapters.Update{ID: id, Status: "investigating", Body: body, CreatedAt: created}
}

func inc(id string, start time.Time, updates ...adapters.Update) adapters.Incident {
	return adapters.Incident{ID: id, Kind: adapters.KindIncident, Title: "Incident " + id, Impact: adapters.ImpactMinor,
		Status: "investigating", CreatedAt: start, StartedAt: start, UpdatedAt: start, Updates: updates}
}

func snapOf(fetched time.Time, incs ...adapters.Incident) *adapters.Snapshot {
	return &adapters.Snapshot{FetchedAt: fetched, Status: adapters.Operational, Incidents: incs}
}

func comp(id string, st adapters.Status, updated time.Time) adapters.Component {
	return adapters.Component{ID: id, Name: "Comp " + id, Status: st, UpdatedAt: updated}
}

func ids(h *History) []string {
	var out []string
	for _, in := range h.Incidents {
		out = append(out, in.ID)
	}
	return out
}

func find(t *testing.T, h *History, id string) *adapters.Incident {
	t.Helper()
	for i := range h.Incidents {
		if h.Incidents[i].ID == id {
			return &h.Incidents[i]
		}
	}
	t.Fatalf("incident %s missing; have %v", id, ids(h))
	return nil
}

func updateBodies(in *adapters.Incident) []string {
	var out []string
	for _, u := range in.Updates {
		out = append(out, u.ID+"="+u.Body)
	}
	return out
}

func TestMergeWindowDropsOldIncidents(t *testing.T) {
	h := &History{Slug: "p"}
	a, b, c, d := inc("a", at(0)), inc("b", at(10)), inc("c", at(20)), inc("d", at(30))
	if !Merge(h, snapOf(at(25), c, a, b)) {
		t.Fatal("first merge reported no change")
	}
	if !Merge(h, snapOf(at(35), d, c, b)) {
		t.Fatal("a new incident reported no change")
	}
	if got, want := ids(h), []string{"d", "c", "b", "a"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("incidents %v, want %v (newest first, the dropped one kept)", got, want)
	}
	if Merge(h, snapOf(at(45), d, c, b)) {
		t.Fatal("the same window again reported a change")
	}
}

func TestMergeLatestWins(t *testing.T) {
	var zero time.Time
	tests := []struct {
		name              string
		stored, incoming  time.Time
		wantTitle         string
		wantChangedReport bool
	}{
		{"newer edit applies", at(10), at(20), "edited", true},
		{"tie goes to the incoming copy", at(10), at(10), "edited", true},
		{"older copy loses", at(20), at(10), "original", false},
		{"unknown stored time", zero, at(10), "edited", true},
		{"unknown incoming time", at(10), zero, "edited", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := &History{Slug: "p"}
			orig := inc("x", at(0))
			orig.Title, orig.UpdatedAt = "original", tt.stored
			Merge(h, snapOf(at(30), orig))
			edit := orig
			edit.Title, edit.UpdatedAt = "edited", tt.incoming
			edit.Impact = adapters.ImpactMajor
			if got := Merge(h, snapOf(at(40), edit)); got != tt.wantChangedReport {
				t.Fatalf("Merge = %v, want %v", got, tt.wantChangedReport)
			}
			if got := find(t, h, "x").Title; got != tt.wantTitle {
				t.Fatalf("title %q, want %q", got, tt.wantTitle)
			}
		})
	}
}

func TestMergeUpdates(t *testing.T) {
	h := &History{Slug: "p"}
	first := inc("x", at(0), upd("u2", at(5), "second"), upd("u1", at(1), "first"))
	Merge(h, snapOf(at(6), first))

	// Upstream edits u2, drops u1 and adds u3: u1 stays with us.
	next := inc("x", at(0), upd("u3", at(9), "third"), upd("u2", at(5), "second, corrected"))
	next.UpdatedAt = at(9)
	if !Merge(h, snapOf(at(10), next)) {
		t.Fatal("new and edited updates reported no change")
	}
	want := []string{"u3=third", "u2=second, corrected", "u1=first"}
	if got := updateBodies(find(t, h, "x")); !reflect.DeepEqual(got, want) {
		t.Fatalf("updates %v, want %v", got, want)
	}

	// A lagging cache serves the older copy: it adds nothing and replaces nothing.
	if Merge(h, snapOf(at(11), first)) {
		t.Fatal("an older copy reported a change")
	}
	if got := updateBodies(find(t, h, "x")); !reflect.DeepEqual(got, want) {
		t.Fatalf("after an older copy: updates %v, want %v", got, want)
	}
}

func TestMergeUpdateOrderTies(t *testing.T) {
	h := &History{Slug: "p"}
	// Same CreatedAt: id order; id-less updates are kept apart by content.
	x := inc("x", at(0), upd("b", at(1), "b"), upd("a", at(1), "a"), upd("", at(2), "no id 1"), upd("", at(2), "no id 2"))
	Merge(h, snapOf(at(3), x))
	want := []string{"=no id 1", "=no id 2", "a=a", "b=b"}
	if got := updateBodies(find(t, h, "x")); !reflect.DeepEqual(got, want) {
		t.Fatalf("updates %v, want %v", got, want)
	}
}

func TestMergeDuplicatesInOneSnapshot(t *testing.T) {
	h := &History{Slug: "p"}
	a1 := inc("x", at(0), upd("u1", at(1), "one"))
	a2 := inc("x", at(0), upd("u2", at(2), "two"), upd("u1", at(1), "one"))
	a2.UpdatedAt = at(2)
	a2.Title = "newer"
	snap := snapOf(at(3), a2, a1, a2)
	Merge(h, snap)
	if len(h.Incidents) != 1 {
		t.Fatalf("%d incidents, want 1", len(h.Incidents))
	}
	x := find(t, h, "x")
	if x.Title != "newer" || len(x.Updates) != 2 {
		t.Fatalf("got %q with %v", x.Title, updateBodies(x))
	}
	if Merge(h, snap) {
		t.Fatal("the same snapshot with duplicates reported a change")
	}
}

func TestMergeTimeZones(t *testing.T) {
	h := &History{Slug: "p"}
	x := inc("x", at(0), upd("u1", at(1), "one"))
	x.Components = []adapters.ComponentRef{{ID: "b", Name: "B"}, {ID: "a", Name: "A"}}
	Merge(h, snapOf(at(2), x))

	pdt := time.FixedZone("PDT", -7*3600)
	shifted := x
	shifted.CreatedAt, shifted.StartedAt, shifted.UpdatedAt = x.CreatedAt.In(pdt), x.StartedAt.In(pdt), x.UpdatedAt.In(pdt)
	shifted.Updates = []adapters.Update{upd("u1", at(1).In(pdt), "one")}
	shifted.Components = []adapters.ComponentRef{{ID: "a", Name: "A"}, {ID: "b", Name: "B"}}
	if Merge(h, snapOf(at(60).In(pdt), shifted)) {
		t.Fatal("the same instants in another offset, components reordered, reported a change")
	}
	if got := find(t, h, "x").StartedAt; got.Location() != time.UTC {
		t.Fatalf("stored time in %v, want UTC", got.Location())
	}
}

func TestMergeComponentChange(t *testing.T) {
	var zero time.Time
	tests := []struct {
		name    string
		updated time.Time // the vendor's updated_at on the second fetch
		wantAt  time.Time
	}{
		{"vendor time after the last change", at(50), at(50)},
		{"no vendor time", zero, at(60)},
		{"vendor time not after the last change", at(5), at(60)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := &History{Slug: "p"}
			s1 := snapOf(at(30), inc("x", at(0)))
			s1.Components = []adapters.Component{comp("api", adapters.Operational, at(10))}
			Merge(h, s1)
			if len(h.Events) != 0 {
				t.Fatalf("a new component made events: %v", h.Events)
			}
			s2 := snapOf(at(60))
			s2.Components = []adapters.Component{comp("api", adapters.MajorOutage, tt.updated)}
			if !Merge(h, s2) {
				t.Fatal("a status change reported no change")
			}
			want := []Event{{At: tt.wantAt, ComponentID: "api", Name: "Comp api", From: adapters.Operational, To: adapters.MajorOutage}}
			if !reflect.DeepEqual(h.Events, want) {
				t.Fatalf("events %+v, want %+v", h.Events, want)
			}
			c := h.State.Components[0]
			if !c.LastChanged.Equal(tt.wantAt) || !c.FirstSeen.Equal(at(30)) {
				t.Fatalf("last_changed %v first_seen %v, want %v and %v", c.LastChanged, c.FirstSeen, tt.wantAt, at(30))
			}
		})
	}
}

func TestMergeNewComponent(t *testing.T) {
	h := &History{Slug: "p"}
	s := snapOf(at(30))
	s.Components = []adapters.Component{comp("a", adapters.Degraded, at(10)), comp("b", adapters.Operational, time.Time{})}
	Merge(h, s)
	if len(h.Events) != 0 {
		t.Fatalf("new components made events: %v", h.Events)
	}
	a, b := h.State.Components[0], h.State.Components[1]
	if !a.LastChanged.Equal(at(10)) || !b.LastChanged.Equal(at(30)) || !a.FirstSeen.Equal(at(30)) {
		t.Fatalf("a: last_changed %v first_seen %v; b: last_changed %v", a.LastChanged, a.FirstSeen, b.LastChanged)
	}
}

func TestMergeComponentRemovedAndBack(t *testing.T) {
	h := &History{Slug: "p"}
	s1 := snapOf(at(0))
	s1.Components = []adapters.Component{comp("a", adapters.Operational, time.Time{}), comp("b", adapters.Operational, time.Time{})}
	Merge(h, s1)

	s2 := snapOf(at(10))
	s2.Components = []adapters.Component{comp("a", adapters.Operational, time.Time{})}
	if !Merge(h, s2) {
		t.Fatal("a removal reported no change")
	}
	if b := h.State.Components[1]; b.ID != "b" || !b.RemovedAt.Equal(at(10)) {
		t.Fatalf("component b: %+v, want removed_at %v", b, at(10))
	}
	if Merge(h, &adapters.Snapshot{FetchedAt: at(15), Status: adapters.Operational, Components: s2.Components}) {
		t.Fatal("still removed reported a change")
	}

	// An empty snapshot is no information: nothing more is marked removed.
	if Merge(h, &adapters.Snapshot{FetchedAt: at(20)}) {
		t.Fatal("an empty snapshot reported a change")
	}
	if a := h.State.Components[0]; !a.RemovedAt.IsZero() {
		t.Fatalf("an empty snapshot marked %s removed", a.ID)
	}

	s3 := snapOf(at(30))
	s3.Components = []adapters.Component{comp("a", adapters.Operational, time.Time{}), comp("b", adapters.Degraded, time.Time{})}
	Merge(h, s3)
	b := h.State.Components[1]
	if !b.RemovedAt.IsZero() || b.Status != adapters.Degraded || !b.LastChanged.Equal(at(30)) {
		t.Fatalf("component b back: %+v", b)
	}
	if len(h.Events) != 1 || h.Events[0].ComponentID != "b" {
		t.Fatalf("events %+v, want one for b", h.Events)
	}
}

func TestMergeEmptySnapshotKeepsHistory(t *testing.T) {
	h := &History{Slug: "p"}
	s := snapOf(at(10), inc("x", at(0), upd("u1", at(1), "one")))
	s.Components = []adapters.Component{comp("a", adapters.Operational, time.Time{})}
	Merge(h, s)
	before := mustEncode(t, h)
	if Merge(h, &adapters.Snapshot{FetchedAt: at(20)}) {
		t.Fatal("an empty snapshot reported a change")
	}
	if after := mustEncode(t, h); !reflect.DeepEqual(before, after) {
		t.Fatal("an empty snapshot changed the files")
	}
}

func TestMergeOverallStatus(t *testing.T) {
	h := &History{Slug: "p"}
	s := snapOf(at(0))
	Merge(h, s)
	if len(h.Events) != 0 || !h.State.StatusSince.Equal(at(0)) {
		t.Fatalf("first observation: events %v, status_since %v", h.Events, h.State.StatusSince)
	}
	s2 := snapOf(at(10))
	s2.Status, s2.Description = adapters.MajorOutage, "Down"
	Merge(h, s2)
	want := []Event{{At: at(10), Name: "overall", From: adapters.Operational, To: adapters.MajorOutage}}
	if !reflect.DeepEqual(h.Events, want) || !h.State.StatusSince.Equal(at(10)) || h.State.Description != "Down" {
		t.Fatalf("events %+v, state %+v", h.Events, h.State)
	}
	// Whether the adapter derived the status follows the latest snapshot,
	// and is a change of its own.
	s3 := snapOf(at(20))
	s3.Status, s3.StatusDerived = adapters.MajorOutage, true
	if !Merge(h, s3) || !h.State.StatusDerived {
		t.Fatalf("derived status not recorded: %+v", h.State)
	}
	s4 := snapOf(at(30))
	s4.Status = adapters.MajorOutage
	if !Merge(h, s4) || h.State.StatusDerived {
		t.Fatalf("the vendor's own status again, still derived: %+v", h.State)
	}
}

func TestMergeUnchangedUpstreamWritesNoTime(t *testing.T) {
	h := &History{Slug: "p"}
	s := snapOf(at(10), inc("x", at(0)))
	s.Components = []adapters.Component{comp("a", adapters.Operational, at(1))}
	Merge(h, s)
	before := mustEncode(t, h)
	later := *s
	later.FetchedAt = at(500)
	if Merge(h, &later) {
		t.Fatal("a later fetch of the same upstream reported a change")
	}
	if after := mustEncode(t, h); !reflect.DeepEqual(before, after) {
		t.Fatal("a later fetch of the same upstream changed the files")
	}
}

// A vendor that moves a component's updated_at without changing its
// status (some touch every component on each publish) changes nothing we
// keep: the stored time only dates the next status change, so rewriting
// it would make a commit every run.
func TestMergeComponentTouchedWritesNothing(t *testing.T) {
	h := &History{Slug: "p"}
	s := snapOf(at(10))
	s.Components = []adapters.Component{comp("a", adapters.Operational, at(1))}
	Merge(h, s)
	before := mustEncode(t, h)
	touched := snapOf(at(25))
	touched.Components = []adapters.Component{comp("a", adapters.Operational, at(20))}
	if Merge(h, touched) {
		t.Error("a touched component reported a change")
	}
	if after := mustEncode(t, h); !reflect.DeepEqual(before, after) {
		t.Error("a touched component changed the files")
	}
	down := snapOf(at(40))
	down.Components = []adapters.Component{comp("a", adapters.MajorOutage, at(35))}
	if !Merge(h, down) || len(h.Events) != 1 || !h.Events[0].At.Equal(at(35)) {
		t.Errorf("the next change is dated by the vendor: %+v", h.Events)
	}
}

func TestMergeFirstCheckedAndKnownSince(t *testing.T) {
	h := &History{Slug: "p"}
	old := inc("old", at(-600))
	maint := inc("m", at(-9000))
	maint.Kind = adapters.KindMaintenance
	Merge(h, snapOf(at(0), inc("new", at(-5)), old, maint))
	if !h.State.FirstChecked.Equal(at(0)) {
		t.Fatalf("first_checked %v, want %v", h.State.FirstChecked, at(0))
	}
	// Maintenance windows come from another list: they do not bound it.
	if !h.State.KnownSince.Equal(at(-600)) {
		t.Fatalf("known_since %v, want the oldest incident start %v", h.State.KnownSince, at(-600))
	}
	Merge(h, snapOf(at(100), inc("newer", at(90))))
	if !h.State.FirstChecked.Equal(at(0)) || !h.State.KnownSince.Equal(at(-600)) {
		t.Fatalf("later merge moved first_checked %v or known_since %v", h.State.FirstChecked, h.State.KnownSince)
	}
	// A vendor backfilling an older incident extends what its list covers.
	Merge(h, snapOf(at(200), inc("backfilled", at(-1000))))
	if !h.State.KnownSince.Equal(at(-1000)) {
		t.Fatalf("known_since %v, want %v", h.State.KnownSince, at(-1000))
	}

	empty := &History{Slug: "q"}
	Merge(empty, &adapters.Snapshot{FetchedAt: at(0)})
	if !empty.State.KnownSince.Equal(at(0)) || !empty.State.FirstChecked.Equal(at(0)) {
		t.Fatalf("no incidents: known_since %v first_checked %v, want the fetch time", empty.State.KnownSince, empty.State.FirstChecked)
	}
}

func TestMergeComponentOrder(t *testing.T) {
	h := &History{Slug: "p"}
	s := snapOf(at(0))
	s.Components = []adapters.Component{
		{ID: "c2", Name: "Child 2", GroupID: "g1", Position: 2, Status: adapters.Operational},
		{ID: "top", Name: "Top", Position: 1, Status: adapters.Operational},
		{ID: "g1", Name: "Group", Group: true, Position: 2, Status: adapters.Operational},
		{ID: "c1", Name: "Child 1", GroupID: "g1", Position: 1, Status: adapters.Operational},
		{ID: "orphan", Name: "Orphan", GroupID: "gone", Position: 3, Status: adapters.Operational},
		{ID: "self", Name: "Self", GroupID: "self", Position: 0, Status: adapters.Operational},
	}
	Merge(h, s)
	var got []string
	for _, c := range h.State.Components {
		got = append(got, c.ID)
	}
	if want := []string{"self", "top", "g1", "c1", "c2", "orphan"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
}

func TestMergeIgnoresItemsWithoutID(t *testing.T) {
	h := &History{Slug: "p"}
	s := snapOf(at(0), inc("", at(0)))
	s.Components = []adapters.Component{comp("", adapters.Operational, time.Time{})}
	Merge(h, s)
	if len(h.Incidents) != 0 || len(h.State.Components) != 0 {
		t.Fatalf("kept items without id: %v %v", h.Incidents, h.State.Components)
	}
}

func TestMergeDoesNotModifySnapshot(t *testing.T) {
	pdt := time.FixedZone("PDT", -7*3600)
	x := inc("x", at(0).In(pdt), upd("b", at(1).In(pdt), "b"), upd("a", at(2).In(pdt), "a"))
	s := snapOf(at(3), x)
	b, _ := json.Marshal(s)
	Merge(&History{Slug: "p"}, s)
	if after, _ := json.Marshal(s); string(after) != string(b) {
		t.Fatalf("Merge modified its snapshot:\n%s\n%s", b, after)
	}
}

func TestMergeDoesNotShareMemoryWithSnapshot(t *testing.T) {
	x := inc("x", at(0), upd("u1", at(1), "one"))
	x.Components = []adapters.ComponentRef{{ID: "a", Name: "A"}}
	s := snapOf(at(3), x)
	h := &History{Slug: "p"}
	Merge(h, s)
	s.Incidents[0].Updates[0].Body = "reused buffer"
	s.Incidents[0].Components[0].Name = "reused buffer"
	if got := find(t, h, "x"); got.Updates[0].Body != "one" || got.Components[0].Name != "A" {
		t.Fatalf("changing the snapshot after Merge changed the history: %+v", got)
	}
}

// FuzzMerge decodes arbitrary bytes as a snapshot and checks that merging
// never panics, that a second merge changes nothing, and that the result
// survives a save and load unchanged.
func FuzzMerge(f *testing.F) {
	for seed := range uint64(4) {
		for _, snap := range sequence(seed, 4, false) {
			b, err := json.Marshal(snap)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Add([]byte(`{"fetched_at":"0000-01-01T00:00:00+01:00","status":"","incidents":[{"id":"a","started_at":"9999-12-31T23:00:00-05:00","updates":null}]}`))
	f.Add([]byte(`{"components":[{"id":"a","group_id":"b"},{"id":"b","group_id":"a"},{"id":"a","status":"degraded"}]}`))
	f.Add([]byte(`{"incidents":[{"id":"x","title":"1","updates":[{"body":"same"},{"body":"same"},{"id":"u"}]},{"id":"x","title":"2"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var snap adapters.Snapshot
		if json.Unmarshal(data, &snap) != nil {
			return
		}
		h := &History{Slug: "fuzz"}
		Merge(h, &snap)
		first := mustEncode(t, h)
		if Merge(h, &snap) {
			t.Fatal("second merge of the same snapshot reported a change")
		}
		if again := mustEncode(t, h); !reflect.DeepEqual(first, again) {
			t.Fatal("second merge of the same snapshot changed the files")
		}
		if got := roundTrip(t, h); !reflect.DeepEqual(got, h) {
			t.Fatalf("Load(Save(h)) differs: %s", firstDiff(got, h))
		}
	})
}

// BenchmarkMerge merges the newest 50 incidents with 5 updates each into a
// history of 1000 incidents, unchanged (the usual run) and edited.
func BenchmarkMerge(b *testing.B) {
	build := func() (*History, *adapters.Snapshot) {
		var all []adapters.Incident
		for i := range 1000 {
			start := at(-60 * i)
			var us []adapters.Update
			for u := range 5 {
				us = append(us, upd(fmt.Sprintf("i%d-u%d", i, u), start.Add(time.Duration(u)*time.Minute), "Body text of the update."))
			}
			all = append(all, inc(fmt.Sprintf("i%04d", i), start, us...))
		}
		h := &History{Slug: "bench"}
		Merge(h, snapOf(at(0), all...))
		return h, snapOf(at(1), all[:50]...)
	}
	b.Run("unchanged", func(b *testing.B) {
		h, snap := build()
		for b.Loop() {
			Merge(h, snap)
		}
	})
	b.Run("edited", func(b *testing.B) {
		h, snap := build()
		n := 0
		for b.Loop() {
			n++
			for i := range snap.Incidents {
				snap.Incidents[i].UpdatedAt = at(n)
				snap.Incidents[i].Title = fmt.Sprint("edit ", n)
			}
			if !Merge(h, snap) {
				b.Fatal("an edit reported no change")
			}
		}
	})
}
