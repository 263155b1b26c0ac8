package notify

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
)

// hostile is an event whose vendor text tries to ping a whole channel or
// server and to slip in links and markup of its own.
func hostile() *Message {
	e := &Event{ID: "acme/x//incident", Kind: KindIncident, Provider: "acme", Incident: "x", Status: "investigating",
		Title: "API down @everyone <!channel> & <@U123>",
		Text:  "Ask @here or <!here|here>; see [our form](https://evil.test) **now** <at>Ops</at>"}
	return &Message{Event: e, Name: "Acme", Page: "https://status.example.org/status/acme/incidents/x/",
		Official: "https://status.acme.test/incidents/x?a=1&b=2|click>"}
}

func payload(t *testing.T, typ string, m *Message) map[string]any {
	t.Helper()
	b, err := Payload(typ, m)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSlackTextInert(t *testing.T) {
	text := payload(t, TypeSlack, hostile())["text"].(string)
	for _, bad := range []string{"<!channel>", "<@U123>", "<!here", " & "} {
		if strings.Contains(text, bad) {
			t.Errorf("Slack text holds %q unescaped:\n%s", bad, text)
		}
	}
	for _, want := range []string{"&lt;!channel&gt; &amp; &lt;@U123&gt;", "&lt;!here|here&gt;",
		"\n<https://status.example.org/status/acme/incidents/x/>\nOfficial page: <https://status.acme.test/incidents/x?a=1&amp;b=2%7Cclick%3E>"} {
		if !strings.Contains(text, want) {
			t.Errorf("Slack text lacks %q:\n%s", want, text)
		}
	}
	if n := strings.Count(text, "<"); n != 2 {
		t.Errorf("Slack text has %d '<', want only our 2 links:\n%s", n, text)
	}
}

func TestDiscordMentionsInert(t *testing.T) {
	v := payload(t, TypeDiscord, hostile())
	am, _ := v["allowed_mentions"].(map[string]any)
	if parse, ok := am["parse"].([]any); !ok || len(parse) != 0 {
		t.Errorf("allowed_mentions = %v, want {\"parse\": []}", v["allowed_mentions"])
	}
	text := v["content"].(string)
	for _, bad := range []string{"@everyone", "@here"} {
		if strings.Contains(text, bad) {
			t.Errorf("Discord content holds %q:\n%s", bad, text)
		}
	}
	if !strings.Contains(text, "@\u200beveryone") || !strings.HasSuffix(text, "\nOfficial page: <https://status.acme.test/incidents/x?a=1&b=2|click%3E>") {
		t.Errorf("Discord content lost the text or the link:\n%s", text)
	}
	// A vendor's markdown link shows as typed: a masked link's label could
	// hide where it goes.
	if maskedLink.MatchString(text) || !strings.Contains(text, `see [our form\](https://evil.test)`) {
		t.Errorf("Discord content makes the vendor's [our form](…) a masked link:\n%s", text)
	}
}

// TestTeamsTextInert: every piece of text in the card is a TextRun, which
// Adaptive Cards never read as markdown, and the card has no msteams
// entities, without which "<at>" mentions nobody.
func TestTeamsTextInert(t *testing.T) {
	v := payload(t, TypeTeams, hostile())
	card := v["attachments"].([]any)[0].(map[string]any)["content"].(map[string]any)
	if _, ok := card["msteams"]; ok {
		t.Error("the card carries msteams entities")
	}
	var runs []string
	for _, b := range card["body"].([]any) {
		block := b.(map[string]any)
		if block["type"] != "RichTextBlock" {
			t.Errorf("card body holds a %v, whose text would be read as markdown", block["type"])
			continue
		}
		for _, in := range block["inlines"].([]any) {
			run := in.(map[string]any)
			if run["type"] != "TextRun" {
				t.Errorf("inline of type %v", run["type"])
			}
			runs = append(runs, run["text"].(string))
		}
	}
	all := strings.Join(runs, "\n")
	if !strings.Contains(all, "[our form](https://evil.test) **now**") || !strings.HasPrefix(all, "[Acme] New incident: API down") {
		t.Errorf("the card's text is not the vendor's, as typed:\n%s", all)
	}
}

// told is what the chat message of each event between two versions of one
// incident or window says: its headline, then its body. prev nil means
// the entry is new in the range.
func told(prev *adapters.Incident, cur adapters.Incident) []string {
	comps := []history.ComponentState{{Component: adapters.Component{ID: "eu", Name: "Europe", Group: true}},
		{Component: adapters.Component{ID: "api", Name: "API", GroupID: "eu"}}}
	old := &history.History{Slug: "acme", State: history.State{FirstChecked: t0}}
	if prev != nil {
		old.Incidents = []adapters.Incident{*prev}
	}
	now := &history.History{Slug: "acme", State: history.State{FirstChecked: t0, Components: comps},
		Incidents: []adapters.Incident{cur}}
	var out []string
	for _, e := range Diff(old, now) {
		out = append(out, headline(&e, "Acme")+"\n"+body(&e))
	}
	return out
}

func window(status string, ups ...adapters.Update) adapters.Incident {
	return adapters.Incident{ID: "m", Kind: adapters.KindMaintenance, Title: "DB upgrade", Status: status, CreatedAt: t0,
		Impact: adapters.ImpactMaintenance, Components: []adapters.ComponentRef{{ID: "api"}},
		ScheduledFor: t0.Add(48 * time.Hour), ScheduledUntil: t0.Add(50 * time.Hour), Updates: ups}
}

func closed(in adapters.Incident, status string, at time.Time) adapters.Incident {
	in.Status, in.ResolvedAt = status, at
	return in
}

func TestMessagesSayWhatAndWhen(t *testing.T) {
	scheduled := window("scheduled", upd("m1", "scheduled", 0))
	incident := adapters.Incident{ID: "b", Kind: adapters.KindIncident, Title: "Slow logins", Status: "investigating",
		Impact: adapters.ImpactMajor, CreatedAt: t0.Add(5 * time.Minute), Updates: []adapters.Update{upd("b1", "investigating", 5)},
		Components: []adapters.ComponentRef{{ID: "api"}, {Name: "Web"}, {Name: "CLI"}, {Name: "Jobs"}, {Name: "DNS"}, {Name: "CDN"}, {Name: "Mail"}}}
	for _, tc := range []struct {
		name string
		prev *adapters.Incident
		cur  adapters.Incident
		want []string
	}{
		{"new window", nil, scheduled,
			[]string{"[Acme] Maintenance scheduled: DB upgrade\nWhen: 2026-03-03 12:00–14:00 UTC\nAffects API (Europe)\nbody of m1"}},
		{"window update", &scheduled, window("in_progress", upd("m2", "in_progress", 60), upd("m1", "scheduled", 0)),
			[]string{"[Acme] Maintenance update: DB upgrade\nStatus: In progress\nWhen: 2026-03-03 12:00–14:00 UTC\nAffects API (Europe)\nbody of m2"}},
		{"window completed", &scheduled, closed(window("completed", upd("m2", "completed", 60), upd("m1", "scheduled", 0)), "completed", t0.Add(50*time.Hour)),
			[]string{"[Acme] Maintenance completed: DB upgrade\nWhen: 2026-03-03 12:00–14:00 UTC\nAffects API (Europe)\nbody of m2"}},
		{"window cancelled", &scheduled, closed(window("completed", upd("m2", "cancelled", 60), upd("m1", "scheduled", 0)), "completed", t0.Add(time.Hour)),
			[]string{"[Acme] Maintenance cancelled: DB upgrade\nWhen: 2026-03-03 12:00–14:00 UTC\nAffects API (Europe)\nbody of m2"}},
		{"window cancelled, still open", &scheduled, window("cancelled", upd("m2", "canceled", 60), upd("m1", "scheduled", 0)),
			[]string{"[Acme] Maintenance cancelled: DB upgrade\nWhen: 2026-03-03 12:00–14:00 UTC\nAffects API (Europe)\nbody of m2"}},
		{"window withdrawn", &scheduled, func() adapters.Incident { w := scheduled; w.WithdrawnAt = t0.Add(time.Hour); return w }(),
			[]string{"[Acme] Maintenance cancelled: DB upgrade\nWhen: 2026-03-03 12:00–14:00 UTC\nAffects API (Europe)\nThe official status page no longer lists this window."}},
		{"window new and over", nil, closed(window("completed", upd("m2", "completed", 60), upd("m1", "scheduled", 0)), "completed", t0.Add(50*time.Hour)),
			[]string{"[Acme] Maintenance (completed): DB upgrade\nWhen: 2026-03-03 12:00–14:00 UTC\nAffects API (Europe)\nbody of m2"}},
		{"new incident", nil, incident,
			[]string{"[Acme] New incident: Slow logins\nStatus: Investigating\nMajor impact on API (Europe), Web, CLI, Jobs, DNS and 2 more\nbody of b1"}},
		{"incident new and over", nil, closed(incident, "resolved", t0.Add(26*time.Hour)),
			[]string{"[Acme] Incident (resolved): Slow logins\nWhen: 2026-03-01 12:05 – 2026-03-02 14:00 UTC\nMajor impact on API (Europe), Web, CLI, Jobs, DNS and 2 more\nbody of b1"}},
	} {
		if got := told(tc.prev, tc.cur); !slices.Equal(got, tc.want) {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

// TestStatusChangesOneMessage: the status changes of one provider in one
// range are one message, in the site's words, at most maxChanges lines.
func TestStatusChangesOneMessage(t *testing.T) {
	var comps []history.ComponentState
	var events []history.Event
	for i := range 12 {
		id := fmt.Sprintf("c%02d", i)
		comps = append(comps, history.ComponentState{Component: adapters.Component{ID: id, Name: "Service " + id, GroupID: "eu"}})
		events = append(events, history.Event{At: t0, ComponentID: id, Name: "Service " + id, From: adapters.Operational, To: adapters.PartialOutage})
	}
	comps = append(comps, history.ComponentState{Component: adapters.Component{ID: "eu", Name: "Europe", Group: true}})
	events = append(events, history.Event{At: t0, Name: "Acme", From: adapters.Operational, To: adapters.MajorOutage})
	old := &history.History{Slug: "acme", State: history.State{FirstChecked: t0}}
	cur := &history.History{Slug: "acme", State: history.State{FirstChecked: t0, Components: comps}, Events: events}
	got := Diff(old, cur)
	if len(got) != 1 {
		t.Fatalf("%d events for one provider's status changes, want 1", len(got))
	}
	e := &got[0]
	text := headline(e, "Acme") + "\n" + body(e)
	want := "[Acme] 13 components changed\nService c00 (Europe): Partial outage (was Operational)\n"
	if !strings.HasPrefix(text, want) || !strings.HasSuffix(text, "\nService c09 (Europe): Partial outage (was Operational)\nand 3 more") ||
		e.Status != string(adapters.MajorOutage) {
		t.Errorf("message:\n%s\nstatus %q; want it to start %q, list 10, then \"and 3 more\", status major_outage", text, e.Status, want)
	}
	if again := Diff(old, cur); again[0].ID != e.ID {
		t.Errorf("ids differ between runs: %s, %s", e.ID, again[0].ID)
	}

	cur.Events = []history.Event{{At: t0, Name: "Acme", From: adapters.Operational, To: adapters.MajorOutage}}
	one := Diff(old, cur)[0]
	if got := headline(&one, "Acme") + "\n" + body(&one); got != "[Acme] Status change: Overall status\nMajor outage (was Operational)" {
		t.Errorf("one change: %q", got)
	}
	if one.ID != "acme/component:overall/2026-03-01T12:00:00Z/component" {
		t.Errorf("one change's id %q changed from what sent-logs hold", one.ID)
	}
}
