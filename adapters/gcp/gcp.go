// Package gcp owns the Google Cloud status adapter: it reads
// status.cloud.google.com/incidents.json (about a year of incidents, newest
// first, markdown text) and normalizes it into an adapters.Snapshot.
//
// How Google's vocabulary maps to ours:
//
//	Google Cloud                          Uptimus
//	------------------------------------  ----------------------------------------------
//	incident id                           Incident.ID
//	external_desc                         Incident.Title
//	begin / created / modified            StartedAt / CreatedAt / UpdatedAt (UTC)
//	end                                   ResolvedAt; when end is missing but the newest
//	                                      update says AVAILABLE, that update's time
//	status_impact SERVICE_OUTAGE          Impact critical  (implies major_outage)
//	status_impact SERVICE_DISRUPTION      Impact major     (implies partial_outage)
//	status_impact SERVICE_INFORMATION     Impact none      (implies operational)
//	severity high / medium / low          critical / major / none; the worse of the two
//	                                      words wins (they agree in every real feed seen)
//	"<status_impact>/<severity>"          Incident.ImpactRaw
//	uri                                   Incident.URL, made absolute against the page URL
//	affected_products[] {id, title}       Incident.Components and Snapshot.Components;
//	                                      current_title, when given, wins over title
//	updates[] {created, text, status}     Incident.Updates, newest first; text is markdown
//	                                      and kept as is; status AVAILABLE,
//	                                      SERVICE_DISRUPTION, ... lower-cased
//	update id (Google gives none)         "<incident id>-<unix seconds of created>",
//	                                      with "-2", "-3", ... if two share a second
//	incident lifecycle                    Status "resolved" once resolved, otherwise the
//	                                      newest update's status lower-cased; StatusRaw is
//	                                      the newest update's word
//
// Google's disruption is the orange "some users affected" state and outage the
// red one, which is why they land on partial and major outage; information
// notices describe a known issue without claiming impact, like Statuspage's
// "none".
//
// Google publishes no component list and no component states, so both are
// derived: every product seen anywhere in the feed becomes a component, and
// its status is the worst status implied by the open incidents that affect
// it, operational otherwise. Its UpdatedAt is the latest start or end of an
// incident with some impact that touched it: the last time its derived status
// can have changed. The overall Status follows the same rule over all open
// incidents. Google publishes no maintenance windows.
package gcp

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters"
)

// Name is the catalogue's adapter value.
const Name = "gcp"

// New returns the Google Cloud adapter. The feed keeps every incident of
// about the last year (so HistoryWindow is 0 and snapshots are complete),
// with full timelines; components exist only as derived from affected
// products.
func New() adapters.Adapter {
	// Self false: incidents.json names no page, only its incidents.
	caps := adapters.Capabilities{Title: "Google Cloud status", Docs: "https://docs.cloud.google.com/support/docs/dashboard", Status: false, Components: true, Maintenance: false, Timeline: true, HistoryWindow: 0, Listing: adapters.ListsWindow}
	return adapters.Define(Name, caps, probe, fetch)
}

// probe knows Google's status pages by their hosts: they serve nothing
// another vendor would not. Google Cloud's host serves the pages of
// several products (Maps Platform's), told apart by the path.
var probe = adapters.Probe{Hosts: []string{"status.cloud.google.com", "status.firebase.google.com"},
	SharedHosts: []string{"status.cloud.google.com"}}

// fetch reads <page>/incidents.json.
func fetch(ctx context.Context, f adapters.Fetcher, p adapters.Page) (*adapters.Snapshot, error) {
	base := strings.TrimRight(p.URL, "/")
	return adapters.GetDecode(ctx, f, base+"/incidents.json", func(body []byte) (*adapters.Snapshot, error) {
		return decode(body, base)
	})
}

// decode turns an incidents.json body into a snapshot; base is the page URL
// that relative incident URIs hang from.
func decode(body []byte, base string) (*adapters.Snapshot, error) {
	feed, err := parseFeed(body)
	if err != nil {
		return nil, err
	}
	incidents := make([]adapters.Incident, 0, len(feed))
	for _, fi := range feed {
		incidents = append(incidents, toIncident(fi, base))
	}
	// An id listed twice keeps its first copy: the feed is newest first.
	incidents = adapters.FirstOfEachID(incidents, func(i *adapters.Incident) string { return i.ID })
	adapters.SortIncidents(incidents)
	snap := &adapters.Snapshot{
		Components:        adapters.ComponentsFromIncidents(incidents),
		Incidents:         incidents,
		IncidentsComplete: true,
	}
	snap.Status = adapters.WorstOpen(incidents)
	return snap, nil
}

