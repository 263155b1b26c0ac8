package notify

import (
	"encoding/json"
	"strings"
	"testing"
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
