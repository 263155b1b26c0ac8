package all

import (
	"sort"
	"testing"

	"github.com/uptimus/uptimus/adapters"
)

func TestRegistryNamesMatchAdapters(t *testing.T) {
	r := Registry()
	names := r.Names()
	want := []string{"aws", "azure", "betterstack", "cachet", "feed", "gcp", "incidentio", "instatus", "slack", "statusio", "statuspage"}
	if !sort.StringsAreSorted(names) || len(names) != len(want) {
		t.Fatalf("Names() = %v, want %v", names, want)
	}
	for i, n := range want {
		if names[i] != n {
			t.Errorf("Names()[%d] = %q, want %q", i, names[i], n)
		}
		a, err := r.Lookup(n)
		if err != nil || a.Name() != n {
			t.Errorf("Lookup(%q) = %v, %v", n, a, err)
		}
	}
	if _, err := r.Lookup("statuspag"); err == nil {
		t.Error("Lookup of an unknown name should fail")
	}
}

// Every adapter says what its list of incidents holds: the merge resolves
// what an active-only list stops listing, and must never do so for a
// window or a feed, whose old entries drop off whether or not they ended.
func TestEveryAdapterSaysWhatItsListHolds(t *testing.T) {
	want := map[string]adapters.Listing{
		"aws": adapters.ListsFeed, "feed": adapters.ListsFeed,
		"azure": adapters.ListsActive, "instatus": adapters.ListsActive, "statusio": adapters.ListsActive,
		"betterstack": adapters.ListsWindow, "cachet": adapters.ListsWindow, "gcp": adapters.ListsWindow,
		"incidentio": adapters.ListsWindow, "slack": adapters.ListsWindow, "statuspage": adapters.ListsWindow,
	}
	for name, caps := range Registry().Capabilities() {
		if caps.Listing != want[name] {
			t.Errorf("%s lists %q, want %q", name, caps.Listing, want[name])
		}
	}
}
