package adapters

import (
	"net/url"
	"strings"
)

// Probe is how a page of a vendor is recognised without being told: by
// its host, by its address, or by what one of its endpoints answers. The
// probe of `uptimus new` and of "adapter: auto" entries asks every
// registered adapter's, and a list of status pages names the vendor by
// one of its platforms. It lives with the adapter, so that a new vendor
// teaches the probe and the importer by being registered.
type Probe struct {
	// Hosts are page hosts that name the vendor by themselves
	// ("slack-status.com"): the page is the vendor's own.
	Hosts []string
	// URL recognises the vendor from the page's address alone (a feed's
	// URL), before any request; URLSays is the evidence given when it
	// does ("the URL names a feed").
	URL     func(u *url.URL) bool
	URLSays string
	// Endpoints are asked of a page whose host and address told nothing.
	Endpoints []Endpoint
	// Platforms are the other names that lists of status pages give the
	// vendor ("rss", "atom" for the feed adapter); the adapter's own name
	// is always one.
	Platforms []string
}

// Endpoint is one request the probe makes of a page, and how it knows
// the vendor's answer.
type Endpoint struct {
	// Rank places the endpoint among every vendor's: the probe asks lower
	// ranks first and takes the first that matches, so an answer that two
	// recognisers would accept goes to the stricter one if it ranks
	// lower (incident.io's summary, with ULID page ids, before
	// Statuspage's). Ranks are unique across the registry. By custom,
	// a JSON API at a path of the vendor's own ranks in the hundreds and
	// below 800; the page itself and feeds that many vendors serve beside
	// their API rank 800 and above.
	Rank int
	// Path is appended to the page's URL ("/api/v2/summary.json"); two
	// vendors may share one, which is then asked once.
	Path string
	// Says is the evidence when Match accepts the answer ("answers with a
	// Statuspage summary").
	Says string
	// Match reports whether body, the answer to Path, is the vendor's.
	Match func(body []byte) bool
}

// Empty reports whether p can recognise nothing: no host, no address, no
// endpoint.
func (p Probe) Empty() bool {
	return len(p.Hosts) == 0 && p.URL == nil && len(p.Endpoints) == 0
}

// Platforms maps every name a list of status pages may give a platform
// (lower case) to the adapter that reads it: each adapter's own name, and
// the platforms its probe declares.
func (r *Registry) Platforms() map[string]string {
	m := map[string]string{}
	for name, a := range r.m {
		m[name] = name
		for _, p := range a.Probe().Platforms {
			m[strings.ToLower(p)] = name
		}
	}
	return m
}
