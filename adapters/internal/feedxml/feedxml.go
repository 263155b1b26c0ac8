// Package feedxml reads what RSS and Atom status feeds carry, as the
// adapters built on them (aws, azure, feed) need it: RSS items, a lenient
// XML decoder (HTML entities, Latin-1 declarations), and dates with zone
// abbreviations, which Go's time.Parse would silently read as UTC.
package feedxml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Item is an RSS 2.0 or 1.0 item, with the fields status feeds fill;
// everything else in the feed is ignored. Element names match in any
// namespace, so that feeds declaring odd prefixes still decode.
type Item struct {
	Title string `xml:"title"`
	Link  string `xml:"link"`
	GUID  string `xml:"guid"`
	// About is RSS 1.0's rdf:about, its id.
	About   string `xml:"about,attr"`
	PubDate string `xml:"pubDate"`
	// Date is dc:date, RSS 1.0's pubDate.
	Date string `xml:"date"`
	// Updated is Atom's updated element, which .NET feeds put in items
	// (Azure's a10:updated).
	Updated     string `xml:"updated"`
	Description string `xml:"description"`
	// Encoded is content:encoded, the full text beside a short description.
	Encoded string `xml:"encoded"`
}

// Channel is an RSS channel: what the feed says of itself, its title and
// its web page, and its items.
type Channel struct {
	Title string `xml:"title"`
	// Links are every <link> of the channel: an atom:link rel="self"
	// beside the RSS one matches too, with its address in an attribute
	// and no text.
	Links []string `xml:"link"`
	Items []Item   `xml:"item"`
}

// Link is the channel's web page, its first <link> with text, or "".
func (c *Channel) Link() string {
	for _, l := range c.Links {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

type rssDoc struct {
	Channel *Channel `xml:"channel"`
}

// RSS checks that body is an RSS 2.0 document with a channel and returns
// the channel, whose items may be none.
func RSS(body []byte) (*Channel, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, errors.New("empty body")
	}
	if looksLikeHTML(trimmed) {
		return nil, errors.New("got an HTML page, want an RSS feed")
	}
	var doc struct {
		XMLName xml.Name `xml:"rss"`
		rssDoc
	}
	if err := NewDecoder(trimmed).Decode(&doc); err != nil {
		return nil, fmt.Errorf("want an RSS feed: %w", err)
	}
	if doc.Channel == nil {
		return nil, errors.New("want an RSS feed: no <channel>")
	}
	return doc.Channel, nil
}

func looksLikeHTML(b []byte) bool {
	head := strings.ToLower(string(b[:min(len(b), 512)]))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html")
}

// NewDecoder returns a strict XML decoder that also knows HTML's entities
// (stray &nbsp; in descriptions) and the Latin-1 charsets feeds declare.
func NewDecoder(b []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Entity = xml.HTMLEntity
	d.CharsetReader = CharsetReader
	return d
}

// CharsetReader accepts the encodings feeds declare besides UTF-8, which
// encoding/xml reads itself. Windows-1252's extra punctuation in 0x80-0x9F
// is rare in feeds and read as Latin-1.
func CharsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return in, nil
	case "iso-8859-1", "latin1", "latin-1", "iso_8859-1", "windows-1252", "cp1252":
		b, err := io.ReadAll(in)
		if err != nil {
			return nil, err
		}
		out := make([]byte, 0, len(b))
		for _, c := range b {
			out = utf8.AppendRune(out, rune(c))
		}
		return bytes.NewReader(out), nil
	}
	return nil, fmt.Errorf("unsupported encoding %q", label)
}
