package adaptertest

import (
	"slices"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
)

// CheckContract fails t for anything in snap that breaks the Snapshot
// contract every adapter shares, whatever its vendor: our status, impact and
// kind words only, UTC times, non-empty ids that are unique among incidents
// and among components, incidents in adapters.SortIncidents' order and
// updates newest first. (A component may name a group the vendor did not
// list: pages show it ungrouped.) Each adapter's tests add its own rules on
// top.
func CheckContract(t testing.TB, snap *adapters.Snapshot) {
	t.Helper()
	if snap == nil {
		t.Fatal("nil snapshot without an error")
	}
	if !snap.Status.Valid() {
		t.Errorf("overall status %q is not ours", snap.Status)
	}
	checkComponents(t, snap.Components)
	if !slices.IsSortedFunc(snap.Incidents, adapters.CompareIncidents) {
		t.Errorf("incidents are not in adapters.SortIncidents' order")
	}
	seen := map[string]bool{}
	for _, inc := range snap.Incidents {
		if inc.ID == "" {
			t.Errorf("incident %q has no id", inc.Title)
		}
		if seen[inc.ID] {
			t.Errorf("incident %s listed twice", inc.ID)
		}
		seen[inc.ID] = true
		checkIncident(t, inc)
	}
}

func checkComponents(t testing.TB, comps []adapters.Component) {
	t.Helper()
	seen := map[string]bool{}
	for _, c := range comps {
		if c.ID == "" {
			t.Errorf("component %q has no id", c.Name)
		}
		if seen[c.ID] {
			t.Errorf("component %s listed twice", c.ID)
		}
		seen[c.ID] = true
		if !c.Status.Valid() {
			t.Errorf("component %s: status %q is not ours", c.ID, c.Status)
		}
		checkUTC(t, "component "+c.ID, c.UpdatedAt)
	}
}

func checkIncident(t testing.TB, inc adapters.Incident) {
	t.Helper()
	what := "incident " + inc.ID
	if inc.Kind != adapters.KindIncident && inc.Kind != adapters.KindMaintenance {
		t.Errorf("%s: kind %q", what, inc.Kind)
	}
	if inc.Impact.Rank() == 0 && inc.Impact != adapters.ImpactNone {
		t.Errorf("%s: impact %q is not ours", what, inc.Impact)
	}
	for _, v := range []time.Time{inc.CreatedAt, inc.StartedAt, inc.UpdatedAt, inc.ResolvedAt, inc.ScheduledFor, inc.ScheduledUntil} {
		checkUTC(t, what, v)
	}
	for _, r := range inc.Components {
		if r.Status != "" && !r.Status.Valid() {
			t.Errorf("%s: component %s status %q is not ours", what, r.ID, r.Status)
		}
	}
	for j, u := range inc.Updates {
		checkUTC(t, what+" update "+u.ID, u.CreatedAt)
		checkUTC(t, what+" update "+u.ID, u.DisplayAt)
		if j > 0 && inc.Updates[j-1].CreatedAt.Before(u.CreatedAt) {
			t.Errorf("%s: update %s is newer than the one before it", what, u.ID)
		}
	}
}

func checkUTC(t testing.TB, what string, v time.Time) {
	t.Helper()
	if !v.IsZero() && v.Location() != time.UTC {
		t.Errorf("%s: time %v is not UTC", what, v)
	}
}

// CheckGroupsFirst fails t unless every component that names a group comes
// after that group: the order of vendors whose snapshot lists each group
// with its children (adapters.GroupComponents). It is no part of the
// contract, which lets a component name a group the vendor did not list.
func CheckGroupsFirst(t testing.TB, snap *adapters.Snapshot) {
	t.Helper()
	groups := map[string]bool{}
	for _, c := range snap.Components {
		if c.Group {
			groups[c.ID] = true
		} else if c.GroupID != "" && !groups[c.GroupID] {
			t.Errorf("component %s does not follow its group %s", c.ID, c.GroupID)
		}
	}
}
