package feed

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/internal/feedxml"
	"github.com/uptimus/uptimus/adapters/vendortext"
)

// entry is one Atom entry or RSS item, reduced to what we use.
type entry struct {
	ID        string
	Title     string
	Link      string
	Published string
	Updated   string
	// Content is HTML unless Plain is set.
	Content string
	Plain   bool
}

// document is a decoded feed: its entries, and what it says of itself
// (the feed's title and its web page).
type document struct {
	entries []entry
	self    *adapters.Self
}

// atomFeed is Atom 1.0. Element names are matched without namespace so
// that feeds declaring odd prefixes still decode.
type atomFeed struct {
	Title   atomText    `xml:"title"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     atomText   `xml:"title"`
	Links     []atomLink `xml:"link"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Content   atomText   `xml:"content"`
	Summary   atomText   `xml:"summary"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
}

// atomText is an Atom text construct: type text, html (escaped) or xhtml
// (inline markup, hence innerxml).
type atomText struct {
	Type  string `xml:"type,attr"`
	Text  string `xml:",chardata"`
	Inner string `xml:",innerxml"`
}

// rssDoc is RSS 2.0 (<rss><channel><item>) and RSS 1.0 (<rdf:RDF><item>).
type rssDoc struct {
	Channel feedxml.Channel `xml:"channel"`
	Items   []feedxml.Item  `xml:"item"`
}

// decode reads an Atom or RSS document. Decoding is lenient (HTML entities
// such as &nbsp;, unclosed tags, Latin-1) because feeds in the wild are.
func decode(b []byte) (*document, error) {
	root, err := rootName(b)
	if err != nil {
		return nil, err
	}
	switch root {
	case "feed":
		var f atomFeed
		if err := newDecoder(b).Decode(&f); err != nil {
			return nil, err
		}
		title, plain := f.Title.html()
		if !plain {
			title = vendortext.ToPlain(title)
		}
		return &document{entries: atomEntries(f), self: adapters.NewSelf(title, alternate(f.Links))}, nil
	case "rss", "RDF":
		var r rssDoc
		if err := newDecoder(b).Decode(&r); err != nil {
			return nil, err
		}
		return &document{entries: rssEntries(append(r.Channel.Items, r.Items...)), self: adapters.NewSelf(r.Channel.Title, r.Channel.Link())}, nil
	}
	return nil, fmt.Errorf("root element <%s> is neither an Atom <feed> nor an RSS <rss> or <rdf:RDF>", root)
}

// newDecoder is feedxml's, relaxed further: feeds in the wild leave tags
// unclosed and entities undefined, which a whole history must survive.
func newDecoder(b []byte) *xml.Decoder {
	d := feedxml.NewDecoder(b)
	d.Strict = false
	return d
}

// rootName returns the local name of the first element.
func rootName(b []byte) (string, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return "", fmt.Errorf("empty document")
	}
	d := newDecoder(b)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return "", fmt.Errorf("no root element")
		}
		if err != nil {
			return "", err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local, nil
		}
	}
}

func atomEntries(f atomFeed) []entry {
	out := make([]entry, 0, len(f.Entries))
	for _, e := range f.Entries {
		content, plain := e.Content.html()
		if strings.TrimSpace(content) == "" {
			content, plain = e.Summary.html()
		}
		title, plainTitle := e.Title.html()
		if !plainTitle {
			title = vendortext.ToPlain(title)
		}
		out = append(out, entry{
			ID:        strings.TrimSpace(e.ID),
			Title:     strings.TrimSpace(title),
			Link:      alternate(e.Links),
			Published: strings.TrimSpace(e.Published),
			Updated:   strings.TrimSpace(e.Updated),
			Content:   content,
			Plain:     plain,
		})
	}
	return out
}

// html returns the construct's content and whether it is plain text.
func (t atomText) html() (string, bool) {
	switch strings.ToLower(t.Type) {
	case "html", "text/html":
		return t.Text, false
	case "xhtml", "application/xhtml+xml":
		return t.Inner, false
	}
	return t.Text, true
}

// alternate picks the entry's web page: rel="alternate" or no rel.
func alternate(links []atomLink) string {
	for _, l := range links {
		if l.Rel == "" || l.Rel == "alternate" {
			return strings.TrimSpace(l.Href)
		}
	}
	return ""
}

func rssEntries(items []feedxml.Item) []entry {
	out := make([]entry, 0, len(items))
	for _, it := range items {
		content := it.Encoded
		if strings.TrimSpace(content) == "" {
			content = it.Description
		}
		published := firstNonEmpty(it.PubDate, it.Date)
		id := firstNonEmpty(it.GUID, it.About)
		out = append(out, entry{
			ID:        strings.TrimSpace(id),
			Title:     strings.TrimSpace(it.Title),
			Link:      strings.TrimSpace(it.Link),
			Published: strings.TrimSpace(published),
			Updated:   strings.TrimSpace(firstNonEmpty(it.Updated, it.Date)),
			Content:   content,
		})
	}
	return out
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// validUTF8 replaces invalid bytes so that later text handling is safe.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
