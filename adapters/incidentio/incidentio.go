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
	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/statuspage"
)

// Name is the catalogue's adapter value.
const Name = "incidentio"

// New returns the incident.io adapter: components and a full update
// timeline, no maintenance windows through this API, and the same window of
// newest incidents; the pages are read as Statuspage's.
func New() adapters.Adapter {
	caps := adapters.Capabilities{Title: "incident.io", Status: true, Components: true, Timeline: true, HistoryWindow: statuspage.HistoryWindow, Listing: adapters.ListsWindow, Self: true}
	return adapters.Define(Name, caps, statuspage.Fetch)
}
