package history

import (
	"reflect"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
)

// TestMergeOneUpdateInTwoForms: Statuspage's JSON gives an update its id
// and exact time, the same page's feed the minute and an id of its own;
// read one way and then the other, each update is kept once, in the copy
// with the exact time, whichever came first. Two updates of one form in
// one minute stay two.
func TestMergeOneUpdateInTwoForms(t *testing.T) {
	sec := func(m, s int) time.Time { return at(m).Add(time.Duration(s) * time.Second) }
	jsonForm := inc("x", at(0),
		adapters.Update{ID: "a", Status: "investigating", Body: "We are looking.", CreatedAt: sec(7, 8)},
		adapters.Update{ID: "b", Status: "investigating", Body: "Errors are up.", CreatedAt: sec(7, 43)},
		adapters.Update{ID: "c", Status: "resolved", Body: "Fixed.", CreatedAt: sec(51, 26)})
	feedForm := inc("x", at(0),
		adapters.Update{ID: "x-1", Status: "investigating", Body: "We are looking.", CreatedAt: at(7)},
		adapters.Update{ID: "x-2", Status: "update", Body: "Errors  are up.", CreatedAt: at(7)},
		// The vendor added a postmortem to the resolution: same minute, same status.
		adapters.Update{ID: "x-3", Status: "resolved", Body: "Fixed. Root cause: a bad deploy.", CreatedAt: at(51)})
	want := []string{"c=Fixed.", "b=Errors are up.", "a=We are looking."}
	for _, order := range [][]adapters.Incident{{jsonForm, feedForm}, {feedForm, jsonForm}} {
		h := &History{Slug: "p"}
		for i, in := range order {
			Merge(h, snapOf(at(60+i), in))
		}
		if got := updateBodies(find(t, h, "x")); !reflect.DeepEqual(got, want) {
			t.Errorf("%s then %s: updates %v, want %v", order[0].Updates[0].ID, order[1].Updates[0].ID, got, want)
		}
		if Merge(h, snapOf(at(70), order[0])) && len(find(t, h, "x").Updates) != 3 {
			t.Error("merging a form again added updates")
		}
	}
}
