package history

import (
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/internal/testfs"
)

// sim is a random upstream status page that evolves over time: incidents
// appear, get updates, edits, deletions of updates, reschedules and
// resolutions; components change status, vanish and come back. Its
// snapshots are what a vendor would serve: a window of the newest
// incidents, in random order, with times in random zone offsets, sometimes
// with duplicated or stale entries, sometimes empty.
type sim struct {
	r       *rand.Rand
	now     time.Time
	step    int
	nextID  int
	incs    []*simInc
	comps   []adapters.Component
	gone    []adapters.Component // components removed upstream, may return
	overall adapters.Status
	// noZero gives every incident an UpdatedAt and disables stale copies,
	// for the convergence property, which is only claimed for that case.
	noZero bool
}

type simInc struct {
	cur       adapters.Incident
	prev      *adapters.Incident // the version before the last edit step
	editStep  int
	noUpdated bool // this vendor never sends UpdatedAt for it
	updates   int
}

var zones = []*time.Location{
	time.UTC,
	time.FixedZone("PST", -8*3600),
	time.FixedZone("EDT", -4*3600),
	time.FixedZone("CET", 3600),
	time.FixedZone("IST", 5*3600+1800),
	time.FixedZone("JST", 9*3600),
}

var statuses = []adapters.Status{adapters.Operational, adapters.Operational, adapters.Degraded,
	adapters.PartialOutage, adapters.MajorOutage, adapters.Maintenance}

func newSim(seed uint64, noZero bool) *sim {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	// Start close to a new year so that sequences cross year files.
	s := &sim{r: r, noZero: noZero, overall: adapters.Operational,
		now: time.Date(2024, 12, 31, 12, 0, 0, r.IntN(1000)*int(time.Millisecond), time.UTC)}
	groups := 1 + r.IntN(2)
	for g := range groups {
		gid := fmt.Sprintf("grp%d", g)
		s.comps = append(s.comps, adapters.Component{ID: gid, Name: "Group " + gid, Group: true, Position: g + 1, Status: adapters.Operational})
		for c := range 1 + r.IntN(3) {
			s.comps = append(s.comps, adapters.Component{ID: fmt.Sprintf("%s-c%d", gid, c), Name: fmt.Sprintf("API %d", c),
				GroupID: gid, Position: c + 1, Status: adapters.Operational})
		}
	}
	for c := range 1 + r.IntN(3) {
		s.comps = append(s.comps, adapters.Component{ID: fmt.Sprintf("top%d", c), Name: "Website", Position: groups + c + 1,
			Status: adapters.Operational, UpdatedAt: s.now.Add(-time.Hour)})
	}
	return s
}

// chance reports true with probability p.
func (s *sim) chance(p float64) bool { return s.r.Float64() < p }

func (s *sim) advance() {
	s.step++
	s.now = s.now.Add(time.Duration(10+s.r.IntN(600)) * time.Minute)
	if s.chance(0.6) {
		s.newIncident()
	}
	for _, in := range s.incs {
		s.evolve(in)
	}
	s.evolveComponents()
}

func (s *sim) newIncident() {
	s.nextID++
	in := &simInc{noUpdated: !s.noZero && s.chance(0.1), editStep: s.step}
	start := s.now.Add(-time.Duration(s.r.IntN(90)) * time.Minute)
	if s.chance(0.05) {
		start = s.now.AddDate(0, 0, -1-s.r.IntN(500)) // backfilled by the vendor
	}
	in.cur = adapters.Incident{
		ID: fmt.Sprintf("inc%03d", s.nextID), Kind: adapters.KindIncident,
		Title: fmt.Sprintf("Elevated errors %d", s.r.IntN(1000)), Impact: adapters.ImpactMinor,
		Status: "investigating", CreatedAt: start, StartedAt: start,
		URL:     fmt.Sprintf("https://status.example.com/incidents/inc%03d", s.nextID),
		Updates: []adapters.Update{},
	}
	if s.chance(0.2) {
		in.cur.Kind = adapters.KindMaintenance
		in.cur.Impact = adapters.ImpactMaintenance
		in.cur.Status = "scheduled"
		in.cur.StartedAt = time.Time{}
		in.cur.CreatedAt = s.now
		in.cur.ScheduledFor = s.now.Add(time.Duration(1+s.r.IntN(72)) * time.Hour)
		in.cur.ScheduledUntil = in.cur.ScheduledFor.Add(2 * time.Hour)
	}
	if s.chance(0.5) {
		c := s.comps[s.r.IntN(len(s.comps))]
		in.cur.Components = []adapters.ComponentRef{{ID: c.ID, Name: c.Name, Status: adapters.Degraded}}
	}
	s.addUpdate(in)
	if !in.noUpdated {
		in.cur.UpdatedAt = s.now
	}
	s.incs = append(s.incs, in)
}

