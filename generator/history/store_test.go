package history

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/uptimus/uptimus/internal/atomicfile"
	"github.com/uptimus/uptimus/internal/testfs"

	"github.com/uptimus/uptimus/adapters"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// goldenHistory is a small history that touches every part of the format:
// groups, a removed component, events, two years of incidents, a
// maintenance window, id-less updates and markup in bodies.
func goldenHistory() *History {
	h := &History{Slug: "pusher"}
	pst := time.FixedZone("PST", -8*3600)
	old := inc("old1", time.Date(2024, 12, 31, 15, 30, 0, 0, pst)) // 23:30 UTC: 2024
	old.Status, old.ResolvedAt = "resolved", time.Date(2025, 1, 1, 1, 0, 0, 0, time.UTC)
	old.Updates = []adapters.Update{
		{ID: "", Status: "resolved", Body: "Fixed <br /> & done.", CreatedAt: old.ResolvedAt},
		upd("old1-u1", old.StartedAt, "Looking at **it**."),
	}
	maint := adapters.Incident{ID: "m1", Kind: adapters.KindMaintenance, Title: "Database upgrade", Impact: adapters.ImpactMaintenance,
		Status: "scheduled", CreatedAt: at(-100), ScheduledFor: at(600), ScheduledUntil: at(720),
		Components: []adapters.ComponentRef{{ID: "ws", Name: "WebSocket client API"}}, Updates: []adapters.Update{}}
	first := snapOf(time.Date(2025, 3, 1, 12, 0, 0, 123456789, time.UTC), old, inc("new1", at(-30), upd("new1-u1", at(-30), "Investigating.")), maint)
	first.Components = []adapters.Component{
		{ID: "ch", Name: "Channels", Group: true, Position: 1, Status: adapters.Operational},
		{ID: "ws", Name: "WebSocket client API", GroupID: "ch", Position: 1, Status: adapters.Operational, UpdatedAt: at(-5000)},
		{ID: "rest", Name: "REST API", GroupID: "ch", Position: 2, Status: adapters.Operational},
		{ID: "beams", Name: "Beams", Position: 2, Status: adapters.Operational},
	}
	Merge(h, first)
	second := snapOf(at(60))
	second.Status = adapters.PartialOutage
	second.Components = slices.Clone(first.Components[:3])
	second.Components[1].Status, second.Components[1].UpdatedAt = adapters.PartialOutage, at(55)
	Merge(h, second)
	return h
}

