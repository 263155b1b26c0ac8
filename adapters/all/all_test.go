package all

import (
	"slices"
	"testing"

	"github.com/uptimus/uptimus/adapters"
)

// The registry lists each adapter once, sorted, under the name it gives.
// It is read, not restated: adding a vendor is its package and one line
// in all.go, and this test needs no edit.
func TestRegistryNamesMatchAdapters(t *testing.T) {
	r := Registry()
	names := r.Names()
	if len(names) == 0 || !slices.IsSorted(names) || len(slices.Compact(slices.Clone(names))) != len(names) {
		t.Fatalf("Names() = %v, want sorted, unique, not empty", names)
	}
	for _, n := range names {
		a, err := r.Lookup(n)
		if err != nil || a.Name() != n {
			t.Errorf("Lookup(%q) = %v, %v", n, a, err)
		}
	}
	if _, err := r.Lookup("statuspag"); err == nil {
		t.Error("Lookup of an unknown name should fail")
	}
}

// Every adapter carries what pages and the merge need of its vendor: the
// name pages show, and what its list of incidents holds (the merge
// resolves what an active-only list stops listing, never a window's or a
// feed's old entries). A new adapter without them fails here, by name.
func TestEveryAdapterSaysWhoItIsAndWhatItsListHolds(t *testing.T) {
	for name, caps := range Registry().Capabilities() {
		if caps.Title == "" || caps.Title == name {
			t.Errorf("adapter %s: Capabilities.Title is %q; give the vendor's name as pages should show it", name, caps.Title)
		}
		if !slices.Contains([]adapters.Listing{adapters.ListsWindow, adapters.ListsActive, adapters.ListsFeed}, caps.Listing) {
			t.Errorf("adapter %s: Capabilities.Listing is %q; say what its list of incidents holds (window, active or feed)", name, caps.Listing)
		}
	}
}
