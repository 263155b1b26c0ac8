package feeds

import (
	"bytes"
	"encoding/xml"
	"html"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters/vendortext"
	"github.com/uptimus/uptimus/generator/paths"

	gf "github.com/gorilla/feeds"
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
	l, _ := paths.NewLinks("https://example.org")
	f.Fuzz(func(t *testing.T, title, body, id, name string) {
		if id == "" {
			return
		}
		p := &catalog.Provider{Slug: "acme", Name: name}
		inc := adapters.Incident{ID: id, Kind: adapters.KindIncident, Title: title, Status: "investigating",
			CreatedAt: at(30, 10, 0), Components: []adapters.ComponentRef{{ID: "c", Name: name}},
			Updates: []adapters.Update{{ID: id, Status: body, Body: body, CreatedAt: at(30, 11, 0)}}}
		items, updates, err := entries(p, []adapters.Incident{inc}, &itemText{md: vendortext.NewRenderer()}, fixtureNow, l, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range append(items, updates...) {
			checkItemEncoding(t, e)
		}
		for _, es := range [][]*entry{items, updates} {
			fd := &feed{ID: "tag:x,2026:f", Title: name, Description: body, Home: "https://example.org/", Updated: at(30, 11, 0), Entries: es}
			docs := map[paths.Format][]byte{}
			for _, format := range paths.Formats {
				var doc bytes.Buffer
				if err := fd.encode(&doc, format, "https://example.org/f."+string(format), l); err != nil {
					t.Fatal(err)
				}
				docs[format] = doc.Bytes()
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

// checkItemEncoding holds the hand-written item encoders to what they
// replace: RSS byte for byte what xml.Marshal writes for gorilla's RssItem;
// Atom (HTML in CDATA where Marshal escaped it) decoding back to the
// entry's fields.
func checkItemEncoding(t *testing.T, e *entry) {
	t.Helper()
	want, err := xml.Marshal(&gf.RssItem{
		Title:       e.Title,
		Link:        e.Link,
		Description: html.EscapeString(e.Summary),
		Content:     &gf.RssContent{Content: e.content()},
		Guid:        &gf.RssGuid{Id: e.ID, IsPermaLink: "false"},
		PubDate:     e.Published.UTC().Format(time.RFC1123Z),
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := e.rssItem(); !bytes.Equal(got, want) {
		t.Fatalf("rss item:\n got %q\nwant %q", got, want)
	}
	var got struct {
		Title     string `xml:"title"`
		Updated   string `xml:"updated"`
		ID        string `xml:"id"`
		Published string `xml:"published"`
		Content   struct {
			Type string `xml:"type,attr"`
			Text string `xml:",chardata"`
		} `xml:"content"`
		Link struct {
			Href string `xml:"href,attr"`
			Rel  string `xml:"rel,attr"`
		} `xml:"link"`
		Summary string `xml:"summary"`
	}
	if err := xml.Unmarshal(e.atomEntry(), &got); err != nil {
		t.Fatalf("atom entry: %v\n%q", err, e.atomEntry())
	}
	if got.Title != e.Title || got.ID != e.ID || got.Content.Type != "html" || got.Content.Text != e.content() ||
		got.Link.Href != e.Link || got.Link.Rel != "alternate" || got.Summary != e.Summary ||
		got.Updated != e.Updated.UTC().Format(time.RFC3339) || got.Published != e.Published.UTC().Format(time.RFC3339) {
		t.Fatalf("atom entry decodes to %+v, not the entry %+v", got, e)
	}
}
