package feeds

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/paths"
	"github.com/uptimus/uptimus/internal/bufpool"

	gf "github.com/gorilla/feeds"

	"github.com/uptimus/uptimus/generator/publish"
)

// JSONFeedVersion is the JSON Feed version URL we write. gorilla/feeds
// v1.2.0 already targets 1.1 (authors array); we fill its JSONFeed struct
// ourselves to add feed_url and language and to leave out the "author"
// field that 1.1 deprecates.
const JSONFeedVersion = "https://jsonfeed.org/version/1.1"

// Language is the language of every feed's own text (titles, summaries,
// the item HTML around the vendor's words), declared in all three formats.
const Language = "en"

// feed is one feed, independent of format.
type feed struct {
	// ID is the feed's tag URI (see paths.Links.FeedTag), set by write.
	ID          string
	Title       string
	Description string
	// Home is the absolute URL of the HTML page the feed belongs to.
	Home    string
	Updated time.Time
	Entries []*entry
	// Hub is the WebSub hub the feed names, or "" for none.
	Hub string
	// Brief feeds are RSS only, and their items carry the summary and the
	// link without the content (see writeComponents).
	Brief bool
}

// write publishes f in every format at path+"."+format (RSS alone for a
// brief feed).
func (f *feed) write(pub *publish.Publisher, l paths.Links, hub string, path func(paths.Format) string) error {
	f.ID = l.FeedTag(path(paths.RSS))
	f.Hub = hub
	buf := bufpool.Get()
	defer bufpool.Put(buf)
	formats := paths.Formats
	if f.Brief {
		formats = []paths.Format{paths.RSS}
	}
	for _, format := range formats {
		buf.Reset()
		if err := f.encode(buf, format, l.Abs(path(format)), l); err != nil {
			return fmt.Errorf("feeds: encode %s: %w", path(format), err)
		}
		if err := pub.WriteCompact(rel(path(format)), buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// encode writes the feed document into out: the document without its
// items, with each item's encoding spliced in. An item is encoded once per
// format and reused by every feed that carries it (its provider's, its
// components', its category's and the global feed), which is where a build
// of many providers spends its time.
func (f *feed) encode(out *bytes.Buffer, format paths.Format, self string, l paths.Links) error {
	var doc []byte
	var err error
	var closing string
	switch format {
	case paths.RSS:
		doc, err = f.rss(self)
		closing = "</channel>"
	case paths.Atom:
		doc, err = f.atom(self, l)
		closing = "</feed>"
	case paths.JSON:
		doc, err = f.json(self, l)
		closing = "[]}"
	default:
		return fmt.Errorf("unknown format %q", format)
	}
	if err != nil {
		return err
	}
	at := bytes.LastIndex(doc, []byte(closing))
	if at < 0 {
		return fmt.Errorf("no %s in the %s document", closing, format)
	}
	if format == paths.JSON {
		at++ // inside the empty items array
	}
	items := make([][]byte, len(f.Entries))
	size := len(doc) + len(items)
	for i, e := range f.Entries {
		encode := e.encoded
		if f.Brief {
			encode = e.briefEncoded
		}
		if items[i], err = encode(format); err != nil {
			return fmt.Errorf("item %s: %w", e.ID, err)
		}
		size += len(items[i])
	}
	out.Grow(size)
	out.Write(doc[:at])
	for i, item := range items {
		if i > 0 && format == paths.JSON {
			out.WriteByte(',')
		}
		out.Write(item)
	}
	out.Write(doc[at:])
	return nil
}

// rssDoc is an RSS 2.0 document without items. It is written here rather
// than with gorilla's RssFeed, which has no place for the atom:link
// rel="self" that the RSS Advisory Board recommends and the W3C Feed
// Validator asks for: a reader that was handed the feed by another route
// learns from it where the feed lives.
type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Content string     `xml:"xmlns:content,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string        `xml:"title"`
	Link          string        `xml:"link"`
	Description   string        `xml:"description"`
	Language      string        `xml:"language"`
	PubDate       string        `xml:"pubDate"`
	LastBuildDate string        `xml:"lastBuildDate"`
	Generator     string        `xml:"generator"`
	Docs          string        `xml:"docs"`
	Links         []rssAtomLink `xml:"atom:link"`
}

type rssAtomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
}

// rss is the channel without items; self is the feed's own URL. With a
// hub, the channel also names it (WebSub 4: atom:link rel="hub" in RSS).
func (f *feed) rss(self string) ([]byte, error) {
	date := f.Updated.UTC().Format(time.RFC1123Z)
	links := []rssAtomLink{{Href: self, Rel: "self", Type: paths.RSS.MediaType()}}
	if f.Hub != "" {
		links = append(links, rssAtomLink{Href: f.Hub, Rel: "hub"})
	}
	return xmlDoc(&rssDoc{
		Version: "2.0",
		Content: "http://purl.org/rss/1.0/modules/content/",
		Atom:    "http://www.w3.org/2005/Atom",
		Channel: rssChannel{
			Title:         model.Clean(f.Title),
			Link:          f.Home,
			Description:   model.Clean(f.Description),
			Language:      Language,
			PubDate:       date,
			LastBuildDate: date,
			Generator:     "Uptimus",
			Docs:          "https://www.rssboard.org/rss-specification",
			Links:         links,
		},
	})
}

// atomFeed is gorilla's AtomFeed with a list of links, so that the feed
// carries both its alternate (HTML) and self links, and with xml:lang,
// which Atom has no other way to say (RSS has <language>, JSON Feed
// "language").
type atomFeed struct {
	XMLName  xml.Name `xml:"feed"`
	Xmlns    string   `xml:"xmlns,attr"`
	Lang     string   `xml:"xml:lang,attr"`
	Title    string   `xml:"title"`
	ID       string   `xml:"id"`
	Updated  string   `xml:"updated"`
	Subtitle string   `xml:"subtitle,omitempty"`
	Links    []gf.AtomLink
	Author   *gf.AtomAuthor `xml:"author,omitempty"`
}

// atom is the feed element without entries.
func (f *feed) atom(self string, l paths.Links) ([]byte, error) {
	links := []gf.AtomLink{
		{Href: f.Home, Rel: "alternate", Type: "text/html"},
		{Href: self, Rel: "self", Type: paths.Atom.MediaType()},
	}
	if f.Hub != "" {
		links = append(links, gf.AtomLink{Href: f.Hub, Rel: "hub"})
	}
	return xmlDoc(&atomFeed{
		Xmlns:    "http://www.w3.org/2005/Atom",
		Lang:     Language,
		Title:    model.Clean(f.Title),
		ID:       f.ID,
		Updated:  f.Updated.UTC().Format(time.RFC3339),
		Subtitle: model.Clean(f.Description),
		Links:    links,
		Author:   &gf.AtomAuthor{AtomPerson: gf.AtomPerson{Name: "Uptimus", Uri: l.Abs(paths.Home())}},
	})
}

// json is the feed with an empty items array.
func (f *feed) json(self string, l paths.Links) ([]byte, error) {
	doc := &gf.JSONFeed{
		Version:     JSONFeedVersion,
		Title:       model.Clean(f.Title),
		Language:    Language,
		HomePageUrl: f.Home,
		FeedUrl:     self,
		Description: model.Clean(f.Description),
		Authors:     []*gf.JSONAuthor{{Name: "Uptimus", Url: l.Abs(paths.Home())}},
	}
	if f.Hub != "" {
		doc.Hubs = []*gf.JSONHub{{Type: "WebSub", Url: f.Hub}}
	}
	return jsonBytes(jsonFeed{doc, []*gf.JSONItem{}})
}

func (e *entry) jsonItem() any {
	pub, upd := e.Published.UTC(), e.Updated.UTC()
	return &gf.JSONItem{
		Id:            e.ID,
		Url:           e.Link,
		Title:         e.Title,
		ContentHTML:   e.content(),
		Summary:       e.Summary,
		PublishedDate: &pub,
		ModifiedDate:  &upd,
		Tags:          e.Tags,
	}
}

// jsonBytes encodes v with HTML escaping on: "<" is written as \u003c, so
// no raw markup appears in the file even outside content_html.
func jsonBytes(v any) ([]byte, error) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// jsonFeed shadows gorilla's "items,omitempty": JSON Feed requires the
// items array, also when it is empty.
type jsonFeed struct {
	*gf.JSONFeed
	Items []*gf.JSONItem `json:"items"`
}

// xmlDoc is v as an XML document.
func xmlDoc(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// rel turns a site path into the publisher's relative file path.
func rel(p string) string { return strings.TrimPrefix(p, "/") }
