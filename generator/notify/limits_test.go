package notify

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/adaptertest"
	"github.com/uptimus/uptimus/adapters/gcp"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/paths"
)

// The limits as each vendor documents them, written out again here so
// that the test checks the payloads against the documents rather than
// against the constants the code uses.
//
// Discord, "Execute Webhook" and "Embed Limits": content up to 2000
// characters; up to 10 embeds; embed title 256, description 4096, 25
// fields, field name 256 and value 1024, footer text 2048, author name
// 256, and 6000 characters in all the embeds of a message.
// Slack, chat.postMessage: text over 40,000 characters is truncated, and
// text should stay under 4,000; blocks: at most 50, a section's text 3000,
// a header's 150.
// Microsoft Teams, webhooks and Workflows: a message of at most 28 KB.
func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

// maskedLink is a markdown link whose "](" no backslash escapes.
var maskedLink = regexp.MustCompile(`(^|[^\\])(\\\\)*\]\(`)

func discordProblems(v map[string]any) []string {
	var out []string
	content, _ := v["content"].(string)
	if n := utf16Len(content); n > 2000 {
		out = append(out, fmt.Sprintf("content of %d characters", n))
	}
	if maskedLink.MatchString(content) {
		out = append(out, "a masked link in the content")
	}
	embeds, _ := v["embeds"].([]any)
	if len(embeds) > 10 {
		out = append(out, fmt.Sprintf("%d embeds", len(embeds)))
	}
	total := 0
	field := func(m map[string]any, key string, max int) {
		s, _ := m[key].(string)
		if n := utf16Len(s); n > max {
			out = append(out, fmt.Sprintf("embed %s of %d characters", key, n))
		}
		total += utf16Len(s)
	}
	for _, e := range embeds {
		em, _ := e.(map[string]any)
		field(em, "title", 256)
		field(em, "description", 4096)
		fields, _ := em["fields"].([]any)
		if len(fields) > 25 {
			out = append(out, fmt.Sprintf("%d embed fields", len(fields)))
		}
		for _, f := range fields {
			fm, _ := f.(map[string]any)
			field(fm, "name", 256)
			field(fm, "value", 1024)
		}
		if foot, ok := em["footer"].(map[string]any); ok {
			field(foot, "text", 2048)
		}
		if author, ok := em["author"].(map[string]any); ok {
			field(author, "name", 256)
		}
	}
	if total > 6000 {
		out = append(out, fmt.Sprintf("embeds of %d characters in all", total))
	}
	return out
}

func slackProblems(v map[string]any) []string {
	var out []string
	text, _ := v["text"].(string)
	if n := utf16Len(text); n > 4000 {
		out = append(out, fmt.Sprintf("text of %d characters", n))
	}
	blocks, _ := v["blocks"].([]any)
	if len(blocks) > 50 {
		out = append(out, fmt.Sprintf("%d blocks", len(blocks)))
	}
	for _, b := range blocks {
		bm, _ := b.(map[string]any)
		t, _ := bm["text"].(map[string]any)
		s, _ := t["text"].(string)
		if max := map[string]int{"section": 3000, "header": 150}[bm["type"].(string)]; max > 0 && utf16Len(s) > max {
			out = append(out, fmt.Sprintf("%s block of %d characters", bm["type"], utf16Len(s)))
		}
	}
	return out
}

// chatProblems lists how the payload b for a destination of type typ
// breaks its chat's documented limits.
func chatProblems(typ string, b []byte) []string {
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		return []string{err.Error()}
	}
	switch typ {
	case TypeDiscord:
		return discordProblems(v)
	case TypeSlack:
		return slackProblems(v)
	case TypeTeams:
		if len(b) > 28*1024 {
			return []string{fmt.Sprintf("a message of %d bytes", len(b))}
		}
	}
	return nil
}

var chats = []string{TypeSlack, TypeDiscord, TypeTeams}

// gcpEvents are the events of Google Cloud's real year of incidents
// (2021-07 to 2022-07, testdata/real/gcp): each incident new, then each
// incident's every later update and its resolution, as the runs that
// saw them would have told them.
func gcpEvents(t *testing.T) []Event {
	t.Helper()
	snap := adaptertest.Fetch(t, gcp.New(), adaptertest.MapFetcher{
		"https://status.cloud.google.com/incidents.json": adaptertest.Real(t, "gcp/incidents-2022-07-365days.json"),
	}, "https://status.cloud.google.com")
	at := time.Date(2022, 7, 3, 0, 0, 0, 0, time.UTC)
	snap.FetchedAt = at
	cur := &history.History{Slug: "gcp"}
	history.Merge(cur, snap)
	empty := &history.History{Slug: "gcp", State: history.State{FirstChecked: at}}
	first := &history.History{Slug: "gcp", State: history.State{FirstChecked: at}}
	for _, in := range cur.Incidents {
		in.Updates = in.Updates[len(in.Updates)-1:]
		in.ResolvedAt, in.Status = time.Time{}, "investigating"
		first.Incidents = append(first.Incidents, in)
	}
	events := append(Diff(empty, cur), Diff(first, cur)...)
	if len(events) < 157*2 {
		t.Fatalf("%d events from the real year, want every incident and its updates", len(events))
	}
	return events
}

