// Package aws owns the Amazon Web Services status adapter: it reads the
// Health Dashboard's RSS feed (status.aws.amazon.com/rss/all.rss), where each
// item is one posted update, rebuilds incidents from those updates and
// normalizes them into an adapters.Snapshot.
//
// How AWS's vocabulary maps to ours:
//
//	AWS RSS                                   Uptimus
//	----------------------------------------  --------------------------------------------
//	<item>                                    one Update; its id is the guid's fragment
//	                                          ("ec2-us-east-1_1692300000")
//	guid key "<service>-<region>"             a Component (id = key), e.g. "ec2-us-east-1"
//	                                          named "Amazon EC2 (us-east-1)" for services
//	                                          this package knows, else the key itself
//	title "Service disruption: ..."           Impact major     (implies partial_outage)
//	title "Service impact: ..." /             Impact minor     (implies degraded)
//	  "Service degradation: ..." /
//	  "Performance issues: ..."
//	title "Informational message: ..."        Impact none      (implies operational)
//	title "Service is operating normally: .." the update that resolves its incident
//	  or any title "...: [RESOLVED] ..."
//	a title with no known prefix              Impact minor: AWS posted about a problem
//	title prefix                              Update.StatusRaw; Update.Status is "resolved"
//	                                          for a resolving item, otherwise the prefix
//	                                          as a slug ("service_disruption",
//	                                          "service_impact", "informational_message")
//	description (plain text)                  Update.Body, trimmed
//	pubDate ("... PDT")                       Update.CreatedAt in UTC; zone abbreviations
//	                                          (feedxml.Abbreviation) and numeric offsets
//	                                          are read by hand because Go's time.Parse
//	                                          reads an unknown abbreviation as UTC
//
// AWS publishes updates, not incidents, so incidents are rebuilt with this
// heuristic. Items are grouped per service-region key, oldest first. An item
// joins the key's open incident when it comes within 24 hours of that
// incident's previous item, or when its title (prefix and "[RESOLVED]"
// removed, case ignored) is the incident's title: AWS keeps the title of a
// long event, and real feeds show weeks between two updates of one ongoing
// regional event. Otherwise the item starts a new incident, and the previous
// open one of that key is taken as ended at its last item (AWS never said so,
// but it moved on to another event). A resolving item closes its incident.
// So an incident stays open until AWS posts its resolution or an unrelated
// event of the same service-region begins.
//
// An incident's id is "<key>_<epoch of its first item>" (stable as later
// items arrive); its title is the first item's title without the prefix; its
// Impact is the worst impact of its items and ImpactRaw the prefix that set
// it, except while it is open: then the newest item's, what AWS says now
// (an impact lowered is lowered; an informational message keeps the
// worst, as it does not say the trouble eased); Status is "resolved" once closed, else the newest item's slug;
// StartedAt and CreatedAt are the first item's time, UpdatedAt the newest's,
// ResolvedAt the resolving item's time.
//
// Components are derived: every service-region seen in the feed, with the
// worst status implied by its open incidents, operational otherwise, and
// UpdatedAt the latest start or end of an impacting incident. The overall
// Status is the worst status implied by all open incidents, operational when
// none is open. The feed has no maintenance windows and keeps only recent
// items, so snapshots are never complete.
package aws

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/internal/feedxml"
)

// Name is the catalogue's adapter value.
const Name = "aws"

// sameEventGap is how close two items of one service-region must be to
// belong to one incident when their titles differ.
const sameEventGap = 24 * time.Hour

// feedItems is how many items the public feed has been seen to carry; it
// bounds how many incidents a snapshot can show.
const feedItems = 50

// New returns the AWS adapter. Components are derived from the guid keys;
// the timeline is rebuilt from items; the feed is a window of the newest
// items.
func New() adapters.Adapter {
	caps := adapters.Capabilities{Title: "AWS Health dashboard", Docs: "https://docs.aws.amazon.com/health/latest/ug/aws-health-dashboard-status.html", Status: false, Components: true, Maintenance: false, Timeline: true, HistoryWindow: feedItems, Listing: adapters.ListsFeed, Self: true}
	return adapters.Define(Name, caps, probe, fetch)
}

// probe knows the dashboard by its hosts, the current one and the old.
var probe = adapters.Probe{Hosts: []string{"health.aws.amazon.com", "status.aws.amazon.com"}}

