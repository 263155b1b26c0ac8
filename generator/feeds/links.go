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

// Links is the URL layout of pages, feeds, JSON and badges. Paths (all
// starting with "/") are relative to the site root; Abs makes them absolute
// under the base URL, which may carry a path (GitHub project pages), exactly
// as the site's pages do.
type Links struct {
	base string // scheme://host[/path], no trailing slash
}

// NewLinks checks base (empty means DefaultBaseURL) by the site's rules.
func NewLinks(base string) (Links, error) {
	base = strings.TrimRight(cmp.Or(strings.TrimSpace(base), DefaultBaseURL), "/")
	p, err := url.Parse(base)
	if err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" || p.RawQuery != "" || p.Fragment != "" {
		return Links{}, fmt.Errorf("base URL %q: want an absolute http(s) URL without query or fragment", base)
	}
	return Links{base: base}, nil
}

// Abs is the absolute URL of a site path p (which starts with "/").
func (l Links) Abs(p string) string { return l.base + p }

// rel turns a site path into the publisher's relative file path.
func rel(p string) string { return strings.TrimPrefix(p, "/") }
