package spapi

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/statuspage"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/internal/buildtest"
	"github.com/uptimus/uptimus/generator/internal/realdata"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/paths"
	"github.com/uptimus/uptimus/generator/publish"
)

// fixture is the shared test catalogue with real recorded histories
// added, GitHub's (a Statuspage page) and Google Cloud's year (a vendor
// with no Statuspage API, long markdown reports), and the states the
// build computes.
func fixture(t *testing.T) (buildtest.Inputs, map[string]model.State) {
	t.Helper()
	cat, hs := buildtest.Catalog(), buildtest.Histories()
	_, now := realdata.AddGitHub(t, cat, hs)
	gc, _ := realdata.GoogleCloudHistory(t)
	cat.Providers = append(cat.Providers, catalog.Provider{Slug: gc.Slug, Name: "Google Cloud", URL: realdata.GoogleCloudPage, Adapter: "gcp", Category: "developer-tools"})
	hs[gc.Slug] = gc
	in := buildtest.Inputs{Catalog: cat, Histories: hs, Now: now}
	states := map[string]model.State{}
	for i := range cat.Providers {
		p := &cat.Providers[i]
		states[p.Slug] = model.StateOf(hs[p.Slug], model.Check{}, model.PublishesStatus(p, model.Check{}, nil, true), now)
	}
	return in, states
}

func build(t *testing.T, in buildtest.Inputs) string {
	t.Helper()
	return buildtest.Dir(t, func(pub *publish.Publisher) error {
		b, err := New(Options{Now: in.Now, BaseURL: buildtest.BaseURL}, pub)
		if err != nil {
			return err
		}
		return in.Each(func(p *catalog.Provider, h *history.History, st model.State) error {
			return b.Provider(p, h, st, false)
		})
	})
}

// httpFetcher is what the adapter reads through: plain GETs.
type httpFetcher struct{}

func (httpFetcher) Get(ctx context.Context, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %d", url, resp.StatusCode)
	}
	return io.ReadAll(resp.Body)
}

// TestStatuspageAdapterReadsItBack serves the built files over HTTP and
// reads every provider back with the project's own Statuspage adapter,
// given the provider's page as the page's base URL, as a tool built for
// Statuspage would be: the status, the components and the listed
// incidents and windows come back as the site publishes them.
func TestStatuspageAdapterReadsItBack(t *testing.T) {
	in, states := fixture(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(build(t, in))))
	defer srv.Close()
	for _, p := range in.Catalog.Providers {
		t.Run(p.Slug, func(t *testing.T) {
			st, h := states[p.Slug], in.Histories[p.Slug]
			page := srv.URL + paths.ProviderPage(p.Slug)
			snap, err := statuspage.New().Fetch(context.Background(), httpFetcher{}, adapters.Page{Slug: p.Slug, URL: page})
			if err != nil {
				t.Fatal(err)
			}
			if snap.Status != st.Status {
				t.Errorf("status %s, published %s", snap.Status, st.Status)
			}
			var want []string
			for _, c := range st.Components {
				if c.RemovedAt.IsZero() {
					want = append(want, fmt.Sprintf("%s|%s|%t|%s|%s", c.ID, c.Name, c.Group, c.GroupID, c.Status))
				}
			}
			var got []string
			for _, c := range snap.Components {
				got = append(got, fmt.Sprintf("%s|%s|%t|%s|%s", c.ID, c.Name, c.Group, c.GroupID, c.Status))
			}
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("components\n got %q\nwant %q", got, want)
			}
			if h == nil || len(h.Incidents) == 0 {
				if len(snap.Incidents) != 0 {
					t.Errorf("no history, yet %d incidents", len(snap.Incidents))
				}
				return
			}
			byID := map[string]*adapters.Incident{}
			for i := range h.Incidents {
				byID[h.Incidents[i].ID] = &h.Incidents[i]
			}
			if len(snap.Incidents) == 0 {
				t.Fatal("no incident read back")
			}
			for _, back := range snap.Incidents {
				orig, ok := byID[back.ID]
				if !ok {
					t.Errorf("incident %q read back, not in the history", back.ID)
					continue
				}
				compareIncident(t, orig, &back, in.Now)
			}
		})
	}
}