// fetch reads the all-services RSS feed.
func fetch(ctx context.Context, f adapters.Fetcher, p adapters.Page) (*adapters.Snapshot, error) {
	return adapters.GetDecode(ctx, f, feedURL(p.URL), decode)
}

// feedURL is <origin>/rss/all.rss. The newer health.aws.amazon.com pages
// serve no RSS themselves; their feeds still live on status.aws.amazon.com.
func feedURL(page string) string {
	origin := strings.TrimRight(page, "/")
	if u, err := url.Parse(page); err == nil && u.Host != "" {
		if strings.EqualFold(u.Host, "health.aws.amazon.com") {
			u.Host = "status.aws.amazon.com"
		}
		origin = u.Scheme + "://" + u.Host
	}
	return origin + "/rss/all.rss"
}

// decode turns an RSS body into a snapshot.
func decode(body []byte) (*adapters.Snapshot, error) {
	ch, err := feedxml.RSS(body)
	if err != nil {
		return nil, err
	}
	items := ch.Items
	var entries []entry
	for _, it := range items {
		if e, ok := toEntry(it); ok {
			entries = append(entries, e)
		}
	}
	incidents := group(entries)
	adapters.SortIncidents(incidents)
	snap := &adapters.Snapshot{
		Components: adapters.ComponentsFromIncidents(incidents),
		Incidents:  incidents,
	}
	// The channel's title and link are the page's own words for itself.
	snap.Self = adapters.NewSelf(ch.Title, ch.Link())
	snap.Status = adapters.WorstOpen(incidents)
	return snap, nil
}

// entry is one feed item, understood.
type entry struct {
	id       string // guid fragment, "<key>_<epoch>"
	key      string // "<service>-<region>"
	epoch    int64
	at       time.Time
	prefix   string // the status words before the colon, as written
	title    string // the rest, without "[RESOLVED]"
	resolves bool
	impact   adapters.Impact
	body     string
	link     string
}

func toEntry(it feedxml.Item) (entry, bool) {
	key, epoch, id := splitGUID(strings.TrimSpace(it.GUID))
	if key == "" {
		return entry{}, false // no service-region: nowhere to file it
	}
	at, ok := feedxml.PubDate(it.PubDate)
	if !ok {
		if epoch == 0 {
			return entry{}, false // no time: cannot be placed in a timeline
		}
		at = time.Unix(epoch, 0).UTC()
	}
	if epoch == 0 {
		epoch = at.Unix()
		id = fmt.Sprintf("%s_%d", key, epoch)
	}
	prefix, rest := splitTitle(strings.TrimSpace(it.Title))
	rest, bracketResolved := stripResolved(rest)
	e := entry{
		id: id, key: key, epoch: epoch, at: at,
		prefix: prefix, title: rest,
		body: strings.TrimSpace(it.Description),
		link: strings.TrimSpace(it.Link),
	}
	e.impact, e.resolves = classify(prefix)
	e.resolves = e.resolves || bracketResolved
	return e, true
}

// splitGUID reads "https://status.aws.amazon.com/#ec2-us-east-1_1692300000".
func splitGUID(guid string) (key string, epoch int64, id string) {
	frag := guid
	if i := strings.LastIndex(guid, "#"); i >= 0 {
		frag = guid[i+1:]
	}
	frag = strings.TrimSpace(frag)
	if frag == "" || strings.Contains(frag, "/") {
		return "", 0, ""
	}
	if i := strings.LastIndex(frag, "_"); i > 0 {
		var n int64
		if _, err := fmt.Sscanf(frag[i+1:], "%d", &n); err == nil && fmt.Sprint(n) == frag[i+1:] {
			return frag[:i], n, frag
		}
	}
	return frag, 0, frag
}

// prefixes are the status words AWS puts before the colon of a title.
var prefixes = map[string]adapters.Impact{
	"service disruption":    adapters.ImpactMajor,
	"service impact":        adapters.ImpactMinor,
	"service degradation":   adapters.ImpactMinor,
	"performance issues":    adapters.ImpactMinor,
	"informational message": adapters.ImpactNone,
}

const operatingNormally = "service is operating normally"

// splitTitle separates a known status prefix from the title.
func splitTitle(title string) (prefix, rest string) {
	i := strings.Index(title, ":")
	if i < 0 {
		return "", title
	}
	p := strings.TrimSpace(title[:i])
	lp := strings.ToLower(p)
	if _, known := prefixes[lp]; known || lp == operatingNormally {
		return p, strings.TrimSpace(title[i+1:])
	}
	return "", title
}