func toIncident(fi feedIncident, base string) adapters.Incident {
	impact := impactOf(string(fi.StatusImpact), string(fi.Severity))
	inc := adapters.Incident{
		ID:        string(fi.ID),
		Kind:      adapters.KindIncident,
		Title:     strings.TrimSpace(string(fi.ExternalDesc)),
		Impact:    impact,
		ImpactRaw: impactRaw(string(fi.StatusImpact), string(fi.Severity)),
		URL:       absolute(base, string(fi.URI)),
		StartedAt: firstTime(fi.Begin, fi.Created),
		CreatedAt: firstTime(fi.Created, fi.Begin),
		Updates:   toUpdates(string(fi.ID), fi.Updates),
	}
	for _, p := range fi.AffectedProducts {
		if p.ID == "" {
			continue
		}
		name := strings.TrimSpace(string(p.CurrentTitle))
		if name == "" {
			name = strings.TrimSpace(string(p.Title))
		}
		ref := adapters.ComponentRef{ID: string(p.ID), Name: name}
		if impact != adapters.ImpactNone {
			ref.Status = impact.Status()
		}
		inc.Components = append(inc.Components, ref)
	}
	sort.Slice(inc.Components, func(i, j int) bool {
		a, b := inc.Components[i], inc.Components[j]
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ID < b.ID
	})

	// The newest update says where the incident stands; fall back on
	// most_recent_update when the updates list is missing.
	latestRaw, latestAt := "", time.Time{}
	if len(inc.Updates) > 0 {
		latestRaw, latestAt = inc.Updates[0].StatusRaw, inc.Updates[0].CreatedAt
	} else if fi.MostRecentUpdate.OK {
		latestRaw, latestAt = string(fi.MostRecentUpdate.V.Status), fi.MostRecentUpdate.V.Created.Time()
	}
	inc.UpdatedAt = firstTime(fi.Modified)
	if inc.UpdatedAt.IsZero() {
		inc.UpdatedAt = latestAt
	}
	if inc.StartedAt.IsZero() {
		inc.StartedAt = oldestUpdate(inc.Updates)
	}
	if inc.CreatedAt.IsZero() {
		inc.CreatedAt = inc.StartedAt
	}
	inc.ResolvedAt = fi.End.Time()
	if inc.ResolvedAt.IsZero() && strings.EqualFold(latestRaw, "AVAILABLE") {
		inc.ResolvedAt = latestAt
		if inc.ResolvedAt.IsZero() {
			inc.ResolvedAt = inc.UpdatedAt
		}
	}
	inc.StatusRaw = latestRaw
	switch {
	case !inc.ResolvedAt.IsZero():
		inc.Status = "resolved"
	case latestRaw != "":
		inc.Status = strings.ToLower(latestRaw)
	default:
		inc.Status = "open"
	}
	return inc
}

// toUpdates returns the timeline newest first with ids derived from each
// update's creation second (Google gives updates no id).
func toUpdates(incidentID string, in []feedUpdate) []adapters.Update {
	out := make([]adapters.Update, 0, len(in))
	for _, fu := range in {
		raw := strings.TrimSpace(string(fu.Status))
		out = append(out, adapters.Update{
			Status:    strings.ToLower(raw),
			StatusRaw: raw,
			Body:      string(fu.Text),
			CreatedAt: firstTime(fu.Created, fu.When, fu.Modified),
		})
	}
	// Stable sort keeps the feed's order for updates of the same instant.
	sort.SliceStable(out, func(i, j int) bool { return out[i].CreatedAt.After(out[j].CreatedAt) })
	// Ids count duplicates oldest first so that a newer update never
	// renames an older one.
	seen := map[int64]int{}
	for i := len(out) - 1; i >= 0; i-- {
		sec := out[i].CreatedAt.Unix()
		if out[i].CreatedAt.IsZero() {
			sec = 0
		}
		seen[sec]++
		out[i].ID = incidentID + "-" + strconv.FormatInt(sec, 10)
		if n := seen[sec]; n > 1 {
			out[i].ID += "-" + strconv.Itoa(n)
		}
	}
	return out
}

func oldestUpdate(us []adapters.Update) time.Time {
	var t time.Time
	for _, u := range us {
		if !u.CreatedAt.IsZero() && (t.IsZero() || u.CreatedAt.Before(t)) {
			t = u.CreatedAt
		}
	}
	return t
}

// impactOf takes the worse of the two words Google gives for one incident.
func impactOf(statusImpact, severity string) adapters.Impact {
	a := map[string]adapters.Impact{
		"SERVICE_OUTAGE":      adapters.ImpactCritical,
		"SERVICE_DISRUPTION":  adapters.ImpactMajor,
		"SERVICE_INFORMATION": adapters.ImpactNone,
	}[strings.ToUpper(strings.TrimSpace(statusImpact))]
	b := map[string]adapters.Impact{
		"high":   adapters.ImpactCritical,
		"medium": adapters.ImpactMajor,
		"low":    adapters.ImpactNone,
	}[strings.ToLower(strings.TrimSpace(severity))]
	if b.Rank() > a.Rank() {
		return b
	}
	if a == "" {
		return adapters.ImpactNone
	}
	return a
}

func impactRaw(statusImpact, severity string) string {
	statusImpact, severity = strings.TrimSpace(statusImpact), strings.TrimSpace(severity)
	if severity == "" {
		return statusImpact
	}
	return statusImpact + "/" + severity
}

// absolute resolves Google's relative "incidents/<id>" against the page.
func absolute(base, uri string) string {
	uri = strings.TrimSpace(uri)
	switch {
	case uri == "":
		return ""
	case strings.HasPrefix(uri, "https://"), strings.HasPrefix(uri, "http://"):
		return uri
	}
	return base + "/" + strings.TrimLeft(uri, "/")
}
