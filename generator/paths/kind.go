package paths

import (
	"path"
	"slices"
	"strings"
)

// Kinds of published files, for the build's size report: what a site's
// bytes and files are spent on.
const (
	KindPages          = "pages"
	KindFeeds          = "feeds"
	KindUpdatesFeeds   = "updates feeds"
	KindComponentFeeds = "component feeds"
	KindAPI            = "api"
	KindStatuspageAPI  = "statuspage api"
	KindBadges         = "badges"
	KindCalendars      = "calendars"
	KindStatic         = "static"
	KindOther          = "other"
)

// Kind classifies a published file by its path relative to the site root
// ("status/acme/feed.rss"). Feeds carry their format: "feeds rss".
func Kind(rel string) string {
	rel = strings.TrimPrefix(rel, "/")
	ext := strings.TrimPrefix(path.Ext(rel), ".")
	base := path.Base(rel)
	switch {
	case strings.HasPrefix(rel, "api/"):
		return KindAPI
	case strings.HasPrefix(rel, "status/") && strings.Contains(rel, "/api/v2/"):
		return KindStatuspageAPI
	case strings.HasPrefix(rel, "badges/"):
		return KindBadges
	case strings.HasPrefix(rel, "static/"):
		return KindStatic
	case ext == "ics":
		return KindCalendars
	case ext == "html":
		return KindPages
	case strings.Contains(rel, "/components/") && strings.HasPrefix(base, "feed."):
		return KindComponentFeeds + " " + ext
	case strings.HasPrefix(base, "updates."):
		return KindUpdatesFeeds + " " + ext
	case strings.HasPrefix(base, "feed."):
		return KindFeeds + " " + ext
	}
	return KindOther
}

// IsFeed reports whether the published file rel is a feed (RSS, Atom or
// JSON Feed, of any kind): what a WebSub hub is told about.
func IsFeed(rel string) bool {
	// Only the feed kinds carry a format after a space.
	k := Kind(rel)
	i := strings.LastIndexByte(k, ' ')
	return i > 0 && slices.Contains(Formats, Format(k[i+1:]))
}
