package api

import (
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
)

// at is a UTC time in July 2026 (the fixture's "today" is the 30th).
func at(day, hour, min int) time.Time {
	return time.Date(2026, 7, day, hour, min, 0, 0, time.UTC)
}

var fixtureNow = at(30, 18, 0)

func fixtureCatalog() *catalog.Catalog {
	return &catalog.Catalog{
		Categories: []catalog.Category{
			{Slug: "developer-tools", Name: "Developer tools", Description: "Code hosting and APIs."},
			{Slug: "communication", Name: "Communication", Description: "Chat and realtime."},
			{Slug: "empty", Name: "Empty", Description: "No providers."},
		},
		Providers: []catalog.Provider{
			{Slug: "acme", Name: "Acme Cloud", URL: "https://status.acme.example", Adapter: "statuspage", Category: "developer-tools",
				Description: "Hosting for rockets.", Homepage: "https://acme.example"},
			{Slug: "newbie", Name: "Newbie", URL: "https://status.newbie.example", Adapter: "instatus", Category: "developer-tools"},
			{Slug: "pusher", Name: "Pusher", URL: "https://status.pusher.example", Adapter: "statuspage", Category: "communication"},
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

const evilID = "inc/../../../evil"

func fixtureHistories() map[string]*history.History {
	grp := comp("g1", "Channels", "", 1, adapters.PartialOutage, at(30, 14, 5))
	grp.Group = true
	acme := &history.History{
		Slug: "acme",
		State: history.State{
			SchemaVersion: 1, Status: adapters.PartialOutage, Description: "Partial System Outage",
			StatusSince: at(30, 14, 5), FirstChecked: at(1, 0, 0), KnownSince: at(1, 0, 0),
			Components: []history.ComponentState{
				comp("rest", "REST API", "g1", 2, adapters.Operational, at(12, 9, 30)),
				comp("ws", "WebSocket API", "g1", 1, adapters.PartialOutage, at(30, 14, 5)),
				grp,
				comp("dash", "Dashboard <b>", "", 2, adapters.Operational, time.Time{}),
			},
		},
		// The changes that StatusSince and LastChanged record, as a real
		// merge would have written them.
		Events: []history.Event{
			{At: at(30, 14, 5), Name: "overall", From: adapters.Operational, To: adapters.PartialOutage},
			{At: at(30, 14, 5), ComponentID: "g1", Name: "Channels", From: adapters.Operational, To: adapters.PartialOutage},
			{At: at(30, 14, 5), ComponentID: "ws", Name: "WebSocket API", From: adapters.Operational, To: adapters.PartialOutage},
		},
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
				ID: "stale-1", Kind: adapters.KindIncident, Title: "Never closed", Impact: adapters.ImpactMinor,
				Status: "investigating", CreatedAt: at(5, 0, 0), StartedAt: at(5, 0, 0),
				Components: []adapters.ComponentRef{{Name: "Dashboard <b>"}},
				Updates:    []adapters.Update{{Status: "investigating", Body: "Looking.", CreatedAt: at(5, 0, 0)}},
			},
			{
				ID: evilID, Kind: adapters.KindIncident, Title: "Login failures <script>alert(1)</script>", Impact: adapters.ImpactCritical,
				Status: "resolved", URL: "javascript:alert(1)",
				CreatedAt: at(12, 9, 0), StartedAt: at(12, 9, 0), ResolvedAt: at(12, 11, 14), UpdatedAt: at(12, 11, 14),
				Components: []adapters.ComponentRef{{ID: "rest", Name: "REST API"}},
				Updates: []adapters.Update{
					{ID: "e3", Status: "resolved", Body: "This incident has been resolved. ]]> <![CDATA[", CreatedAt: at(12, 11, 14)},
					{ID: "e2", Status: "monitoring", Body: "<script>alert('x')</script> Fixed.<br />See [x](javascript:alert(1))\x00\x0b.\n\nNext <img src=x onerror=alert(1)>", CreatedAt: at(12, 10, 30)},
				},
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
	return Options{Catalog: fixtureCatalog(), Histories: fixtureHistories(), Now: fixtureNow, BaseURL: "https://example.org/uptimus/"}
}
