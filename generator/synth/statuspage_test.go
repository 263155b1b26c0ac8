package synth

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/statuspage"
	"github.com/uptimus/uptimus/generator/fetch"
	"github.com/uptimus/uptimus/generator/history"
)

// The replay Generate writes is what the Statuspage adapter reads back as
// each provider's history: its status, components and incidents (the
// newest 50 of them, as a real page lists).
func TestReplayServesTheHistory(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	if err := Generate(Options{Providers: 2, Incidents: 60, Out: dir, Seed: 3, Now: now, Replay: true}); err != nil {
		t.Fatal(err)
	}
	f := &fetch.HTTPFetcher{Client: fetch.NewClient(fetch.Replay(filepath.Join(dir, "replay")))}
	for _, slug := range []string{"example-provider-0000", "example-provider-0001"} {
		h, err := history.Load(os.DirFS(filepath.Join(dir, "data")), slug)
		if err != nil {
			t.Fatal(err)
		}
		snap, err := statuspage.New().Fetch(context.Background(), f, adapters.Page{Slug: slug, URL: "https://" + Host(slug)})
		if err != nil {
			t.Fatal(err)
		}
		if len(snap.Components) != len(h.State.Components) || len(snap.Incidents) < window {
			t.Fatalf("%s: %d components (want %d), %d incidents", slug, len(snap.Components), len(h.State.Components), len(snap.Incidents))
		}
		if got, want := summary(snap.Incidents, snap.Components), summary(listed(h.Incidents), comps(h)); got != want {
			t.Errorf("%s: the replay serves\n%s\nwant\n%s", slug, got, want)
		}
	}
}

// summary is what a page must give back of its history: incidents newest
// first (id, title, start, updates) and components (id, status).
func summary(incs []adapters.Incident, cs []adapters.Component) string {
	var b strings.Builder
	for _, in := range incs {
		fmt.Fprintf(&b, "%s %q %s %d\n", in.ID, in.Title, history.Start(&in).Format(time.RFC3339), len(in.Updates))
	}
	for _, c := range cs {
		fmt.Fprintf(&b, "%s %s\n", c.ID, c.Status)
	}
	return b.String()
}

func comps(h *history.History) []adapters.Component {
	var out []adapters.Component
	for _, c := range h.State.Components {
		out = append(out, c.Component)
	}
	return out
}

// listed keeps what a Statuspage page lists of incs (newest first): every
// maintenance window, and the 50 newest incidents.
func listed(incs []adapters.Incident) []adapters.Incident {
	var out []adapters.Incident
	n := 0
	for _, in := range incs {
		if in.Kind == adapters.KindMaintenance || n < window {
			out = append(out, in)
		}
		if in.Kind == adapters.KindIncident {
			n++
		}
	}
	return out
}
