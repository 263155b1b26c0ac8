package catalog

import (
	"fmt"
	"net/netip"
	"net/url"
	"strings"
)

// validSlug reports whether s is a non-empty run of [a-z0-9-] that neither
// starts nor ends with "-": slugs become URL path segments and file names.
func validSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return false
		}
	}
	return true
}

const slugRule = `must match [a-z0-9-]+ with no leading or trailing "-"`

// CheckURL returns why raw is not an acceptable https address for a
// provider file, or "": the rules uptimus validate applies, which the
// importer also applies to list rows.
// Query strings, fragments and credentials are refused: adapters append
// their own API paths to the URL, and a status page never needs a login.
func CheckURL(raw string) string {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return fmt.Sprintf("%q is not a URL: %v", raw, unwrapURLError(err))
	case u.Scheme != "https":
		return fmt.Sprintf("%q must start with https://", raw)
	case u.Opaque != "" || u.Host == "" || u.Hostname() == "":
		return fmt.Sprintf("%q has no host", raw)
	case u.User != nil:
		return fmt.Sprintf("%q must not contain user info", raw)
	case u.RawQuery != "" || u.ForceQuery:
		return fmt.Sprintf("%q must not have a query (?...)", raw)
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return fmt.Sprintf("%q must not have a fragment (#...)", raw)
	}
	return checkHost(raw, u.Hostname())
}

// checkHost refuses hosts that are not public DNS names: the fetcher runs
// unattended on CI runners, and a provider file must never point it at the
// runner itself or at a private network (a pull request could otherwise
// probe internal services).
func checkHost(raw, host string) string {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	if ip, err := netip.ParseAddr(h); err == nil {
		return fmt.Sprintf("%q: the host must be a DNS name, not an IP address (%s)", raw, ip)
	}
	switch {
	case h == "localhost" || strings.HasSuffix(h, ".localhost"):
		return fmt.Sprintf("%q: localhost is not a public host", raw)
	case !strings.Contains(h, "."):
		return fmt.Sprintf("%q: %q is not a public DNS name (no dot)", raw, h)
	}
	for _, suffix := range privateSuffixes {
		if strings.HasSuffix(h, suffix) {
			return fmt.Sprintf("%q: %q is a private or reserved name (%s)", raw, h, suffix)
		}
	}
	return ""
}

// privateSuffixes are DNS names reserved for local or internal use
// (RFC 6762, RFC 8375 and common internal zones).
var privateSuffixes = []string{".local", ".internal", ".lan", ".home.arpa", ".intranet", ".corp"}

// unwrapURLError drops url.Error's repetition of the input, which the
// message already quotes.
func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

// NormalizeURL trims the trailing slash so "https://x.io/" and
// "https://x.io" are stored, and compared, the same way.
func NormalizeURL(raw string) string {
	return strings.TrimRight(raw, "/")
}
