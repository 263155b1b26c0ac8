package api

import (
	"slices"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/paths"
)

// Version 2 of the API holds only the files whose shape had to change;
// everything else stays at /api/v1/, which is frozen as released
// (testdata/v1-baseline) and served beside it for as long as docs/api.md
// (Versions) says. The changes:
//
//   - providers.json leaves out each provider's URLs, which a script
//     derives from the slug: url_templates says how, once;
//   - status.json carries each provider's component states, compactly;
//   - providers/<slug>.json has what version 1's could not gain without
//     breaking a schema pinned with additionalProperties false: why a
//     status is derived, "since at least", retirement and family, what
//     the page says of itself, reliability figures; it lists in full only
//     what is open or planned, and links to the history for the rest
//     (version 1's recent lists, the newest entries of the history with
//     their timelines, were 60% of its bytes, and a second copy of them
//     cost 17 MB at 1,000 providers);
//   - providers/<slug>/incidents.json is always an index of the files
//     that hold the history, whose entries are always under "incidents"
//     (v1's turned from a list of entries into an index past SplitAbove
//     entries, and a script reading .incidents silently got nothing). It
//     lists version 1's files rather than copying their entries, which
//     would add a second copy of every history to the site, and names the
//     entries resolved as observed, which version 1's entries cannot say.

// SchemaVersionV2 is the schema_version of every version 2 file.
const SchemaVersionV2 = 2

// Paths of version 2, relative to the site root.
const (
	RootV2          = paths.APIv2Root
	ProvidersPathV2 = RootV2 + "providers.json"
	StatusPathV2    = RootV2 + "status.json"
)

// SchemaNamesV2 lists the schemas of version 2.
var SchemaNamesV2 = []string{"providers", "status", "provider", "incidents"}

// SchemaPathV2 is the path of the version 2 schema named name.
func SchemaPathV2(name string) string { return RootV2 + "schema/" + name + ".schema.json" }

// ProvidersFileV2 is /api/v2/providers.json.
type ProvidersFileV2 struct {
	Header
	// URLTemplates give every URL of a provider from its slug: replace
	// "{slug}" (RFC 6570, level 1).
	URLTemplates URLTemplates        `json:"url_templates"`
	Providers    []ProviderSummaryV2 `json:"providers"`
}

// URLTemplates are ProviderURLs with "{slug}" for the slug, and the
// provider's Statuspage-compatible API.
type URLTemplates struct {
	ProviderURLs
	// Incidents is the version 2 history index.
	Incidents string `json:"incidents"`
	// Statuspage is the base of the provider's Statuspage-compatible
	// API: append summary.json, status.json and so on.
	Statuspage string `json:"statuspage"`
}

// ProviderSummaryV2 is a provider in version 2's providers.json: its
// version 1 summary without the URLs (the outer, nil URLs hides the
// embedded one: encoding/json lets the shallower field win).
type ProviderSummaryV2 struct {
	ProviderSummary
	URLs *struct{} `json:"urls,omitempty"`
}

// StatusFileV2 is /api/v2/status.json.
type StatusFileV2 struct {
	Header
	Providers []StatusEntryV2 `json:"providers"`
}

// StatusEntryV2 is a provider's version 1 status line with its
// components.
type StatusEntryV2 struct {
	StatusEntry
	// StatusDerived and StatusDerivedReason are the provider file's: a
	// script polling this file learns that a status is ours, and why,
	// without reading each provider's file.
	StatusDerived       bool            `json:"status_derived,omitempty"`
	StatusDerivedReason string          `json:"status_derived_reason,omitempty"`
	Components          ComponentStates `json:"components"`
}

// ComponentStates are a provider's components in brief: how many it lists
// (removed ones left out), and those not operational. A component not in
// Affected is operational; while the provider is stale, as of our last
// successful check.
type ComponentStates struct {
	Count    int                 `json:"count"`
	Affected []AffectedComponent `json:"affected,omitempty"`
}

// AffectedComponent is a component that is not operational.
type AffectedComponent struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Group is the name of its group, if it is in one (names repeat
	// across groups).
	Group  string          `json:"group,omitempty"`
	Status adapters.Status `json:"status"`
}

// IncidentsFileV2 is /api/v2/providers/<slug>/incidents.json: the files
// that hold a provider's history, newest first, whatever its size. Each
// lists its entries under "incidents": version 1's incidents.json while
// the history is not split, else its year files.
type IncidentsFileV2 struct {
	Header
	Slug  string   `json:"slug"`
	Count int      `json:"count"`
	Parts []PartV2 `json:"parts"`
	// ResolvedAsObserved are the ids of the entries whose end is ours,
	// newest first: the vendor wrote no resolution, and our first check
	// that no longer saw the entry listed ended it (version 1's entries
	// show this only as a resolved_at beside an unresolved status).
	ResolvedAsObserved []string `json:"resolved_as_observed,omitempty"`
}

// ProviderFileV2 is /api/v2/providers/<slug>.json: version 1's file with
// the fields it could not gain, and of the entries only those open or
// planned; the rest are in the history (the outer fields hide the
// embedded ones: encoding/json lets the shallower field win).
type ProviderFileV2 struct {
	*ProviderFile
	Incidents   OpenIncidentsV2   `json:"incidents"`
	Maintenance OpenMaintenanceV2 `json:"maintenance"`
	// History is the provider's version 2 history index: every entry,
	// the recent ones included.
	History string `json:"history"`
}

