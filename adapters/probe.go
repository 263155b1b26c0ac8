package adapters

import (
	"net/url"
	"slices"
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
	// Domains are where the vendor hosts its customers' pages, each on a
	// sub-domain of one ("statuspage.io" for acme.statuspage.io): such a
	// page is not on its company's domain, and the domain is not the
	// company's site. The catalogue reads them (Registry.Hosting).
	Domains []string
	// SharedHosts serve the pages of many companies, or of one company's
	// several products, told apart by the path
	// ("status.cloud.google.com"): on them a page is host and path, not
	// the host alone.
	SharedHosts []string
	// Moves is true when a page on Domains is the very page its company
	// later serves at an address of its own (Statuspage sends
	// acme.statuspage.io on to the company's custom domain), so that an
	// import prefers a later row on the company's domain.
	Moves bool
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

// Unread is a status-page platform that no adapter reads: its pages have
// no machine-readable form, so an entry there shows no data however often
// it is fetched. It is known by where it hosts pages, like an adapter's
// Probe, so that the catalogue tells its pages from their companies' and
// says why they stay empty.
type Unread struct {
	// Page is what a page of the platform is ("a Pingdom public report").
	Page string
	// Domains and SharedHosts are as in Probe.
	Domains     []string
	SharedHosts []string
}

// AddUnread registers a platform no adapter reads.
func (r *Registry) AddUnread(u Unread) { r.unread = append(r.unread, u) }

// Hosting is where status-page vendors host their customers' pages, as
// the registered adapters and unread platforms declare it, sorted. The
// catalogue, which imports no vendor, is handed it (its own Hosting has
// the same fields).
type Hosting struct {
	// Domains are every vendor's Probe.Domains and every unread
	// platform's.
	Domains []string
	// SharedHosts are every vendor's and every unread platform's.
	SharedHosts []string
	// Moves are the Domains of vendors whose Probe.Moves is true.
	Moves []string
	// UnreadHosts and UnreadDomains map the shared hosts and the domains
	// of the platforms no adapter reads to what a page there is.
	UnreadHosts   map[string]string
	UnreadDomains map[string]string
}

// Hosting gathers where the registered vendors and platforms host pages.
func (r *Registry) Hosting() Hosting {
	h := Hosting{UnreadHosts: map[string]string{}, UnreadDomains: map[string]string{}}
	for _, n := range r.Names() {
		p := r.m[n].Probe()
		h.Domains = append(h.Domains, p.Domains...)
		h.SharedHosts = append(h.SharedHosts, p.SharedHosts...)
		if p.Moves {
			h.Moves = append(h.Moves, p.Domains...)
		}
	}
	for _, u := range r.unread {
		h.Domains = append(h.Domains, u.Domains...)
		h.SharedHosts = append(h.SharedHosts, u.SharedHosts...)
		for _, d := range u.Domains {
			h.UnreadDomains[d] = u.Page
		}
		for _, s := range u.SharedHosts {
			h.UnreadHosts[s] = u.Page
		}
	}
	slices.Sort(h.Domains)
	slices.Sort(h.SharedHosts)
	slices.Sort(h.Moves)
	return h
}
