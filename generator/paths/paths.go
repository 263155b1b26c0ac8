// Package paths owns the site's URL layout that pages, feeds, the JSON API
// and badges must agree on: how an incident or component id becomes one safe
// path segment, and where each page and feed lives (paths start with "/" and
// are relative to the site root); with Links, how those paths become links
// under the base URL the site is served from, and the tag URIs that name
// feeds and their items.
package paths

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters"
)

// maxSegment bounds a path segment well below file systems' 255-byte names.
const maxSegment = 120

// Segment turns an incident id into one URL path segment and folder name.
// Bytes in [A-Za-z0-9_-] stay; every other byte becomes "." and two upper-case
// hex digits. "." never stays as itself, so the mapping is one-to-one and no
// segment can be "." or ".." or hold a slash. A segment that would start
// with "." starts with "~" before it, as nothing else does: a folder named
// with a leading dot is hidden, and publishing tools leave hidden files
// out, so its page would be linked and missing. Ids too long for a file
// name are cut and suffixed with a hash of the whole id, which keeps them
// distinct.
func Segment(id string) (string, error) {
	if id == "" {
		return "", errors.New("empty incident id")
	}
	var b strings.Builder
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, ".%02X", c)
	}
	seg := b.String()
	if seg[0] == '.' {
		seg = "~" + seg
	}
	if len(seg) > maxSegment {
		sum := sha256.Sum256([]byte(id))
		seg = seg[:maxSegment-17] + "~" + hex.EncodeToString(sum[:8])
	}
	return seg, nil
}

// UpdateSegment names an update inside its incident: the feed entry id of
// the update ends with it and the incident page gives the update the
// anchor UpdateAnchor, so both name an update the same way. A vendor's id
// maps like an incident id. Updates without one (vendors that publish
// feeds) get "h" and 16 hex digits of a hash of their time, status and
// body: history keeps such an update by exactly that key, so the name is
// as stable as the update.
func UpdateSegment(up *adapters.Update) string {
	if up.ID != "" {
		seg, _ := Segment(up.ID)
		return seg
	}
	sum := sha256.Sum256([]byte(up.CreatedAt.UTC().Format(time.RFC3339Nano) + "\x00" + up.Status + "\x00" + up.Body))
	return "h" + hex.EncodeToString(sum[:8])
}

// UpdateAnchor is the id of an update's element on its incident page
// (a fragment, without "#").
func UpdateAnchor(up *adapters.Update) string { return "update-" + UpdateSegment(up) }

// UpdateID is the id of an update's feed item under its incident's id.
func UpdateID(incidentID string, up *adapters.Update) string {
	return incidentID + "/updates/" + UpdateSegment(up)
}

// Format is one feed format.
type Format string

// The three formats every feed is published in.
const (
	RSS  Format = "rss"
	Atom Format = "atom"
	JSON Format = "json"
)

// Formats lists the feed formats in the order they are offered.
var Formats = []Format{RSS, Atom, JSON}

// MediaType is the format's media type, for <link rel="alternate">.
func (f Format) MediaType() string {
	switch f {
	case RSS:
		return "application/rss+xml"
	case Atom:
		return "application/atom+xml"
	}
	return "application/feed+json"
}

// Home is the path of the home page.
func Home() string { return "/" }

// StatusRoot is the folder of every provider's page.
const StatusRoot = "/status/"

// ProviderPage is the path of a provider's page.
func ProviderPage(slug string) string { return StatusRoot + slug + "/" }

// ProviderArchive is the path of a provider's history archive.
func ProviderArchive(slug string) string { return ProviderPage(slug) + "history/" }

// Static is the path of a static asset (a file of templates/static).
func Static(name string) string { return "/static/" + name }

// Sitemap is the path of the sitemap (or its index).
func Sitemap() string { return "/sitemap.xml" }

// WatchPage is the path of the watch list, where a reader follows the
// providers of their choice.
func WatchPage() string { return "/watch/" }

// ProvidersIndex is the path of the A-Z list of every provider: what the
// site's search falls back to without JavaScript.
func ProvidersIndex() string { return "/providers/" }

// SearchIndex is the path of the compact JSON the search box loads: every
// provider's slug, name, aliases, category and state.
func SearchIndex() string { return "/search.json" }

// CategoryPage is the path of a category's page.
func CategoryPage(cat string) string { return "/category/" + cat + "/" }

