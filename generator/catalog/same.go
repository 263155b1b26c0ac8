package catalog

import (
	"net/url"
	"slices"
	"strings"
	"unicode"
)

// When two entries are one provider: uptimus validate refuses such a pair
// and uptimus import skips a row that repeats an entry, both by the keys
// below, so the two never disagree.

// Hosting is where status-page vendors host their customers' pages. The
// catalogue imports no vendor: what it knows of them comes from the
// adapters, whose registry gathers it (adapters.Registry.Hosting, with
// the same fields), and the command that loads the catalogue hands it in
// (LoadOptions.Hosting). The zero Hosting knows no vendor.
type Hosting struct {
	// Domains are status-page vendors that host their customers' pages
	// under a sub-domain (acme.statuspage.io): a page there is not on the
	// company's own domain, and the domain is not the company's site.
	Domains []string
	// SharedHosts serve the pages of many companies (or of one company's
	// several products), told apart by the path: on them a page's
	// identity is host and path, not the host alone.
	SharedHosts []string
	// Moves are the Domains whose pages move to their company's own
	// domain once it has one: a page there and one on the company's
	// domain are the same page.
	Moves []string
	// UnreadHosts and UnreadDomains are the shared hosts and domains of
	// vendors whose pages no adapter reads, and what such a page is ("a
	// Pingdom public report").
	UnreadHosts   map[string]string
	UnreadDomains map[string]string
}

// Host is the lower-case host name of an address, without a trailing dot;
// "" if it has none.
func Host(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
}

// OnDomain reports whether host is domain or one of its sub-domains.
func OnDomain(host, domain string) bool {
	return host == domain || strings.HasSuffix(host, "."+domain)
}

// Hosted reports whether host belongs to a status-page vendor (Domains,
// SharedHosts) rather than to the company whose page it serves.
func (h Hosting) Hosted(host string) bool {
	return onAny(host, h.Domains) || slices.Contains(h.SharedHosts, host)
}

// Moved reports whether host is on a domain whose pages move to their
// company's own domain (Moves).
func (h Hosting) Moved(host string) bool { return onAny(host, h.Moves) }

// onAny reports whether host is one of domains or on a sub-domain of one.
func onAny(host string, domains []string) bool {
	return slices.ContainsFunc(domains, func(d string) bool { return OnDomain(host, d) })
}

// PageKey is what two addresses of the same page share: the host without
// "www." and the path without a trailing slash.
func PageKey(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return strings.TrimPrefix(Host(raw), "www.") + strings.TrimRight(u.EscapedPath(), "/")
}

// HostKey is what two pages of one provider share: the host without
// "www.", and on a shared host (SharedHosts) the path too. An entry's
// feed or API address and its page are on one host, and two providers
// never are, unless the host is shared.
func (h Hosting) HostKey(raw string) string {
	host := strings.TrimPrefix(Host(raw), "www.")
	if host == "" || !slices.Contains(h.SharedHosts, host) {
		return host
	}
	return PageKey(raw)
}

// CompanyKeys are the forms under which a name counts as the same company:
// the name with case, punctuation, accents and legal suffixes (Inc., LLC,
// GmbH...) dropped, and so for a parenthesised part on its own ("Claude
// (Anthropic)" is Claude and Anthropic). The lower-cased name itself is
// always one, so names that normalise to nothing still collide with
// themselves.
func CompanyKeys(name string) []string {
	keys := []string{"name:" + strings.ToLower(name)}
	parts := []string{name}
	if open := strings.LastIndex(name, " ("); open > 0 && strings.HasSuffix(name, ")") {
		parts = []string{name[:open], name[open+2 : len(name)-1]}
	}
	for _, p := range parts {
		if k := strings.Join(NameWords(p), ""); k != "" {
			keys = append(keys, k)
		}
	}
	return keys
}

// NameWords splits a name into lower-case ASCII words, accents
// transliterated, apostrophes dropped ("Let's" is one word), and trailing
// legal suffixes left out.
func NameWords(name string) []string {
	s := transliterate.Replace(strings.ToLower(name))
	s = strings.NewReplacer("'", "", "’", "").Replace(s)
	w := strings.FieldsFunc(s, func(r rune) bool {
		return r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r))
	})
	for len(w) > 1 {
		switch {
		case legalSuffixes[w[len(w)-1]]:
			w = w[:len(w)-1]
		case len(w) > 2 && legalSuffixes[w[len(w)-2]+w[len(w)-1]] && len(w[len(w)-1]) == 1:
			w = w[:len(w)-2] // "B.V.", "S.A."
		default:
			return w
		}
	}
	return w
}

// legalSuffixes are the company forms a name may end with.
var legalSuffixes = map[string]bool{
	"inc": true, "incorporated": true, "llc": true, "ltd": true, "limited": true,
	"gmbh": true, "corp": true, "corporation": true, "plc": true, "ag": true,
	"sa": true, "bv": true, "nv": true, "srl": true, "sarl": true, "pty": true,
	"llp": true, "oy": true, "ab": true,
}

// transliterate writes lower-case Latin letters with diacritics as plain
// ASCII.
var transliterate = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ã", "a", "ä", "a", "å", "a", "ā", "a", "ą", "a", "ă", "a",
	"æ", "ae", "ç", "c", "ć", "c", "č", "c", "ď", "d", "đ", "d", "ð", "d",
	"è", "e", "é", "e", "ê", "e", "ë", "e", "ē", "e", "ę", "e", "ě", "e",
	"ì", "i", "í", "i", "î", "i", "ï", "i", "ī", "i", "ı", "i",
	"ł", "l", "ñ", "n", "ń", "n", "ň", "n",
	"ò", "o", "ó", "o", "ô", "o", "õ", "o", "ö", "o", "ø", "o", "ō", "o", "ő", "o", "œ", "oe",
	"ř", "r", "ś", "s", "š", "s", "ş", "s", "ß", "ss", "ť", "t", "ţ", "t", "þ", "th",
	"ù", "u", "ú", "u", "û", "u", "ü", "u", "ū", "u", "ů", "u", "ű", "u",
	"ý", "y", "ÿ", "y", "ź", "z", "ż", "z", "ž", "z", "ğ", "g",
)

// Unreadable says why no adapter can read p's page ("a Pingdom public
// report, which has no machine-readable form that Uptimus reads"), or ""
// when one may: such an entry shows no data however often it is fetched,
// and says so rather than "no data yet". Besides the vendors no adapter
// reads (UnreadHosts, UnreadDomains), an auto entry under a path of its
// host is a page of the company's own website (Apple's, IBM Cloud's): the
// hosted pages of every vendor the probe knows are at a host's root, and
// an entry on a vendor's path (a status.io /pages/<id>, a feed's address)
// names its adapter.
func (h Hosting) Unreadable(p *Provider) string {
	host := Host(p.URL)
	if what, ok := h.UnreadHosts[host]; ok {
		return what + ", which has no machine-readable form that Uptimus reads"
	}
	if what, ok := h.UnreadDomains[RegistrableDomain(host)]; ok {
		return what + ", which has no machine-readable form that Uptimus reads"
	}
	if p.Adapter == AutoAdapter && underPath(p.URL) {
		return "part of the company's own website, in a form no adapter reads"
	}
	return ""
}

// underPath reports whether a page's address has a path below its host's
// root.
func underPath(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && strings.Trim(u.Path, "/") != ""
}
