// Package azure owns the Microsoft Azure status adapter: it reads the Azure
// status RSS feed (azure.status.microsoft/en-us/status/feed/) and normalizes
// it into an adapters.Snapshot.
//
// The feed lists only the issues active right now: an RSS 2.0 channel with no
// <item> is the normal healthy state, not an error. Each item is one active
// issue with one text, so history comes only from what the merge keeps
// between runs.
//
// How Azure's vocabulary maps to ours:
//
//	Azure status RSS                     Uptimus
//	-----------------------------------  ------------------------------------------------
//	<item>                               one open Incident (Status "active", since Azure
//	                                     lists active issues only) with one Update
//	guid (tracking id, or a URL with     Incident.ID: the trackingId parameter when the
//	  ?trackingId=...)                   guid is a URL, else the guid; failing both,
//	                                     "azure-<unix seconds of pubDate>"
//	title                                Incident.Title
//	title containing "outage"            Impact major (implies partial_outage)
//	any other title                      Impact minor (implies degraded)
//	description (HTML)                   Update.Body as markdown (vendortext.ToMarkdown):
//	                                     paragraphs, line breaks, list items, bold,
//	                                     italics and links kept, the text escaped;
//	                                     scripts, styles and any other raw HTML dropped
//	link                                 Incident.URL
//	pubDate ("Fri, 31 Jul 2026 00:12 Z") CreatedAt, StartedAt (UTC)
//	"Starting at 16:00 UTC on 29 Jul     StartedAt instead, when it is at most
//	  2026" in the description           maxStatedLead before pubDate
//	a10:updated, when present            Incident.UpdatedAt, and the Update's
//	                                     CreatedAt and id (else pubDate): an
//	                                     edit is a new update, see below
//	category                             not used: it names services or regions
//	                                     inconsistently, and Azure publishes no
//	                                     component list to attach them to
//
// The overall Status is the worst status implied by the open incidents, so
// degraded while any item is listed and partial_outage when a title says
// outage; operational for an empty channel. Azure publishes no components, no
// maintenance windows and no timeline (one text per issue, replaced in
// place), and keeps nothing once an issue is over: HistoryWindow is 0 and
// means "current issues only" here, with IncidentsComplete false.
//
// Azure edits an issue's text in place and moves a10:updated. The update's
// id and time come from a10:updated, so each edit the runs see is an update
// of its own, dated when Azure made it, and the merge keeps the earlier
// texts beside it instead of replacing them. An item never edited keeps the
// pubDate id it always had.
package azure

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/internal/feedxml"
	"github.com/uptimus/uptimus/adapters/vendortext"
)

// Name is the catalogue's adapter value.
const Name = "azure"

// New returns the Azure adapter: current issues only, one text each, no
// components.
func New() adapters.Adapter {
	caps := adapters.Capabilities{Title: "Azure status feed", Docs: "https://learn.microsoft.com/en-us/azure/service-health/azure-status-overview", Listing: adapters.ListsActive, Self: true}
	return adapters.Define(Name, caps, probe, fetch)
}

// probe knows the status page by its host.
var probe = adapters.Probe{Hosts: []string{"azure.status.microsoft"}}

// fetch reads the status feed.
func fetch(ctx context.Context, f adapters.Fetcher, p adapters.Page) (*adapters.Snapshot, error) {
	return adapters.GetDecode(ctx, f, feedURL(p.URL), decode)
}

// feedURL is <origin>/en-us/status/feed/, or <page>/feed/ when the page URL
// already points at a localized status path.
func feedURL(page string) string {
	page = strings.TrimRight(page, "/")
	u, err := url.Parse(page)
	if err != nil || u.Host == "" {
		return page + "/en-us/status/feed/"
	}
	switch {
	case strings.HasSuffix(u.Path, "/status/feed"):
		return page + "/"
	case strings.HasSuffix(u.Path, "/status"):
		return page + "/feed/"
	}
	return u.Scheme + "://" + u.Host + "/en-us/status/feed/"
}

