package gcp

import (
	"time"

	"github.com/uptimus/uptimus/adapters/internal/jsonx"
)

// The feed types decode only the fields the adapter uses, each tolerant
// (see jsonx): a null, a number where a string was expected, or an object
// where a list was expected leaves the field empty instead of failing the
// document. Only a body that is not a JSON array is an error.

type feedIncident struct {
	ID               jsonx.Text               `json:"id"`
	Begin            jsonx.Text               `json:"begin"`
	Created          jsonx.Text               `json:"created"`
	End              jsonx.Text               `json:"end"`
	Modified         jsonx.Text               `json:"modified"`
	ExternalDesc     jsonx.Text               `json:"external_desc"`
	StatusImpact     jsonx.Text               `json:"status_impact"`
	Severity         jsonx.Text               `json:"severity"`
	URI              jsonx.Text               `json:"uri"`
	Updates          jsonx.List[feedUpdate]   `json:"updates"`
	MostRecentUpdate jsonx.Object[feedUpdate] `json:"most_recent_update"`
	AffectedProducts jsonx.List[product]      `json:"affected_products"`
}

type feedUpdate struct {
	Created  jsonx.Text `json:"created"`
	Modified jsonx.Text `json:"modified"`
	When     jsonx.Text `json:"when"`
	Text     jsonx.Text `json:"text"`
	Status   jsonx.Text `json:"status"`
}

type product struct {
	ID    jsonx.Text `json:"id"`
	Title jsonx.Text `json:"title"`
	// CurrentTitle is the product's name today when it was renamed since
	// the incident (newer feeds only).
	CurrentTitle jsonx.Text `json:"current_title"`
}

// parseFeed reads incidents.json, a bare array; elements that are not
// incident objects are dropped.
func parseFeed(body []byte) ([]feedIncident, error) {
	return jsonx.DecodeList[feedIncident](body)
}

// firstTime is the first of ts that reads as a time.
func firstTime(ts ...jsonx.Text) time.Time {
	for _, t := range ts {
		if v := t.Time(); !v.IsZero() {
			return v
		}
	}
	return time.Time{}
}