func TestSaveGolden(t *testing.T) {
	dir := t.TempDir()
	h := goldenHistory()
	wrote, err := Save(dir, h)
	if err != nil {
		t.Fatal(err)
	}
	var rel []string
	for _, p := range wrote {
		r, _ := filepath.Rel(dir, p)
		rel = append(rel, filepath.ToSlash(r))
	}
	want := []string{"pusher/events/2025.json", "pusher/incidents/2024.json", "pusher/incidents/2025.json", "pusher/state.json"}
	if !reflect.DeepEqual(rel, want) {
		t.Fatalf("wrote %v, want %v", rel, want)
	}
	got := testfs.Text(t, dir)
	golden := filepath.Join("testdata", "golden")
	if *update {
		os.RemoveAll(golden)
		for name, b := range got {
			p := filepath.Join(golden, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(b), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if wantTree := testfs.Text(t, golden); !reflect.DeepEqual(got, wantTree) {
		for name := range wantTree {
			if got[name] != wantTree[name] {
				t.Errorf("%s differs from the golden file (run go test -update to accept):\n%s", name, got[name])
			}
		}
		t.Fatalf("files %v, golden %v", keys(got), keys(wantTree))
	}
	loaded, err := Load(os.DirFS(dir), "pusher")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(loaded, h) {
		t.Fatalf("loaded history differs: %s", firstDiff(loaded, h))
	}
	if again, err := Save(dir, loaded); err != nil || len(again) != 0 {
		t.Fatalf("second save wrote %v, %v", again, err)
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestSaveFormat(t *testing.T) {
	files := mustEncode(t, goldenHistory())
	for name, b := range files {
		s := string(b)
		if !strings.HasSuffix(s, "}\n") || !strings.Contains(s, "\n  \"schema_version\": 1,\n") {
			t.Errorf("%s: want 2-space indented JSON with schema_version and a trailing newline:\n%s", name, s)
		}
		if strings.Contains(s, `\u003c`) || strings.Contains(s, "-08:00") {
			t.Errorf("%s: HTML-escaped text or a non-UTC time:\n%s", name, s)
		}
	}
}

func TestSaveFilePerYear(t *testing.T) {
	h := &History{Slug: "p"}
	var incs []adapters.Incident
	for _, y := range []int{2023, 2024, 2025} {
		for d := range 3 {
			incs = append(incs, inc(strings.Repeat("x", d+1)+string(rune('0'+y%10)), time.Date(y, time.Month(1+d*5), 1, 0, 0, 0, 0, time.UTC)))
		}
	}
	m := adapters.Incident{ID: "m", Kind: adapters.KindMaintenance, CreatedAt: time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC),
		ScheduledFor: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}
	Merge(h, snapOf(time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC), append(incs, m)...))
	files := mustEncode(t, h)
	for _, y := range []string{"2023", "2024", "2025", "2026"} {
		fsys := fstest.MapFS{"p/incidents/" + y + ".json": {Data: files["incidents/"+y+".json"]}, "p/state.json": {Data: files["state.json"]}}
		got, err := Load(fsys, "p")
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Incidents) == 0 {
			t.Fatalf("incidents/%s.json is empty", y)
		}
		for _, in := range got.Incidents {
			if s := Start(&in).Format("2006"); s != y {
				t.Errorf("incidents/%s.json holds %s which starts in %s", y, in.ID, s)
			}
		}
	}
}

func TestSaveYearMove(t *testing.T) {
	dir := t.TempDir()
	h := &History{Slug: "p"}
	x := inc("x", time.Date(2024, 12, 31, 23, 30, 0, 0, time.UTC))
	Merge(h, snapOf(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), x))
	if _, err := Save(dir, h); err != nil {
		t.Fatal(err)
	}
	// Upstream corrects the start into the new year.
	x.StartedAt, x.UpdatedAt = time.Date(2025, 1, 1, 0, 10, 0, 0, time.UTC), time.Date(2025, 1, 1, 1, 0, 0, 0, time.UTC)
	Merge(h, snapOf(time.Date(2025, 1, 1, 1, 0, 0, 0, time.UTC), x))
	wrote, err := Save(dir, h)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "p", "incidents", "2024.json"), filepath.Join(dir, "p", "incidents", "2025.json")}
	if !reflect.DeepEqual(wrote, want) {
		t.Fatalf("wrote %v, want %v", wrote, want)
	}
	if _, err := os.Stat(want[0]); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the emptied 2024 file is still there: %v", err)
	}
	got, err := Load(os.DirFS(dir), "p")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, h) {
		t.Fatalf("loaded history differs: %s", firstDiff(got, h))
	}
}