// stripResolved removes a leading "[RESOLVED]" and says whether it was there.
func stripResolved(s string) (string, bool) {
	const tag = "[resolved]"
	if len(s) >= len(tag) && strings.EqualFold(s[:len(tag)], tag) {
		return strings.TrimSpace(s[len(tag):]), true
	}
	return s, false
}

func classify(prefix string) (adapters.Impact, bool) {
	lp := strings.ToLower(prefix)
	if lp == operatingNormally {
		return adapters.ImpactNone, true
	}
	if impact, ok := prefixes[lp]; ok {
		return impact, false
	}
	return adapters.ImpactMinor, false
}

// slug is the update status word for an item.
func slug(e entry) string {
	if e.resolves {
		return "resolved"
	}
	if e.prefix == "" {
		return "update"
	}
	return strings.ReplaceAll(strings.ToLower(e.prefix), " ", "_")
}

func sameTitle(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// group rebuilds incidents from entries with the heuristic in the package
// comment.
func group(entries []entry) []adapters.Incident {
	sort.SliceStable(entries, func(i, j int) bool {
		if !entries[i].at.Equal(entries[j].at) {
			return entries[i].at.Before(entries[j].at)
		}
		return entries[i].id < entries[j].id
	})
	type run struct {
		items  []entry
		closed bool
	}
	var runs []*run
	open := map[string]*run{}
	for _, e := range entries {
		r := open[e.key]
		if r != nil {
			last := r.items[len(r.items)-1]
			if e.at.Sub(last.at) > sameEventGap && !sameTitle(e.title, r.items[0].title) {
				r.closed = true // superseded by an unrelated event
				r = nil
			}
		}
		if r == nil {
			r = &run{}
			runs = append(runs, r)
			open[e.key] = r
		}
		r.items = append(r.items, e)
		if e.resolves {
			r.closed = true
			delete(open, e.key)
		}
	}
	out := make([]adapters.Incident, 0, len(runs))
	used := map[string]int{}
	for _, r := range runs {
		inc := toIncident(r.items, r.closed)
		// Two events of one key can only share a first second when one
		// resolved as the other began; keep their ids apart.
		if used[inc.ID]++; used[inc.ID] > 1 {
			inc.ID = fmt.Sprintf("%s-%d", inc.ID, used[inc.ID])
		}
		out = append(out, inc)
	}
	return out
}

// toIncident builds one incident from its items, oldest first.
func toIncident(items []entry, closed bool) adapters.Incident {
	first, last := items[0], items[len(items)-1]
	ref := adapters.ComponentRef{ID: first.key, Name: componentName(first.key)}
	inc := adapters.Incident{
		ID:        fmt.Sprintf("%s_%d", first.key, first.epoch),
		Kind:      adapters.KindIncident,
		Title:     first.title,
		Impact:    adapters.ImpactNone,
		StatusRaw: last.prefix,
		URL:       last.link,
		CreatedAt: first.at,
		StartedAt: first.at,
		UpdatedAt: last.at,
	}
	seen := map[string]int{}
	for i := len(items) - 1; i >= 0; i-- {
		e := items[i]
		if e.impact.Rank() > inc.Impact.Rank() || (inc.ImpactRaw == "" && e.impact == inc.Impact) {
			inc.Impact, inc.ImpactRaw = e.impact, e.prefix
		}
		id := e.id
		if seen[id]++; seen[id] > 1 {
			id = fmt.Sprintf("%s-%d", id, seen[id])
		}
		// Each item states the region's state as of its posting (an
		// informational message states none): so the item that lowered
		// or raised it dates the change.
		at := ref
		if e.impact != adapters.ImpactNone {
			at.Status = e.impact.Status()
		}
		inc.Updates = append(inc.Updates, adapters.Update{
			ID:         id,
			Status:     slug(e),
			StatusRaw:  e.prefix,
			Body:       e.body,
			CreatedAt:  e.at,
			Components: []adapters.ComponentRef{at},
		})
	}
	if !closed && last.impact != adapters.ImpactNone {
		inc.Impact, inc.ImpactRaw = last.impact, last.prefix
	}
	if inc.Impact != adapters.ImpactNone {
		ref.Status = inc.Impact.Status()
	}
	inc.Components = []adapters.ComponentRef{ref}
	if closed {
		inc.Status, inc.ResolvedAt = "resolved", last.at
	} else {
		inc.Status = slug(last)
	}
	return inc
}