func (s *sim) addUpdate(in *simInc) {
	in.updates++
	in.cur.Updates = append([]adapters.Update{{
		ID: fmt.Sprintf("%s-u%d", in.cur.ID, in.updates), Status: in.cur.Status,
		Body:      fmt.Sprintf("We are looking into it <br /> & more %d.", s.r.IntN(100)),
		CreatedAt: s.now.Add(-time.Duration(s.r.IntN(600)) * time.Second),
	}}, in.cur.Updates...)
}

// edit records the version before this step's first edit (for stale
// duplicates) and bumps UpdatedAt.
func (s *sim) edit(in *simInc) {
	if in.editStep != s.step {
		prev := cloneIncident(in.cur)
		in.prev = &prev
		in.editStep = s.step
	}
	if !in.noUpdated {
		in.cur.UpdatedAt = s.now
	}
}

func (s *sim) evolve(in *simInc) {
	open := in.cur.ResolvedAt.IsZero()
	if open && s.chance(0.3) {
		s.edit(in)
		s.addUpdate(in)
	}
	if s.chance(0.08) {
		s.edit(in)
		in.cur.Title = fmt.Sprintf("Edited title %d", s.r.IntN(1000))
		in.cur.Impact = []adapters.Impact{adapters.ImpactMinor, adapters.ImpactMajor, adapters.ImpactCritical}[s.r.IntN(3)]
	}
	if len(in.cur.Updates) > 0 && s.chance(0.05) {
		s.edit(in)
		in.cur.Updates[s.r.IntN(len(in.cur.Updates))].Body = fmt.Sprintf("Corrected text %d", s.r.IntN(1000))
	}
	if len(in.cur.Updates) > 1 && s.chance(0.05) {
		s.edit(in)
		i := s.r.IntN(len(in.cur.Updates))
		in.cur.Updates = slices.Delete(in.cur.Updates, i, i+1)
	}
	if s.chance(0.04) {
		// A reschedule or corrected start can move the incident's year.
		s.edit(in)
		d := time.Duration(s.r.IntN(81)-40) * 24 * time.Hour
		if in.cur.Kind == adapters.KindMaintenance {
			in.cur.ScheduledFor = in.cur.ScheduledFor.Add(d)
		} else {
			in.cur.StartedAt = in.cur.StartedAt.Add(d)
		}
	}
	if open && s.chance(0.15) {
		s.edit(in)
		in.cur.Status = "resolved"
		in.cur.ResolvedAt = s.now
		s.addUpdate(in)
	}
}

func (s *sim) evolveComponents() {
	for i := range s.comps {
		if s.chance(0.15) {
			s.comps[i].Status = statuses[s.r.IntN(len(statuses))]
			switch {
			case s.chance(0.7):
				s.comps[i].UpdatedAt = s.now.Add(-time.Duration(s.r.IntN(300)) * time.Second)
			case s.chance(0.5):
				s.comps[i].UpdatedAt = time.Time{}
			}
		}
	}
	if len(s.comps) > 1 && s.chance(0.04) {
		i := s.r.IntN(len(s.comps))
		s.gone = append(s.gone, s.comps[i])
		s.comps = slices.Delete(s.comps, i, i+1)
	}
	if len(s.gone) > 0 && s.chance(0.1) {
		s.comps = append(s.comps, s.gone[0])
		s.gone = s.gone[1:]
	}
	if s.chance(0.03) {
		s.nextID++
		s.comps = append(s.comps, adapters.Component{ID: fmt.Sprintf("new%d", s.nextID), Name: "New thing",
			Position: 50, Status: statuses[s.r.IntN(len(statuses))]})
	}
	if s.chance(0.1) {
		s.overall = statuses[s.r.IntN(len(statuses))]
	}
}