// TestSaveKilledNeverLosesAnIncident kills a save after every possible
// number of steps while incidents move between year files, and checks
// that what is on disk still loads with every incident.
func TestSaveKilledNeverLosesAnIncident(t *testing.T) {
	utc := func(y int, m time.Month, d, hr int) time.Time { return time.Date(y, m, d, hr, 0, 0, 0, time.UTC) }
	moved := func(in adapters.Incident, start time.Time) adapters.Incident {
		in.StartedAt, in.UpdatedAt = start, utc(2025, 1, 2, 1)
		return in
	}
	a, b, c, d := inc("a", utc(2024, 12, 31, 23)), inc("b", utc(2025, 1, 1, 1)), inc("c", utc(2024, 6, 1, 0)), inc("d", utc(2023, 5, 1, 0))
	tests := []struct {
		name  string
		moves []adapters.Incident
	}{
		// a to 2025, b to 2024 (a swap), d from 2023 (which empties) to 2022.
		{"swap and emptied file", []adapters.Incident{moved(a, utc(2025, 1, 1, 2)), moved(b, utc(2024, 12, 31, 22)), moved(d, utc(2022, 5, 1, 0))}},
		// a into a later file that loses nothing.
		{"into a file that loses nothing", []adapters.Incident{moved(a, utc(2025, 1, 1, 2))}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := &History{Slug: "p"}
			Merge(before, snapOf(utc(2025, 1, 2, 0), a, b, c, d))
			after := &History{Slug: "p"}
			Merge(after, snapOf(utc(2025, 1, 2, 0), a, b, c, d))
			Merge(after, snapOf(utc(2025, 1, 2, 1), tt.moves...))
			checkKilledSaves(t, before, after)
		})
	}
}

// checkKilledSaves saves before, then saves after killed at each step in
// turn, and loads what is left each time.
func checkKilledSaves(t *testing.T, before, after *History) {
	t.Helper()
	for kill := 0; ; kill++ {
		dir := t.TempDir()
		if _, err := Save(dir, before); err != nil {
			t.Fatal(err)
		}
		ops := killedAfter(kill)
		_, err := save(dir, after, ops)
		got, lerr := Load(os.DirFS(dir), "p")
		if lerr != nil {
			t.Fatalf("killed after %d steps: %v", kill, lerr)
		}
		if ids := ids(got); !slices.Equal(slices.Sorted(slices.Values(ids)), []string{"a", "b", "c", "d"}) {
			t.Fatalf("killed after %d steps: incidents %v", kill, ids)
		}
		if err == nil {
			if !reflect.DeepEqual(got, after) {
				t.Fatalf("complete save: %s", firstDiff(got, after))
			}
			if kill < 2 {
				t.Fatalf("the save took only %d steps; the test does not exercise moves", kill)
			}
			return
		}
	}
}

func TestLoadMissingFolder(t *testing.T) {
	h, err := Load(fstest.MapFS{}, "nobody")
	if err != nil {
		t.Fatal(err)
	}
	want := &History{Slug: "nobody", State: State{SchemaVersion: SchemaVersion, Components: []ComponentState{}}}
	if !reflect.DeepEqual(h, want) {
		t.Fatalf("got %+v, want %+v", h, want)
	}
}

func TestLoadErrors(t *testing.T) {
	state := `{"schema_version": 1, "status": "operational", "components": []}` + "\n"
	incidents := `{"schema_version": 1, "incidents": []}`
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"bad JSON", map[string]string{"state.json": state, "incidents/2025.json": "{\n  \"schema_version\": 1,\n  \"incidents\": [\n    {,}\n  ]\n}\n"},
			"data/pusher/incidents/2025.json:4: invalid character ','"},
		{"wrong type", map[string]string{"state.json": "{\n\"schema_version\": \"1\"}"},
			"data/pusher/state.json:2: json: cannot unmarshal string"},
		{"unknown field", map[string]string{"state.json": state, "events/2025.json": `{"schema_version": 1, "evnts": []}`},
			`data/pusher/events/2025.json: json: unknown field "evnts"`},
		{"newer schema", map[string]string{"state.json": `{"schema_version": 2, "components": []}`},
			"data/pusher/state.json: schema_version 2 is newer than this program understands (1)"},
		{"newer schema in a year file", map[string]string{"state.json": state, "incidents/2024.json": `{"schema_version": 7, "incidents": []}`},
			"data/pusher/incidents/2024.json: schema_version 7 is newer"},
		{"missing schema", map[string]string{"state.json": `{"components": []}`},
			"data/pusher/state.json: schema_version 0 is missing or invalid"},
		{"empty file", map[string]string{"state.json": ""}, "data/pusher/state.json: empty file"},
		{"trailing data", map[string]string{"state.json": state + "{}"}, "data/pusher/state.json:2: unexpected data after the JSON value"},
		{"unexpected name", map[string]string{"state.json": state, "incidents/latest.json": incidents},
			"data/pusher/incidents/latest.json: unexpected entry, want <year>.json"},
		{"state missing", map[string]string{"incidents/2025.json": incidents},
			"data/pusher/state.json: missing, but the folder holds events or incidents"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, body := range tt.files {
				fsys["pusher/"+name] = &fstest.MapFile{Data: []byte(body)}
			}
			_, err := Load(fsys, "pusher")
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("error %v, want one starting with %q", err, tt.want)
			}
		})
	}
}

