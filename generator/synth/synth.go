// Package synth writes a synthetic catalogue and history of any size, for
// benchmarks: realistic shapes (component groups, long multi-update
// incidents with markdown, maintenance windows, two years of dates), with
// names that are obviously not real companies. The history is written by
// history.Save, so the files are exactly what fetch would write.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
)

// Options size the corpus.
type Options struct {
	Providers, Incidents int
	// Out receives content/ and data/.
	Out string
	// Seed makes the corpus reproducible.
	Seed uint64
	// Now is the newest time in the corpus.
	Now time.Time
	// Replay also writes Out/replay: the Statuspage documents that serve
	// each provider's history (see WriteStatuspage), for fetch --replay.
	Replay bool
}

// Host is the status page host of a synthetic provider.
func Host(slug string) string { return "status." + slug + ".example" }

var categories = []string{"ai", "cloud-hosting", "communication", "data", "developer-tools", "monitoring", "payments", "security"}

// Generate writes Out/content and Out/data.
func Generate(opt Options) error {
	r := rand.New(rand.NewPCG(opt.Seed, 42))
	content := filepath.Join(opt.Out, "content")
	if err := os.MkdirAll(filepath.Join(content, "providers"), 0o755); err != nil {
		return err
	}
	if err := writeCategories(content); err != nil {
		return err
	}
	for i := range opt.Providers {
		slug := fmt.Sprintf("example-provider-%04d", i)
		if err := writeProvider(content, slug, i, r); err != nil {
			return err
		}
		h := providerHistory(slug, opt, r)
		liven(h, i, opt.Now)
		if _, err := history.Save(filepath.Join(opt.Out, "data"), h); err != nil {
			return err
		}
		if opt.Replay {
			if err := WriteStatuspage(filepath.Join(opt.Out, "replay"), Host(slug), Upstream(h)); err != nil {
				return err
			}
		}
	}
	return nil
}

// Upstream is the snapshot a status page serving h would give.
func Upstream(h *history.History) *adapters.Snapshot {
	snap := &adapters.Snapshot{Status: h.State.Status, Description: h.State.Description, Incidents: h.Incidents}
	for _, c := range h.State.Components {
		if c.RemovedAt.IsZero() {
			snap.Components = append(snap.Components, c.Component)
		}
	}
	return snap
}

func writeCategories(content string) error {
	var b strings.Builder
	for _, c := range categories {
		fmt.Fprintf(&b, "- slug: %s\n  name: Synthetic %s\n  description: Synthetic providers for benchmarks.\n", c, c)
	}
	return os.WriteFile(filepath.Join(content, "categories.yaml"), []byte(b.String()), 0o644)
}

func writeProvider(content, slug string, i int, r *rand.Rand) error {
	y := fmt.Sprintf("name: Example Provider %04d\nurl: https://%s\nadapter: statuspage\ncategory: %s\n"+
		"description: A synthetic provider for benchmarks.\nhomepage: https://%s.example\n",
		i, Host(slug), categories[r.IntN(len(categories))], slug)
	return os.WriteFile(filepath.Join(content, "providers", slug+".yaml"), []byte(y), 0o644)
}

func providerHistory(slug string, opt Options, r *rand.Rand) *history.History {
	first := opt.Now.AddDate(-2, 0, 0)
	h := &history.History{Slug: slug}
	h.State = history.State{SchemaVersion: history.SchemaVersion, Status: adapters.Operational, StatusRaw: "none",
		Description: "All Systems Operational", StatusSince: first, FirstChecked: first, KnownSince: first}
	comps := components(r, first)
	h.State.Components = comps
	for n := range opt.Incidents {
		h.Incidents = append(h.Incidents, incident(slug, n, comps, opt.Now, r))
	}
	// Merge puts everything in its canonical order; an empty snapshot with
	// the same state changes nothing else.
	history.Merge(h, &adapters.Snapshot{FetchedAt: opt.Now, Status: adapters.Operational, StatusRaw: "none", Description: "All Systems Operational"})
	return h
}