// OpenIncidentsV2 are the ongoing incidents.
type OpenIncidentsV2 struct {
	Open []Incident `json:"open"`
}

// OpenMaintenanceV2 are the windows in progress and those upcoming.
type OpenMaintenanceV2 struct {
	Active   []Incident `json:"active"`
	Upcoming []Incident `json:"upcoming"`
}

// PartV2 is one file of a history. Year and Page are those of a year
// file, absent for the file of a history that is not split.
type PartV2 struct {
	Year  *int   `json:"year,omitempty"`
	Page  int    `json:"page,omitempty"`
	Count int    `json:"count"`
	URL   string `json:"url"`
}

func (b *builder) headerV2(schema string) Header {
	return Header{Schema: b.l.Abs(SchemaPathV2(schema)), SchemaVersion: SchemaVersionV2}
}

// componentStates sums up pf's components for status.json.
func componentStates(pf *ProviderFile) ComponentStates {
	groups := map[string]string{}
	for _, c := range pf.Components {
		if c.Group {
			groups[c.ID] = c.Name
		}
	}
	var out ComponentStates
	for _, c := range pf.Components {
		if !c.RemovedAt.IsZero() {
			continue
		}
		out.Count++
		if c.Status != adapters.Operational {
			out.Affected = append(out.Affected, AffectedComponent{ID: c.ID, Name: c.Name, Group: groups[c.GroupID], Status: c.Status})
		}
	}
	return out
}

// urlTemplates are the URLs of a provider named "{slug}".
func (b *builder) urlTemplates() URLTemplates {
	const slug = "{slug}"
	return URLTemplates{ProviderURLs: b.urls(slug), Incidents: b.l.Abs(paths.IncidentsJSONv2(slug)), Statuspage: b.l.Abs(paths.StatuspageAPI(slug))}
}

// finishV2 writes version 2's providers.json and status.json from the
// lines of version 1's, in the same order.
func (b *builder) finishV2(providers []ProviderSummary, status []StatusEntry, v2 map[string]StatusEntryV2) error {
	pv := ProvidersFileV2{Header: b.headerV2("providers"), URLTemplates: b.urlTemplates(), Providers: make([]ProviderSummaryV2, len(providers))}
	for i, p := range providers {
		pv.Providers[i] = ProviderSummaryV2{ProviderSummary: p}
	}
	sv := StatusFileV2{Header: b.headerV2("status"), Providers: make([]StatusEntryV2, len(status))}
	for i, e := range status {
		sv.Providers[i] = v2[e.Slug]
		sv.Providers[i].StatusEntry = e
	}
	if err := b.write(ProvidersPathV2, pv); err != nil {
		return err
	}
	return b.write(StatusPathV2, sv)
}

// providerV2 is pf as version 2 publishes it.
func (b *builder) providerV2(pf *ProviderFile) *ProviderFileV2 {
	v := *pf
	v.Header = b.headerV2("provider")
	return &ProviderFileV2{
		ProviderFile: &v,
		Incidents:    OpenIncidentsV2{Open: pf.Incidents.Open},
		Maintenance:  OpenMaintenanceV2{Active: pf.Maintenance.Active, Upcoming: pf.Maintenance.Upcoming},
		History:      b.l.Abs(paths.IncidentsJSONv2(pf.Slug)),
	}
}

// writeIndexV2 writes version 2's history index of all, newest first: the
// year files of a split history (parts), else version 1's incidents.json.
func (b *builder) writeIndexV2(slug string, all []Incident, parts []Part) error {
	count := len(all)
	var observed []string
	for _, in := range all {
		if in.ResolvedAsObserved {
			observed = append(observed, in.ID)
		}
	}
	out := []PartV2{}
	for _, p := range parts {
		out = append(out, PartV2{Year: &p.Year, Page: p.Page, Count: p.Count, URL: p.URL})
	}
	if parts == nil && count > 0 {
		out = append(out, PartV2{Count: count, URL: b.l.Abs(paths.IncidentsJSON(slug))})
	}
	return b.write(paths.IncidentsJSONv2(slug), IncidentsFileV2{Header: b.headerV2("incidents"), Slug: slug, Count: count, Parts: out, ResolvedAsObserved: observed})
}

// v1 is pf as version 1 released it: without the fields version 2 added,
// which a schema pinned with additionalProperties false would refuse.
func (pf *ProviderFile) v1() *ProviderFile {
	v := *pf
	v.StatusDerivedReason, v.StatusSinceAtLeast, v.Family, v.Retired, v.Reliability, v.Checked = "", time.Time{}, "", nil, nil, nil
	v.Uncheckable = ""
	v.Incidents = IncidentLists{Open: v1Incidents(pf.Incidents.Open), Recent: v1Incidents(pf.Incidents.Recent)}
	v.Maintenance = MaintLists{Active: v1Incidents(pf.Maintenance.Active), Upcoming: v1Incidents(pf.Maintenance.Upcoming), Recent: v1Incidents(pf.Maintenance.Recent)}
	return &v
}

// v1Incidents are incidents as version 1 released them: an end we
// observed reads as a resolved_at while the vendor's status is still not
// a resolution word, as docs/api.md says, without resolved_as_observed.
func v1Incidents(in []Incident) []Incident {
	if !slices.ContainsFunc(in, func(i Incident) bool { return i.ResolvedAsObserved }) {
		return in
	}
	out := slices.Clone(in)
	for i := range out {
		out[i].ResolvedAsObserved = false
	}
	return out
}
