package site

import (
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
)

// at is a UTC time on 30 July 2026 (the fixture's "today").
func at(day, hour, min int) time.Time {
	return time.Date(2026, 7, day, hour, min, 0, 0, time.UTC)
}

var fixtureNow = at(30, 18, 0)

func fixtureCatalog() *catalog.Catalog {
	return &catalog.Catalog{
		Categories: []catalog.Category{
			{Slug: "developer-tools", Name: "Developer tools", Description: "Code hosting and APIs."},
			{Slug: "communication", Name: "Communication", Description: "Chat and realtime."},
		},
		Providers: []catalog.Provider{
			{Slug: "acme", Name: "Acme Cloud", URL: "https://status.acme.example", Adapter: "statuspage", Category: "developer-tools",
				Description: "Hosting for rockets.", Homepage: "https://acme.example", Aliases: []string{"ACME"}, Source: "manual", Verified: true},
			{Slug: "newbie", Name: "Newbie", URL: "https://status.newbie.example", Adapter: "instatus", Category: "developer-tools",
				Description: "Not fetched yet.", Homepage: "https://newbie.example", Source: "auto"},
			{Slug: "pusher", Name: "Pusher", URL: "https://status.pusher.example", Adapter: "statuspage", Category: "communication",
				Description: "Realtime APIs.", Homepage: "https://pusher.example", Source: "auto"},
		},
	}
}

func comp(id, name, group string, pos int, s adapters.Status, changed time.Time) history.ComponentState {
	return history.ComponentState{
		Component:   adapters.Component{ID: id, Name: name, GroupID: group, Position: pos, Status: s},
		LastChanged: changed,
		FirstSeen:   at(1, 0, 0),
	}
}

func fixtureHistories() map[string]*history.History {
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
	pusher := &history.History{
		Slug: "pusher",
		State: history.State{
			SchemaVersion: 1, Status: adapters.Operational, Description: "All Systems Operational",
			FirstChecked: at(29, 6, 0), KnownSince: at(29, 6, 0),
			Components: []history.ComponentState{comp("api", "Channels REST API", "", 1, adapters.Operational, at(29, 6, 0))},
		},
	}
	return map[string]*history.History{"acme": acme, "pusher": pusher}
}

func fixtureOptions() Options {
	return Options{Catalog: fixtureCatalog(), Histories: fixtureHistories(), Now: fixtureNow, BaseURL: "https://example.org/uptimus/", Workers: 2}
}
