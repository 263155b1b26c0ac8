package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/internal/testfs"
)

func TestCheckLimits(t *testing.T) {
	withIncidents := func(n int) *adapters.Snapshot {
		ids := make([]string, n)
		for i := range ids {
			ids[i] = fmt.Sprint(i)
		}
		return snapshotWith(ids...)
	}
	withComponents := func(n int) *adapters.Snapshot {
		s := snapshotWith()
		s.Components = make([]adapters.Component, n)
		return s
	}
	oneIncident := func(edit func(*adapters.Incident)) *adapters.Snapshot {
		s := snapshotWith("x")
		edit(&s.Incidents[0])
		return s
	}
	updates := func(n int) func(*adapters.Incident) {
		return func(in *adapters.Incident) { in.Updates = make([]adapters.Update, n) }
	}
	title := func(n int) func(*adapters.Incident) {
		// "é" is two bytes: the bound counts characters.
		return func(in *adapters.Incident) { in.Title = strings.Repeat("é", n) }
	}
	component := func(name, desc int) *adapters.Snapshot {
		s := snapshotWith()
		s.Components = []adapters.Component{{ID: "ok", Name: "API"}, {ID: "c1", Name: strings.Repeat("é", name), Description: strings.Repeat("d", desc)}}
		return s
	}
	statusText := func(n int) *adapters.Snapshot {
		s := snapshotWith()
		s.Description = strings.Repeat("s", n)
		return s
	}
	refName := func(n int) func(*adapters.Incident) {
		return func(in *adapters.Incident) {
			in.Components = []adapters.ComponentRef{{ID: "c1", Name: strings.Repeat("r", n)}}
		}
	}
	updateRefName := func(n int) func(*adapters.Incident) {
		return func(in *adapters.Incident) {
			in.Updates[0].Components = []adapters.ComponentRef{{ID: "c1", Name: strings.Repeat("r", n)}}
		}
	}
	body := func(n int) func(*adapters.Incident) {
		return func(in *adapters.Incident) { in.Updates[0].Body = strings.Repeat("x", n) }
	}
	long := strings.Repeat("i", MaxID+1)
	incidentID := func(n int) func(*adapters.Incident) {
		return func(in *adapters.Incident) { in.ID = strings.Repeat("i", n) }
	}
	updateID := func(in *adapters.Incident) { in.Updates[0].ID = long }
	refID := func(in *adapters.Incident) { in.Components = []adapters.ComponentRef{{ID: long, Name: "API"}} }
	componentID := snapshotWith()
	componentID.Components = []adapters.Component{{ID: long, Name: "API"}}
	for _, tt := range []struct {
		name string
		snap *adapters.Snapshot
		want string // "" when within the bounds
	}{
		{"1,000 incidents", withIncidents(MaxIncidents), ""},
		{"1,001 incidents", withIncidents(MaxIncidents + 1), "provider acme: 1001 incidents in one snapshot, over the limit of 1000; history left as it was"},
		{"2,000 components", withComponents(MaxComponents), ""},
		{"2,001 components", withComponents(MaxComponents + 1), "provider acme: 2001 components in one snapshot, over the limit of 2000; history left as it was"},
		{"200 updates", oneIncident(updates(MaxUpdates)), ""},
		{"201 updates", oneIncident(updates(MaxUpdates + 1)), `provider acme: incident "x": 201 updates, over the limit of 200; history left as it was`},
		{"title of 500", oneIncident(title(MaxTitle)), ""},
		{"title of 501", oneIncident(title(MaxTitle + 1)), `provider acme: incident "x": 501 characters of title, over the limit of 500; history left as it was`},
		{"component name of 300", component(MaxName, MaxDescription), ""},
		{"component name of 301", component(MaxName+1, 0), `provider acme: component "c1": 301 characters of name, over the limit of 300; history left as it was`},
		{"component description of 2,001", component(1, MaxDescription+1), `provider acme: component "c1": 2001 characters of description, over the limit of 2000; history left as it was`},
		{"status description of 2,000", statusText(MaxDescription), ""},
		{"status description of 2,001", statusText(MaxDescription + 1), "provider acme: 2001 characters of status description, over the limit of 2000; history left as it was"},
		{"affected component name of 300", oneIncident(refName(MaxName)), ""},
		{"affected component name of 301", oneIncident(refName(MaxName + 1)), `provider acme: incident "x", component "c1": 301 characters of name, over the limit of 300; history left as it was`},
		{"update's component name of 301", oneIncident(updateRefName(MaxName + 1)), `provider acme: incident "x", update "x-u1", component "c1": 301 characters of name, over the limit of 300; history left as it was`},
		{"incident id of 200 bytes", oneIncident(incidentID(MaxID)), ""},
		{"incident id of 201 bytes", oneIncident(incidentID(MaxID + 1)), `provider acme: incident "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii...": 201 bytes of id, over the limit of 200; history left as it was`},
		{"update id of 201 bytes", oneIncident(updateID), `provider acme: incident "x", update "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii...": 201 bytes of id, over the limit of 200; history left as it was`},
		{"affected component id of 201 bytes", oneIncident(refID), `provider acme: incident "x", component "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii...": 201 bytes of id, over the limit of 200; history left as it was`},
		{"component id of 201 bytes", componentID, `provider acme: component "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii...": 201 bytes of id, over the limit of 200; history left as it was`},
		{"body of 100 KiB", oneIncident(body(MaxUpdateBody)), ""},
		{"body of 100 KiB + 1", oneIncident(body(MaxUpdateBody + 1)), `provider acme: incident "x", update "x-u1": 102401 bytes of body, over the limit of 102400; history left as it was`},
	} {
		err := checkLimits("acme", tt.snap)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || err.Error() != tt.want):
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		case tt.want != "" && !errors.As(err, new(*LimitError)):
			t.Errorf("%s: %T is not a *LimitError", tt.name, err)
		}
	}
}