// snapshot is what the vendor serves now.
func (s *sim) snapshot() *adapters.Snapshot {
	snap := &adapters.Snapshot{FetchedAt: s.now}
	if s.chance(0.08) {
		return snap // an upstream hiccup: nothing at all
	}
	snap.Status = s.overall
	snap.StatusRaw = string(s.overall)
	snap.Description = "All good?"
	for _, c := range s.comps {
		c.UpdatedAt = s.zoned(c.UpdatedAt)
		snap.Components = append(snap.Components, c)
		if s.chance(0.05) {
			snap.Components = append(snap.Components, c)
		}
	}
	window := slices.Clone(s.incs)
	slices.SortFunc(window, func(a, b *simInc) int { return Start(&b.cur).Compare(Start(&a.cur)) })
	window = window[:min(len(window), 3+s.r.IntN(6))]
	for _, in := range window {
		snap.Incidents = append(snap.Incidents, s.served(in.cur))
		if s.chance(0.1) {
			dup := in.cur
			if in.prev != nil && !s.noZero && !in.prev.UpdatedAt.IsZero() && in.prev.UpdatedAt.Before(in.cur.UpdatedAt) {
				dup = *in.prev // a stale copy from a lagging cache
			}
			snap.Incidents = append(snap.Incidents, s.served(dup))
		}
	}
	s.r.Shuffle(len(snap.Incidents), func(i, j int) {
		snap.Incidents[i], snap.Incidents[j] = snap.Incidents[j], snap.Incidents[i]
	})
	s.r.Shuffle(len(snap.Components), func(i, j int) {
		snap.Components[i], snap.Components[j] = snap.Components[j], snap.Components[i]
	})
	return snap
}

// served is a deep copy of in as the vendor serves it: every time in some
// zone offset, updates sometimes out of order.
func (s *sim) served(in adapters.Incident) adapters.Incident {
	out := cloneIncident(in)
	for _, t := range []*time.Time{&out.CreatedAt, &out.StartedAt, &out.UpdatedAt, &out.ResolvedAt, &out.ScheduledFor, &out.ScheduledUntil} {
		*t = s.zoned(*t)
	}
	for i := range out.Updates {
		out.Updates[i].CreatedAt = s.zoned(out.Updates[i].CreatedAt)
	}
	if s.chance(0.2) {
		s.r.Shuffle(len(out.Updates), func(i, j int) { out.Updates[i], out.Updates[j] = out.Updates[j], out.Updates[i] })
	}
	return out
}

func (s *sim) zoned(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.In(zones[s.r.IntN(len(zones))])
}

// cloneDeep copies h so that no later change to h shows in the copy.
func cloneDeep(h *History) *History {
	c := *h
	c.State.Components = slices.Clone(h.State.Components)
	c.Events = slices.Clone(h.Events)
	c.Incidents = nil
	for _, in := range h.Incidents {
		in = cloneIncident(in)
		for i := range in.Updates {
			in.Updates[i].Components = slices.Clone(in.Updates[i].Components)
		}
		c.Incidents = append(c.Incidents, in)
	}
	return &c
}

func cloneIncident(in adapters.Incident) adapters.Incident {
	in.Components = slices.Clone(in.Components)
	in.Updates = slices.Clone(in.Updates)
	return in
}

// sequence generates the snapshots of one random run.
func sequence(seed uint64, steps int, noZero bool) []*adapters.Snapshot {
	s := newSim(seed, noZero)
	var out []*adapters.Snapshot
	for range steps {
		s.advance()
		out = append(out, s.snapshot())
	}
	return out
}

// roundTrip encodes h, loads it back from memory and returns the result.
func roundTrip(t *testing.T, h *History) *History {
	t.Helper()
	files, err := encodeFiles(h)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	fsys := fstest.MapFS{}
	for name, b := range files {
		fsys[h.Slug+"/"+name] = &fstest.MapFile{Data: b}
	}
	got, err := Load(fsys, h.Slug)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return got
}

func mustEncode(t *testing.T, h *History) map[string][]byte {
	t.Helper()
	files, err := encodeFiles(h)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return files
}

// seen accumulates every incident and update id a run has been shown.
type seen map[string]map[string]bool

