package feeds

import (
	"bytes"
	"strings"
	"testing"

	"github.com/uptimus/uptimus/generator/paths"

	"github.com/mmcdole/gofeed"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
)

// FuzzFeedItem feeds arbitrary vendor titles, bodies and ids through the
// item builder and all three encoders: every document must parse, keep the
// item's id, and carry no markup from the vendor.
func FuzzFeedItem(f *testing.F) {
	f.Add("Outage <script>alert(1)</script>", "We are <b>on it</b>.<br/>More soon.\n\nDone ]]> <![CDATA[ x", "inc-1", "Name")
	f.Add("", "", "ü/../x", "A & B")
	f.Add("\x00\x0b\xff title", "line\r\nline\rline\x1b", "id with spaces", "<img src=x onerror=alert(1)>")
	f.Add("t", "<SCRIPT>x</SCRIPT><iframe src=javascript:alert(1)>", "\uFFFE", "n")
	l, _ := NewLinks("https://example.org")
	f.Fuzz(func(t *testing.T, title, body, id, name string) {
		if id == "" {
			return
		}
		p := &catalog.Provider{Slug: "acme", Name: name}
		inc := adapters.Incident{ID: id, Kind: adapters.KindIncident, Title: title, Status: "investigating",
			CreatedAt: at(30, 10, 0), Components: []adapters.ComponentRef{{ID: "c", Name: name}},
			Updates: []adapters.Update{{ID: id, Status: body, Body: body, CreatedAt: at(30, 11, 0)}}}
		items, updates, err := entries(p, []adapters.Incident{inc}, fixtureNow, l, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, es := range [][]*entry{items, updates} {
			fd := &feed{ID: "tag:x,2026:f", Title: name, Description: body, Home: "https://example.org/", Updated: at(30, 11, 0), Entries: es}
			docs := map[paths.Format][]byte{}
			for _, format := range paths.Formats {
				if docs[format], err = fd.encode(format, "https://example.org/f."+string(format), l); err != nil {
					t.Fatal(err)
				}
			}
			for format, data := range docs {
				lower := bytes.ToLower(data)
				for _, bad := range []string{"<script", "<img", "<iframe", "<b>"} {
					if bytes.Contains(lower, []byte(bad)) {
						t.Fatalf("%s: raw %q in\n%s", format, bad, data)
					}
				}
				parsed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
				if err != nil {
					t.Fatalf("%s: %v\n%q", format, err, data)
				}
				if len(parsed.Items) != 1 || parsed.Items[0].GUID != es[0].ID {
					t.Fatalf("%s: items %d, want id %q", format, len(parsed.Items), es[0].ID)
				}
				content := strings.ToLower(parsed.Items[0].Content)
				for _, bad := range []string{"<script", "<img", "<iframe", "<b>"} {
					if strings.Contains(content, bad) {
						t.Fatalf("%s: content holds %q:\n%s", format, bad, content)
					}
				}
			}
		}
	})
}
