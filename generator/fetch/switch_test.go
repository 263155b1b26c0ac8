package fetch

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters/adaptertest"
	"github.com/uptimus/uptimus/adapters/all"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
)

// TestSwitchKeepsIncidentIdentity: an auto entry read first through
// Statuspage's JSON and then, after the vendor is detected again, through
// the same page's history feed keeps one incident per incident. The two
// recordings are GitHub's page (testdata/real/SOURCES.md): the feed of
// 2026-08-22 holds 7 incidents that the JSON of 2026-07-31 holds too.
func TestSwitchKeepsIncidentIdentity(t *testing.T) {
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "real", "statuspage", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	const page = "https://www.githubstatus.com"
	jsonForm := adaptertest.MapFetcher{
		page + "/api/v2/summary.json":   read("github-summary-2026-07-31.json"),
		page + "/api/v2/incidents.json": read("github-incidents-50-2026-07-31.json"),
	}
	feedForm := adaptertest.MapFetcher{page + "/history.atom": read("github-history-2026-08-22.atom")}
	p := catalog.Provider{Slug: "github", URL: page, Adapter: catalog.AutoAdapter}
	clock := func() time.Time { return time.Date(2026, 8, 23, 12, 0, 0, 0, time.UTC) }
	fetchAll := func(dir string, forms ...string) *history.History {
		t.Helper()
		for _, form := range forms {
			f := jsonForm
			if form == "feed" {
				f = feedForm
			}
			checks := map[string]Check{"github": {URL: page, Detected: form, Evidence: "kept"}}
			res := Run(context.Background(), Options{Registry: all.Registry(), Fetcher: f, DataDir: dir, Now: clock, Checks: checks}, []catalog.Provider{p}).Results[0]
			if res.Outcome != OK && res.Outcome != Unchanged {
				t.Fatalf("fetch with %s: %+v (%v)", form, res, res.Err)
			}
		}
		h, err := history.Load(os.DirFS(dir), "github")
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	h := fetchAll(t.TempDir(), "statuspage", "feed")

	// Both forms name an incident by Statuspage's code: the JSON's id,
	// the feed entry's link .../incidents/<code>.
	ids := map[string]int{}
	for _, in := range h.Incidents {
		ids[in.ID]++
	}
	var incs struct {
		Incidents []struct {
			ID      string            `json:"id"`
			Updates []json.RawMessage `json:"incident_updates"`
		} `json:"incidents"`
	}
	if err := json.Unmarshal(read("github-incidents-50-2026-07-31.json"), &incs); err != nil {
		t.Fatal(err)
	}
	updates := map[string]int{}
	for _, in := range incs.Incidents {
		updates[in.ID] = len(in.Updates)
	}
	// Each update once too: the feed's copy, which has the minute alone,
	// is the JSON's.
	for _, code := range []string{"9tpgqq1h4bs7", "dsrfymph7my0", "75g5xmzptjqb", "fmmsrcg5x638", "pz7g535gbs6p", "vv9vvksmj4s9", "s65j9gslmfm8"} {
		if ids[code] != 1 {
			t.Errorf("incident %s, in both recordings, is stored %d times", code, ids[code])
		}
		for _, in := range h.Incidents {
			if in.ID == code && len(in.Updates) != updates[code] {
				t.Errorf("incident %s has %d updates, the JSON %d", code, len(in.Updates), updates[code])
			}
		}
	}
	if got, want := len(h.Incidents), 50+25-7; got != want {
		t.Errorf("%d incidents, want %d (50 from the JSON, 25 from the feed, 7 in both)", got, want)
	}

	// The other way round keeps the same incidents and updates (which
	// copy gives an incident's own fields is the merge's rule: the later
	// one).
	back := fetchAll(t.TempDir(), "feed", "statuspage")
	if a, b := updateIDs(h), updateIDs(back); a != b {
		t.Errorf("the feed then the JSON stores other incidents or updates than the JSON then the feed:\n%s\n%s", a, b)
	}
}

// updateIDs lists every incident of h with the ids of its updates.
func updateIDs(h *history.History) string {
	var b strings.Builder
	for _, in := range h.Incidents {
		b.WriteString(in.ID + ":")
		for _, u := range in.Updates {
			b.WriteString(" " + u.ID)
		}
		b.WriteString("\n")
	}
	return b.String()
}
