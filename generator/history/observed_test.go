package history

import (
	"os"
	"testing"

	"github.com/uptimus/uptimus/adapters"
)

func openIncident(id string) adapters.Incident {
	return adapters.Incident{ID: id, Kind: adapters.KindIncident, Title: "Errors " + id, Impact: adapters.ImpactMajor,
		Status: "investigating", CreatedAt: at(0), StartedAt: at(0), UpdatedAt: at(0),
		Updates: []adapters.Update{{ID: id + "-1", Status: "investigating", Body: "Looking.", CreatedAt: at(0)}}}
}

func listing(l adapters.Listing, fetched int, incs ...adapters.Incident) *adapters.Snapshot {
	s := snapOf(at(fetched), incs...)
	s.Listing = l
	return s
}

// An active-only list that stops listing an open incident ended it: the
// merge resolves it at that fetch, marked as observed, once; saves and
// loads the mark; and opens it again when the vendor lists it again. A
// window or a feed that drops an entry resolves nothing.
func TestMergeResolvesWhatAnActiveListDrops(t *testing.T) {
	h := &History{Slug: "acme"}
	Merge(h, listing(adapters.ListsActive, 10, openIncident("a"), openIncident("b")))
	for _, l := range []adapters.Listing{adapters.ListsWindow, adapters.ListsFeed, ""} {
		if Merge(h, listing(l, 20, openIncident("b"))) {
			t.Errorf("a %q list that dropped an incident changed the history", l)
		}
	}
	if !Merge(h, listing(adapters.ListsActive, 30, openIncident("b"))) {
		t.Fatal("an active list that dropped an open incident changed nothing")
	}
	a := find(t, h, "a")
	if !a.ResolvedAsObserved || !a.ResolvedAt.Equal(at(30)) || a.Open() {
		t.Errorf("a: resolved %v as observed %v, want at the fetch that dropped it", a.ResolvedAt, a.ResolvedAsObserved)
	}
	if b := find(t, h, "b"); !b.Open() || b.ResolvedAsObserved {
		t.Error("b, still listed, was resolved")
	}
	if Merge(h, listing(adapters.ListsActive, 45, openIncident("b"))) {
		t.Error("merging the same list again changed the history")
	}
	dir := t.TempDir()
	if _, err := Save(dir, h); err != nil {
		t.Fatal(err)
	}
	loaded, err := Load(os.DirFS(dir), "acme")
	if err != nil {
		t.Fatal(err)
	}
	if a := find(t, loaded, "a"); !a.ResolvedAsObserved || !a.ResolvedAt.Equal(at(30)) || len(a.Updates) != 1 {
		t.Errorf("after Save and Load: %+v", a)
	}
	// Listed again, even as an older copy: open, as the vendor shows it.
	again := openIncident("a")
	again.UpdatedAt = at(-5)
	if !Merge(loaded, listing(adapters.ListsActive, 60, again)) {
		t.Fatal("an incident listed again changed nothing")
	}
	if a := find(t, loaded, "a"); !a.Open() || a.ResolvedAsObserved {
		t.Errorf("a, listed again, stays resolved: %v", a.ResolvedAt)
	}
	// An adapter cannot set the mark: a vendor's resolution is its own.
	forged := openIncident("c")
	forged.ResolvedAt, forged.Status, forged.ResolvedAsObserved = at(70), "resolved", true
	Merge(loaded, listing(adapters.ListsActive, 80, forged))
	if find(t, loaded, "c").ResolvedAsObserved {
		t.Error("a snapshot set ResolvedAsObserved")
	}
}

// A failed fetch gives no snapshot, and an empty one from an active list
// is the vendor saying nothing is active: everything open ends.
func TestMergeEmptyActiveListEndsEverythingOpen(t *testing.T) {
	h := &History{Slug: "acme"}
	Merge(h, listing(adapters.ListsActive, 10, openIncident("a")))
	Merge(h, listing(adapters.ListsActive, 20))
	if a := find(t, h, "a"); a.Open() || !a.ResolvedAsObserved {
		t.Error("an empty active list left an incident open")
	}
}

// An incident rebuilt from feed items is id'd by its first item: when that
// item scrolls off the feed, the rest comes under a new id. It is still
// the stored incident, with its start, title and worst impact.
func TestMergeFollowsAFeedIncidentWhoseFirstItemsScrolledOff(t *testing.T) {
	whole := openIncident("k_100")
	whole.Updates = append(whole.Updates, adapters.Update{ID: "k_200", Status: "impact", Body: "Still.", CreatedAt: at(20)})
	whole.UpdatedAt = at(20)
	h := &History{Slug: "acme"}
	Merge(h, listing(adapters.ListsFeed, 30, whole))
	rest := adapters.Incident{ID: "k_200", Kind: adapters.KindIncident, Title: "Still", Impact: adapters.ImpactMinor,
		Status: "resolved", CreatedAt: at(20), StartedAt: at(20), UpdatedAt: at(40), ResolvedAt: at(40),
		Updates: []adapters.Update{{ID: "k_300", Status: "resolved", Body: "Fixed.", CreatedAt: at(40)}, whole.Updates[1]}}
	for _, l := range []adapters.Listing{adapters.ListsWindow, adapters.ListsFeed} {
		g := &History{Slug: "acme"}
		Merge(g, listing(adapters.ListsFeed, 30, whole))
		Merge(g, listing(l, 50, rest))
		if n := len(g.Incidents); (l == adapters.ListsFeed) != (n == 1) {
			t.Errorf("%s list: %d incidents after the first item scrolled off", l, n)
		}
	}
	Merge(h, listing(adapters.ListsFeed, 50, rest))
	got := find(t, h, "k_100")
	if len(h.Incidents) != 1 || got.Title != whole.Title || !got.StartedAt.Equal(at(0)) || got.Impact != adapters.ImpactMajor ||
		len(got.Updates) != 3 || got.Open() {
		t.Errorf("continued incident: %d incidents, %+v", len(h.Incidents), got)
	}
	if Merge(h, listing(adapters.ListsFeed, 60, rest)) {
		t.Error("merging the same feed again changed the history")
	}
}