func compareIncident(t *testing.T, orig, back *adapters.Incident, now time.Time) {
	t.Helper()
	if back.Kind != orig.Kind || back.Title != cmpTitle(orig) {
		t.Errorf("%s: kind %s title %q, want %s %q", orig.ID, back.Kind, back.Title, orig.Kind, cmpTitle(orig))
	}
	if want := lifecycle(orig, model.PhaseOf(orig, now)); back.Status != want {
		t.Errorf("%s: status %q, want %q", orig.ID, back.Status, want)
	}
	wantImpact := orig.Impact
	if orig.Kind == adapters.KindMaintenance && (wantImpact == adapters.ImpactNone || wantImpact == "") {
		wantImpact = adapters.ImpactMaintenance
	}
	if slices.Contains(impacts, orig.Impact) && back.Impact != wantImpact {
		t.Errorf("%s: impact %s, want %s", orig.ID, back.Impact, wantImpact)
	}
	if !back.ScheduledFor.Equal(orig.ScheduledFor) || !back.ScheduledUntil.Equal(orig.ScheduledUntil) {
		t.Errorf("%s: schedule %v–%v, want %v–%v", orig.ID, back.ScheduledFor, back.ScheduledUntil, orig.ScheduledFor, orig.ScheduledUntil)
	}
	if e := model.End(orig); !e.IsZero() && !back.ResolvedAt.Equal(e) {
		t.Errorf("%s: resolved %v, want %v", orig.ID, back.ResolvedAt, e)
	}
	if len(back.Updates) != len(orig.Updates) {
		t.Fatalf("%s: %d updates, want %d", orig.ID, len(back.Updates), len(orig.Updates))
	}
	for _, u := range back.Updates {
		i := slices.IndexFunc(orig.Updates, func(o adapters.Update) bool { return o.ID == u.ID })
		if i < 0 {
			t.Errorf("%s: update %q not in the history", orig.ID, u.ID)
			continue
		}
		o := orig.Updates[i]
		// The adapter reads Statuspage's raw <br /> as a line break, as
		// it does on a vendor's page; the fixture's bodies hold one.
		o.Body = strings.ReplaceAll(o.Body, "<br />", "\n")
		if u.Status != o.Status || !u.CreatedAt.Equal(o.CreatedAt) || u.Body != o.Body {
			t.Errorf("%s/%s: %q at %v %q, want %q at %v %q", orig.ID, u.ID, u.Status, u.CreatedAt, u.Body, o.Status, o.CreatedAt, o.Body)
		}
	}
}

func cmpTitle(inc *adapters.Incident) string {
	if inc.Title == "" {
		return "Untitled " + string(inc.Kind)
	}
	return inc.Title
}

// TestFieldsAreStatuspages holds every object of the built files to
// Statuspage's own: each key a real Statuspage page serves for that object
// (GitHub's summary as recorded, with an open incident and upcoming
// maintenance, and its incidents.json) is there, with the same JSON type
// or null. No Statuspage client on the module proxy or npm reads a page
// other than a statuspage.io one, so the real responses are the reference.
func TestFieldsAreStatuspages(t *testing.T) {
	real := realObjects(t, "github-summary-2020-05-22-unresolved-incident-upcoming-maint.json", "github-incidents-50-2026-07-31.json")
	in, _ := fixture(t)
	dir := build(t, in)
	checked := map[string]int{}
	for _, p := range in.Catalog.Providers {
		for _, name := range Files {
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(paths.StatuspageAPI(p.Slug)[1:]+name)))
			if err != nil {
				t.Fatal(err)
			}
			var doc map[string]any
			if err := json.Unmarshal(data, &doc); err != nil {
				t.Fatalf("%s %s: %v", p.Slug, name, err)
			}
			for kind, objs := range objectsOf(doc) {
				for _, o := range objs {
					checked[kind]++
					for key, want := range real[kind] {
						got, ok := o[key]
						if !ok {
							t.Errorf("%s %s: %s lacks %q", p.Slug, name, kind, key)
							continue
						}
						if got != nil && want != "" && jsonType(got) != want {
							t.Errorf("%s %s: %s.%s is %s, Statuspage's is %s", p.Slug, name, kind, key, jsonType(got), want)
						}
					}
				}
			}
		}
	}
	for _, kind := range []string{"page", "status", "component", "incident", "update", "maintenance", "affected"} {
		if checked[kind] == 0 {
			t.Errorf("no %s object checked", kind)
		}
	}
}

// realObjects are the keys of each kind of object in real recorded
// Statuspage files, with their JSON type ("" when only null was seen).
func realObjects(t *testing.T, files ...string) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "real", "statuspage", f))
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		for kind, objs := range objectsOf(doc) {
			if out[kind] == nil {
				out[kind] = map[string]string{}
			}
			for _, o := range objs {
				for k, v := range o {
					if v != nil {
						out[kind][k] = jsonType(v)
					} else if _, seen := out[kind][k]; !seen {
						out[kind][k] = ""
					}
				}
			}
		}
	}
	return out
}

// objectsOf sorts the objects of a Statuspage file by kind.
func objectsOf(doc map[string]any) map[string][]map[string]any {
	out := map[string][]map[string]any{}
	add := func(kind string, v any) {
		if o, ok := v.(map[string]any); ok {
			out[kind] = append(out[kind], o)
		}
	}
	each := func(v any, fn func(any)) {
		list, _ := v.([]any)
		for _, x := range list {
			fn(x)
		}
	}
	add("page", doc["page"])
	add("status", doc["status"])
	each(doc["components"], func(c any) { add("component", c) })
	entry := func(kind string) func(any) {
		return func(x any) {
			add(kind, x)
			o, _ := x.(map[string]any)
			each(o["components"], func(c any) { add("component", c) })
			each(o["incident_updates"], func(u any) {
				add("update", u)
				uo, _ := u.(map[string]any)
				each(uo["affected_components"], func(a any) { add("affected", a) })
			})
		}
	}
	each(doc["incidents"], entry("incident"))
	each(doc["scheduled_maintenances"], entry("maintenance"))
	return out
}

func jsonType(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "null"
}
