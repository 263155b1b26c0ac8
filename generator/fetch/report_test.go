package fetch

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
)

func sampleReport() *Report {
	return &Report{Results: []Result{
		{Slug: "pusher", Outcome: OK, Change: Change{NewIncidents: 1}},
		{Slug: "github", Outcome: OK, Change: Change{NewUpdates: 2, ComponentsChanged: 1}},
		{Slug: "cloudflare", Outcome: Unchanged},
		{Slug: "broken", Outcome: Failed, Err: errors.New("adapter statuspage: fetch https://status.broken.example/api/v2/summary.json:\n\t404 Not Found")},
		{Slug: "openai", Outcome: OK, Change: Change{First: true, NewIncidents: 50, NewMaintenance: 1, Components: 12}},
	}}
}

func TestWriteTable(t *testing.T) {
	var b bytes.Buffer
	if err := sampleReport().WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	want := "" +
		"PROVIDER    RESULT     DETAIL\n" +
		"pusher      ok         1 new incident\n" +
		"github      ok         2 new updates, 1 component changed\n" +
		"cloudflare  unchanged\n" +
		"broken      failed     adapter statuspage: fetch https://status.broken.example/api/v2/summary.json: 404 Not Found\n" +
		"openai      ok         first fetch: 50 incidents, 1 maintenance, 12 components\n" +
		"5 providers: 3 ok, 1 unchanged, 1 failed\n"
	if b.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestTotals(t *testing.T) {
	tests := []struct {
		r    *Report
		want string
	}{
		{&Report{}, "0 providers: 0 ok, 0 unchanged, 0 failed"},
		{&Report{Results: []Result{{Slug: "a", Outcome: Unchanged}}}, "1 provider: 0 ok, 1 unchanged, 0 failed"},
		{sampleReport(), "5 providers: 3 ok, 1 unchanged, 1 failed"},
	}
	for _, tt := range tests {
		if got := tt.r.Totals(); got != tt.want {
			t.Errorf("Totals %q, want %q", got, tt.want)
		}
	}
}

func TestCommitMessage(t *testing.T) {
	want := "pusher: 1 new incident; github: 2 new updates, 1 component changed; openai: first fetch: 50 incidents, 1 maintenance, 12 components"
	if got := CommitMessage(sampleReport()); got != want {
		t.Errorf("CommitMessage:\n%q\nwant\n%q", got, want)
	}
	if got := CommitMessage(&Report{Results: []Result{{Slug: "a", Outcome: Unchanged}, {Slug: "b", Outcome: Failed}}}); got != "" {
		t.Errorf("nothing changed: %q, want empty", got)
	}

	many := &Report{}
	for i := range 30 {
		many.Results = append(many.Results, Result{Slug: fmt.Sprintf("provider-%02d", i), Outcome: OK, Change: Change{NewUpdates: 1}})
	}
	got := CommitMessage(many)
	if !strings.HasPrefix(got, "provider-00: 1 new update; provider-01: 1 new update;") || !strings.HasSuffix(got, " more providers") {
		t.Errorf("long message %q", got)
	}
	if len(got) > maxCommitMessage+len("; and 99 more providers") {
		t.Errorf("message of %d bytes", len(got))
	}
	// Every provider is accounted for: written, or counted.
	var written, rest int
	written = strings.Count(got, ": 1 new update")
	fmt.Sscanf(got[strings.LastIndex(got, "; and ")+len("; and "):], "%d", &rest)
	if written+rest != 30 {
		t.Errorf("%d written + %d more != 30: %q", written, rest, got)
	}
}

func TestChangeString(t *testing.T) {
	tests := []struct {
		c    Change
		want string
	}{
		{Change{}, "details updated"},
		{Change{First: true}, "first fetch"},
		{Change{First: true, Components: 1}, "first fetch: 1 component"},
		{Change{NewIncidents: 2, NewMaintenance: 1, NewUpdates: 1, EditedIncidents: 1}, "2 new incidents, 1 new maintenance, 1 new update, 1 incident edited"},
		{Change{StatusFrom: adapters.MajorOutage, StatusTo: adapters.Operational, ObservedEnds: 1}, "status major_outage -> operational, 1 resolved as observed"},
		{Change{StatusFrom: adapters.Operational, StatusTo: adapters.MajorOutage, ComponentsChanged: 3, NewComponents: 1, RemovedComponents: 2},
			"status operational -> major_outage, 3 components changed, 1 new component, 2 components removed"},
	}
	for _, tt := range tests {
		if got := tt.c.String(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.c, got, tt.want)
		}
	}
}

