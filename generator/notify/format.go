package notify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"
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
	return fmt.Sprintf("[%s] %s: %s", name, headlines[e.Kind], e.Title)
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
}

// body is the text under the headline: status and the vendor's words.
func body(e *Event) string {
	var b strings.Builder
	if e.Status != "" && e.Kind != KindComponent {
		fmt.Fprintf(&b, "Status: %s\n", e.Status)
	}
	if t := strings.TrimSpace(e.Text); t != "" {
		if r := []rune(t); len(r) > maxText {
			t = string(r[:maxText]) + "…"
		}
		b.WriteString(t)
	}
	return strings.TrimSpace(b.String())
}

// links are the lines that end a chat message: our page first, then the
// vendor's. wrap dresses the vendor's link (Discord previews every bare
// link, and two previews of one event are one too many).
func links(m *Message, wrap func(string) string) string {
	s := m.Page
	if m.Official != "" {
		s += "\nOfficial page: " + wrap(m.Official)
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

// Payload is the JSON body of m for a destination of type typ.
func Payload(typ string, m *Message) ([]byte, error) {
	head, text := headline(m.Event, m.Name), body(m.Event)
	var v any
	switch typ {
	case TypeSlack:
		v = map[string]string{"text": join("*"+head+"*", text, links(m, same))}
	case TypeDiscord:
		v = map[string]string{"content": join("**"+head+"**", text, links(m, func(u string) string { return "<" + u + ">" }))}
	case TypeTeams:
		v = teamsCard(head, text, m)
	case TypeWebhook:
		e := m.Event
		v = Webhook{ID: e.ID, Kind: e.Kind, Provider: e.Provider, ProviderName: m.Name, Title: e.Title, Status: e.Status,
			Text: e.Text, URL: m.Page, OfficialURL: m.Official, At: e.At}
	default:
		return nil, fmt.Errorf("unknown destination type %q", typ)
	}
	return json.Marshal(v)
}

// teamsCard is an Adaptive Card in a message envelope: what Teams'
// Workflows webhooks ("When a Teams webhook request is received") take,
// as Office 365 connectors and their MessageCards are being retired.
func teamsCard(head, text string, m *Message) any {
	card := map[string]any{
		"$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
		"type":    "AdaptiveCard",
		"version": "1.4",
		"body": []any{
			map[string]any{"type": "TextBlock", "text": head, "weight": "Bolder", "wrap": true},
			map[string]any{"type": "TextBlock", "text": text, "wrap": true},
		},
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

// Sign is the SignatureHeader value for body.
func Sign(secret, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}
