package site

import (
	"bytes"
	"html/template"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/model"
)

// itemRows sets every flag and time of a row each way, with the strings
// whose escaping differs from one place to another as its texts.
func itemRows() []*incidentRow {
	at := time.Date(2026, 3, 1, 9, 30, 0, 0, time.FixedZone("", 7200))
	impacts := []adapters.Impact{adapters.ImpactNone, adapters.ImpactMinor, adapters.ImpactMajor, adapters.ImpactCritical, adapters.ImpactMaintenance, "", "odd"}
	statuses := []string{"investigating", "resolved", "scheduled", "in_progress", "completed", "", "Odd <status>"}
	var rows []*incidentRow
	for mask := range 1 << 13 {
		on := func(bit int) bool { return mask&(1<<bit) != 0 }
		when := func(bit int, t time.Time) time.Time {
			if on(bit) {
				return t
			}
			return time.Time{}
		}
		s := func(k int) string { return escapeCases[(mask+k)%len(escapeCases)] }
		r := &incidentRow{
			Kind: adapters.KindIncident, Title: s(0), URL: s(1), Impact: impacts[mask%len(impacts)], Status: statuses[mask%len(statuses)],
			Cancelled: on(0), Withdrawn: on(1), Observed: on(2), Scheduled: on(3), Ongoing: on(4), Unconfirmed: on(5), Stale: on(6),
			Start: when(8, at), SchedFrom: when(9, at.Add(time.Hour)), SchedUntil: when(10, at.Add(2*time.Hour)), EndsAt: when(11, at.Add(3*time.Hour)),
		}
		if on(7) {
			r.Kind = adapters.KindMaintenance
		}
		if on(12) {
			r.Duration = s(2)
			r.Components = []string{s(3), s(4)}
			r.Latest = &updateRow{Status: statuses[(mask+1)%len(statuses)], At: when(9, at), Line: s(5)}
		} else if mask%3 == 0 {
			r.Latest = &updateRow{Status: "resolved", At: at}
		}
		rows = append(rows, r)
	}
	return rows
}

// TestIncidentItemsAsTemplate holds incidentItems to the bytes the
// partial it replaced writes for the same rows. testdata/item-reference.html
// is the partial as the minifier left it inside partials.html (alone, the
// minifier would also take out its line breaks, which the pages kept).
func TestIncidentItemsAsTemplate(t *testing.T) {
	src, err := os.ReadFile("testdata/item-reference.html")
	if err != nil {
		t.Fatal(err)
	}
	const icons = "/static/icons.svg?v=1"
	ref := template.Must(template.New("").Funcs(template.FuncMap{
		"impact":    func(i adapters.Impact) template.HTML { return impactBadge(icons, i) },
		"lifecycle": model.LifecycleLabel,
		"set":       func(t time.Time) bool { return !t.IsZero() },
		"time":      timeHTML,
		"join":      strings.Join,
	}).Parse(string(src)))
	rows := itemRows()
	var want bytes.Buffer
	for _, r := range rows {
		if err := ref.ExecuteTemplate(&want, "incident-item", r); err != nil {
			t.Fatal(err)
		}
	}
	got := string(incidentItems(icons, rows))
	if got != want.String() {
		t.Errorf("incidentItems %s", diffAt(got, want.String()))
	}
}