// NowPage is the path of the page of every provider reporting a problem
// now, and NowJSON its JSON.
func NowPage() string { return "/now/" }

// NowJSON is the path of the JSON of the providers reporting a problem now.
func NowJSON() string { return APIRoot + "now.json" }

// ReportsIndex is the path of the index of the monthly outage reports.
func ReportsIndex() string { return "/reports/" }

// ReportPage is the path of the outage report of the month containing
// month (UTC): of every provider (cat "") or of one category.
func ReportPage(month time.Time, cat string) string {
	p := "/reports/" + month.UTC().Format("2006-01") + "/"
	if cat != "" {
		p += cat + "/"
	}
	return p
}

// ReportsFeed is the path of the feed of monthly outage reports.
func ReportsFeed(f Format) string { return "/reports/feed." + string(f) }

// IncidentPage is the path of an incident's or maintenance window's page.
func IncidentPage(slug, id string) (string, error) {
	seg, err := Segment(id)
	if err != nil {
		return "", err
	}
	return IncidentPageOf(slug, seg), nil
}

// IncidentPageOf is IncidentPage for the segment seg that Segment made.
func IncidentPageOf(slug, seg string) string { return ProviderPage(slug) + "incidents/" + seg + "/" }

// ProviderFeed is the path of a provider's feed of incidents and maintenance.
func ProviderFeed(slug string, f Format) string { return "/status/" + slug + "/feed." + string(f) }

// UpdatesFeed is the path of a provider's feed with one item per update.
func UpdatesFeed(slug string, f Format) string { return "/status/" + slug + "/updates." + string(f) }

// ComponentFeed is the path of the feed of incidents that affected one
// component. Component ids map to segments like incident ids.
func ComponentFeed(slug, componentID string, f Format) (string, error) {
	seg, err := Segment(componentID)
	if err != nil {
		return "", fmt.Errorf("component id: %w", err)
	}
	return "/status/" + slug + "/components/" + seg + "/feed." + string(f), nil
}

// CategoryFeed is the path of a category's feed.
func CategoryFeed(cat string, f Format) string { return "/category/" + cat + "/feed." + string(f) }

// AllFeed is the path of the feed of every provider.
func AllFeed(f Format) string { return "/feed." + string(f) }

// ProviderCalendar is the path of a provider's maintenance calendar
// (iCalendar).
func ProviderCalendar(slug string) string { return "/status/" + slug + "/maintenance.ics" }

// CategoryCalendar is the path of a category's maintenance calendar.
func CategoryCalendar(cat string) string { return "/category/" + cat + "/maintenance.ics" }

// AllCalendar is the path of the maintenance calendar of every provider.
func AllCalendar() string { return "/maintenance.ics" }

// APIRoot is where the JSON API lives.
const APIRoot = "/api/v1/"

// ProviderJSON is the path of a provider's JSON file.
func ProviderJSON(slug string) string { return APIRoot + "providers/" + slug + ".json" }

// StatusJSON is the small file of every provider's state, made to poll.
func StatusJSON() string { return APIRoot + "status.json" }

// IncidentsJSON is the path of a provider's complete history (or its index).
func IncidentsJSON(slug string) string { return APIRoot + "providers/" + slug + "/incidents.json" }

// APIv2Root is where version 2 of the JSON API lives, beside version 1
// (see docs/api.md, Versions): only the files whose shape changed.
const APIv2Root = "/api/v2/"

// ProviderJSONv2 is the path of a provider's file in version 2: version
// 1's with what that version could not gain without breaking a pinned
// schema.
func ProviderJSONv2(slug string) string { return APIv2Root + "providers/" + slug + ".json" }

// IncidentsJSONv2 is the path of a provider's history index in version 2,
// which always lists entries under "incidents".
func IncidentsJSONv2(slug string) string { return APIv2Root + "providers/" + slug + "/incidents.json" }

// StatuspageAPI is the folder of a provider's Statuspage-compatible API,
// under its page: a tool built for Statuspage, given the provider's page
// URL as the page's base, reads <base>/api/v2/summary.json as it would on
// a Statuspage page.
func StatuspageAPI(slug string) string { return ProviderPage(slug) + "api/v2/" }

// BadgeSVG is the path of a provider's SVG badge.
func BadgeSVG(slug string) string { return "/badges/" + slug + ".svg" }

// BadgeJSON is the path of a provider's shields.io endpoint JSON.
func BadgeJSON(slug string) string { return "/badges/" + slug + ".json" }
