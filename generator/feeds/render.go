package feeds

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	pathpkg "path"
	"strings"
	"time"

	"github.com/uptimus/uptimus/generator/paths"

	gf "github.com/gorilla/feeds"

	"github.com/uptimus/uptimus/generator/publish"
)

// JSONFeedVersion is the JSON Feed version URL we write. gorilla/feeds
// v1.2.0 already targets 1.1 (authors array); we fill its JSONFeed struct
// ourselves to add feed_url and language and to leave out the "author"
// field that 1.1 deprecates.
const JSONFeedVersion = "https://jsonfeed.org/version/1.1"

// epoch dates a feed that has no entries and nothing else to date it by:
// Atom requires <updated>, and the build clock must not leak into output.
var epoch = time.Unix(0, 0).UTC()

// FeedTag is the id of the feed published at path (any format): TagPrefix,
// "feeds", and the path without its extension, e.g.
// "tag:uptimus,2026:feeds/status/acme/feed".
func FeedTag(path string) string {
	return TagPrefix + "feeds" + strings.TrimSuffix(path, pathpkg.Ext(path))
}

// feed is one feed, independent of format.
type feed struct {
	// ID is the feed's tag URI (see FeedTag), set by write.
	ID          string
	Title       string
	Description string
	// Home is the absolute URL of the HTML page the feed belongs to.
	Home    string
	Updated time.Time
	Entries []*entry
}

// write publishes f in every format at path+"."+format.
func (f *feed) write(pub *publish.Publisher, l Links, path func(paths.Format) string) error {
	f.ID = FeedTag(path(paths.RSS))
	for _, format := range paths.Formats {
		var data []byte
		var err error
		self := l.Abs(path(format))
		switch format {
		case paths.RSS:
			data, err = f.rss()
		case paths.Atom:
			data, err = f.atom(self, l)
		case paths.JSON:
			data, err = f.json(self, l)
		}
		if err != nil {
			return fmt.Errorf("feeds: encode %s: %w", path(format), err)
		}
		if err := pub.Write(rel(path(format)), data); err != nil {
			return err
		}
	}
	return nil
}

func (f *feed) rss() ([]byte, error) {
	ch := &gf.RssFeed{
		Title:         clean(f.Title),
		Link:          f.Home,
		Description:   clean(f.Description),
		Language:      "en",
		LastBuildDate: f.Updated.UTC().Format(time.RFC1123Z),
		PubDate:       f.Updated.UTC().Format(time.RFC1123Z),
		Generator:     "Uptimus",
		Docs:          "https://www.rssboard.org/rss-specification",
	}
	for _, e := range f.Entries {
		ch.Items = append(ch.Items, &gf.RssItem{
			Title: e.Title,
			Link:  e.Link,
			// RSS readers take the description as HTML: the plain summary
			// is escaped once more for that.
			Description: html.EscapeString(e.Summary),
			Content:     &gf.RssContent{Content: e.Content},
			Guid:        &gf.RssGuid{Id: e.ID, IsPermaLink: "false"},
			PubDate:     e.Published.UTC().Format(time.RFC1123Z),
		})
	}
	return xmlDoc(ch.FeedXml())
}

// atomFeed is gorilla's AtomFeed with a list of links, so that the feed
// carries both its alternate (HTML) and self links.
type atomFeed struct {
	XMLName  xml.Name `xml:"feed"`
	Xmlns    string   `xml:"xmlns,attr"`
	Title    string   `xml:"title"`
	ID       string   `xml:"id"`
	Updated  string   `xml:"updated"`
	Subtitle string   `xml:"subtitle,omitempty"`
	Links    []gf.AtomLink
	Author   *gf.AtomAuthor `xml:"author,omitempty"`
	Entries  []*gf.AtomEntry
}

func (f *feed) atom(self string, l Links) ([]byte, error) {
	doc := &atomFeed{
		Xmlns:    "http://www.w3.org/2005/Atom",
		Title:    clean(f.Title),
		ID:       f.ID,
		Updated:  f.Updated.UTC().Format(time.RFC3339),
		Subtitle: clean(f.Description),
		Links: []gf.AtomLink{
			{Href: f.Home, Rel: "alternate", Type: "text/html"},
			{Href: self, Rel: "self", Type: paths.Atom.MediaType()},
		},
		Author: &gf.AtomAuthor{AtomPerson: gf.AtomPerson{Name: "Uptimus", Uri: l.Abs(paths.Home())}},
	}
	for _, e := range f.Entries {
		doc.Entries = append(doc.Entries, &gf.AtomEntry{
			Title:     e.Title,
			Updated:   e.Updated.UTC().Format(time.RFC3339),
			Published: e.Published.UTC().Format(time.RFC3339),
			Id:        e.ID,
			Links:     []gf.AtomLink{{Href: e.Link, Rel: "alternate", Type: "text/html"}},
			Summary:   &gf.AtomSummary{Content: e.Summary, Type: "text"},
			Content:   &gf.AtomContent{Content: e.Content, Type: "html"},
		})
	}
	return xmlDoc(doc)
}

func (f *feed) json(self string, l Links) ([]byte, error) {
	doc := &gf.JSONFeed{
		Version:     JSONFeedVersion,
		Title:       clean(f.Title),
		Language:    "en",
		HomePageUrl: f.Home,
		FeedUrl:     self,
		Description: clean(f.Description),
		Authors:     []*gf.JSONAuthor{{Name: "Uptimus", Url: l.Abs(paths.Home())}},
	}
	items := []*gf.JSONItem{}
	for _, e := range f.Entries {
		pub, upd := e.Published.UTC(), e.Updated.UTC()
		items = append(items, &gf.JSONItem{
			Id:            e.ID,
			Url:           e.Link,
			Title:         e.Title,
			ContentHTML:   e.Content,
			Summary:       e.Summary,
			PublishedDate: &pub,
			ModifiedDate:  &upd,
			Tags:          e.Tags,
		})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	// HTML escaping stays on: "<" is written as \u003c, so no raw markup
	// appears in the file even outside content_html.
	if err := enc.Encode(jsonFeed{doc, items}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// jsonFeed shadows gorilla's "items,omitempty": JSON Feed requires the
// items array, also when it is empty.
type jsonFeed struct {
	*gf.JSONFeed
	Items []*gf.JSONItem `json:"items"`
}

func xmlDoc(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