func gcpSender(t *testing.T, base string) *Sender {
	links, err := paths.NewLinks(base)
	if err != nil {
		t.Fatal(err)
	}
	return &Sender{Links: links, Name: func(string) string { return "Google Cloud" },
		StatusPage: func(string) string { return "https://status.cloud.google.com" }}
}

// Every payload of every event of Google Cloud's real year fits every
// chat's documented limits, under the default base URL and a long one.
// Before the limits, the Discord messages of two of its new incidents
// were 2,011 and 2,012 characters long (the vendor's words cut at 1,500,
// then the headline, facts and links on top): both are cut now, and say
// where the full text is.
func TestRealHistoryFitsEveryChat(t *testing.T) {
	events := gcpEvents(t)
	long := map[string]int{"gcp/8DhiwfKvD987f5tJrj1G//incident": 0, "gcp/waYi5P1JfEPrJh5tPNQU//incident": 0}
	for _, base := range []string{"https://uptimus.github.io", "https://a-long-organisation-name.github.io/uptimus-status-mirror"} {
		s := gcpSender(t, base)
		for _, e := range events {
			m := s.message(&e)
			for _, typ := range chats {
				b, err := Payload(typ, m)
				if err != nil {
					t.Fatalf("%s: %v", typ, err)
				}
				if p := chatProblems(typ, b); len(p) > 0 {
					t.Errorf("%s, base %s, event %s: %s", typ, base, e.ID, strings.Join(p, "; "))
				}
				if _, ok := long[e.ID]; ok && typ == TypeDiscord && strings.Contains(string(b), `…\nFull text: `+m.Page) {
					long[e.ID]++
				}
			}
		}
	}
	for id, cut := range long {
		if cut != 2 {
			t.Errorf("%s: the Discord message is not cut with a link to the full text under both base URLs", id)
		}
	}
}

// Whatever the vendor writes (a title of thousands of characters, a
// hundred components, a link of 3,000) the payload still fits.
func TestHostileLengthsFit(t *testing.T) {
	var comps []string
	for i := range 100 {
		comps = append(comps, strings.Repeat(fmt.Sprintf("Component %d ", i), 20))
	}
	for _, tc := range []Event{
		{Title: strings.Repeat("Very long title ", 700), Text: strings.Repeat("word ", 30000)},
		{Title: "T", Text: strings.Repeat("x", 100000), Components: comps, Impact: adapters.ImpactMajor},
		{Title: strings.Repeat("[a](https://evil.test) & <!here> @everyone \\", 300), Text: strings.Repeat("[a](https://evil.test)\\", 3000)},
		{Title: strings.Repeat("ü😀", 3000), Text: strings.Repeat("😀 ", 20000), Official: "https://status.acme.test/" + strings.Repeat("p", 3000)},
	} {
		e := tc
		e.ID, e.Kind, e.Provider, e.Incident, e.Status = "acme/x//incident", KindIncident, "acme", "x", "investigating"
		m := &Message{Event: &e, Name: "Acme", Page: "https://status.example.org/status/acme/incidents/x/", Official: e.Official}
		for _, typ := range chats {
			b, err := Payload(typ, m)
			if err != nil {
				t.Fatalf("%s: %v", typ, err)
			}
			if p := chatProblems(typ, b); len(p) > 0 {
				t.Errorf("%s, title %.40q…: %s", typ, e.Title, strings.Join(p, "; "))
			}
			if !strings.Contains(string(b), m.Page) {
				t.Errorf("%s, title %.40q…: the payload lost our page's link", typ, e.Title)
			}
		}
	}
}

func TestShorten(t *testing.T) {
	text := "The first sentence ends here. The second one is much longer and goes on"
	for _, tc := range []struct {
		max  int
		want string
	}{
		{100, text},
		{40, "The first sentence ends here.…"},
		{62, "The first sentence ends here. The second one is much longer…"},
		{12, "The first…"},
		{5, "The…"},
		{3, "Th…"},
		{0, ""},
	} {
		if got := shorten(text, within(tc.max)); got != tc.want {
			t.Errorf("shorten to %d = %q, want %q", tc.max, got, tc.want)
		}
	}
}
