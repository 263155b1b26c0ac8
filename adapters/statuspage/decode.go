package statuspage

import "github.com/uptimus/uptimus/adapters/internal/jsonx"

// The wire types decode only the fields the adapter uses. Every field is
// tolerant (see jsonx): pages differ in what they leave null, omit, or send
// as another JSON type, and one odd field must never cost us the whole
// page. Only a document that is not a JSON object at all is an error.

type wireSummary struct {
	Page                  jsonx.Object[wirePage]    `json:"page"`
	Status                jsonx.Object[wireStatus]  `json:"status"`
	Components            jsonx.List[wireComponent] `json:"components"`
	Incidents             jsonx.List[wireIncident]  `json:"incidents"`
	ScheduledMaintenances jsonx.List[wireIncident]  `json:"scheduled_maintenances"`
}

// wirePage is what the page says of itself.
type wirePage struct {
	Name jsonx.Text `json:"name"`
	URL  jsonx.Text `json:"url"`
}

type wireStatus struct {
	Indicator   jsonx.Text `json:"indicator"`
	Description jsonx.Text `json:"description"`
}

type wireComponent struct {
	ID          jsonx.Text   `json:"id"`
	Name        jsonx.Text   `json:"name"`
	Status      jsonx.Text   `json:"status"`
	Description jsonx.Text   `json:"description"`
	Position    jsonx.Number `json:"position"`
	Group       jsonx.Bool   `json:"group"`
	// Showcase is nil when the page does not say (incident.io).
	Showcase  *jsonx.Bool `json:"showcase"`
	GroupID   jsonx.Text  `json:"group_id"`
	UpdatedAt jsonx.Text  `json:"updated_at"`
	// Components lists a group's children by id.
	Components jsonx.List[jsonx.Text] `json:"components"`
}

// wireIncidents is the shape of incidents.json and
// scheduled-maintenances.json.
type wireIncidents struct {
	Incidents             jsonx.List[wireIncident] `json:"incidents"`
	ScheduledMaintenances jsonx.List[wireIncident] `json:"scheduled_maintenances"`
}

type wireIncident struct {
	ID             jsonx.Text             `json:"id"`
	Name           jsonx.Text             `json:"name"`
	Status         jsonx.Text             `json:"status"`
	Impact         jsonx.Text             `json:"impact"`
	Shortlink      jsonx.Text             `json:"shortlink"`
	CreatedAt      jsonx.Text             `json:"created_at"`
	StartedAt      jsonx.Text             `json:"started_at"`
	UpdatedAt      jsonx.Text             `json:"updated_at"`
	ResolvedAt     jsonx.Text             `json:"resolved_at"`
	ScheduledFor   jsonx.Text             `json:"scheduled_for"`
	ScheduledUntil jsonx.Text             `json:"scheduled_until"`
	Updates        jsonx.List[wireUpdate] `json:"incident_updates"`
	Components     jsonx.List[wireRef]    `json:"components"`
}

type wireUpdate struct {
	ID        jsonx.Text               `json:"id"`
	Status    jsonx.Text               `json:"status"`
	Body      jsonx.Text               `json:"body"`
	CreatedAt jsonx.Text               `json:"created_at"`
	DisplayAt jsonx.Text               `json:"display_at"`
	Affected  jsonx.List[wireAffected] `json:"affected_components"`
}

type wireRef struct {
	ID     jsonx.Text `json:"id"`
	Name   jsonx.Text `json:"name"`
	Status jsonx.Text `json:"status"`
}

type wireAffected struct {
	Code      jsonx.Text `json:"code"`
	Name      jsonx.Text `json:"name"`
	NewStatus jsonx.Text `json:"new_status"`
}
