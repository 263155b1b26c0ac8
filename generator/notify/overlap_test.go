package notify

import (
	"context"
	"encoding/json"
	"io"
	"slices"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
)

// Two ranges that overlap (a run cancelled after posting, then a run
// from the last commit it had done, over its commits and newer ones)
// tell each component change and each incident's start and end once.
func TestOverlappingRangesTellEachThingOnce(t *testing.T) {
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	h0 := &history.History{Slug: "acme", State: history.State{FirstChecked: t0}}
	h1 := &history.History{Slug: "acme", State: history.State{FirstChecked: t0},
		Events: []history.Event{{At: at(7), ComponentID: "api", Name: "API", From: adapters.Operational, To: adapters.Degraded}},
		Incidents: []adapters.Incident{{ID: "b", Kind: adapters.KindIncident, Title: "Slow logins", Status: "investigating", CreatedAt: at(5),
			Updates: []adapters.Update{upd("b1", "investigating", 5)}}}}
	h2 := &history.History{Slug: "acme", State: history.State{FirstChecked: t0},
		Events: append(slices.Clone(h1.Events),
			history.Event{At: at(30), ComponentID: "api", Name: "API", From: adapters.Degraded, To: adapters.Operational},
			history.Event{At: at(30), ComponentID: "web", Name: "Web", From: adapters.Operational, To: adapters.PartialOutage}),
		Incidents: []adapters.Incident{closed(h1.Incidents[0], "resolved", at(30))}}
	h2.Incidents[0].Updates = []adapters.Update{upd("b2", "resolved", 30), upd("b1", "investigating", 5)}

	hk, cfg, envs := downHook(t, TypeWebhook)
	hk.down = false
	cache := t.TempDir()
	send := func(events []Event) Result {
		return sender(t, cache, envs, io.Discard, t0).Send(context.Background(), cfg, events)
	}
	send(Diff(h0, h1)) // the cancelled run's range
	send(Diff(h0, h2)) // the next run's, from the last commit notified: it
	// sees the incident new and over, and tells its end
	var told []string
	for _, b := range hk.bodies {
		var w Webhook
		if err := json.Unmarshal(b, &w); err != nil {
			t.Fatal(err)
		}
		line := string(w.Kind) + " " + w.Title
		for _, c := range w.Changes {
			line += " | " + c.Component + " " + string(c.To) + " " + c.At.Format("15:04")
		}
		told = append(told, line)
	}
	want := []string{
		"incident Slow logins",
		"component API | API degraded 12:07",
		"component 2 components changed | API operational 12:30 | Web partial_outage 12:30",
		"resolved Slow logins",
	}
	slices.Sort(told)
	slices.Sort(want)
	if !slices.Equal(told, want) {
		t.Errorf("the destination was told\n%q\nwant each change and the incident's start and end once\n%q", told, want)
	}
	if r := send(Diff(h1, h2)); r.Sent != 0 { // the cancelled run's range once more
		t.Errorf("a range already told posted %d more", r.Sent)
	}
}