// decode turns a feed body into a snapshot.
func decode(body []byte) (*adapters.Snapshot, error) {
	ch, err := feedxml.RSS(body)
	if err != nil {
		return nil, err
	}
	items := ch.Items
	incidents := make([]adapters.Incident, 0, len(items))
	used := map[string]int{}
	for _, it := range items {
		inc, ok := toIncident(it)
		if !ok {
			continue
		}
		// The same tracking id twice in one feed keeps both items apart.
		if used[inc.ID]++; used[inc.ID] > 1 {
			inc.ID = fmt.Sprintf("%s-%d", inc.ID, used[inc.ID])
			inc.Updates[0].ID = fmt.Sprintf("%s-%d", inc.ID, inc.Updates[0].CreatedAt.Unix())
		}
		incidents = append(incidents, inc)
	}
	adapters.SortIncidents(incidents)
	snap := &adapters.Snapshot{Components: []adapters.Component{}, Incidents: incidents}
	// The channel's title and link are the page's own words for itself.
	snap.Self = adapters.NewSelf(ch.Title, ch.Link())
	snap.Status = adapters.WorstOpen(incidents)
	return snap, nil
}

func toIncident(it feedxml.Item) (adapters.Incident, bool) {
	at, ok := feedxml.PubDate(it.PubDate)
	if !ok {
		return adapters.Incident{}, false // an issue with no time cannot be placed
	}
	title := strings.Join(strings.Fields(it.Title), " ")
	id := issueID(it.GUID, it.Link, at)
	impact := adapters.ImpactMinor
	if strings.Contains(strings.ToLower(title), "outage") {
		impact = adapters.ImpactMajor
	}
	updated := at
	if v, ok := feedxml.ParseDate(it.Updated); ok && v.After(at) {
		updated = v
	}
	body := vendortext.ToMarkdown(it.Description)
	started := at
	if t := statedStart(vendortext.ToPlain(it.Description), at); !t.IsZero() {
		started = t
	}
	return adapters.Incident{
		ID:        id,
		Kind:      adapters.KindIncident,
		Title:     title,
		Impact:    impact,
		Status:    "active",
		URL:       strings.TrimSpace(it.Link),
		CreatedAt: at,
		StartedAt: started,
		UpdatedAt: updated,
		Updates: []adapters.Update{{
			ID:        fmt.Sprintf("%s-%d", id, updated.Unix()),
			Status:    "active",
			Body:      body,
			CreatedAt: updated,
		}},
	}, true
}

// issueID prefers Azure's tracking id, wherever it is given.
func issueID(guid, link string, at time.Time) string {
	for _, s := range []string{guid, link} {
		s = strings.TrimSpace(s)
		if u, err := url.Parse(s); err == nil && u.Host != "" {
			for k, v := range u.Query() {
				if strings.EqualFold(k, "trackingid") && len(v) > 0 && strings.TrimSpace(v[0]) != "" {
					return strings.TrimSpace(v[0])
				}
			}
			continue
		}
		if s != "" && !strings.ContainsAny(s, " /?#") {
			return s
		}
	}
	return fmt.Sprintf("azure-%d", at.Unix())
}

// startingAt is how Azure's impact statements give the start of an issue:
// "Starting at 16:00 UTC on 29 Jul 2026".
var startingAt = regexp.MustCompile(`(?i)\bstarting at (\d{1,2}:\d{2}) UTC on (\d{1,2} [A-Za-z]+ \d{4})`)

// maxStatedLead is how long before its posting an issue's stated start may
// lie: Azure posts within hours; a date further back is a typo, or a
// reference to an earlier event, not this issue's start.
const maxStatedLead = 7 * 24 * time.Hour

// statedStart is the start the text of an issue posted at posted states,
// or zero when it states none that is plausible.
func statedStart(text string, posted time.Time) time.Time {
	m := startingAt.FindStringSubmatch(text)
	if m == nil {
		return time.Time{}
	}
	for _, layout := range []string{"15:04 2 Jan 2006", "15:04 2 January 2006"} {
		t, err := time.Parse(layout, m[1]+" "+m[2])
		if err == nil && !t.After(posted) && posted.Sub(t) <= maxStatedLead {
			return t
		}
	}
	return time.Time{}
}
