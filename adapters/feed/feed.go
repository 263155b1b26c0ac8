// Package feed owns the generic Atom/RSS adapter, for status pages whose only
// machine-readable output is a history feed (Statuspage's /history.atom and
// /history.rss, or any other Atom 1.0, RSS 2.0 or RSS 1.0 feed).
//
// The page URL is used as the feed URL when it already names a feed (see
// FeedURLs); otherwise <URL>/history.atom is read, and <URL>/history.rss
// when that is a 404. Each entry (Atom) or item (RSS) becomes one incident. Statuspage writes one
// HTML paragraph per update into the entry's content,
// "<p><small>Nov 14, 14:07 PST</small><br><strong>Resolved</strong> - text</p>",
// which is split into a timeline; any other content becomes one update.
//
//	feed                                   ours
//	entry/item                             Incident (Kind incident)
//	<link>/<id> ".../incidents/<code>"     Incident.ID "<code>", as Statuspage's JSON has it (1)
//	  else <id> "tag:host,2005:Incident/N" Incident.ID "N"
//	  anything else                        Incident.ID = hash of guid/link/title (1)
//	<title>, <link>                        Title, URL
//	<published>/<pubDate>, <updated>       CreatedAt, UpdatedAt (UTC); none readable: no times (4)
//	<small> date in a paragraph            Update.CreatedAt (2)
//	<strong> word                          Update.Status (lower case, "In progress" -> in_progress), StatusRaw the word
//	text after " - "                       Update.Body (HTML to text with package vendortext)
//	"Resolved"/"Completed"                 closes the incident: ResolvedAt = that update (3)
//	"Scheduled"/"In progress"/"Verifying"/"Completed"  Kind maintenance, Impact maintenance
//	unstructured content                   one update; resolved if "resolved" is in the title
//	                                       or "has been resolved" in the text; maintenance if
//	                                       "maintenance" is in the title
//	no severity in feeds                   Impact none, ImpactRaw ""; Impact major when the
//	                                       title says "outage"
//	no components in feeds                 Components empty (Capabilities.Components false)
//
// Overall status: feeds carry no severity, so it is operational unless an
// incident is open, then degraded (partial_outage if its title says outage),
// and maintenance while a maintenance is in progress or verifying.
//
// (1) Statuspage links each entry to its incident page, whose last segment
// is the incident's code (old Statuspage RSS also used that URL as guid):
// stable, readable, and the id the same page's JSON API gives the
// incident, so an entry switching between the two forms keeps its
// incidents. The tag's number is Statuspage's internal one, which the JSON
// never shows. The hash is 16 hex digits of SHA-256, stable across fetches.
//
// (2) The date has no year: the year is the one that puts it closest to the
// entry's published date (an incident spanning New Year works). Its zone
// abbreviation names a zone whose rules decide the offset on that date,
// because Statuspage labels pages by one name all year: Parse's 2013 feed
// says "Oct 28, 14:48 PST" for what its pubDate gives as 14:48 -0700. So
// PST and PDT both mean America/Los_Angeles, CET and CEST Europe/Paris, and
// so on (see feedxml.Abbreviation); a page in Arizona labelled MST would be
// read as Denver time in summer, one hour off. A date that cannot be read
// takes the entry's published time. RSS pubDate abbreviations, which RFC 822
// defines exactly, keep their literal offsets.
//
// (3) A postmortem or plain update after the resolution leaves it resolved;
// a later lifecycle word (Investigating again) reopens it.
//
// (4) A missing date (pubDate is optional in RSS 2.0), an unreadable one,
// and one without a zone ("2026-09-15 10:00:00": whose ten o'clock?) are
// unknown, never guessed; the entry's other date stands in. An entry with
// neither comes without times, and the fetch drops and counts it as it
// does any vendor's incident without a time, so one odd item never costs
// the rest of the feed.
package feed

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/uptimus/uptimus/adapters"
)

// reader reads history feeds with the zones it loaded once.
type reader struct {
	zones *zones
}

// New returns the feed adapter. Statuspage's feeds carry the 25 newest
// incidents; other feeds differ, but 25 is what most users of this adapter
// get. Timelines exist when content has Statuspage's shape.
func New() adapters.Adapter {
	caps := adapters.Capabilities{Title: "RSS/Atom history feed", Docs: "https://www.rfc-editor.org/rfc/rfc4287", Status: false, Components: false, Maintenance: true, Timeline: true, HistoryWindow: 25, Listing: adapters.ListsFeed, Self: true}
	return adapters.Define("feed", caps, probe, (&reader{zones: loadZones()}).fetch)
}

// probe takes a URL that names a feed as it is, by the test FeedURLs
// applies, and otherwise asks for the history feeds, last of all: most
// vendors serve one beside the API that says more. FeedBurner serves the
// feeds of many companies on one host.
var probe = adapters.Probe{
	URL:     func(u *url.URL) bool { return isFeedURL(u.String()) },
	URLSays: "the URL names a feed",
	Endpoints: []adapters.Endpoint{
		{Rank: 900, Path: "/history.atom", Says: "is an Atom feed", Match: isFeed},
		{Rank: 910, Path: "/history.rss", Says: "is an RSS feed", Match: isFeed},
	},
	Platforms:   []string{"rss", "atom"},
	SharedHosts: []string{"feeds.feedburner.com"},
}

// isFeed reports whether body opens as an Atom or RSS feed.
func isFeed(body []byte) bool {
	head := body[:min(len(body), 1024)]
	return bytes.Contains(head, []byte("<feed")) || bytes.Contains(head, []byte("<rss"))
}

// fetch reads the first of the page's feed URLs that exists.
func (a *reader) fetch(ctx context.Context, f adapters.Fetcher, p adapters.Page) (*adapters.Snapshot, error) {
	candidates := FeedURLs(p.URL)
	for i, feedURL := range candidates {
		doc, err := adapters.GetDecode(ctx, f, feedURL, decode)
		if adapters.IsNotFound(err) && i+1 < len(candidates) {
			continue
		}
		if err != nil {
			return nil, err
		}
		snap := a.build(doc.entries)
		snap.Self = doc.self
		return snap, nil
	}
	return nil, fmt.Errorf("no feed URL for %q", p.URL)
}

// FeedURLs lists the URLs to try, in order, for a page URL: the URL itself
// when it already names a feed, else Statuspage's /history.atom and then
// /history.rss. A URL names a feed when its path ends in .atom, .rss or
// .xml, contains "/feed", or its last segment ends in "rss", "atom" or
// "feed" (real feed URLs such as /_rss, /subscribe/rss, /statusfeed,
// /OktaTrustRSS).
func FeedURLs(pageURL string) []string {
	u := strings.TrimRight(strings.TrimSpace(pageURL), "/")
	if u == "" {
		return nil
	}
	if isFeedURL(u) {
		return []string{u}
	}
	return []string{u + "/history.atom", u + "/history.rss"}
}

func isFeedURL(u string) bool {
	parsed, err := url.Parse(u)
	if err != nil {
		return false
	}
	path := strings.ToLower(parsed.Path)
	if strings.Contains(path, "/feed") {
		return true
	}
	last := path[strings.LastIndexByte(path, '/')+1:]
	for _, suffix := range []string{".xml", "rss", "atom", "feed"} {
		if strings.HasSuffix(last, suffix) {
			return true
		}
	}
	return false
}
