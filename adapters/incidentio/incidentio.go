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
	"context"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/statuspage"
)

// Name is the catalogue's adapter value.
const Name = "incidentio"

type adapter struct{ compat adapters.Adapter }

// New returns the incident.io adapter.
func New() adapters.Adapter { return adapter{compat: statuspage.New()} }

func (adapter) Name() string { return Name }

// Capabilities: components and a full update timeline, no maintenance
// windows through this API, and the same window of newest incidents.
func (adapter) Capabilities() adapters.Capabilities {
	return adapters.Capabilities{Status: true, Components: true, Timeline: true, HistoryWindow: statuspage.HistoryWindow}
}

// Fetch reads the page through the compatible API.
func (a adapter) Fetch(ctx context.Context, f adapters.Fetcher, p adapters.Page) (*adapters.Snapshot, error) {
	return a.compat.Fetch(ctx, f, p)
}
