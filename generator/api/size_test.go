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
	"github.com/uptimus/uptimus/generator/internal/buildtest"
	"github.com/uptimus/uptimus/generator/internal/realdata"
	"github.com/uptimus/uptimus/generator/paths"
)

// TestNoJSONFileOverTheBound builds the recorded worst case, Google
// Cloud's year (the largest entries per incident of every recording), as
// it is, and as a history whose every file of 200 entries holds the
// largest 200 entries that year could give (its entries, largest first,
// repeated): no JSON file passes MaxJSONFile.
func TestNoJSONFileOverTheBound(t *testing.T) {
	gc, now := realdata.GoogleCloudHistory(t)
	// Largest first; each size is measured once, not at every comparison.
	sizes := map[string]int{}
	for _, inc := range gc.Incidents {
		b, _ := json.Marshal(inc)
		sizes[inc.ID] = len(b)
	}
	sized := slices.Clone(gc.Incidents)
	slices.SortStableFunc(sized, func(a, b adapters.Incident) int { return cmp.Compare(sizes[b.ID], sizes[a.ID]) })
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
}

// TestIndexKeepsItsShapeAtEverySize: whatever the size of a history,
// version 2's index has the same shape: the count, and parts whose counts
// add up to it, each a file of the build that lists its entries under
// "incidents", newest part first.
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
			if parts, ok := shape["parts"]; !ok || string(parts) == "null" {
				t.Fatalf("%d entries: no parts array: %.300s", n, raw)
			}
			var idx IncidentsFileV2
			if err := json.Unmarshal(raw, &idx); err != nil {
				t.Fatal(err)
			}
			if idx.Count != n {
				t.Errorf("count %d, want %d", idx.Count, n)
			}
			sum := 0
			for _, p := range idx.Parts {
				sum += p.Count
				var file struct {
					Incidents []json.RawMessage `json:"incidents"`
				}
				rel := strings.TrimPrefix(p.URL, strings.TrimSuffix(buildtest.BaseURL, "/")+"/")
				if err := json.Unmarshal(got[rel], &file); err != nil || len(file.Incidents) != p.Count {
					t.Errorf("part %s: %d entries under incidents, want %d (%v)", p.URL, len(file.Incidents), p.Count, err)
				}
			}
			if sum != n {
				t.Errorf("%d entries: parts %+v sum to %d", n, idx.Parts, sum)
			}
		})
	}
}
