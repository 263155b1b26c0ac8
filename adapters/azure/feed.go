package azure

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"

	"github.com/uptimus/uptimus/adapters/internal/rssdate"
)

// rssItem holds only the item fields the adapter reads.
type rssItem struct {
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	PubDate     string `xml:"pubDate"`
	GUID        string `xml:"guid"`
	Description string `xml:"description"`
	// Updated is .NET's Atom extension element, <a10:updated>.
	Updated string `xml:"http://www.w3.org/2005/Atom updated"`
}

type rssDoc struct {
	XMLName xml.Name `xml:"rss"`
	Channel *struct {
		Items []rssItem `xml:"item"`
	} `xml:"channel"`
}

// parseFeed checks that body is an RSS document with a channel and returns
// its items, none for a healthy Azure.
func parseFeed(body []byte) ([]rssItem, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, errors.New("empty body")
	}
	head := strings.ToLower(string(trimmed[:min(len(trimmed), 512)]))
	if strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") {
		return nil, errors.New("got an HTML page, want an RSS feed")
	}
	d := xml.NewDecoder(bytes.NewReader(trimmed))
	d.Entity = xml.HTMLEntity
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
