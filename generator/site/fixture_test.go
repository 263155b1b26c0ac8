package site

import (
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/all"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/internal/buildtest"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/publish"
)

// The tests build from buildtest's fixture; these name its parts here.
var (
	at             = buildtest.At
	comp           = buildtest.Comp
	fixtureNow     = buildtest.Now
	fixtureCatalog = buildtest.Catalog
)

// fixtureHistories are buildtest's, but for acme's, which reaches what only
// pages show: a removed component, running and completed maintenance,
// markdown and links in update bodies, and the archive.
func fixtureHistories() map[string]*history.History {
	hs := buildtest.Histories()
	hs["acme"] = acmeHistory()
	return hs
}

func acmeHistory() *history.History {
	grp := comp("g1", "Channels", "", 1, adapters.PartialOutage, at(30, 14, 5))
	grp.Group = true
	removed := comp("old", "Legacy API", "", 3, adapters.Operational, at(2, 0, 0))
	removed.RemovedAt = at(20, 0, 0)
	acme := &history.History{
		Slug: "acme",
		State: history.State{
			SchemaVersion: 1,
			Status:        adapters.PartialOutage,
			Description:   "Partial System Outage",
			StatusSince:   at(30, 14, 5),
			FirstChecked:  at(1, 0, 0),
			KnownSince:    at(1, 0, 0),
			Components: []history.ComponentState{
				// Deliberately out of order: the table must follow positions.
				comp("rest", "REST API", "g1", 2, adapters.Operational, at(12, 9, 30)),
				comp("ws", "WebSocket API", "g1", 1, adapters.PartialOutage, at(30, 14, 5)),
				grp,
				comp("dash", "Dashboard", "", 2, adapters.Operational, time.Time{}),
				removed,
			},
		},
		Events: []history.Event{{At: at(30, 14, 5), ComponentID: "ws", Name: "WebSocket API", From: adapters.Operational, To: adapters.PartialOutage}},
		Incidents: []adapters.Incident{
			{
				ID: "inc-open", Kind: adapters.KindIncident, Title: "Elevated WebSocket errors in EU", Impact: adapters.ImpactMajor,
				Status: "identified", URL: "https://status.acme.example/incidents/inc-open",
				CreatedAt: at(30, 14, 0), StartedAt: at(30, 14, 0), UpdatedAt: at(30, 15, 10),
				Components: []adapters.ComponentRef{{ID: "ws", Name: "WebSocket API"}},
				Updates: []adapters.Update{
					{ID: "u2", Status: "identified", Body: "We found the **cause**.\nA fix is rolling out.", CreatedAt: at(30, 15, 10)},
					{ID: "u1", Status: "investigating", Body: "We are investigating.", CreatedAt: at(30, 14, 0)},
				},
			},
			{
				ID: "m-soon", Kind: adapters.KindMaintenance, Title: "Database upgrade", Impact: adapters.ImpactMaintenance,
				Status: "scheduled", CreatedAt: at(25, 0, 0), ScheduledFor: at(31, 2, 0), ScheduledUntil: at(31, 4, 0),
				Updates: []adapters.Update{{ID: "mu1", Status: "scheduled", Body: "We will upgrade the database.", CreatedAt: at(25, 0, 0)}},
			},
			{
				ID: "m-now", Kind: adapters.KindMaintenance, Title: "Network maintenance", Impact: adapters.ImpactMaintenance,
				Status: "in_progress", CreatedAt: at(20, 0, 0), ScheduledFor: at(30, 17, 0), ScheduledUntil: at(30, 19, 0),
				Updates: []adapters.Update{{ID: "mn1", Status: "in_progress", Body: "Work has started.", CreatedAt: at(30, 17, 0)}},
			},
			{
				ID: "m-done", Kind: adapters.KindMaintenance, Title: "Storage migration", Impact: adapters.ImpactMaintenance,
				Status: "completed", CreatedAt: at(10, 0, 0), ScheduledFor: at(12, 1, 0), ScheduledUntil: at(12, 3, 0), ResolvedAt: at(12, 2, 30),
				Updates: []adapters.Update{{ID: "md1", Status: "completed", Body: "The scheduled maintenance has been completed.", CreatedAt: at(12, 2, 30)}},
			},
			{
				ID: "inc/../../../evil", Kind: adapters.KindIncident, Title: "Login failures <script>alert(1)</script>", Impact: adapters.ImpactCritical,
				Status: "resolved", URL: "javascript:alert(1)",
				CreatedAt: at(12, 9, 0), StartedAt: at(12, 9, 0), ResolvedAt: at(12, 11, 14), UpdatedAt: at(12, 11, 14),
				Components: []adapters.ComponentRef{{ID: "rest", Name: "REST API"}, {ID: "ws", Name: "WebSocket API"}},
				Updates: []adapters.Update{
					{ID: "e3", Status: "resolved", Body: "This incident has been resolved.", CreatedAt: at(12, 11, 14)},
					{ID: "e2", Status: "monitoring", Body: "<script>alert('x')</script> Fixed.<br />See [the runbook](javascript:alert(1)), [our post](https://blog.acme.example/post) and <https://acme.example/help>.\n\n## Root cause\n\n* one\n* two", CreatedAt: at(12, 10, 30)},
					{ID: "e1", Status: "investigating", Body: "Users cannot log in.\nWe are on it. ![pic](https://img.example/x.png)", CreatedAt: at(12, 9, 0)},
				},
			},
			{
				ID: "inc-old", Kind: adapters.KindIncident, Title: "Slow dashboard", Impact: adapters.ImpactMinor,
				Status: "resolved", URL: "https://status.acme.example/incidents/inc-old",
				CreatedAt: at(3, 8, 0), StartedAt: at(3, 8, 0), ResolvedAt: at(3, 8, 45),
				Updates: []adapters.Update{{ID: "o1", Status: "resolved", Body: "Fixed.", CreatedAt: at(3, 8, 45)}},
			},
		},
	}
	return acme
}

// fixture is one build: its options, and the histories that buildAll hands
// to Builder.Provider one at a time.
type fixture struct {
	Options
	Histories map[string]*history.History
	// Reuse builds as when the last build's provider pages are kept.
	Reuse bool
}

func fixtureOptions() fixture {
	return fixture{Options: Options{Catalog: fixtureCatalog(), Now: fixtureNow, BaseURL: buildtest.BaseURL, Workers: 2, Capabilities: all.Registry().Capabilities()}, Histories: fixtureHistories()}
}

// stats counts the files one buildAll published.
type stats struct{ Written, Unchanged, Total int }

// buildAll renders the whole site through pub, provider by provider as
// cmd/uptimus does, and counts what it published from pub's counters (so
// run no other writer on pub meanwhile). It does not prune.
func buildAll(f fixture, pub *publish.Publisher) (stats, error) {
	w0, u0 := pub.Counts()
	b, err := New(f.Options, pub)
	if err != nil {
		return stats{}, err
	}
	in := buildtest.Inputs{Catalog: f.Catalog, Histories: f.Histories, Checks: f.Checks, Capabilities: f.Capabilities, Now: f.Now}
	err = in.Run(func(p *catalog.Provider, h *history.History, st model.State) error {
		return b.Provider(p, h, st, f.Reuse)
	}, b.Finish)
	if err != nil {
		return stats{}, err
	}
	w1, u1 := pub.Counts()
	return stats{Written: w1 - w0, Unchanged: u1 - u0, Total: w1 - w0 + u1 - u0}, nil
}
