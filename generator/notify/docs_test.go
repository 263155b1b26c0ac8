package notify

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

const alertsDoc = "../../docs/alerts.md"

// TestWebhookDocs: docs/alerts.md shows a webhook body that decodes into
// Webhook with nothing unknown and every field present, and its field
// table lists exactly Webhook's fields, in order.
func TestWebhookDocs(t *testing.T) {
	doc, err := os.ReadFile(alertsDoc)
	if err != nil {
		t.Fatal(err)
	}
	fields := webhookFields()
	example := between(t, doc, "<!-- webhook example -->\n```json\n", "```")
	dec := json.NewDecoder(strings.NewReader(example))
	dec.DisallowUnknownFields()
	var w Webhook
	if err := dec.Decode(&w); err != nil {
		t.Fatalf("%s: the webhook example: %v", alertsDoc, err)
	}
	var keys map[string]any
	json.Unmarshal([]byte(example), &keys)
	for _, f := range fields {
		if _, ok := keys[f]; !ok {
			t.Errorf("%s: the webhook example leaves out %q", alertsDoc, f)
		}
	}
	var listed []string
	for _, line := range strings.Split(between(t, doc, "<!-- webhook fields -->\n", "\n\n"), "\n") {
		if name, ok := strings.CutPrefix(line, "| `"); ok {
			listed = append(listed, name[:strings.Index(name, "`")])
		}
	}
	if !slices.Equal(listed, fields) {
		t.Errorf("%s: the webhook field table lists %q, Webhook has %q", alertsDoc, listed, fields)
	}
}

// webhookFields are Webhook's JSON names, in order.
func webhookFields() []string {
	var out []string
	typ := reflect.TypeFor[Webhook]()
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		out = append(out, name)
	}
	return out
}

// between is the text of doc between the first start and the next end.
func between(t *testing.T, doc []byte, start, end string) string {
	t.Helper()
	_, rest, ok := bytes.Cut(doc, []byte(start))
	if !ok {
		t.Fatalf("%s has no %q", alertsDoc, start)
	}
	text, _, _ := bytes.Cut(rest, []byte(end))
	return string(text)
}