var t0 = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func incident(id string, kind adapters.Kind, updates ...string) adapters.Incident {
	inc := adapters.Incident{ID: id, Kind: kind, Title: "t " + id, Updates: []adapters.Update{}}
	for _, u := range updates {
		inc.Updates = append(inc.Updates, adapters.Update{ID: u})
	}
	return inc
}

func component(id string, removed bool) history.ComponentState {
	c := history.ComponentState{Component: adapters.Component{ID: id, Name: id, Status: adapters.Operational}}
	if removed {
		c.RemovedAt = t0
	}
	return c
}

func event(min int, id string, from, to adapters.Status) history.Event {
	return history.Event{At: t0.Add(time.Duration(min) * time.Minute), ComponentID: id, From: from, To: to}
}

func TestChangeDiff(t *testing.T) {
	known := func() *history.History {
		return &history.History{
			State: history.State{
				Status: adapters.Operational, FirstChecked: t0,
				Components: []history.ComponentState{component("api", false), component("web", false), component("old", true)},
			},
			Events: []history.Event{event(0, "api", adapters.Operational, adapters.Degraded), event(5, "api", adapters.Degraded, adapters.Operational)},
			Incidents: []adapters.Incident{
				incident("i1", adapters.KindIncident, "u1", "u2"),
				incident("i2", adapters.KindIncident, "u3"),
			},
		}
	}
	tests := []struct {
		name   string
		before func() *history.History
		edit   func(h *history.History)
		want   Change
	}{
		{"nothing", known, func(h *history.History) {}, Change{Components: 3}},
		{"first fetch", func() *history.History { return &history.History{} }, func(h *history.History) {
			*h = *known()
			h.Incidents = append(h.Incidents, incident("m1", adapters.KindMaintenance))
		}, Change{First: true, NewIncidents: 2, NewMaintenance: 1, NewComponents: 3, ComponentsChanged: 1, Components: 3}},
		{"new incident, maintenance, updates", known, func(h *history.History) {
			h.Incidents = append([]adapters.Incident{incident("i3", adapters.KindIncident, "u9"), incident("m1", adapters.KindMaintenance, "u8")}, h.Incidents...)
			h.Incidents[2].Updates = append([]adapters.Update{{ID: "u4"}, {ID: "u5"}}, h.Incidents[2].Updates...)
			h.Incidents[3].Updates = append(h.Incidents[3].Updates, adapters.Update{ID: "u6"})
		}, Change{NewIncidents: 1, NewMaintenance: 1, NewUpdates: 3, Components: 3}},
		{"edited without update", known, func(h *history.History) {
			h.Incidents[1].ResolvedAt = t0
		}, Change{EditedIncidents: 1, Components: 3}},
		{"resolved as observed", known, func(h *history.History) {
			h.Incidents[1].ResolvedAt, h.Incidents[1].ResolvedAsObserved = t0, true
		}, Change{ObservedEnds: 1, Components: 3}},
		{"components and status", known, func(h *history.History) {
			h.State.Status = adapters.PartialOutage
			h.State.Components[1].RemovedAt = t0
			h.State.Components = append(h.State.Components, component("new", false))
			// Events inserted in time order, one of them before old ones,
			// and a repeat of an old event: two components changed.
			h.Events = []history.Event{
				event(-1, "web", adapters.Operational, adapters.Degraded),
				event(0, "api", adapters.Operational, adapters.Degraded),
				event(5, "api", adapters.Degraded, adapters.Operational),
				event(5, "api", adapters.Degraded, adapters.Operational),
				event(10, "", adapters.Operational, adapters.PartialOutage),
			}
		}, Change{StatusFrom: adapters.Operational, StatusTo: adapters.PartialOutage, ComponentsChanged: 2, NewComponents: 1, RemovedComponents: 1, Components: 4}},
	}
	for _, tt := range tests {
		h := tt.before()
		f := fingerprintOf(h)
		tt.edit(h)
		if got := f.diff(h); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

// TestTableHasNoControlCharacters: a hostile upstream's status line or
// redirect target reaches the reason column; escape sequences must not
// reach the terminal that shows the table.
func TestTableHasNoControlCharacters(t *testing.T) {
	r := &Report{Results: []Result{{Slug: "evil", Outcome: Failed,
		Err: errors.New("fetch https://evil.example/x.json: 503 \x1b[2J\x1b]8;;https://phish.example\x1b\\click\x1b]8;;\x1b\\ \u009b31m\x07 \x9b")}}}
	var b bytes.Buffer
	r.WriteTable(&b)
	if !utf8.Valid(b.Bytes()) {
		t.Fatalf("invalid UTF-8 (a raw 0x9b is CSI to an 8-bit terminal):\n%q", b.String())
	}
	for _, c := range b.String() {
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c >= 0x80 && c <= 0x9f {
			t.Fatalf("control character %U in the table:\n%q", c, b.String())
		}
	}
	if !strings.Contains(b.String(), "503 [2J]8;;https://phish.example\\click]8;;\\ 31m") {
		t.Errorf("the reason lost its printable text:\n%q", b.String())
	}
}

// TestWriteSummary: the job summary lists what failed and what backs off,
// each with why, bounded, with upstream text kept inside its cell.
func TestWriteSummary(t *testing.T) {
	r := &Report{}
	r.Results = append(r.Results, Result{Slug: "ok-1", Outcome: OK})
	r.Results = append(r.Results, Result{Slug: "pipe", Adapter: "statuspage", Outcome: Failed, Err: errors.New("fetch https://x/a: 500 `evil` | <b>")})
	next := time.Date(2026, 11, 29, 14, 0, 0, 0, time.UTC)
	for i := range maxSummaryRows + 2 {
		r.Results = append(r.Results, Result{Slug: fmt.Sprintf("gone-%02d", i), Adapter: "auto", Outcome: Skipped, Failures: 7, NextAttempt: next})
	}
	var b strings.Builder
	if err := r.WriteSummary(&b); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		"### Fetch: 54 providers: 1 ok, 0 unchanged, 1 failed, 52 backing off\n",
		"#### Failed this run (1)",
		"| pipe | statuspage | fetch https://x/a: 500 'evil' \\| &lt;b&gt; |",
		"#### Backing off after repeated failures (52)",
		"| gone-49 | auto | backing off after 7 failures in a row; next try 2026-11-29 14:00 UTC |",
		"and 2 more.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "gone-50") || strings.Contains(got, "ok-1") {
		t.Errorf("summary lists past its bound, or providers that did fine:\n%s", got)
	}
}

// Upstream text in the job summary stays text: no link, image, emphasis
// or HTML of its own, whatever markdown it holds, as GitHub-flavoured
// markdown (goldmark with GFM, which also links bare URLs) renders it.
func TestSummaryCellStaysText(t *testing.T) {
	hostile := "refused [Fix now](https://e.vil) ![x](https://e.vil/p.png) <img src=https://e.vil/q> **bold** _em_ ~~gone~~ " +
		"\\[esc](https://e.vil/2) [ref]: https://e.vil/3 &#91;x&#93;(https://e.vil/4)"
	r := &Report{Results: []Result{{Slug: "evil", Adapter: "statuspage", Outcome: Failed, Err: errors.New(hostile)}}}
	var md strings.Builder
	if err := r.WriteSummary(&md); err != nil {
		t.Fatal(err)
	}
	var html bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert([]byte(md.String()), &html); err != nil {
		t.Fatal(err)
	}
	got := html.String()
	for _, bad := range []string{`href="https://e.vil)`, `href="https://e.vil"`, "<img", "<strong>", "<em>", "<del>", `href="https://e.vil/2"`, `href="https://e.vil/4"`} {
		if strings.Contains(got, bad) {
			t.Errorf("summary renders %s:\n%s", bad, got)
		}
	}
	if !strings.Contains(got, "refused [Fix now](") || !strings.Contains(got, "**bold** _em_ ~~gone~~") || strings.Count(got, "<td>") != 3 {
		t.Errorf("the text is not shown as it was, in its cell:\n%s", got)
	}
}
