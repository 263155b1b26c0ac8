package gcp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// The feed types decode only the fields the adapter uses, and every field is
// lenient: a null, a number where a string was expected, or an object where
// a list was expected leaves the field empty instead of failing the document.

type feedIncident struct {
	ID               text             `json:"id"`
	Begin            text             `json:"begin"`
	Created          text             `json:"created"`
	End              text             `json:"end"`
	Modified         text             `json:"modified"`
	ExternalDesc     text             `json:"external_desc"`
	StatusImpact     text             `json:"status_impact"`
	Severity         text             `json:"severity"`
	URI              text             `json:"uri"`
	Updates          list[feedUpdate] `json:"updates"`
	MostRecentUpdate opt[feedUpdate]  `json:"most_recent_update"`
	AffectedProducts list[product]    `json:"affected_products"`
}

type feedUpdate struct {
	Created  text `json:"created"`
	Modified text `json:"modified"`
	When     text `json:"when"`
	Text     text `json:"text"`
	Status   text `json:"status"`
}

type product struct {
	ID    text `json:"id"`
	Title text `json:"title"`
	// CurrentTitle is the product's name today when it was renamed since
	// the incident (newer feeds only).
	CurrentTitle text `json:"current_title"`
}

// parseFeed checks that the body is a JSON array and decodes each element;
// elements that are not objects are dropped.
func parseFeed(body []byte) ([]feedIncident, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, errors.New("empty body")
	}
	if trimmed[0] == '<' {
		return nil, errors.New("got HTML or XML, want a JSON array of incidents")
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(trimmed, &raws); err != nil {
		return nil, fmt.Errorf("want a JSON array of incidents: %w", err)
	}
	out := make([]feedIncident, 0, len(raws))
	for _, r := range raws {
		var fi feedIncident
		if json.Unmarshal(r, &fi) == nil {
			out = append(out, fi)
		}
	}
	return out, nil
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

// list is a JSON array whose elements that fail to decode are dropped; any
// other JSON value is an empty list.
type list[T any] []T

func (l *list[T]) UnmarshalJSON(b []byte) error {
	*l = nil
	var raws []json.RawMessage
	if json.Unmarshal(b, &raws) != nil {
		return nil
	}
	for _, r := range raws {
		var v T
		if string(bytes.TrimSpace(r)) == "null" {
			continue
		}
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
	var v T
	*o = opt[T]{}
	if bytes.HasPrefix(bytes.TrimSpace(b), []byte("{")) && json.Unmarshal(b, &v) == nil {
		*o = opt[T]{V: v, OK: true}
	}
	return nil
}

// parseTime reads Google's RFC 3339 times; a time without a zone is taken as
// UTC and anything unreadable is the zero time.
func parseTime(t text) time.Time {
	s := strings.TrimSpace(string(t))
	if s == "" {
		return time.Time{}
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05Z07:00"} {
		if v, err := time.Parse(layout, s); err == nil {
			return v.UTC()
		}
	}
	return time.Time{}
}

// firstTime is the first of ts that parses.
func firstTime(ts ...text) time.Time {
	for _, t := range ts {
		if v := parseTime(t); !v.IsZero() {
			return v
		}
	}
	return time.Time{}
}
