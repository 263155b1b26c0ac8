package spapi

import "time"

// The types below are Statuspage's public v2 API as its pages serve it:
// field names, nesting, and null where Statuspage writes null. A field
// Statuspage has that we cannot fill is null, never made up (see the
// package comment).

// Page is the page object every file starts with.
type Page struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	URL       string     `json:"url"`
	TimeZone  string     `json:"time_zone"`
	UpdatedAt *time.Time `json:"updated_at"`
}

// Status is the page's rollup.
type Status struct {
	Indicator   string `json:"indicator"`
	Description string `json:"description"`
}

// Component is a component or a group of them.
type Component struct {
	ID                 string     `json:"id"`
	Name               string     `json:"name"`
	Status             string     `json:"status"`
	CreatedAt          *time.Time `json:"created_at"`
	UpdatedAt          *time.Time `json:"updated_at"`
	Position           int        `json:"position"`
	Description        *string    `json:"description"`
	Showcase           *bool      `json:"showcase"`
	StartDate          *string    `json:"start_date"`
	GroupID            *string    `json:"group_id"`
	PageID             string     `json:"page_id"`
	Group              bool       `json:"group"`
	OnlyShowIfDegraded *bool      `json:"only_show_if_degraded"`
	// Components are a group's children, by id.
	Components []string `json:"components,omitempty"`
}

// Incident is an incident or, with its schedule, a scheduled maintenance.
type Incident struct {
	ID              string      `json:"id"`
	Name            string      `json:"name"`
	Status          string      `json:"status"`
	CreatedAt       *time.Time  `json:"created_at"`
	UpdatedAt       *time.Time  `json:"updated_at"`
	MonitoringAt    *time.Time  `json:"monitoring_at"`
	ResolvedAt      *time.Time  `json:"resolved_at"`
	Impact          string      `json:"impact"`
	Shortlink       string      `json:"shortlink"`
	StartedAt       *time.Time  `json:"started_at"`
	PageID          string      `json:"page_id"`
	IncidentUpdates []Update    `json:"incident_updates"`
	Components      []Component `json:"components"`
	// ReminderIntervals are the vendor's reminder settings: never known.
	ReminderIntervals *string    `json:"reminder_intervals"`
	ScheduledFor      *time.Time `json:"scheduled_for,omitempty"`
	ScheduledUntil    *time.Time `json:"scheduled_until,omitempty"`
}

// Update is one entry of an incident's timeline.
type Update struct {
	ID                   string     `json:"id"`
	Status               string     `json:"status"`
	Body                 string     `json:"body"`
	IncidentID           string     `json:"incident_id"`
	CreatedAt            time.Time  `json:"created_at"`
	UpdatedAt            time.Time  `json:"updated_at"`
	DisplayAt            time.Time  `json:"display_at"`
	AffectedComponents   []Affected `json:"affected_components"`
	DeliverNotifications *bool      `json:"deliver_notifications"`
	CustomTweet          *string    `json:"custom_tweet"`
	TweetID              *string    `json:"tweet_id"`
}

// Affected is a component an update names, with its state then.
type Affected struct {
	Code      string  `json:"code"`
	Name      string  `json:"name"`
	OldStatus *string `json:"old_status"`
	NewStatus string  `json:"new_status"`
}

// Summary is summary.json: the page, its components, unresolved
// incidents, maintenance in progress or upcoming, and the rollup.
type Summary struct {
	Page                  Page        `json:"page"`
	Components            []Component `json:"components"`
	Incidents             []Incident  `json:"incidents"`
	ScheduledMaintenances []Incident  `json:"scheduled_maintenances"`
	Status                Status      `json:"status"`
}

// StatusFile is status.json.
type StatusFile struct {
	Page   Page   `json:"page"`
	Status Status `json:"status"`
}

// ComponentsFile is components.json.
type ComponentsFile struct {
	Page       Page        `json:"page"`
	Components []Component `json:"components"`
}

// IncidentsFile is incidents.json and incidents/unresolved.json.
type IncidentsFile struct {
	Page      Page       `json:"page"`
	Incidents []Incident `json:"incidents"`
}

// MaintenancesFile is scheduled-maintenances.json.
type MaintenancesFile struct {
	Page                  Page       `json:"page"`
	ScheduledMaintenances []Incident `json:"scheduled_maintenances"`
}