// liven makes the corpus hold what a live catalogue always does: one
// provider in ten has an incident going on (its newest, restarted two hours
// ago), and one in eight has maintenance scheduled for the coming week.
func liven(h *history.History, i int, now time.Time) {
	if len(h.Incidents) > 0 && i%10 == 1 {
		inc := &h.Incidents[0]
		start := now.Add(-2 * time.Hour)
		if inc.Kind == adapters.KindMaintenance {
			inc.Impact, inc.Title = adapters.ImpactMajor, "Elevated error rates on "+inc.Components[0].Name
			inc.ScheduledFor, inc.ScheduledUntil = time.Time{}, time.Time{}
		}
		inc.Kind, inc.Status, inc.CreatedAt, inc.StartedAt, inc.ResolvedAt = adapters.KindIncident, "identified", start, start, time.Time{}
		inc.Updates = inc.Updates[:1]
		inc.Updates[0].Status, inc.Updates[0].CreatedAt = "identified", start
		inc.UpdatedAt = start
	}
	if len(h.Incidents) > 1 && i%8 == 2 {
		inc := &h.Incidents[1]
		start := now.Add(3 * 24 * time.Hour)
		inc.Kind, inc.Impact, inc.Title, inc.Status = adapters.KindMaintenance, adapters.ImpactMaintenance, "Scheduled network maintenance", "scheduled"
		inc.ScheduledFor, inc.ScheduledUntil, inc.StartedAt, inc.ResolvedAt = start, start.Add(4*time.Hour), time.Time{}, time.Time{}
		inc.CreatedAt = now.Add(-24 * time.Hour)
		inc.Updates = inc.Updates[:1]
		inc.Updates[0].Status, inc.Updates[0].CreatedAt = "scheduled", inc.CreatedAt
		inc.UpdatedAt = inc.CreatedAt
	}
	history.Merge(h, &adapters.Snapshot{FetchedAt: now, Status: h.State.Status, StatusRaw: h.State.StatusRaw, Description: h.State.Description})
}

func components(r *rand.Rand, at time.Time) []history.ComponentState {
	var out []history.ComponentState
	groups := 1 + r.IntN(3)
	for g := range groups {
		gid := fmt.Sprintf("g%d", g)
		out = append(out, history.ComponentState{Component: adapters.Component{ID: gid, Name: fmt.Sprintf("Region %d", g+1),
			Group: true, Position: g + 1, Status: adapters.Operational}, LastChanged: at, FirstSeen: at})
		for c := range 2 + r.IntN(4) {
			out = append(out, history.ComponentState{Component: adapters.Component{ID: fmt.Sprintf("%s-c%d", gid, c),
				Name: []string{"API", "Dashboard", "Webhooks", "Realtime", "Storage", "Search"}[c], GroupID: gid,
				Position: c + 1, Status: adapters.Operational}, LastChanged: at, FirstSeen: at})
		}
	}
	return out
}

var impacts = []adapters.Impact{adapters.ImpactNone, adapters.ImpactMinor, adapters.ImpactMinor, adapters.ImpactMajor, adapters.ImpactCritical}

func incident(slug string, n int, comps []history.ComponentState, now time.Time, r *rand.Rand) adapters.Incident {
	start := now.Add(-time.Duration(r.IntN(2*365*24*60)) * time.Minute).Truncate(time.Second)
	c := comps[1+r.IntN(len(comps)-1)]
	inc := adapters.Incident{ID: fmt.Sprintf("inc%05d", n), Kind: adapters.KindIncident, Impact: impacts[r.IntN(len(impacts))],
		Title: fmt.Sprintf("Elevated error rates on %s", c.Name), Status: "resolved",
		URL: fmt.Sprintf("https://status.%s.example/incidents/inc%05d", slug, n), CreatedAt: start, StartedAt: start,
		Components: []adapters.ComponentRef{{ID: c.ID, Name: c.Name}}}
	if r.IntN(10) == 0 {
		inc.Kind, inc.Impact, inc.Title, inc.Status = adapters.KindMaintenance, adapters.ImpactMaintenance, "Scheduled database maintenance", "completed"
		inc.ScheduledFor, inc.ScheduledUntil = start, start.Add(2*time.Hour)
	}
	updates := 1 + r.IntN(12)
	at := start
	for u := range updates {
		at = at.Add(time.Duration(5+r.IntN(90)) * time.Minute)
		inc.Updates = append(inc.Updates, adapters.Update{ID: fmt.Sprintf("%s-u%02d", inc.ID, u), Status: "investigating",
			CreatedAt: at, Body: body(c.Name, u, r)})
	}
	inc.Updates[len(inc.Updates)-1].Status = "resolved"
	inc.ResolvedAt, inc.UpdatedAt = at, at
	return inc
}

func body(component string, n int, r *rand.Rand) string {
	lines := []string{
		fmt.Sprintf("We are investigating **elevated error rates** on %s (update %d).", component, n+1),
		"",
		"- Affected: requests in the *eu-west* region",
		"- Workaround: retry with backoff; see [our docs](https://docs.example.com/retries)",
	}
	if r.IntN(3) == 0 {
		lines = append(lines, "", "```", "HTTP 503 Service Unavailable", "```")
	}
	return strings.Join(lines, "\n")
}
