package paths

import (
	"cmp"
	"fmt"
	"net/url"
	pathpkg "path"
	"strings"
)

// DefaultBaseURL is where the site is served when a base URL is empty.
const DefaultBaseURL = "https://uptimus.github.io"

// TagYear is the date part of every tag URI (RFC 4151 asks for a date at
// which the tagging entity owned the authority name): the year Uptimus
// began publishing. It is a constant rather than the build's year so that
// an id never changes once minted.
const TagYear = "2026"

// Links places the site's paths under the base URL it is served from,
// which may carry a path (GitHub project pages): Path for links inside the
// site, Abs for canonical links, sitemaps, feeds and the JSON API, Tag for
// the ids of feeds and their items. The zero value places paths at the root
// of no host, which unit tests use.
type Links struct {
	base     string // scheme://host[/path], no trailing slash
	basePath string // "" or "/path"
	tag      string // "tag:<host>," + TagYear + ":"
}

// NewLinks checks base (empty means DefaultBaseURL): an absolute http(s)
// URL without query or fragment; trailing slashes are trimmed.
func NewLinks(base string) (Links, error) {
	base = strings.TrimRight(cmp.Or(strings.TrimSpace(base), DefaultBaseURL), "/")
	p, err := url.Parse(base)
	if err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" || p.RawQuery != "" || p.Fragment != "" {
		return Links{}, fmt.Errorf("base URL %q: want an absolute http(s) URL without query or fragment", base)
	}
	return Links{
		base:     base,
		basePath: strings.TrimRight(p.EscapedPath(), "/"),
		tag:      "tag:" + tagAuthority(p.Hostname()) + "," + TagYear + ":",
	}, nil
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

// Path is the link to site path p from the site's own pages: rooted at
// the host, so it keeps the base URL's path and the site also works under
// a sub-path.
func (l Links) Path(p string) string { return l.basePath + p }

// Origin is the base URL without its path (scheme://host), which makes a
// Path absolute.
func (l Links) Origin() string { return strings.TrimSuffix(l.base, l.basePath) }

// Tag is the tag URI with the specific part s: the same for every build of
// a site served from one host, whatever its path there.
func (l Links) Tag(s string) string { return l.tag + s }

// FeedTag is the id of the feed published at path (any format): "feeds"
// and the path without its extension under the site's tag authority, e.g.
// "tag:uptimus.github.io,2026:feeds/status/acme/feed".
func (l Links) FeedTag(path string) string {
	return l.Tag("feeds" + strings.TrimSuffix(path, pathpkg.Ext(path)))
}

// IncidentTag is the stable id of an incident's feed item; seg is the
// incident's Segment.
func (l Links) IncidentTag(slug, seg string) string { return l.Tag(slug + "/incidents/" + seg) }

// Webcal is the webcal:// link to the calendar at site path p, which
// calendar applications open as a subscription; it names the same resource
// as Abs(p) (webcal stands for http or https alike).
func (l Links) Webcal(p string) string {
	abs := l.Abs(p)
	if _, rest, ok := strings.Cut(abs, "://"); ok {
		return "webcal://" + rest
	}
	return abs
}
