package notify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/model"
)

// SignatureHeader carries "sha256=" and the hex HMAC-SHA256 of the body,
// keyed with the destination's secret (GitHub's webhook convention).
const SignatureHeader = "X-Uptimus-Signature"

// maxText bounds the vendor's words in a chat message: a chat line is no
// place for a whole postmortem, and our page has all of it. Each chat's
// own limit (limits.go) then bounds the whole message.
const maxText = 1500

var headlines = map[Kind]string{
	KindIncident:    "New incident",
	KindUpdate:      "Update",
	KindResolved:    "Resolved",
	KindComponent:   "Status change",
	KindMaintenance: "Maintenance scheduled",
	KindRescheduled: "Maintenance rescheduled",
}

// headline is the one-line summary every chat format starts with.
func headline(e *Event, name string) string {
	if e.Kind == KindComponent && len(e.Changes) > 1 {
		return fmt.Sprintf("[%s] %s", name, e.Title) // "3 components changed"
	}
	return fmt.Sprintf("[%s] %s: %s", name, what(e), e.Title)
}

// what names the event: a window is never told as an incident, and an
// entry a range saw both start and end says so instead of announcing
// itself as new beside a status that says it is over.
func what(e *Event) string {
	switch {
	case e.Cancelled:
		return "Maintenance cancelled"
	case e.Kind == KindMaintenance && e.Closed:
		return "Maintenance (completed)"
	case e.Kind == KindIncident && e.Closed:
		return "Incident (resolved)"
	case e.Maintenance && e.Kind == KindUpdate:
		return "Maintenance update"
	case e.Maintenance && e.Kind == KindResolved:
		return "Maintenance completed"
	case e.Kind == KindResolved && e.ResolvedAsObserved:
		return "Resolved (as observed)"
	}
	return headlines[e.Kind]
}

// Message is an event with what the catalogue and the site add to it.
type Message struct {
	*Event
	Name string // the provider's display name
	// Page is the absolute URL of our page for the event: the incident's
	// or maintenance window's page, or the provider's for a status change.
	Page string
	// Official is the vendor's page: the incident's, else the provider's
	// status page; empty when neither is known.
	Official string
	// Short asks for the headline and links alone, for a destination that
	// refused the whole message.
	Short bool
}

// Webhook is the body posted to a destination of type webhook; its
// fields are documented in docs/alerts.md, and the example there is
// checked against this type.
type Webhook struct {
	ID           string    `json:"id"`
	Kind         Kind      `json:"kind"`
	Provider     string    `json:"provider"`
	ProviderName string    `json:"provider_name"`
	Title        string    `json:"title"`
	Status       string    `json:"status"`
	Text         string    `json:"text,omitempty"`
	URL          string    `json:"url"`
	OfficialURL  string    `json:"official_url,omitempty"`
	At           time.Time `json:"at"`
	Maintenance  bool      `json:"maintenance"`
	Cancelled    bool      `json:"cancelled"`
	Closed       bool      `json:"closed"`
	// ResolvedAsObserved: see Event.
	ResolvedAsObserved bool      `json:"resolved_as_observed"`
	Impact             string    `json:"impact,omitempty"`
	Components         []string  `json:"components,omitempty"`
	StartsAt           time.Time `json:"starts_at,omitzero"`
	EndsAt             time.Time `json:"ends_at,omitzero"`
	Changes            []Change  `json:"changes"`
}

// body is the text under the headline: status, when, impact and what is
// affected, then the vendor's words, cut at maxText characters.
func body(e *Event) string {
	text, _ := bodyCut(e)
	return text
}

// bodyCut is body, and whether the vendor's words were cut.
func bodyCut(e *Event) (string, bool) {
	var b strings.Builder
	for _, line := range facts(e) {
		b.WriteString(line + "\n")
	}
	t := strings.TrimSpace(e.Text)
	short := shorten(t, within(maxText))
	b.WriteString(short)
	return strings.TrimSpace(b.String()), short != t
}

// maxNamed is how many affected components a message names.
const maxNamed = 5

