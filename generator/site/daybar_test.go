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

// TestDayBarAsTemplate holds dayBar to the bytes the template it replaced
// (testdata/daybar-reference.html) writes for the same days: every
// state, none to many entries, and the strings whose escaping differs
// from one place to another as titles and links.
func TestDayBarAsTemplate(t *testing.T) {
	src, err := os.ReadFile("testdata/daybar-reference.html")
	if err != nil {
		t.Fatal(err)
	}
	ref := template.Must(template.New("bar").Funcs(template.FuncMap{
		"statusCls":  statusClass,
		"day":        func(t time.Time) string { return t.UTC().Format(dateLayout) },
		"plural":     plural,
		"num":        num,
		"impactText": func(i adapters.Impact) string { return strings.ToLower(model.ImpactLabel(i)) },
	}).Parse(strings.TrimSuffix(string(src), "\n")))
	var days []barDay
	statuses := append(append([]adapters.Status{}, adapters.Statuses...), "", "weird \"status\"")
	impacts := []adapters.Impact{adapters.ImpactNone, adapters.ImpactMinor, adapters.ImpactMajor, adapters.ImpactCritical, adapters.ImpactMaintenance, "", "odd"}
	at := time.Date(2026, 9, 1, 23, 30, 0, 0, time.FixedZone("", -3600))
	for i, st := range statuses {
		for _, n := range []int{0, 1, maxDayEntries} {
			d := barDay{ID: "d" + at.Format("060102"), Date: at, Status: st, More: []int{0, 3, 1234}[n%3]}
			for j := range n {
				s := escapeCases[(i*7+j)%len(escapeCases)]
				d.Incidents = append(d.Incidents, dayEntry{Title: s, URL: escapeCases[(i+j)%len(escapeCases)], Impact: impacts[(i+j)%len(impacts)]})
			}
			days = append(days, d)
			at = at.AddDate(0, 0, 1)
		}
	}
	var want bytes.Buffer
	if err := ref.Execute(&want, map[string]any{"Days": days}); err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	dayBar(&got, days)
	if got.String() != want.String() {
		t.Errorf("dayBar %s", diffAt(got.String(), want.String()))
	}
	if !strings.Contains(want.String(), "more in the history") || !strings.Contains(want.String(), "before our record begins") {
		t.Fatal("the cases miss a branch of the bar")
	}
}
