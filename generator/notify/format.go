package notify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
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

// body is the text under the headline: status, the vendor's words, link.
func body(e *Event) string {
	var b strings.Builder
	if e.Status != "" && e.Kind != KindComponent {
		fmt.Fprintf(&b, "Status: %s\n", e.Status)
	}
	if t := strings.TrimSpace(e.Text); t != "" {
		if r := []rune(t); len(r) > maxText {
			t = string(r[:maxText]) + "…"
		}
		b.WriteString(t + "\n")
	}
	if e.URL != "" {
		b.WriteString(e.URL)
	}
	return strings.TrimSpace(b.String())
}

// Payload is the JSON body for a destination of type typ; name is the
// provider's display name.
func Payload(typ string, e *Event, name string) ([]byte, error) {
	head, text := headline(e, name), body(e)
	var v any
	switch typ {
	case TypeSlack:
		v = map[string]string{"text": "*" + head + "*\n" + text}
	case TypeDiscord:
		v = map[string]string{"content": "**" + head + "**\n" + text}
	case TypeTeams:
		v = teamsCard(head, text, e.URL)
	case TypeWebhook:
		v = struct {
			*Event
			Name string `json:"provider_name"`
		}{e, name}
	default:
		return nil, fmt.Errorf("unknown destination type %q", typ)
	}
	return json.Marshal(v)
}

// teamsCard is an Adaptive Card in a message envelope: what Teams'
// Workflows webhooks ("When a Teams webhook request is received") take,
// as Office 365 connectors and their MessageCards are being retired.
func teamsCard(head, text, url string) any {
	card := map[string]any{
		"$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
		"type":    "AdaptiveCard",
		"version": "1.4",
		"body": []any{
			map[string]any{"type": "TextBlock", "text": head, "weight": "Bolder", "wrap": true},
			map[string]any{"type": "TextBlock", "text": text, "wrap": true},
		},
	}
	if url != "" {
		card["actions"] = []any{map[string]any{"type": "Action.OpenUrl", "title": "Open", "url": url}}
	}
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
