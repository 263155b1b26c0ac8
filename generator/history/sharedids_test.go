package history

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/uptimus/uptimus/adapters"
)

func statusUpd(id, status string, minutes int) adapters.Update {
	return adapters.Update{ID: id, Status: status, Body: status + " text", CreatedAt: at(minutes)}
}

// Two updates of one incident under one id are two updates: both are kept,
// the same way whatever the vendor's order, and an update stored under the
// id before the vendor reused it keeps it.
func TestMergeKeepsUpdatesSharingAnID(t *testing.T) {
	investigating, resolved := statusUpd("x", "investigating", 1), statusUpd("x", "resolved", 2)
	merged := func(first *History, ups ...adapters.Update) *History {
		h := first
		if h == nil {
			h = &History{Slug: "p"}
		}
		x := inc("i", at(0), ups...)
		Merge(h, snapOf(at(3), x))
		return h
	}
	h := merged(nil, resolved, investigating, resolved)
	got := find(t, h, "i").Updates
	if len(got) != 2 || got[1].ID != "x" || got[1].Status != "investigating" ||
		!strings.HasPrefix(got[0].ID, "x~") || len(got[0].ID) != len("x~")+8 || got[0].Status != "resolved" {
		t.Fatalf("updates %+v, want x investigating and x~<hash> resolved", got)
	}
	if again := merged(nil, investigating, resolved); !reflect.DeepEqual(again, h) {
		t.Errorf("vendor order changed the result:\n%+v\n%+v", find(t, again, "i").Updates, got)
	}
	x := inc("i", at(0), resolved, investigating)
	if Merge(h, snapOf(at(4), x)) {
		t.Error("the same snapshot again reported a change")
	}

	// Stored first with its one update, then the vendor reused its id.
	stored := merged(nil, investigating)
	before := slices.Clone(find(t, stored, "i").Updates)
	after := find(t, merged(stored, resolved, investigating), "i").Updates
	if len(after) != 2 || !reflect.DeepEqual(after[1], before[0]) {
		t.Errorf("stored update changed: before %+v, after %+v", before, after)
	}
}

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
