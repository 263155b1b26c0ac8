// Package probe tells which vendor runs a status page, so a contributor can
// add a provider without knowing its platform: well-known hosts first, then
// the endpoints each vendor answers on, in an order that never mistakes one
// vendor for another. What each vendor is known by is its adapter's
// (adapters.Probe); this package only asks them all, in order, and names
// no vendor itself.
package probe

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/uptimus/uptimus/adapters"
)

// Detect returns the name of the adapter of reg that reads pageURL, and the
// evidence it found. Order: a host that names a vendor; an address that
// does; then the vendors' endpoints by rank (adapters.Endpoint), each path
// asked once, the first answer a vendor recognises winning.
func Detect(ctx context.Context, f adapters.Fetcher, reg *adapters.Registry, pageURL string) (adapter, evidence string, err error) {
	if err := CheckURL(pageURL); err != nil {
		return "", "", err
	}
	u, _ := url.Parse(pageURL)
	probes := probesOf(reg)
	if a, ok := byHost(probes, u.Hostname()); ok {
		return a, "known host " + u.Hostname(), nil
	}
	for _, p := range probes {
		if p.URL != nil && p.URL(u) {
			return p.name, p.URLSays, nil
		}
	}
	return askEndpoints(ctx, f, probes, pageURL)
}

// named is an adapter's probe with the adapter's name.
type named struct {
	name string
	adapters.Probe
}

// probesOf lists the probes of reg's adapters, by name.
func probesOf(reg *adapters.Registry) []named {
	var out []named
	for _, name := range reg.Names() {
		a, _ := reg.Get(name)
		out = append(out, named{name, a.Probe()})
	}
	return out
}

func byHost(probes []named, host string) (string, bool) {
	for _, p := range probes {
		for _, h := range p.Hosts {
			if strings.EqualFold(h, host) {
				return p.name, true
			}
		}
	}
	return "", false
}

// ranked is one vendor's endpoint.
type ranked struct {
	name string
	adapters.Endpoint
}

// endpoints lists every vendor's endpoints, lowest rank first.
func endpoints(probes []named) []ranked {
	var out []ranked
	for _, p := range probes {
		for _, e := range p.Endpoints {
			out = append(out, ranked{p.name, e})
		}
	}
	slices.SortStableFunc(out, func(a, b ranked) int { return cmp.Compare(a.Rank, b.Rank) })
	return out
}

// askEndpoints asks the page each vendor's endpoints in rank order, every
// path once.
func askEndpoints(ctx context.Context, f adapters.Fetcher, probes []named, pageURL string) (adapter, evidence string, err error) {
	base := strings.TrimRight(pageURL, "/")
	answers := map[string][]byte{}
	var tried []string
	for _, e := range endpoints(probes) {
		b, asked := answers[e.Path]
		if !asked {
			tried = append(tried, e.Path)
			var gerr error
			if b, gerr = f.Get(ctx, base+e.Path); gerr != nil {
				if !answered(gerr) {
					// No HTTP answer at all (no such host, refused,
					// timed out): the other paths would fail the same
					// way, each after its own retries.
					return "", "", &UnreachableError{URL: pageURL, Err: gerr}
				}
				b = nil // an HTTP error status: nothing to recognise
			}
			answers[e.Path] = b
		}
		if b != nil && e.Match(b) {
			return e.name, base + e.Path + " " + e.Says, nil
		}
	}
	return "", "", &UnknownVendorError{URL: pageURL, Tried: tried}
}

// Conflicts lists what would make the probes of reg ambiguous: a host two
// vendors claim, two endpoints of one rank (which of them is asked first
// would depend on the order of the registry), an endpoint that cannot
// match. Empty when none.
func Conflicts(reg *adapters.Registry) []string {
	var out []string
	hostOwner, rankOwner := map[string]string{}, map[int]string{}
	for _, p := range probesOf(reg) {
		for _, h := range p.Hosts {
			h = strings.ToLower(h)
			if other, ok := hostOwner[h]; ok {
				out = append(out, fmt.Sprintf("host %s is claimed by %s and %s", h, other, p.name))
			}
			hostOwner[h] = p.name
		}
		for _, e := range p.Endpoints {
			if other, ok := rankOwner[e.Rank]; ok {
				out = append(out, fmt.Sprintf("rank %d is held by %s and %s: give each endpoint its own", e.Rank, other, p.name))
			}
			rankOwner[e.Rank] = p.name
			if e.Match == nil || !strings.HasPrefix(e.Path, "/") || e.Says == "" {
				out = append(out, fmt.Sprintf("%s: endpoint %q needs a path from /, a Match and the evidence it Says", p.name, e.Path))
			}
		}
		if p.URL != nil && p.URLSays == "" {
			out = append(out, p.name+": a URL test needs the evidence it URLSays")
		}
	}
	return out
}

// BadURLError is a page URL that no adapter could fetch: not https, or
// without a host. Naming an adapter does not help; the page's https
// address does.
type BadURLError struct{ URL string }

func (e *BadURLError) Error() string {
	return fmt.Sprintf("%q: want the page's https:// address, such as https://status.example.com (status pages are fetched over https only)", e.URL)
}

// CheckURL returns a *BadURLError unless pageURL is an https URL with a
// host.
func CheckURL(pageURL string) error {
	u, err := url.Parse(pageURL)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return &BadURLError{URL: pageURL}
	}
	return nil
}

// UnknownVendorError is a page that answered, but not as any vendor we
// know.
type UnknownVendorError struct {
	URL   string
	Tried []string
}

func (e *UnknownVendorError) Error() string {
	return fmt.Sprintf("could not tell the vendor of %s: tried %s", e.URL, strings.Join(e.Tried, ", "))
}

// UnreachableError is a page whose host gave no HTTP answer.
type UnreachableError struct {
	URL string
	Err error
}

func (e *UnreachableError) Error() string {
	return fmt.Sprintf("could not tell the vendor of %s: %v", e.URL, e.Err)
}

func (e *UnreachableError) Unwrap() error { return e.Err }

// answered reports whether err is an HTTP answer (a status code), as
// opposed to no answer at all.
func answered(err error) bool {
	var hs adapters.HTTPStatuser
	return errors.As(err, &hs)
}
