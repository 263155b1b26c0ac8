// Package incidentio owns the adapter for status pages hosted by incident.io.
// Those pages serve a Statuspage-compatible /api/v2/ (summary.json and
// incidents.json), so decoding is the statuspage package's; what differs is
// what the vendor provides, and this adapter says so.
//
// How incident.io's compatible API differs from Statuspage, and what we do:
//
//	incident.io /api/v2/                 Uptimus
//	-----------------------------------  --------------------------------------------
//	ids are ULIDs (26 characters)        kept as given; they are path-safe
//	no component groups                  flat components (Capabilities.Components)
//	no scheduled-maintenances endpoint   Capabilities.Maintenance false; the 404
//	  and no maintenances key              is expected, not an error
//	null where Statuspage has []         treated as empty
//	status.indicator, component status,  mapped exactly as for Statuspage (see the
//	  impact, update status words          statuspage package doc)
package incidentio

import (
	"regexp"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/statuspage"
)

// Name is the catalogue's adapter value.
const Name = "incidentio"

// New returns the incident.io adapter: components and a full update
// timeline, no maintenance windows through this API, and the same window of
// newest incidents; the pages are read as Statuspage's.
func New() adapters.Adapter {
	caps := adapters.Capabilities{Title: "incident.io", Docs: "https://docs.incident.io/status-pages/api", Status: true, Components: true, Timeline: true, HistoryWindow: statuspage.HistoryWindow, Listing: adapters.ListsWindow, Self: true}
	return adapters.Define(Name, caps, probe, statuspage.Fetch)
}

var ulid = regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{26}$`)

// probe tells an incident.io page from a Statuspage one by the summary
// they both serve: incident.io's page ids are ULIDs. It ranks before
// Statuspage's, which takes any summary.
var probe = adapters.Probe{Endpoints: []adapters.Endpoint{
	{Rank: 100, Path: statuspage.SummaryPath, Says: "answers with a Statuspage-style summary whose page id is a ULID, as incident.io's are", Match: func(b []byte) bool {
		return ulid.MatchString(statuspage.SummaryPageID(b))
	}},
}, Domains: []string{"incident.io"}}
