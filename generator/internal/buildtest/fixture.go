package buildtest

import (
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/all"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
)

// At is a UTC time in July 2026 (the fixture's "today" is the 30th).
func At(day, hour, min int) time.Time {
	return time.Date(2026, 7, day, hour, min, 0, 0, time.UTC)
}

// Now is the fixture's clock reading.
var Now = At(30, 18, 0)

// BaseURL is served from a sub-path, so that tests see links keep it.
const BaseURL = "https://example.org/uptimus/"

// EvilID is an incident id that would climb out of the output folder if a
// path were made of it unescaped.
const EvilID = "inc/../../../evil"

// Catalog has a provider with a history and an open incident (acme), one
// never fetched (newbie), a quiet one (pusher), and a category without
// providers.
func Catalog() *catalog.Catalog {
	return &catalog.Catalog{
		Categories: []catalog.Category{
			{Slug: "developer-tools", Name: "Developer tools", Description: "Code hosting and APIs."},
			{Slug: "communication", Name: "Communication", Description: "Chat and realtime."},
			{Slug: "empty", Name: "Empty", Description: "No providers."},
		},
		Providers: []catalog.Provider{
			{Slug: "acme", Name: "Acme Cloud", URL: "https://status.acme.example", Adapter: "statuspage", Category: "developer-tools",
				Description: "Hosting for rockets.", Homepage: "https://acme.example", Aliases: []string{"ACME"}, Source: "manual", Verified: true},
			{Slug: "newbie", Name: "Newbie", URL: "https://status.newbie.example", Adapter: "instatus", Category: "developer-tools",
				Description: "Not fetched yet.", Homepage: "https://newbie.example", Source: "auto"},
			{Slug: "pusher", Name: "Pusher", URL: "https://status.pusher.example", Adapter: "statuspage", Category: "communication",
				Description: "Realtime APIs.", Homepage: "https://pusher.example", Source: "auto"},
		},
		Hosting: catalog.Hosting(all.Registry().Hosting()),
	}
}

// Comp is a component first seen on the 1st that last changed at changed.
func Comp(id, name, group string, pos int, s adapters.Status, changed time.Time) history.ComponentState {
	return history.ComponentState{
		Component:   adapters.Component{ID: id, Name: name, GroupID: group, Position: pos, Status: s},
		LastChanged: changed,
		FirstSeen:   At(1, 0, 0),
	}
}

// Histories are acme's (a component group, an open incident, an upcoming
// maintenance, an incident never closed, and hostile vendor text) and
// pusher's (quiet); newbie has none.
func Histories() map[string]*history.History {
	return map[string]*history.History{"acme": acme(), "pusher": pusher()}
}

func acme() *history.History {
	grp := Comp("g1", "Channels", "", 1, adapters.PartialOutage, At(30, 14, 5))
	grp.Group = true
	return &history.History{
		Slug: "acme",
		State: history.State{
			SchemaVersion: 1, Status: adapters.PartialOutage, Description: "Partial System Outage",
			StatusSince: At(30, 14, 5), FirstChecked: At(1, 0, 0), KnownSince: At(1, 0, 0),
			Components: []history.ComponentState{
				Comp("rest", "REST API", "g1", 2, adapters.Operational, At(12, 9, 30)),
				Comp("ws", "WebSocket API", "g1", 1, adapters.PartialOutage, At(30, 14, 5)),
				grp,
				Comp("dash", "Dashboard <b>", "", 2, adapters.Operational, time.Time{}),
			},
		},
		// The changes that StatusSince and LastChanged record, as a real
		// merge would have written them.
		Events: []history.Event{
			{At: At(30, 14, 5), Name: "overall", From: adapters.Operational, To: adapters.PartialOutage},
			{At: At(30, 14, 5), ComponentID: "g1", Name: "Channels", From: adapters.Operational, To: adapters.PartialOutage},
			{At: At(30, 14, 5), ComponentID: "ws", Name: "WebSocket API", From: adapters.Operational, To: adapters.PartialOutage},
		},
		Incidents: acmeIncidents(),
	}
}

