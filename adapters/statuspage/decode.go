package statuspage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// The wire types decode only the fields the adapter uses. Every field is
// tolerant (see text, num, flag, list and opt below): pages differ in what
// they leave null, omit, or send as another JSON type, and one odd field
// must never cost us the whole page. Only a document that is not a JSON
// object at all is an error.

type wireSummary struct {
	Status                opt[wireStatus]     `json:"status"`
	Components            list[wireComponent] `json:"components"`
	Incidents             list[wireIncident]  `json:"incidents"`
	ScheduledMaintenances list[wireIncident]  `json:"scheduled_maintenances"`
}

type wireStatus struct {
	Indicator   text `json:"indicator"`
	Description text `json:"description"`
}

type wireComponent struct {
	ID          text `json:"id"`
	Name        text `json:"name"`
	Status      text `json:"status"`
	Description text `json:"description"`
	Position    num  `json:"position"`
	Group       flag `json:"group"`
	// Showcase is nil when the page does not say (incident.io).
	Showcase  *flag `json:"showcase"`
	GroupID   text  `json:"group_id"`
	UpdatedAt text  `json:"updated_at"`
	// Components lists a group's children by id.
	Components list[text] `json:"components"`
}

// wireIncidents is the shape of incidents.json and
// scheduled-maintenances.json.
type wireIncidents struct {
	Incidents             list[wireIncident] `json:"incidents"`
	ScheduledMaintenances list[wireIncident] `json:"scheduled_maintenances"`
}

type wireIncident struct {
	ID             text             `json:"id"`
	Name           text             `json:"name"`
	Status         text             `json:"status"`
	Impact         text             `json:"impact"`
	Shortlink      text             `json:"shortlink"`
	CreatedAt      text             `json:"created_at"`
	StartedAt      text             `json:"started_at"`
	UpdatedAt      text             `json:"updated_at"`
	ResolvedAt     text             `json:"resolved_at"`
	ScheduledFor   text             `json:"scheduled_for"`
	ScheduledUntil text             `json:"scheduled_until"`
	Updates        list[wireUpdate] `json:"incident_updates"`
	Components     list[wireRef]    `json:"components"`
}

type wireUpdate struct {
	ID        text               `json:"id"`
	Status    text               `json:"status"`
	Body      text               `json:"body"`
	CreatedAt text               `json:"created_at"`
	DisplayAt text               `json:"display_at"`
	Affected  list[wireAffected] `json:"affected_components"`
}

type wireRef struct {
	ID     text `json:"id"`
	Name   text `json:"name"`
	Status text `json:"status"`
}

type wireAffected struct {
	Code      text `json:"code"`
	Name      text `json:"name"`
	NewStatus text `json:"new_status"`
}

// decodeObject unmarshals body into v after checking that it is a JSON
// object, so that an HTML error page or a bare array gets a plain message.
func decodeObject(body []byte, v any) error {
	trimmed := bytes.TrimSpace(body)
	switch {
	case len(trimmed) == 0:
		return errors.New("empty body")
	case trimmed[0] == '<':
		return errors.New("got HTML or XML, want a JSON object")
	case trimmed[0] != '{':
		return fmt.Errorf("want a JSON object, got %s", jsonKind(trimmed[0]))
	}
	if err := json.Unmarshal(trimmed, v); err != nil {
		return fmt.Errorf("want a JSON object: %w", err)
	}
	return nil
}

func jsonKind(c byte) string {
	switch {
	case c == '[':
		return "an array"
	case c == '"':
		return "a string"
	case c == 'n':
		return "null"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == '-' || (c >= '0' && c <= '9'):
		return "a number"
	}
	return "something that is not JSON"
}

// text is a string that also accepts numbers (as their literal) and turns
// null, booleans, objects and arrays into "".
type text string

func (t *text) UnmarshalJSON(b []byte) error {
	*t = ""
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil
	}
	switch c := b[0]; {
	case c == '"':
		var s string
		if json.Unmarshal(b, &s) == nil {
			*t = text(s)
		}
	case c == '-' || (c >= '0' && c <= '9'):
		*t = text(b)
	}
	return nil
}

func (t text) trim() string { return strings.TrimSpace(string(t)) }

// num is an integer that also accepts a numeric string ("3") and a float
// (truncated); anything else is 0.
type num int

func (n *num) UnmarshalJSON(b []byte) error {
	*n = 0
	var f float64
	if json.Unmarshal(b, &f) == nil {
		*n = num(clampInt(f))
		return nil
	}
	var s string
	if json.Unmarshal(b, &s) == nil {
		if json.Unmarshal([]byte(strings.TrimSpace(s)), &f) == nil {
			*n = num(clampInt(f))
		}
	}
	return nil
}

// clampInt keeps absurd positions from overflowing int.
func clampInt(f float64) int {
	const limit = 1 << 31
	switch {
	case f != f: // NaN cannot come from JSON, but a string could hold it.
		return 0
	case f > limit:
		return limit
	case f < -limit:
		return -limit
	}
	return int(f)
}

// flag is a boolean that also accepts the strings "true" and "1"; anything
// else is false.
type flag bool

func (f *flag) UnmarshalJSON(b []byte) error {
	switch strings.ToLower(strings.Trim(string(bytes.TrimSpace(b)), `"`)) {
	case "true", "1":
		*f = true
	default:
		*f = false
	}
	return nil
}

// list is a JSON array whose elements that fail to decode, or are null, are
// dropped; any other JSON value is an empty list.
type list[T any] []T

func (l *list[T]) UnmarshalJSON(b []byte) error {
	*l = nil
	var raws []json.RawMessage
	if json.Unmarshal(b, &raws) != nil {
		return nil
	}
	for _, r := range raws {
		if string(bytes.TrimSpace(r)) == "null" {
			continue
		}
		var v T
		if json.Unmarshal(r, &v) == nil {
			*l = append(*l, v)
		}
	}
	return nil
}

// opt is an optional object: OK is false when it was absent, null or not an
// object.
type opt[T any] struct {
	V  T
	OK bool
}

func (o *opt[T]) UnmarshalJSON(b []byte) error {
	*o = opt[T]{}
	var v T
	if bytes.HasPrefix(bytes.TrimSpace(b), []byte("{")) && json.Unmarshal(b, &v) == nil {
		*o = opt[T]{V: v, OK: true}
	}
	return nil
}

// parseTime reads Statuspage's RFC 3339 times, with or without fractional
// seconds, in whatever offset the page uses, and returns them in UTC. A time
// without a zone is taken as UTC; anything unreadable is the zero time.
func parseTime(t text) time.Time {
	s := t.trim()
	if s == "" {
		return time.Time{}
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00"} {
		if v, err := time.Parse(layout, s); err == nil {
			return v.UTC()
		}
	}
	return time.Time{}
}
