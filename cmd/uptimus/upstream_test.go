package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/synth"
)

// upstream is the chaos test's model of every provider's status page: it
// changes as real pages do, and remembers everything it ever served.
type upstream struct {
	rng   *rand.Rand
	slugs []string
	snaps map[string]*adapters.Snapshot
	seen  map[string]*served
	next  int
}

// served is everything one page has ever served.
type served struct {
	titles   map[string]map[string]bool          // incident id → titles
	updates  map[string]map[string]bool          // incident id → update ids
	statuses map[string]map[adapters.Status]bool // component id ("" overall) → statuses
}

// newUpstream starts from the committed history in data: what the pages
// served before, and serve now.
func newUpstream(t *testing.T, data string, seed uint64) *upstream {
	t.Helper()
	u := &upstream{rng: rand.New(rand.NewPCG(seed, 7)), snaps: map[string]*adapters.Snapshot{}, seen: map[string]*served{}}
	entries, err := os.ReadDir(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		h, err := history.Load(os.DirFS(data), e.Name())
		if err != nil {
			t.Fatal(err)
		}
		u.slugs = append(u.slugs, e.Name())
		u.seen[e.Name()] = &served{titles: map[string]map[string]bool{}, updates: map[string]map[string]bool{},
			statuses: map[string]map[adapters.Status]bool{}}
		snap := synth.Upstream(h)
		u.snaps[e.Name()] = snap
		u.record(e.Name()) // what the committed history was made of
		overall(snap)
		u.record(e.Name())
	}
	return u
}

// advance makes each page change in one random way, as of now.
func (u *upstream) advance(now time.Time) {
	for _, slug := range u.slugs {
		s := u.snaps[slug]
		switch u.rng.IntN(6) {
		case 0:
			u.newIncident(s, now)
		case 1:
			u.updateIncident(s, now)
		case 2:
			c := &s.Components[u.rng.IntN(len(s.Components))]
			c.Status = []adapters.Status{adapters.Operational, adapters.Degraded, adapters.PartialOutage, adapters.MajorOutage}[u.rng.IntN(4)]
			c.UpdatedAt = []time.Time{now, {}}[u.rng.IntN(2)]
		case 3: // deleted upstream: our history keeps it
			if len(s.Incidents) > 0 {
				i := u.rng.IntN(len(s.Incidents))
				s.Incidents = slices.Delete(slices.Clone(s.Incidents), i, i+1)
			}
		case 4:
			if len(s.Incidents) > 0 {
				in := &s.Incidents[u.rng.IntN(len(s.Incidents))]
				in.Title, in.UpdatedAt = fmt.Sprintf("%s (edited %s)", in.Title, now.Format("15:04")), now
			}
		}
		overall(s)
		u.record(slug)
	}
}

func (u *upstream) newIncident(s *adapters.Snapshot, now time.Time) {
	u.next++
	id := fmt.Sprintf("chaos%04d", u.next)
	c := s.Components[u.rng.IntN(len(s.Components))]
	began := now.Add(-5 * time.Minute)
	s.Incidents = append(slices.Clone(s.Incidents), adapters.Incident{ID: id, Kind: adapters.KindIncident,
		Title: "Errors on " + c.Name, Impact: adapters.ImpactMinor, Status: "investigating", CreatedAt: began, StartedAt: began,
		UpdatedAt: now, Components: []adapters.ComponentRef{{ID: c.ID, Name: c.Name}},
		Updates: []adapters.Update{{ID: id + "-u0", Status: "investigating", Body: "We are looking into it.", CreatedAt: began}}})
}

// updateIncident adds an update to an open incident, resolving it half
// the time.
func (u *upstream) updateIncident(s *adapters.Snapshot, now time.Time) {
	var open []int
	for i := range s.Incidents {
		if s.Incidents[i].Kind == adapters.KindIncident && s.Incidents[i].Open() {
			open = append(open, i)
		}
	}
	if len(open) == 0 {
		return
	}
	in := &s.Incidents[open[u.rng.IntN(len(open))]]
	st := []string{"monitoring", "resolved"}[u.rng.IntN(2)]
	in.Updates = append(slices.Clone(in.Updates), adapters.Update{ID: fmt.Sprintf("%s-u%d", in.ID, len(in.Updates)),
		Status: st, Body: "An update.", CreatedAt: now})
	in.Status, in.UpdatedAt = st, now
	if st == "resolved" {
		in.ResolvedAt = now
	}
}

// overall sets the page's status as Statuspage derives it: the worst of
// its components and of its open incidents' impacts.
func overall(s *adapters.Snapshot) {
	s.Status = adapters.Operational
	for _, c := range s.Components {
		s.Status = adapters.Worst(s.Status, c.Status)
	}
	for i := range s.Incidents {
		if in := &s.Incidents[i]; in.Kind == adapters.KindIncident && in.Open() {
			s.Status = adapters.Worst(s.Status, in.Impact.Status())
		}
	}
}

// record remembers what slug's page serves now.
func (u *upstream) record(slug string) {
	s, seen := u.snaps[slug], u.seen[slug]
	add := func(id string, st adapters.Status) {
		if seen.statuses[id] == nil {
			seen.statuses[id] = map[adapters.Status]bool{}
		}
		seen.statuses[id][st] = true
	}
	add("", s.Status)
	for _, c := range s.Components {
		add(c.ID, c.Status)
	}
	for _, in := range s.Incidents {
		if seen.titles[in.ID] == nil {
			seen.titles[in.ID], seen.updates[in.ID] = map[string]bool{}, map[string]bool{}
		}
		seen.titles[in.ID][in.Title] = true
		for _, up := range in.Updates {
			seen.updates[in.ID][up.ID] = true
		}
	}
}

// write lays every page out for replay.
func (u *upstream) write(dir string) {
	for _, slug := range u.slugs {
		if err := synth.WriteStatuspage(dir, synth.Host(slug), u.snaps[slug]); err != nil {
			panic(err)
		}
	}
}
