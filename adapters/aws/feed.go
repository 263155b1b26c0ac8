package aws

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"

	"github.com/uptimus/uptimus/adapters/internal/rssdate"
)

// rssItem holds only the item fields the adapter reads; everything else in
// the feed is ignored.
type rssItem struct {
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	PubDate     string `xml:"pubDate"`
	GUID        string `xml:"guid"`
	Description string `xml:"description"`
}

type rssDoc struct {
	XMLName xml.Name `xml:"rss"`
	Channel *struct {
		Items []rssItem `xml:"item"`
	} `xml:"channel"`
}

// parseFeed checks that body is an RSS document with a channel and returns
// its items.
func parseFeed(body []byte) ([]rssItem, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, errors.New("empty body")
	}
	if looksLikeHTML(trimmed) {
		return nil, errors.New("got an HTML page, want an RSS feed")
	}
	d := xml.NewDecoder(bytes.NewReader(trimmed))
	d.Entity = xml.HTMLEntity // stray &nbsp; and friends in descriptions
	d.CharsetReader = rssdate.CharsetReader
	var doc rssDoc
	if err := d.Decode(&doc); err != nil {
		return nil, fmt.Errorf("want an RSS feed: %w", err)
	}
	if doc.Channel == nil {
		return nil, errors.New("want an RSS feed: no <channel>")
	}
	return doc.Channel.Items, nil
}

func looksLikeHTML(b []byte) bool {
	head := strings.ToLower(string(b[:min(len(b), 512)]))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html")
}