func TestLimitErrorQuotesLongIDsShort(t *testing.T) {
	s := snapshotWith(strings.Repeat("i", 10000))
	s.Incidents[0].Title = strings.Repeat("t", MaxTitle+1)
	err := checkLimits("acme", s)
	if err == nil || len(err.Error()) > 200 || !strings.Contains(err.Error(), `"`+strings.Repeat("i", 60)+`..."`) {
		t.Errorf("error %v", err)
	}
}

// A snapshot over a bound fails its provider through the real history
// package, and leaves every byte of the history as it was.
func TestRunRefusesSnapshotOverLimit(t *testing.T) {
	var serve *adapters.Snapshot
	opt := testOptions()
	opt.Registry = registryWith(fakeAdapter{"fake", func(context.Context, adapters.Fetcher, adapters.Page) (*adapters.Snapshot, error) {
		return serve, nil
	}})
	opt.DataDir = t.TempDir()
	serve = snapshotWith("a1")
	if r := Run(context.Background(), opt, providers("acme")); r.Results[0].Outcome != OK {
		t.Fatalf("first run: %s %v", r.Results[0].Outcome, r.Results[0].Err)
	}
	before := testfs.Text(t, opt.DataDir)

	serve = snapshotWith("a1", "a2")
	serve.Incidents[1].Updates = make([]adapters.Update, MaxUpdates+1)
	r := Run(context.Background(), opt, providers("acme"))
	res := r.Results[0]
	want := `provider acme: incident "a2": 201 updates, over the limit of 200; history left as it was`
	if res.Outcome != Failed || res.Detail() != want || !errors.As(res.Err, new(*LimitError)) {
		t.Errorf("%s %q, want failed with %q", res.Outcome, res.Detail(), want)
	}
	if !maps.Equal(before, testfs.Text(t, opt.DataDir)) {
		t.Error("a refused snapshot changed the history")
	}
}

// Incidents without an id, a title or any time are dropped, counted in the
// result, the table and the totals, and the rest is merged.
func TestRunDropsUnusableIncidents(t *testing.T) {
	ids := []string{"good", "", "untitled", "timeless", "update-time-only"}
	var served []adapters.Incident // the adapter's own slice, last served
	opt := testOptions()
	opt.Registry = registryWith(fakeAdapter{"fake", func(context.Context, adapters.Fetcher, adapters.Page) (*adapters.Snapshot, error) {
		snap := snapshotWith(ids...)
		snap.Incidents[2].Title = "  "
		snap.Incidents[3].CreatedAt, snap.Incidents[3].Updates[0].CreatedAt = time.Time{}, time.Time{}
		snap.Incidents[4].StartedAt = snap.Incidents[4].CreatedAt // a start but no creation time is enough
		snap.Incidents[4].CreatedAt = time.Time{}
		served = snap.Incidents
		return snap, nil
	}})
	opt.DataDir = t.TempDir()
	r := Run(context.Background(), opt, providers("acme"))
	res := r.Results[0]
	if res.Outcome != OK || res.Dropped != 3 {
		t.Fatalf("%s, %d dropped, want ok and 3 dropped (%v)", res.Outcome, res.Dropped, res.Err)
	}
	if want := "first fetch: 2 incidents; 3 incidents dropped (no id, title or time, or dated before 1990 or ahead of the fetch)"; res.Detail() != want {
		t.Errorf("detail %q, want %q", res.Detail(), want)
	}
	var table bytes.Buffer
	r.WriteTable(&table)
	if !strings.HasSuffix(table.String(), "1 provider: 1 ok, 0 unchanged, 0 failed; 3 incidents dropped\n") {
		t.Errorf("table:\n%s", table.String())
	}
	if CommitMessage(r) != "acme: first fetch: 2 incidents" {
		t.Errorf("commit message %q", CommitMessage(r))
	}
	year, err := os.ReadFile(filepath.Join(opt.DataDir, "acme", "incidents", "2026.json"))
	if err != nil || !strings.Contains(string(year), `"good"`) || strings.Contains(string(year), "timeless") || strings.Contains(string(year), "untitled") {
		t.Errorf("incidents file: %v\n%s", err, year)
	}
	for i := range served {
		if served[i].ID != ids[i] {
			t.Fatalf("the adapter's slice was rewritten: %v", served)
		}
	}

	// Dropped incidents of an unchanged provider are still reported.
	r = Run(context.Background(), opt, providers("acme"))
	if got := r.Results[0].Detail(); r.Results[0].Outcome != Unchanged || got != "3 incidents dropped (no id, title or time, or dated before 1990 or ahead of the fetch)" {
		t.Errorf("second run: %s %q", r.Results[0].Outcome, got)
	}
}