// facts are the short lines the headline leaves out. The lifecycle word
// is left out where the headline already tells it.
func facts(e *Event) []string {
	var out []string
	told := e.Kind == KindResolved || e.Kind == KindRescheduled || e.Closed || e.Cancelled || e.Kind == KindMaintenance && e.Status == "scheduled"
	if e.Status != "" && e.Kind != KindComponent && !told {
		out = append(out, "Status: "+model.LifecycleLabel(e.Status))
	}
	if w := span(e.Start, e.End); w != "" && (e.Maintenance || e.Closed) {
		out = append(out, "When: "+w)
	}
	impact := ""
	if e.Impact.Rank() > adapters.ImpactMaintenance.Rank() { // minor and worse
		impact = model.ImpactLabel(e.Impact)
	}
	switch names := named(e.Components); {
	case impact != "" && names != "":
		out = append(out, impact+" on "+names)
	case impact != "":
		out = append(out, impact)
	case names != "":
		out = append(out, "Affects "+names)
	}
	return out
}

// named lists at most maxNamed names, then how many more there are.
func named(names []string) string {
	if len(names) <= maxNamed {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:maxNamed], ", "), len(names)-maxNamed)
}

// span is a time range in UTC, the end's date left out when it is the
// start's; "from <start>" when the end is not known.
func span(start, end time.Time) string {
	const day, clock = "2006-01-02 15:04", "15:04"
	start, end = start.UTC(), end.UTC()
	switch {
	case start.IsZero():
		return ""
	case end.IsZero() || end.Before(start):
		return "from " + start.Format(day) + " UTC"
	case start.Format(time.DateOnly) == end.Format(time.DateOnly):
		return start.Format(day) + "–" + end.Format(clock) + " UTC"
	}
	return start.Format(day) + " – " + end.Format(day) + " UTC"
}

// chat is a chat message before it is dressed for one chat: the
// headline, the body, our page and the vendor's. Cut says the body was
// cut, and the link to our page then says the full text is there.
type chat struct {
	head, body, page, official string
	cut                        bool
}

// links are the lines that end a chat message: our page first, then the
// vendor's, each dressed as the chat wants its links.
func (c *chat) links(ours, vendor func(string) string) string {
	s := ours(c.page)
	if c.cut {
		s = "Full text: " + s
	}
	if c.official != "" {
		s += "\nOfficial page: " + vendor(c.official)
	}
	return s
}

func join(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n")
}

func same(s string) string { return s }

// render dresses a chat message for one chat, and says whether the
// payload keeps within that chat's limits.
type render func(c *chat) (v any, fits bool)

var renders = map[string]render{
	TypeSlack: func(c *chat) (any, bool) {
		text := join("*"+slackText(c.head)+"*", slackText(c.body), c.links(slackLink, slackLink))
		return map[string]string{"text": text}, chars(text) <= slackTextMax
	},
	TypeDiscord: func(c *chat) (any, bool) {
		text := join("**"+discordText(c.head)+"**", discordText(c.body), c.links(same, discordLink))
		return discordMessage{Content: text, AllowedMentions: allowedMentions{Parse: []string{}}}, chars(text) <= discordContentMax
	},
	TypeTeams: func(c *chat) (any, bool) {
		v := teamsCard(c)
		b, err := json.Marshal(v)
		return v, err == nil && len(b) <= teamsPayloadMax
	},
}

// Payload is the JSON body of m for a destination of type typ. Vendor
// text is made inert in each chat's own way, so a title or update that
// says "@everyone" or "<!channel>" pings nobody and links nowhere. A chat
// message keeps within its chat's documented limits: the body is cut at a
// sentence or word with "…" and the link to our page says the full text
// is there; should even that not do (a title or link of thousands of
// characters), the vendor's link goes, then the headline is cut.
func Payload(typ string, m *Message) ([]byte, error) {
	if typ == TypeWebhook {
		return json.Marshal(webhook(m))
	}
	r, ok := renders[typ]
	if !ok {
		return nil, fmt.Errorf("unknown destination type %q", typ)
	}
	c := &chat{head: shorten(headline(m.Event, m.Name), within(headMax)), page: m.Page, official: m.Official}
	if !m.Short {
		c.body, c.cut = bodyCut(m.Event)
	}
	fits := func(field *string) func(string) bool {
		return func(s string) bool {
			was := *field
			*field = s
			_, ok := r(c)
			*field = was
			return ok
		}
	}
	for _, shrink := range []func(){
		func() { c.cut = true; c.body = shorten(c.body, fits(&c.body)) },
		func() { c.body, c.official = "", "" },
		func() { c.head = shorten(c.head, fits(&c.head)) },
	} {
		if _, ok := r(c); ok {
			break
		}
		shrink()
	}
	v, ok := r(c)
	if !ok {
		return nil, fmt.Errorf("event %s: no message fits %s's limits (our page's URL alone is %d characters)", m.ID, typ, chars(m.Page))
	}
	return json.Marshal(v)
}

