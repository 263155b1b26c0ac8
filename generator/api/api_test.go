package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/internal/buildtest"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/paths"
	"github.com/uptimus/uptimus/internal/testfs"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/publish"
)

const base = "https://example.org/uptimus"

// build renders opt into a fresh folder and returns it.
func build(t *testing.T, opt fixture) string {
	return buildtest.Dir(t, func(pub *publish.Publisher) error { return buildAll(opt, pub) })
}

// files maps every file under dir (slash paths) to its bytes.
func files(t *testing.T, dir string) map[string][]byte { return testfs.Tree(t, dir) }

// bigHistory has more than SplitAbove entries over three years plus one
// without any date.
func bigHistory(slug string) *history.History {
	h := &history.History{Slug: slug, State: history.State{SchemaVersion: 1, Status: adapters.Operational, FirstChecked: at(1, 0, 0)}}
	start := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	for i := range SplitAbove + 20 {
		when := start.Add(time.Duration(i) * 24 * time.Hour)
		h.Incidents = append(h.Incidents, adapters.Incident{
			ID: fmt.Sprintf("i%04d", i), Kind: adapters.KindIncident, Title: "Blip", Impact: adapters.ImpactMinor,
			Status: "resolved", CreatedAt: when, StartedAt: when, ResolvedAt: when.Add(time.Hour),
			Updates: []adapters.Update{{ID: "u", Status: "resolved", Body: "ok", CreatedAt: when.Add(time.Hour)}},
		})
	}
	h.Incidents = append(h.Incidents, adapters.Incident{ID: "undated", Kind: adapters.KindIncident, Title: "No date", Impact: "weird", ImpactRaw: "weird", Status: "resolved"})
	return h
}

// sampleOptions is the fixture plus a provider whose history is split.
func sampleOptions() fixture {
	opt := fixtureOptions()
	opt.Histories["newbie"] = bigHistory("newbie")
	return opt
}

// TestEveryFileMatchesItsSchema validates every JSON file of a built sample
// against the schema it names, loaded from the built schema files.
func TestEveryFileMatchesItsSchema(t *testing.T) {
	// providers, status, now, 3 provider files, 3 histories (one an index)
	// and the files 2025, 2024, 2024-2 and 0 of the split one; and version
	// 2's providers, status, 3 provider files and 3 history indexes.
	if n := validateAll(t, files(t, build(t, sampleOptions()))); n != 21 {
		t.Errorf("validated %d files, want 21", n)
	}
}

// validateAll validates every API file in got against the schema it names,
// loaded from the built schema files, and returns how many it checked.
func validateAll(t *testing.T, got map[string][]byte) int {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	var ids []string
	for _, name := range SchemaNames {
		ids = append(ids, SchemaPath(name))
	}
	for _, name := range SchemaNamesV2 {
		ids = append(ids, SchemaPathV2(name))
	}
	for _, id := range ids {
		rel := id[1:]
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(got[rel]))
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		if err := c.AddResource(base+"/"+rel, doc); err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
	}
	schemas := map[string]*jsonschema.Schema{}
	for _, id := range ids {
		s, err := c.Compile(base + id)
		if err != nil {
			t.Fatalf("compile %s: %v", id, err)
		}
		schemas[base+id] = s
	}
	validated := 0
	for rel, data := range got {
		if strings.Contains(rel, "/schema/") || !strings.HasPrefix(rel, "api/") {
			continue
		}
		var head struct {
			Schema string `json:"$schema"`
		}
		if err := json.Unmarshal(data, &head); err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		want := base + SchemaPath(schemaFor(rel))
		if strings.HasPrefix(rel, "api/v2/") {
			want = base + SchemaPathV2(schemaFor(strings.Replace(rel, "/v2/", "/v1/", 1)))
		}
		if head.Schema != want {
			t.Errorf("%s: $schema %q, want %q", rel, head.Schema, want)
			continue
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if err := schemas[head.Schema].Validate(inst); err != nil {
			t.Errorf("%s does not match its schema: %v", rel, err)
		}
		if err := checkReferences(data); err != nil {
			t.Errorf("%s: %v", rel, err)
		}
		validated++
	}
	return validated
}