// An entry dated more than a day after the fetch is refused (a 9999 typo
// would top every feed forever); maintenance scheduled ahead is not; text
// loses its control characters and the adapter's snapshot stays as it was.
func TestDropFutureAndCleanText(t *testing.T) {
	fetched := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	ok := adapters.Incident{ID: "ok", Title: "Fine\x1b[2J\u0085", CreatedAt: fetched.Add(-time.Hour),
		Updates: []adapters.Update{{ID: "u", Body: "a\x07b", CreatedAt: fetched.Add(23 * time.Hour)}}}
	far := adapters.Incident{ID: "far", Title: "Typo", CreatedAt: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)}
	late := adapters.Incident{ID: "late", Title: "Update from tomorrow", CreatedAt: fetched,
		Updates: []adapters.Update{{ID: "u", CreatedAt: fetched.Add(25 * time.Hour)}}}
	ahead := adapters.Incident{ID: "ahead", Kind: adapters.KindMaintenance, Title: "Upgrade", CreatedAt: fetched,
		ScheduledFor: fetched.Add(30 * 24 * time.Hour), ScheduledUntil: fetched.Add(31 * 24 * time.Hour)}
	snap := &adapters.Snapshot{FetchedAt: fetched, Incidents: []adapters.Incident{ok, far, late, ahead},
		Components: []adapters.Component{{ID: "c", Name: "API\x1b]8;;https://evil.example\x07"}}}
	adapterIncidents, adapterComponents := snap.Incidents, snap.Components
	if n := dropUnusable(snap); n != 2 {
		t.Errorf("dropped %d, want the 2 future-dated", n)
	}
	var ids []string
	for _, in := range snap.Incidents {
		ids = append(ids, in.ID)
	}
	if strings.Join(ids, " ") != "ok ahead" {
		t.Errorf("kept %v", ids)
	}
	if got := snap.Incidents[0]; got.Title != "Fine[2J" || got.Updates[0].Body != "ab" || snap.Components[0].Name != "API]8;;https://evil.example" {
		t.Errorf("text not cleaned: %q %q %q", got.Title, got.Updates[0].Body, snap.Components[0].Name)
	}
	if adapterIncidents[0].Title != ok.Title || adapterIncidents[0].Updates[0].Body != "a\x07b" || adapterComponents[0].Name == snap.Components[0].Name {
		t.Error("the adapter's own snapshot was written into")
	}
}

// A component's change time more than a day after the fetch (a 9999 typo)
// is unknown, as one before 1990 is: kept, it would date the change, and
// file it and every later one, in that year. Within the slack it stays.
func TestComponentChangeFromTheFutureIsUnknown(t *testing.T) {
	fetched := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	soon := fetched.Add(23 * time.Hour)
	snap := &adapters.Snapshot{FetchedAt: fetched, Components: []adapters.Component{
		{ID: "far", Name: "API", UpdatedAt: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)},
		{ID: "late", Name: "Web", UpdatedAt: fetched.Add(25 * time.Hour)},
		{ID: "soon", Name: "CDN", UpdatedAt: soon},
	}}
	dropUnusable(snap)
	for _, c := range snap.Components[:2] {
		if !c.UpdatedAt.IsZero() {
			t.Errorf("component %s changed at %v, want unknown", c.ID, c.UpdatedAt)
		}
	}
	if got := snap.Components[2].UpdatedAt; !got.Equal(soon) {
		t.Errorf("component soon changed at %v, want %v", got, soon)
	}
}