func TestLoadIgnoresLeftovers(t *testing.T) {
	fsys := fstest.MapFS{
		"p/state.json":                     {Data: []byte(`{"schema_version": 1, "components": []}`)},
		"p/incidents/.2025.json.tmp-12345": {Data: []byte(`{"trunc`)},
		"p/incidents/README.md":            {Data: []byte(`notes`)},
		"p/.gitkeep":                       {},
	}
	if _, err := Load(fsys, "p"); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(fstest.MapFS{"q/.gitkeep": {}}, "q"); err != nil {
		t.Fatalf("a folder with no history files yet: %v", err)
	}
}

func TestLoadAll(t *testing.T) {
	fsys := fstest.MapFS{
		"good/state.json": {Data: []byte(`{"schema_version": 1, "status": "operational", "components": []}`)},
		"bad/state.json":  {Data: []byte(`{`)},
	}
	got, err := LoadAll(fsys, []string{"good", "bad", "new"})
	if err == nil || !strings.Contains(err.Error(), "data/bad/state.json") {
		t.Fatalf("error %v, want one naming data/bad/state.json", err)
	}
	if got["good"] == nil || got["good"].State.Status != adapters.Operational || got["new"] == nil || got["bad"] != nil {
		t.Fatalf("loaded %v", got)
	}
}

func TestSlugs(t *testing.T) {
	for _, slug := range []string{"", "../etc", "Pusher", "a/b", "a b", "x.json"} {
		if _, err := Load(fstest.MapFS{}, slug); err == nil {
			t.Errorf("Load accepted slug %q", slug)
		}
		if _, err := Save(t.TempDir(), &History{Slug: slug}); err == nil {
			t.Errorf("Save accepted slug %q", slug)
		}
	}
	if err := ValidSlug("aws-eu-1"); err != nil {
		t.Error(err)
	}
}

func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sub", "f.json")
	if wrote, err := writeIfChanged(p, []byte("one\n")); !wrote || err != nil {
		t.Fatalf("first write: %v %v", wrote, err)
	}
	info, err := os.Stat(p)
	if err != nil || info.Mode().Perm() != 0o644 {
		t.Fatalf("mode %v, %v; want 0644", info.Mode(), err)
	}
	if wrote, err := writeIfChanged(p, []byte("one\n")); wrote || err != nil {
		t.Fatalf("same bytes: wrote %v %v", wrote, err)
	}
	// A rename that fails (the target is a non-empty directory) leaves no
	// temp file behind.
	target := filepath.Join(dir, "sub", "dir.json")
	if err := os.MkdirAll(filepath.Join(target, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := atomicfile.WriteSync(target, []byte("two\n")); err == nil {
		t.Fatal("renaming over a directory succeeded")
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "sub"))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"dir.json", "f.json"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("entries %v, want %v (no temp file)", names, want)
	}
}

func TestSaveDoesNotModifyHistory(t *testing.T) {
	h := goldenHistory()
	h.Incidents[0].StartedAt = h.Incidents[0].StartedAt.In(time.FixedZone("X", 3600))
	before := *h
	before.Incidents = slices.Clone(h.Incidents)
	if _, err := Save(t.TempDir(), h); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&before, h) {
		t.Fatal("Save changed the history it was given")
	}
}
