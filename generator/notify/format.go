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

// maxText bounds a message's text: Discord refuses content over 2,000
// characters, and a chat line is no place for a whole postmortem.
const maxText = 1500

var headlines = map[Kind]string{
	KindIncident:    "New incident",
	KindUpdate:      "Update",
	KindResolved:    "Resolved",
	KindComponent:   "Status change",
	KindMaintenance: "Maintenance scheduled",
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
// affected, then the vendor's words.
func body(e *Event) string {
	var b strings.Builder
	for _, line := range facts(e) {
		b.WriteString(line + "\n")
	}
	if t := strings.TrimSpace(e.Text); t != "" {
		if r := []rune(t); len(r) > maxText {
			t = string(r[:maxText]) + "…"
		}
		b.WriteString(t)
	}
	return strings.TrimSpace(b.String())
}

// maxNamed is how many affected components a message names.
const maxNamed = 5

// facts are the short lines the headline leaves out. The lifecycle word
// is left out where the headline already tells it.
func facts(e *Event) []string {
	var out []string
	told := e.Kind == KindResolved || e.Closed || e.Cancelled || e.Kind == KindMaintenance && e.Status == "scheduled"
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

// links are the lines that end a chat message: our page first, then the
// vendor's, each dressed as the chat wants its links.
func links(m *Message, ours, vendor func(string) string) string {
	s := ours(m.Page)
	if m.Official != "" {
		s += "\nOfficial page: " + vendor(m.Official)
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

// Payload is the JSON body of m for a destination of type typ. Vendor
// text is made inert in each chat's own way, so a title or update that
// says "@everyone" or "<!channel>" pings nobody and links nowhere.
func Payload(typ string, m *Message) ([]byte, error) {
	head, text := headline(m.Event, m.Name), body(m.Event)
	var v any
	switch typ {
	case TypeSlack:
		v = map[string]string{"text": join("*"+slackText(head)+"*", slackText(text), links(m, slackLink, slackLink))}
	case TypeDiscord:
		v = discordMessage{Content: join("**"+discordText(head)+"**", discordText(text), links(m, same, discordLink)),
			AllowedMentions: allowedMentions{Parse: []string{}}}
	case TypeTeams:
		v = teamsCard(head, text, m)
	case TypeWebhook:
		e := m.Event
		v = Webhook{ID: e.ID, Kind: e.Kind, Provider: e.Provider, ProviderName: m.Name, Title: e.Title, Status: e.Status,
			Text: e.Text, URL: m.Page, OfficialURL: m.Official, At: e.At, Maintenance: e.Maintenance, Cancelled: e.Cancelled,
			Closed: e.Closed, ResolvedAsObserved: e.ResolvedAsObserved, Impact: string(e.Impact), Components: e.Components, StartsAt: e.Start.UTC(), EndsAt: e.End.UTC(),
			Changes: append([]Change{}, e.Changes...)} // [] rather than null
	default:
		return nil, fmt.Errorf("unknown destination type %q", typ)
	}
	return json.Marshal(v)
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
// they neither ping (allowed_mentions forbids it too) nor read as a ping.
var discordText = strings.NewReplacer("@everyone", "@\u200beveryone", "@here", "@\u200bhere").Replace

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
func teamsCard(head, text string, m *Message) any {
	body := []any{plainBlock(head, "Bolder")}
	for line := range strings.SplitSeq(text, "\n") {
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
	actions := []any{map[string]any{"type": "Action.OpenUrl", "title": "Open", "url": m.Page}}
	if m.Official != "" {
		actions = append(actions, map[string]any{"type": "Action.OpenUrl", "title": "Official page", "url": m.Official})
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