func acmeIncidents() []adapters.Incident {
	return []adapters.Incident{
		{
			ID: "inc-open", Kind: adapters.KindIncident, Title: "Elevated WebSocket errors in EU", Impact: adapters.ImpactMajor,
			Status: "identified", URL: "https://status.acme.example/incidents/inc-open",
			CreatedAt: At(30, 14, 0), StartedAt: At(30, 14, 0), UpdatedAt: At(30, 15, 10),
			Components: []adapters.ComponentRef{{ID: "ws", Name: "WebSocket API"}},
			Updates: []adapters.Update{
				{ID: "u2", Status: "identified", Body: "We found the **cause**.\nA fix is rolling out.", CreatedAt: At(30, 15, 10)},
				{ID: "u1", Status: "investigating", Body: "We are investigating.", CreatedAt: At(30, 14, 0)},
			},
		},
		{
			ID: "m-soon", Kind: adapters.KindMaintenance, Title: "Database upgrade", Impact: adapters.ImpactMaintenance,
			Status: "scheduled", CreatedAt: At(25, 0, 0), ScheduledFor: At(31, 2, 0), ScheduledUntil: At(31, 4, 0),
			Updates: []adapters.Update{{ID: "mu1", Status: "scheduled", Body: "We will upgrade the database.", CreatedAt: At(25, 0, 0)}},
		},
		{
			ID: "stale-1", Kind: adapters.KindIncident, Title: "Never closed", Impact: adapters.ImpactMinor,
			Status: "investigating", CreatedAt: At(5, 0, 0), StartedAt: At(5, 0, 0),
			Components: []adapters.ComponentRef{{Name: "Dashboard <b>"}},
			Updates:    []adapters.Update{{Status: "investigating", Body: "Looking.", CreatedAt: At(5, 0, 0)}},
		},
		{
			ID: EvilID, Kind: adapters.KindIncident, Title: "Login failures <script>alert(1)</script>", Impact: adapters.ImpactCritical,
			Status: "resolved", URL: "javascript:alert(1)",
			CreatedAt: At(12, 9, 0), StartedAt: At(12, 9, 0), ResolvedAt: At(12, 11, 14), UpdatedAt: At(12, 11, 14),
			Components: []adapters.ComponentRef{{ID: "rest", Name: "REST API"}},
			Updates: []adapters.Update{
				{ID: "e3", Status: "resolved", Body: "This incident has been resolved. ]]> <![CDATA[", CreatedAt: At(12, 11, 14)},
				{ID: "e2", Status: "monitoring", Body: "<script>alert('x')</script> Fixed.<br />See [x](javascript:alert(1))\x00\x0b.\n\nNext <img src=x onerror=alert(1)>", CreatedAt: At(12, 10, 30)},
			},
		},
	}
}

func pusher() *history.History {
	return &history.History{
		Slug: "pusher",
		State: history.State{
			SchemaVersion: 1, Status: adapters.Operational, Description: "All Systems Operational",
			FirstChecked: At(29, 6, 0), KnownSince: At(29, 6, 0),
			Components: []history.ComponentState{Comp("api", "Channels REST API", "", 1, adapters.Operational, At(29, 6, 0))},
		},
	}
}

// CancelledWindows are two maintenance windows of acme that will never
// run, for the outputs' tests to add: "m-off", which the vendor called
// off (closing it at once, as Statuspage does) nine days before its
// schedule, and "m-gone", which the vendor stopped listing before it was
// due (the merge recorded WithdrawnAt).
func CancelledWindows() []adapters.Incident {
	return []adapters.Incident{
		{
			ID: "m-off", Kind: adapters.KindMaintenance, Title: "Network switch replacement", Impact: adapters.ImpactMaintenance,
			Status: "cancelled", CreatedAt: At(20, 9, 0), ResolvedAt: At(20, 11, 0), UpdatedAt: At(20, 11, 0),
			ScheduledFor: At(29, 9, 0), ScheduledUntil: At(29, 11, 0),
			Updates: []adapters.Update{
				{ID: "off2", Status: "cancelled", Body: "We no longer need this window.", CreatedAt: At(20, 11, 0)},
				{ID: "off1", Status: "scheduled", Body: "We will replace a network switch.", CreatedAt: At(20, 9, 0)},
			},
		},
		{
			ID: "m-gone", Kind: adapters.KindMaintenance, Title: "Storage migration", Impact: adapters.ImpactMaintenance,
			Status: "scheduled", CreatedAt: At(26, 9, 0), ScheduledFor: At(31, 6, 0), ScheduledUntil: At(31, 8, 0),
			WithdrawnAt: At(28, 12, 0),
			Updates:     []adapters.Update{{ID: "g1", Status: "scheduled", Body: "We will migrate storage.", CreatedAt: At(26, 9, 0)}},
		},
	}
}
