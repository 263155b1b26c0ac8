package api

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/internal/realdata"
	"github.com/uptimus/uptimus/generator/paths"
)

// TestNoJSONFileOverTheBound builds the recorded worst case, Google
// Cloud's year (the largest entries per incident of every recording), as
// it is, and as a history whose every file of 200 entries holds the
// largest 200 entries that year could give (its entries, largest first,
// repeated): no JSON file passes MaxJSONFile, and the v2 index keeps its
// shape, entries under "incidents", at every size.
func TestNoJSONFileOverTheBound(t *testing.T) {
	gc, now := realdata.GoogleCloudHistory(t)
	sized := slices.Clone(gc.Incidents)
	size := func(inc adapters.Incident) int { b, _ := json.Marshal(inc); return len(b) }
	slices.SortStableFunc(sized, func(a, b adapters.Incident) int { return cmp.Compare(size(b), size(a)) })
	worst := &history.History{Slug: "worst", State: gc.State}
	for i := range 2*SplitAbove + 1 {
		inc := sized[i%len(sized)]
		// One year, so that year files are full pages of 200.
		inc.ID = fmt.Sprintf("%s-%d", inc.ID, i)
		inc.StartedAt = gc.Incidents[0].StartedAt.Add(-1)
		worst.Incidents = append(worst.Incidents, inc)
	}
	opt := fixtureOptions()
	opt.Now = now
	cat := *opt.Catalog
	for _, slug := range []string{"google-cloud", "worst"} {
		cat.Providers = append(cat.Providers, catalog.Provider{Slug: slug, Name: slug, URL: realdata.GoogleCloudPage, Adapter: "gcp", Category: "developer-tools"})
	}
	opt.Catalog = &cat
	opt.Histories["google-cloud"], opt.Histories["worst"] = gc, worst
	got := files(t, build(t, opt))
	largest, name := 0, ""
	for rel, data := range got {
		if strings.HasSuffix(rel, ".json") && len(data) > largest {
			largest, name = len(data), rel
		}
	}
	if largest > MaxJSONFile {
		t.Errorf("%s is %d bytes, over the %d docs/api.md promises", name, largest, MaxJSONFile)
	}
	if !strings.Contains(name, "worst/") {
		t.Errorf("the largest file is %s, not one of the worst case's: the test builds no worst case", name)
	}
	t.Logf("largest JSON file: %s, %d bytes; Google Cloud's year: %d bytes", name, largest, len(got[paths.IncidentsJSON("google-cloud")[1:]]))
	validateAll(t, got)
	for slug, h := range map[string]*history.History{"google-cloud": gc, "worst": worst} {
		var idx IncidentsFileV2
		if err := json.Unmarshal(got[paths.IncidentsJSONv2(slug)[1:]], &idx); err != nil {
			t.Fatal(err)
		}
		if idx.Count != len(h.Incidents) || len(idx.Incidents) == 0 || len(idx.Incidents) > SplitAbove {
			t.Errorf("%s: v2 index counts %d, lists %d, for %d entries", slug, idx.Count, len(idx.Incidents), len(h.Incidents))
		}
	}
}

// TestIndexKeepsItsShapeAtEverySize: whatever the size of a history,
// version 2's index lists entries under "incidents", newest first, counts
// them all, and, once split, lists parts whose counts add up and whose
// first holds the listed entries.
func TestIndexKeepsItsShapeAtEverySize(t *testing.T) {
	for _, n := range []int{0, 1, SplitAbove, SplitAbove + 1, 2*SplitAbove + 50} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			opt := fixtureOptions()
			h := bigHistory("newbie")
			base := h.Incidents
			h.Incidents = slices.Clone(base[:min(n, len(base))])
			for i := len(h.Incidents); i < n; i++ {
				inc := base[i%len(base)]
				inc.ID = fmt.Sprintf("more%04d", i)
				h.Incidents = append(h.Incidents, inc)
			}
			opt.Histories["newbie"] = h
			got := files(t, build(t, opt))
			raw := got[paths.IncidentsJSONv2("newbie")[1:]]
			var shape map[string]json.RawMessage
			if err := json.Unmarshal(raw, &shape); err != nil {
				t.Fatal(err)
			}
			if list, ok := shape["incidents"]; !ok || string(list) == "null" {
				t.Fatalf("%d entries: no incidents array: %.300s", n, raw)
			}
			var idx IncidentsFileV2
			if err := json.Unmarshal(raw, &idx); err != nil {
				t.Fatal(err)
			}
			if idx.Count != n {
				t.Errorf("count %d, want %d", idx.Count, n)
			}
			if n <= SplitAbove {
				if len(idx.Incidents) != n || idx.Parts != nil {
					t.Errorf("%d entries: lists %d, parts %v", n, len(idx.Incidents), idx.Parts)
				}
				return
			}
			sum := 0
			for _, p := range idx.Parts {
				sum += p.Count
			}
			if sum != n || len(idx.Parts) < 2 || idx.Parts[0].Count != len(idx.Incidents) {
				t.Errorf("%d entries: parts %+v sum to %d, first lists %d", n, idx.Parts, sum, len(idx.Incidents))
			}
		})
	}
}
