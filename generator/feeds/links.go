package feeds

import (
	"cmp"
	"fmt"
	"net/url"
	"strings"
)

// DefaultBaseURL is where the site is served when a base URL is empty; it
// equals site.DefaultBaseURL.
const DefaultBaseURL = "https://uptimus.github.io"

// TagYear is the date part of every tag URI (RFC 4151 asks for a date at
// which the tagging entity owned the authority name): the year Uptimus
// began publishing. It is a constant rather than the build's year so that
// an id never changes once minted.
const TagYear = "2026"

// Links is the URL layout of pages, feeds, JSON and badges. Paths (all
// starting with "/") are relative to the site root; Abs makes them absolute
// under the base URL, which may carry a path (GitHub project pages), exactly
// as the site's pages do. Tag mints the tag URIs of feeds and items.
type Links struct {
	base string // scheme://host[/path], no trailing slash
	tag  string // "tag:<host>," + TagYear + ":"
}

// NewLinks checks base (empty means DefaultBaseURL) by the site's rules.
func NewLinks(base string) (Links, error) {
	base = strings.TrimRight(cmp.Or(strings.TrimSpace(base), DefaultBaseURL), "/")
	p, err := url.Parse(base)
	if err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" || p.RawQuery != "" || p.Fragment != "" {
		return Links{}, fmt.Errorf("base URL %q: want an absolute http(s) URL without query or fragment", base)
	}
	return Links{base: base, tag: "tag:" + tagAuthority(p.Hostname()) + "," + TagYear + ":"}, nil
}

// tagAuthority is the site's host as a tag URI's authority name: RFC 4151
// lets only the owner of a domain mint tags under it, and the publisher
// owns the host the site is served from (not the word "uptimus"). The port
// is left out, case folded, and a byte a DNS name cannot hold (an IPv6
// literal's colons) becomes "-", so the id stays a valid tag URI.
func tagAuthority(host string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.' {
			return r
		}
		return '-'
	}, strings.ToLower(host))
}

// Abs is the absolute URL of a site path p (which starts with "/").
func (l Links) Abs(p string) string { return l.base + p }

// Tag is the tag URI with the specific part s: the same for every build of
// a site served from one host, whatever its path there.
func (l Links) Tag(s string) string { return l.tag + s }

// rel turns a site path into the publisher's relative file path.
func rel(p string) string { return strings.TrimPrefix(p, "/") }