func webhook(m *Message) Webhook {
	e := m.Event
	return Webhook{ID: e.ID, Kind: e.Kind, Provider: e.Provider, ProviderName: m.Name, Title: e.Title, Status: e.Status,
		Text: e.Text, URL: m.Page, OfficialURL: m.Official, At: e.At, Maintenance: e.Maintenance, Cancelled: e.Cancelled,
		Closed: e.Closed, ResolvedAsObserved: e.ResolvedAsObserved, Impact: string(e.Impact), Components: e.Components, StartsAt: e.Start.UTC(), EndsAt: e.End.UTC(),
		Changes: append([]Change{}, e.Changes...)} // [] rather than null
}

// slackText escapes the three characters Slack's message formatting
// gives meaning to, as its rules ask: "<!channel>", "<@U123>" and
// "<https://x|y>" then show as typed instead of pinging or linking.
var slackText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace

// slackLink is u as a Slack link, "<u>", with the characters that would
// end it or give it a label of the vendor's choosing percent-encoded.
func slackLink(u string) string {
	return "<" + strings.NewReplacer("&", "&amp;", "<", "%3C", ">", "%3E", "|", "%7C").Replace(u) + ">"
}

// discordLink keeps Discord from previewing the vendor's link (two
// previews of one event are one too many); a ">" in it would end the
// brackets early.
func discordLink(u string) string { return "<" + strings.ReplaceAll(u, ">", "%3E") + ">" }

// discordText breaks "@everyone" and "@here" with a zero-width space, so
// they neither ping (allowed_mentions forbids it too) nor read as a ping,
// and escapes the "](" that closes a markdown link, and every backslash
// that could unescape it, so a vendor's "[text](url)" shows as typed
// instead of as a masked link whose label hides where it goes.
var discordText = strings.NewReplacer("@everyone", "@\u200beveryone", "@here", "@\u200bhere", `\`, `\\`, "](", `\](`).Replace

// discordMessage is a Discord webhook body; AllowedMentions with an empty
// Parse list turns every mention in the content into plain text.
type discordMessage struct {
	Content         string          `json:"content"`
	AllowedMentions allowedMentions `json:"allowed_mentions"`
}

type allowedMentions struct {
	Parse []string `json:"parse"`
}

// teamsCard is an Adaptive Card in a message envelope: what Teams'
// Workflows webhooks ("When a Teams webhook request is received") take,
// as Office 365 connectors and their MessageCards are being retired.
// Vendor text goes in TextRuns, which Adaptive Cards never read as
// markdown, so a "[link](…)" or "**" in it shows as typed; a mention needs
// an msteams entity, which the card never carries.
func teamsCard(c *chat) any {
	body := []any{plainBlock(c.head, "Bolder")}
	for line := range strings.SplitSeq(c.body, "\n") {
		if strings.TrimSpace(line) != "" {
			body = append(body, plainBlock(line, ""))
		}
	}
	card := map[string]any{
		"$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
		"type":    "AdaptiveCard",
		"version": "1.4",
		"body":    body,
	}
	open := "Open"
	if c.cut {
		open = "Open the full text"
	}
	actions := []any{map[string]any{"type": "Action.OpenUrl", "title": open, "url": c.page}}
	if c.official != "" {
		actions = append(actions, map[string]any{"type": "Action.OpenUrl", "title": "Official page", "url": c.official})
	}
	card["actions"] = actions
	return map[string]any{
		"type": "message",
		"attachments": []any{map[string]any{
			"contentType": "application/vnd.microsoft.card.adaptive",
			"content":     card,
		}},
	}
}

// plainBlock is one line of text that the card shows as it is.
func plainBlock(text, weight string) any {
	run := map[string]any{"type": "TextRun", "text": text}
	if weight != "" {
		run["weight"] = weight
	}
	return map[string]any{"type": "RichTextBlock", "inlines": []any{run}}
}

// Sign is the SignatureHeader value for body.
func Sign(secret, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}
