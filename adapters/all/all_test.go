package all

import (
	"sort"
	"testing"
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
