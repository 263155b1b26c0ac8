package history

import (
	"testing"

	"github.com/uptimus/uptimus/adapters"
)

// Two components under one id resolve to the same one whatever their
// order upstream: reordering them records no status change.
func TestMergeComponentsSharingAnID(t *testing.T) {
	api := adapters.Component{ID: "c1", Name: "API", Status: adapters.Operational}
	web := adapters.Component{ID: "c1", Name: "Web", Status: adapters.MajorOutage}
	h := &History{Slug: "p"}
	s := snapOf(at(0))
	s.Components = []adapters.Component{web, api}
	Merge(h, s)
	if c := h.State.Components; len(c) != 1 || c[0].Name != "API" || c[0].Status != adapters.Operational {
		t.Fatalf("components %+v, want API alone", c)
	}
	s = snapOf(at(10))
	s.Components = []adapters.Component{api, web}
	if Merge(h, s) || len(h.Events) != 0 {
		t.Fatalf("reordering made a change: events %+v", h.Events)
	}
}