func (s seen) add(snap *adapters.Snapshot) {
	for _, in := range snap.Incidents {
		if s[in.ID] == nil {
			s[in.ID] = map[string]bool{}
		}
		for _, u := range in.Updates {
			s[in.ID][u.ID] = true
		}
	}
}

// checkNothingLost asserts every id ever seen is present exactly once.
func checkNothingLost(t *testing.T, h *History, ids seen) {
	t.Helper()
	byID := map[string]*adapters.Incident{}
	for i := range h.Incidents {
		in := &h.Incidents[i]
		if byID[in.ID] != nil {
			t.Fatalf("incident %s twice", in.ID)
		}
		byID[in.ID] = in
		us := map[string]bool{}
		for _, u := range in.Updates {
			if us[u.ID] {
				t.Fatalf("incident %s: update %s twice", in.ID, u.ID)
			}
			us[u.ID] = true
		}
	}
	for id, updates := range ids {
		in := byID[id]
		if in == nil {
			t.Fatalf("incident %s was lost", id)
		}
		for uid := range updates {
			if !slices.ContainsFunc(in.Updates, func(u adapters.Update) bool { return u.ID == uid }) {
				t.Fatalf("incident %s: update %s was lost", id, uid)
			}
		}
	}
}

// expectedEvents counts the status changes snap shows against h's state.
func expectedEvents(h *History, snap *adapters.Snapshot) int {
	n := 0
	if snap.Status != "" && h.State.Status != "" && snap.Status != h.State.Status {
		n++
	}
	last := map[string]adapters.Status{}
	for _, c := range snap.Components {
		last[c.ID] = c.Status
	}
	for _, c := range h.State.Components {
		if st, ok := last[c.ID]; ok && st != c.Status {
			n++
		}
	}
	return n
}

// checkLatestWins asserts that each incident the snapshot serves with a
// known UpdatedAt is stored as the vendor's current version says.
func checkLatestWins(t *testing.T, h *History, snap *adapters.Snapshot) {
	t.Helper()
	newest := map[string]adapters.Incident{}
	for _, in := range snap.Incidents {
		if old, ok := newest[in.ID]; !ok || in.UpdatedAt.After(old.UpdatedAt) {
			newest[in.ID] = in
		}
	}
	for i := range h.Incidents {
		got := &h.Incidents[i]
		want, ok := newest[got.ID]
		if !ok || want.UpdatedAt.IsZero() {
			continue
		}
		if got.Title != want.Title || got.Impact != want.Impact || !got.UpdatedAt.Equal(want.UpdatedAt) || !Start(got).Equal(Start(&want)) {
			t.Fatalf("incident %s: stored %q %s %s, vendor's latest %q %s %s", got.ID, got.Title, got.Impact, got.UpdatedAt,
				want.Title, want.Impact, want.UpdatedAt)
		}
		for _, wu := range want.Updates {
			for _, gu := range got.Updates {
				if gu.ID == wu.ID && gu.Body != wu.Body {
					t.Fatalf("incident %s update %s: stored %q, vendor's latest %q", got.ID, gu.ID, gu.Body, wu.Body)
				}
			}
		}
	}
}

// runSequence merges snaps one by one, checking every property after each
// merge, and returns the final history.
func runSequence(t *testing.T, slug string, snaps []*adapters.Snapshot, saveDir string) *History {
	t.Helper()
	h := &History{Slug: slug}
	ids := seen{}
	for i, snap := range snaps {
		want := expectedEvents(h, snap)
		before := len(h.Events)
		Merge(h, snap)
		ids.add(snap)
		checkNothingLost(t, h, ids)
		checkLatestWins(t, h, snap)
		if got := len(h.Events) - before; got != want {
			t.Fatalf("step %d: %d new events, want %d", i, got, want)
		}
		for _, e := range h.Events {
			if e.From == e.To {
				t.Fatalf("step %d: event without a change: %+v", i, e)
			}
		}
		kept := cloneDeep(h)
		if Merge(h, snap) {
			t.Fatalf("step %d: merging the same snapshot again reported a change", i)
		}
		if !reflect.DeepEqual(kept, h) {
			t.Fatalf("step %d: merging the same snapshot again changed the history: %s", i, firstDiff(kept, h))
		}
		if got := roundTrip(t, h); !reflect.DeepEqual(got, h) {
			t.Fatalf("step %d: Load(Save(h)) differs from h: %s", i, firstDiff(got, h))
		}
		if saveDir != "" {
			if _, err := Save(saveDir, h); err != nil {
				t.Fatalf("step %d: save: %v", i, err)
			}
		}
	}
	return h
}