// checkReferences checks in a provider file what JSON Schema cannot say,
// as docs/api.md promises it: component ids are unique, and a group_id
// names a component of the file with "group": true. Other files pass.
func checkReferences(data []byte) error {
	var f struct {
		Components []struct {
			ID      string `json:"id"`
			Group   bool   `json:"group"`
			GroupID string `json:"group_id"`
		} `json:"components"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return err
	}
	group := map[string]bool{}
	for _, c := range f.Components {
		if _, dup := group[c.ID]; dup {
			return fmt.Errorf("component %q listed twice", c.ID)
		}
		group[c.ID] = c.Group
	}
	for _, c := range f.Components {
		if c.GroupID != "" && !group[c.GroupID] {
			return fmt.Errorf("component %q: group_id %q names no group of the file", c.ID, c.GroupID)
		}
	}
	return nil
}

// schemaFor names the schema a file must use, by its path alone.
func schemaFor(rel string) string {
	switch {
	case rel == "api/v1/providers.json":
		return "providers"
	case rel == "api/v1/status.json":
		return "status"
	case rel == "api/v1/now.json":
		return "now"
	case strings.HasSuffix(rel, "/incidents.json"):
		return "incidents"
	case strings.Contains(rel, "/incidents-"):
		return "incidents-year"
	}
	return "provider"
}

// TestSchemasRejectBadData makes sure the validation above can fail.
func TestSchemasRejectBadData(t *testing.T) {
	dir := build(t, fixtureOptions())
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	data := files(t, dir)
	for _, name := range SchemaNames {
		doc, _ := jsonschema.UnmarshalJSON(bytes.NewReader(data[SchemaPath(name)[1:]]))
		_ = c.AddResource(base+SchemaPath(name), doc)
	}
	s, err := c.Compile(base + SchemaPath("status"))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{
		`{"$schema":"https://x.example/s","schema_version":1,"providers":[{"slug":"a","status":"fine","open_incidents":0}]}`,
		`{"$schema":"https://x.example/s","schema_version":1,"providers":[{"slug":"a","status":"operational","open_incidents":0,"updated_at":"2026-07-30T15:10:00+02:00"}]}`,
		`{"$schema":"https://x.example/s","schema_version":2,"providers":[]}`,
		`{"$schema":"https://x.example/s","schema_version":1,"providers":[],"extra":1}`,
	} {
		inst, _ := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err := s.Validate(inst); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
}

func read[T any](t *testing.T, dir, path string) T {
	t.Helper()
	var v T
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(path[1:])))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return v
}

func TestProvidersAndStatus(t *testing.T) {
	dir := build(t, fixtureOptions())
	pf := read[ProvidersFile](t, dir, ProvidersPath)
	var slugs []string
	for _, p := range pf.Providers {
		slugs = append(slugs, p.Slug)
	}
	if !slices.Equal(slugs, []string{"acme", "newbie", "pusher"}) {
		t.Fatalf("slugs %q", slugs)
	}
	acme := pf.Providers[0]
	want := ProviderSummary{
		Slug: "acme", Name: "Acme Cloud", Category: "developer-tools", CategoryName: "Developer tools", Vendor: "statuspage",
		Source: "manual", Verified: true, Status: adapters.PartialOutage, OpenIncidents: 1, OfficialURL: "https://status.acme.example",
		URLs: ProviderURLs{
			Page: base + "/status/acme/", JSON: base + "/api/v1/providers/acme.json", Incidents: base + "/api/v1/providers/acme/incidents.json",
			Feeds:        FeedURLs{RSS: base + "/status/acme/feed.rss", Atom: base + "/status/acme/feed.atom", JSON: base + "/status/acme/feed.json"},
			UpdatesFeeds: FeedURLs{RSS: base + "/status/acme/updates.rss", Atom: base + "/status/acme/updates.atom", JSON: base + "/status/acme/updates.json"},
			BadgeSVG:     base + "/badges/acme.svg", BadgeJSON: base + "/badges/acme.json",
		},
	}
	if acme != want {
		t.Errorf("acme:\n got %+v\nwant %+v", acme, want)
	}
	if pf.Providers[1].Status != adapters.Unknown || pf.Providers[1].OpenIncidents != 0 {
		t.Errorf("newbie without history: %+v", pf.Providers[1])
	}
	st := read[StatusFile](t, dir, StatusPath)
	wantSt := []StatusEntry{
		{Slug: "acme", Name: "Acme Cloud", Aliases: []string{"ACME"}, Status: adapters.PartialOutage, OpenIncidents: 1, UpdatedAt: at(30, 15, 10),
			Open: []StatusItem{{Title: "Elevated WebSocket errors in EU", URL: base + "/status/acme/incidents/inc-open/", Impact: adapters.ImpactMajor,
				Phase: model.PhaseOngoing, StartedAt: at(30, 14, 0)}},
			Maintenance: []StatusItem{{Title: "Database upgrade", URL: base + "/status/acme/incidents/m-soon/", Impact: adapters.ImpactMaintenance,
				Phase: model.PhaseUpcoming, ScheduledFor: at(31, 2, 0), ScheduledUntil: at(31, 4, 0)}}},
		{Slug: "newbie", Name: "Newbie", Status: adapters.Unknown},
		{Slug: "pusher", Name: "Pusher", Status: adapters.Operational, UpdatedAt: at(29, 6, 0)},
	}
	if !reflect.DeepEqual(st.Providers, wantSt) {
		t.Errorf("status:\n got %+v\nwant %+v", st.Providers, wantSt)
	}
}

func TestProviderFile(t *testing.T) {
	dir := build(t, fixtureOptions())
	pf := read[ProviderFile](t, dir, paths.ProviderJSON("acme"))
	ids := func(list []Incident) []string {
		var out []string
		for _, in := range list {
			out = append(out, in.ID+":"+string(in.Phase))
		}
		return out
	}
	if got := ids(pf.Incidents.Open); !slices.Equal(got, []string{"inc-open:ongoing"}) {
		t.Errorf("open %q", got)
	}
	// Newest first; the stale one is no longer open, as on the page.
	if got := ids(pf.Incidents.Recent); !slices.Equal(got, []string{evilID + ":resolved", "stale-1:stale"}) {
		t.Errorf("recent %q", got)
	}
	if got := ids(pf.Maintenance.Upcoming); !slices.Equal(got, []string{"m-soon:upcoming"}) {
		t.Errorf("upcoming %q", got)
	}
	if pf.OpenIncidents != 1 || len(pf.Components) != 4 || pf.Status != adapters.PartialOutage {
		t.Errorf("open %d, components %d, status %s", pf.OpenIncidents, len(pf.Components), pf.Status)
	}
	ws := pf.Components[1]
	if ws.ID != "ws" || !ws.LastChanged.Equal(at(30, 14, 5)) || ws.Feed != base+"/status/acme/components/ws/feed.rss" {
		t.Errorf("ws component %+v", ws)
	}
	open := pf.Incidents.Open[0]
	if open.URL != base+"/status/acme/incidents/inc-open/" || len(open.Updates) != 2 || open.Updates[0].ID != "u2" {
		t.Errorf("open incident %+v", open)
	}
	evil := pf.Incidents.Recent[0]
	if evil.URL != base+"/status/acme/incidents/inc.2F.2E.2E.2F.2E.2E.2F.2E.2E.2Fevil/" || evil.OfficialURL != "" {
		t.Errorf("evil incident url %q, official %q", evil.URL, evil.OfficialURL)
	}
}

func TestSplitHistory(t *testing.T) {
	dir := build(t, sampleOptions())
	idx := read[IncidentsFile](t, dir, paths.IncidentsJSON("newbie"))
	if idx.Count != SplitAbove+21 || idx.Incidents != nil {
		t.Fatalf("index count %d, %d incidents inline", idx.Count, len(idx.Incidents))
	}
	// 214 entries in 2024 make two files of it, 200 and 14.
	var parts []string
	total := 0
	for _, p := range idx.Parts {
		parts = append(parts, fmt.Sprintf("%d-%d", p.Year, p.Page))
		total += p.Count
		if p.URL != base+PartPath("newbie", p.Year, p.Page) || p.Count > SplitAbove {
			t.Errorf("part %+v", p)
		}
	}
	if !slices.Equal(parts, []string{"2025-1", "2024-1", "2024-2", "0-1"}) || total != idx.Count {
		t.Fatalf("parts %v, total %d", parts, total)
	}
	y24 := read[YearFile](t, dir, YearPath("newbie", 2024))
	if y24.Page != 1 || y24.Count != SplitAbove || y24.Links.Newer != base+YearPath("newbie", 2025) ||
		y24.Links.Older != base+PartPath("newbie", 2024, 2) || y24.Links.Index != base+paths.IncidentsJSON("newbie") {
		t.Errorf("2024 page 1: page %d count %d links %+v", y24.Page, y24.Count, y24.Links)
	}
	y25 := read[YearFile](t, dir, YearPath("newbie", 2025))
	for _, in := range append(y25.Incidents, y24.Incidents...) {
		if y := in.StartedAt.Year(); y != 2025 && y != 2024 {
			t.Errorf("2025 file holds %s from %v", in.ID, in.StartedAt)
		}
	}
	y0 := read[YearFile](t, dir, YearPath("newbie", 0))
	if len(y0.Incidents) != 1 || y0.Incidents[0].Impact != ImpactUnknown || y0.Incidents[0].ImpactRaw != "weird" || y0.Links.Older != "" {
		t.Errorf("undated part %+v", y0)
	}
	small := read[IncidentsFile](t, dir, paths.IncidentsJSON("acme"))
	if small.Count != 4 || len(small.Incidents) != 4 || small.Parts != nil {
		t.Errorf("acme history: count %d, %d incidents, %d parts", small.Count, len(small.Incidents), len(small.Parts))
	}
	empty := files(t, dir)["api/v1/providers/pusher/incidents.json"]
	if !bytes.Contains(empty, []byte(`"incidents":[]`)) {
		t.Errorf("empty history must list no incidents explicitly: %s", empty)
	}
}

func TestTwoBuildsAreByteIdentical(t *testing.T) {
	testfs.Same(t, build(t, sampleOptions()), build(t, sampleOptions()))
}

func TestHostileContentIsEscaped(t *testing.T) {
	dir := build(t, fixtureOptions())
	for name, data := range files(t, dir) {
		for _, bad := range []string{"<script", "<img", "<b>"} {
			if bytes.Contains(data, []byte(bad)) {
				t.Errorf("%s: raw %q", name, bad)
			}
		}
	}
	// The text itself survives, escaped.
	pf := read[ProviderFile](t, dir, paths.ProviderJSON("acme"))
	if pf.Incidents.Recent[0].Title != "Login failures <script>alert(1)</script>" {
		t.Errorf("title %q", pf.Incidents.Recent[0].Title)
	}
}

func TestNowOnlyMovesPhases(t *testing.T) {
	a := fixtureOptions()
	b := fixtureOptions()
	b.Now = a.Now.Add(time.Minute)
	fa, fb := files(t, build(t, a)), files(t, build(t, b))
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			t.Errorf("%s changed when only the clock moved a minute", name)
		}
	}
}

func TestDaysAndUptime(t *testing.T) {
	dir := build(t, fixtureOptions())
	pf := read[ProviderFile](t, dir, paths.ProviderJSON("acme"))
	if len(pf.Days) != DayBar || pf.Days[DayBar-1].Date != "2026-07-30" || pf.Days[0].Date != "2026-05-02" {
		t.Fatalf("days: %d, %v … %v", len(pf.Days), pf.Days[0], pf.Days[len(pf.Days)-1])
	}
	byDate := map[string]adapters.Status{}
	for _, d := range pf.Days {
		byDate[d.Date] = d.Status
	}
	for date, want := range map[string]adapters.Status{
		"2026-06-30": adapters.Unknown,       // before our record begins
		"2026-07-01": adapters.Operational,   // first known day
		"2026-07-12": adapters.MajorOutage,   // the critical incident
		"2026-07-30": adapters.PartialOutage, // the open major incident
	} {
		if byDate[date] != want {
			t.Errorf("%s: %s, want %s", date, byDate[date], want)
		}
	}
	if len(pf.Uptime) != 3 {
		t.Fatalf("uptime: %+v", pf.Uptime)
	}
	asOf := at(30, 0, 0)
	month := pf.Uptime[1]
	// 29 known days (from July 1) with 2 h 14 min (8040 s) of major outage
	// of REST API on July 12, averaged over the provider's three components
	// (REST API, WebSocket API, Dashboard; the Channels group is not one):
	// 2680 s; 100 × (2 505 600 − 2680) / 2 505 600 = 99.8930…
	if month.WindowDays != 30 || !month.Known || !month.From.Equal(at(1, 0, 0)) || !month.To.Equal(asOf) ||
		month.DownSeconds != 2680 || month.Percent == nil || *month.Percent != 99.893 {
		t.Errorf("30 days: %+v (percent %v)", month, deref(month.Percent))
	}
	week := pf.Uptime[0]
	if week.Percent == nil || *week.Percent != 100 || week.DownSeconds != 0 {
		t.Errorf("7 days: %+v", week)
	}
	comps := map[string]Component{}
	for _, c := range pf.Components {
		comps[c.ID] = c
	}
	if c := comps["rest"].Uptime; c.DownSeconds != 8040 || c.WindowDays != DayBar {
		t.Errorf("rest: %+v", c)
	}
	if c := comps["ws"].Uptime; c.DownSeconds != 0 || *c.Percent != 100 {
		t.Errorf("ws: %+v", c)
	}
	newbie := read[ProviderFile](t, dir, paths.ProviderJSON("newbie"))
	for _, u := range newbie.Uptime {
		if u.Known || u.Percent != nil || !u.From.IsZero() {
			t.Errorf("newbie without data: %+v", u)
		}
	}
	for _, d := range newbie.Days {
		if d.Status != adapters.Unknown {
			t.Errorf("newbie day %s: %s", d.Date, d.Status)
		}
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestProvidesAndStale(t *testing.T) {
	opt := fixtureOptions()
	opt.Capabilities = map[string]adapters.Capabilities{"statuspage": {Components: true, Timeline: true, HistoryWindow: 50}}
	// acme's last success is over three hours old: stale, status unknown.
	// pusher's latest check failed, but the one before is recent: not stale.
	opt.Checks = map[string]model.Check{
		"acme":   {LastAttempt: at(30, 17, 0), LastOK: at(30, 14, 0), LastError: "adapter statuspage: fetch https://status.acme.example/api/v2/summary.json: 503"},
		"pusher": {LastAttempt: at(30, 17, 0), LastOK: at(30, 16, 0), LastError: "timeout"},
	}
	dir := build(t, opt)
	acme := read[ProviderFile](t, dir, paths.ProviderJSON("acme"))
	if acme.Provides != (Provides{Components: true, Timeline: true, HistoryWindow: 50}) {
		t.Errorf("provides = %+v, want what the statuspage adapter declares", acme.Provides)
	}
	if acme.Stale == nil || !acme.Stale.Since.Equal(at(30, 14, 0)) || !strings.Contains(acme.Stale.Error, "503") || acme.Stale.LastKnownStatus == adapters.Unknown {
		t.Errorf("stale = %+v, want since the last good fetch, with the reason and the last known status", acme.Stale)
	}
	if acme.Status != adapters.Unknown {
		t.Errorf("stale acme publishes %s, want unknown", acme.Status)
	}
	if pusher := read[ProviderFile](t, dir, paths.ProviderJSON("pusher")); pusher.Stale != nil || pusher.Status == adapters.Unknown {
		t.Errorf("pusher is fresh but says stale: %s %+v", pusher.Status, pusher.Stale)
	}
	status := read[StatusFile](t, dir, StatusPath)
	for _, e := range status.Providers {
		if (e.Slug == "acme") != e.Stale || e.Slug == "acme" && e.Status != adapters.Unknown {
			t.Errorf("status.json %s: status %s stale %v", e.Slug, e.Status, e.Stale)
		}
	}
}

// A provider with 1,000 incidents in one year, each with six updates of a
// few hundred characters (GitHub's real average is 5.7 updates of 267),
// publishes no JSON file over MaxJSONFile (see TestNoJSONFileOverTheBound
// for the recorded worst case).
func TestNoHistoryFileOverTheBound(t *testing.T) {
	opt := fixtureOptions()
	h := &history.History{Slug: "newbie", State: history.State{SchemaVersion: 1, Status: adapters.Operational, FirstChecked: at(1, 0, 0)}}
	body := strings.Repeat("We are investigating elevated error rates on the API. ", 6)
	for i := range 1000 {
		when := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 8 * time.Hour)
		inc := adapters.Incident{ID: fmt.Sprintf("i%04d", i), Kind: adapters.KindIncident, Title: "Elevated error rates on the API",
			Impact: adapters.ImpactMinor, Status: "resolved", CreatedAt: when, StartedAt: when, ResolvedAt: when.Add(2 * time.Hour),
			Components: []adapters.ComponentRef{{ID: "api", Name: "API"}}}
		for u := range 6 {
			inc.Updates = append(inc.Updates, adapters.Update{ID: fmt.Sprintf("u%d", u), Status: "investigating", Body: body,
				CreatedAt: when.Add(time.Duration(u) * 20 * time.Minute)})
		}
		h.Incidents = append(h.Incidents, inc)
	}
	opt.Histories["newbie"] = h
	largest, name := 0, ""
	for rel, data := range files(t, build(t, opt)) {
		if strings.HasSuffix(rel, ".json") && len(data) > largest {
			largest, name = len(data), rel
		}
	}
	if largest > MaxJSONFile {
		t.Errorf("%s is %d bytes, over MaxJSONFile", name, largest)
	}
	t.Logf("largest JSON file: %s, %d bytes", name, largest)
}

// status.json lists maintenance in progress first, then only the next
// StatusUpcoming windows, so that a provider that schedules many cannot
// grow the file made to poll.
func TestStatusEntryBoundsUpcomingMaintenance(t *testing.T) {
	win := func(title string, ph model.Phase) Incident {
		return Incident{Title: title, URL: base + "/x/", Impact: adapters.ImpactMaintenance, Phase: ph}
	}
	pf := &ProviderFile{Slug: "acme", Name: "Acme"}
	pf.Maintenance.Active = []Incident{win("now", model.PhaseInProgress)}
	for _, s := range []string{"1", "2", "3", "4", "5"} {
		pf.Maintenance.Upcoming = append(pf.Maintenance.Upcoming, win("soon "+s, model.PhaseUpcoming))
	}
	var got []string
	for _, it := range statusEntry(pf, model.State{}).Maintenance {
		got = append(got, it.Title)
	}
	if want := []string{"now", "soon 1", "soon 2", "soon 3"}; !slices.Equal(got, want) {
		t.Errorf("maintenance %q, want %q", got, want)
	}
}

// TestDetectedVendor: an imported entry is published with the vendor the
// fetcher detected at its URL, marked so, with what that vendor provides;
// until one is detected it reads "auto" and provides nothing.
func TestDetectedVendor(t *testing.T) {
	opt := fixtureOptions()
	opt.Capabilities = map[string]adapters.Capabilities{"statuspage": {Components: true, Timeline: true, HistoryWindow: 50}}
	cat := *opt.Catalog
	cat.Providers = slices.Clone(cat.Providers)
	for i := range cat.Providers {
		if cat.Providers[i].Slug == "pusher" || cat.Providers[i].Slug == "newbie" {
			cat.Providers[i].Adapter, cat.Providers[i].Description, cat.Providers[i].Homepage = catalog.AutoAdapter, "", ""
		}
	}
	opt.Catalog = &cat
	opt.Checks = map[string]model.Check{"pusher": {URL: "https://status.pusher.example", Detected: "statuspage", LastAttempt: at(30, 17, 0), LastOK: at(30, 17, 0)}}
	dir := build(t, opt)
	pusher := read[ProviderFile](t, dir, paths.ProviderJSON("pusher"))
	if pusher.Vendor != "statuspage" || !pusher.VendorDetected || pusher.Source != "auto" || pusher.Verified || !pusher.Provides.Components {
		t.Errorf("pusher: vendor %q detected %v source %q verified %v provides %+v", pusher.Vendor, pusher.VendorDetected, pusher.Source, pusher.Verified, pusher.Provides)
	}
	newbie := read[ProviderFile](t, dir, paths.ProviderJSON("newbie"))
	if newbie.Vendor != "auto" || newbie.VendorDetected || newbie.Provides.Components {
		t.Errorf("newbie: vendor %q detected %v provides %+v", newbie.Vendor, newbie.VendorDetected, newbie.Provides)
	}
	list := read[ProvidersFile](t, dir, ProvidersPath)
	for _, p := range list.Providers {
		if p.Slug == "pusher" && (p.Vendor != "statuspage" || p.Source != "auto") {
			t.Errorf("providers.json pusher: %+v", p)
		}
	}
}

// A cancelled window is phase "cancelled", among the finished ones, never
// upcoming nor in status.json's maintenance; a withdrawn one says when
// it was withdrawn. The files still match their schemas.
func TestCancelledMaintenance(t *testing.T) {
	opt := fixtureOptions()
	opt.Histories["acme"].Incidents = append(opt.Histories["acme"].Incidents, buildtest.CancelledWindows()...)
	dir := build(t, opt)
	validateAll(t, files(t, dir))
	pf := read[ProviderFile](t, dir, paths.ProviderJSON("acme"))
	got := map[string]Incident{}
	for _, in := range pf.Maintenance.Recent {
		got[in.ID] = in
	}
	for _, in := range slices.Concat(pf.Maintenance.Upcoming, pf.Maintenance.Active) {
		if strings.HasPrefix(in.ID, "m-off") || in.ID == "m-gone" {
			t.Errorf("%s listed as %s", in.ID, in.Phase)
		}
	}
	if got["m-off"].Phase != model.PhaseCancelled || got["m-gone"].Phase != model.PhaseCancelled {
		t.Errorf("recent: m-off %q, m-gone %q; want both cancelled", got["m-off"].Phase, got["m-gone"].Phase)
	}
	if w := got["m-gone"].WithdrawnAt; !w.Equal(at(28, 12, 0)) {
		t.Errorf("m-gone withdrawn_at %v", w)
	}
	for _, e := range read[StatusFile](t, dir, StatusPath).Providers {
		for _, m := range e.Maintenance {
			if strings.Contains(m.Title, "Storage migration") || strings.Contains(m.Title, "Network switch") {
				t.Errorf("status.json lists the cancelled %q as %s", m.Title, m.Phase)
			}
		}
	}
}

// status_since is a time known, the vendor's or a change we saw; a status
// held since our first check is status_since_at_least instead, never both.
// status_derived_reason says why a derived status is ours.
func TestStatusSinceAndReason(t *testing.T) {
	opt := fixtureOptions()
	// pusher's operational status was there at our first look.
	// acme's vendor says operational while an incident is open.
	acme := opt.Histories["acme"]
	acme.State.Status, acme.State.Description = adapters.Operational, "All Systems Operational"
	for i := range acme.State.Components {
		acme.State.Components[i].Status = adapters.Operational
	}
	dir := build(t, opt)
	pusher := read[ProviderFileV2](t, dir, paths.ProviderJSONv2("pusher"))
	if !pusher.StatusSince.IsZero() || !pusher.StatusSinceAtLeast.Equal(at(29, 6, 0)) {
		t.Errorf("pusher: status_since %v, status_since_at_least %v; want only at least our first check", pusher.StatusSince, pusher.StatusSinceAtLeast)
	}
	if pusher.StatusDerived || pusher.StatusDerivedReason != "" {
		t.Errorf("pusher: derived %v %q, want the vendor's", pusher.StatusDerived, pusher.StatusDerivedReason)
	}
	got := read[ProviderFileV2](t, dir, paths.ProviderJSONv2("acme"))
	if got.Status != adapters.PartialOutage || !got.StatusDerived || got.StatusDerivedReason != string(model.ReasonIncidents) {
		t.Errorf("acme: %s derived %v %q, want partial_outage derived from open_incidents", got.Status, got.StatusDerived, got.StatusDerivedReason)
	}
	if !got.StatusSince.Equal(at(30, 14, 0)) || !got.StatusSinceAtLeast.IsZero() {
		t.Errorf("acme: status_since %v (at least %v), want the incident's start", got.StatusSince, got.StatusSinceAtLeast)
	}
	// The file scripts poll says it too.
	for _, e := range read[StatusFileV2](t, dir, StatusPathV2).Providers {
		want := StatusEntryV2{}
		if e.Slug == "acme" {
			want = StatusEntryV2{StatusDerived: true, StatusDerivedReason: string(model.ReasonIncidents)}
		}
		if e.StatusDerived != want.StatusDerived || e.StatusDerivedReason != want.StatusDerivedReason {
			t.Errorf("v2 status.json, %s: derived %v %q, want %v %q", e.Slug, e.StatusDerived, e.StatusDerivedReason, want.StatusDerived, want.StatusDerivedReason)
		}
	}
}

// Version 2's provider file lists in full only the entries of now, and
// links to the history for the rest; the history index names the entries
// whose end is ours, which version 1's files keep unmarked.
func TestV2ListsNowAndLinksToTheHistory(t *testing.T) {
	ids := func(list []Incident) []string {
		var out []string
		for _, in := range list {
			out = append(out, in.ID)
		}
		return out
	}
	opt := fixtureOptions()
	h := bigHistory("bigco")
	h.Incidents[3].ResolvedAt = h.Incidents[3].StartedAt.Add(time.Hour)
	h.Incidents[3].ResolvedAsObserved = true
	observedID := h.Incidents[3].ID
	opt.Histories["bigco"] = h
	cat := *opt.Catalog
	cat.Providers = append(cat.Providers, catalog.Provider{Slug: "bigco", Name: "BigCo", URL: "https://status.bigco.example", Adapter: "statuspage", Category: "developer-tools"})
	opt.Catalog = &cat
	dir := build(t, opt)
	for _, slug := range []string{"acme", "bigco"} {
		v1 := read[ProviderFile](t, dir, paths.ProviderJSON(slug))
		v2 := read[ProviderFileV2](t, dir, paths.ProviderJSONv2(slug))
		if want := strings.TrimSuffix(buildtest.BaseURL, "/") + paths.IncidentsJSONv2(slug); v2.History != want {
			t.Errorf("%s: history %q, want %q", slug, v2.History, want)
		}
		if !slices.Equal(ids(v2.Incidents.Open), ids(v1.Incidents.Open)) || !slices.Equal(ids(v2.Maintenance.Active), ids(v1.Maintenance.Active)) ||
			!slices.Equal(ids(v2.Maintenance.Upcoming), ids(v1.Maintenance.Upcoming)) {
			t.Errorf("%s: v2 lists %v %v %v, v1 %v %v %v", slug, ids(v2.Incidents.Open), ids(v2.Maintenance.Active), ids(v2.Maintenance.Upcoming),
				ids(v1.Incidents.Open), ids(v1.Maintenance.Active), ids(v1.Maintenance.Upcoming))
		}
		raw, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(paths.ProviderJSONv2(slug)[1:])))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(raw), `"recent"`) {
			t.Errorf("%s: v2's provider file still copies the recent lists", slug)
		}
	}
	index := read[IncidentsFileV2](t, dir, paths.IncidentsJSONv2("bigco"))
	if !slices.Equal(index.ResolvedAsObserved, []string{observedID}) {
		t.Errorf("index names %v resolved as observed, want [%s]", index.ResolvedAsObserved, observedID)
	}
	if acme := read[IncidentsFileV2](t, dir, paths.IncidentsJSONv2("acme")); acme.ResolvedAsObserved != nil {
		t.Errorf("acme: %v resolved as observed, want none", acme.ResolvedAsObserved)
	}
	for _, part := range index.Parts {
		if strings.Contains(string(files(t, dir)[strings.TrimPrefix(part.URL, buildtest.BaseURL)]), "resolved_as_observed") {
			t.Errorf("%s marks an entry resolved_as_observed, which version 1 never did", part.URL)
		}
	}
}