// TestMergeProperties runs many random histories through every property of
// the merge: nothing lost, latest wins, idempotence, lossless round trip,
// events only on change.
func TestMergeProperties(t *testing.T) {
	iterations := 500
	if testing.Short() || raceEnabled {
		iterations = 60
	}
	for seed := range uint64(iterations) {
		snaps := sequence(seed, 5+int(seed%20), false)
		// Saving at every step exercises year moves and stale files on
		// disk; it costs fsyncs, so only some seeds do it.
		dir := ""
		if seed%25 == 0 {
			dir = t.TempDir()
		}
		h := runSequence(t, "p", snaps, dir)
		if t.Failed() {
			t.Fatalf("seed %d failed", seed)
		}
		if dir == "" {
			continue
		}
		got, err := Load(os.DirFS(dir), "p")
		if err != nil {
			t.Fatalf("seed %d: load: %v", seed, err)
		}
		if !reflect.DeepEqual(got, h) {
			t.Fatalf("seed %d: loaded history differs from the merged one: %s", seed, firstDiff(got, h))
		}
		if wrote, err := Save(dir, h); err != nil || len(wrote) != 0 {
			t.Fatalf("seed %d: second save wrote %v, %v", seed, wrote, err)
		}
	}
}

// TestMergeDeterministic runs the same random sequence twice and expects
// the same bytes on disk.
func TestMergeDeterministic(t *testing.T) {
	for seed := range uint64(20) {
		snaps := sequence(seed, 30, false)
		a, b := t.TempDir(), t.TempDir()
		for _, run := range []struct {
			dir   string
			snaps []*adapters.Snapshot
		}{{a, snaps}, {b, sequence(seed, 30, false)}} {
			h := &History{Slug: "p"}
			for _, snap := range run.snaps {
				Merge(h, snap)
			}
			if _, err := Save(run.dir, h); err != nil {
				t.Fatal(err)
			}
		}
		if fa, fb := testfs.Text(t, a), testfs.Text(t, b); !reflect.DeepEqual(fa, fb) {
			t.Fatalf("seed %d: two runs of the same sequence wrote different files", seed)
		}
	}
}

// TestMergeConverges merges two fetches in both orders; when the later
// fetch's incidents carry newer UpdatedAt, incidents end up the same.
func TestMergeConverges(t *testing.T) {
	for seed := range uint64(300) {
		s := newSim(seed, true)
		for range 1 + int(seed%8) {
			s.advance()
		}
		a := s.snapshot()
		s.advance()
		b := s.snapshot()
		ab, ba := &History{Slug: "p"}, &History{Slug: "p"}
		Merge(ab, a)
		Merge(ab, b)
		Merge(ba, b)
		Merge(ba, a)
		if !reflect.DeepEqual(ab.Incidents, ba.Incidents) {
			t.Fatalf("seed %d: merge order changed the incidents", seed)
		}
	}
}

// firstDiff names the first part in which two histories differ, to keep
// failure messages readable.
func firstDiff(a, b *History) string {
	switch {
	case a.Slug != b.Slug:
		return fmt.Sprintf("slug %q vs %q", a.Slug, b.Slug)
	case !reflect.DeepEqual(a.State, b.State):
		return fmt.Sprintf("state\n%+v\n%+v", a.State, b.State)
	case len(a.Events) != len(b.Events) || len(a.Incidents) != len(b.Incidents):
		return fmt.Sprintf("%d/%d events, %d/%d incidents", len(a.Events), len(b.Events), len(a.Incidents), len(b.Incidents))
	}
	for i := range a.Events {
		if !reflect.DeepEqual(a.Events[i], b.Events[i]) {
			return fmt.Sprintf("event %d\n%+v\n%+v", i, a.Events[i], b.Events[i])
		}
	}
	for i := range a.Incidents {
		if !reflect.DeepEqual(a.Incidents[i], b.Incidents[i]) {
			return fmt.Sprintf("incident %d\n%+v\n%+v", i, a.Incidents[i], b.Incidents[i])
		}
	}
	return "nil vs empty slices"
}
