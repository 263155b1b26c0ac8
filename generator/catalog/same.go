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

// SharedHosts serve the pages of many companies (or of one company's
// several products), told apart by the path: on them a page's identity is
// host and path, not the host alone.
var SharedHosts = []string{"stats.pingdom.com", "stats.uptimerobot.com", "rootly.com", "feeds.feedburner.com",
	"status.cloud.google.com"}

// HostingDomains are status-page vendors that host their customers' pages
// under a sub-domain (acme.statuspage.io): a page there is not on the
// company's own domain, and the domain is not the company's site.
var HostingDomains = []string{"statuspage.io", "status.io", "instatus.com", "betteruptime.com", "betterstack.com",
	"incident.io", "freshstatus.io", "hund.io", "statuspal.io", "atlassian.net"}

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

// Hosted reports whether host belongs to a status-page vendor
// (HostingDomains, SharedHosts) rather than to the company whose page it
// serves.
func Hosted(host string) bool {
	for _, d := range HostingDomains {
		if OnDomain(host, d) {
			return true
		}
	}
	return slices.Contains(SharedHosts, host)
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
func HostKey(raw string) string {
	h := strings.TrimPrefix(Host(raw), "www.")
	if h == "" || !slices.Contains(SharedHosts, h) {
		return h
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

// unreadableHosts are status-page vendors whose public pages have no
// machine-readable form that any adapter reads, by host, and what such a
// page is.
var unreadableHosts = map[string]string{
	"stats.pingdom.com":     "a Pingdom public report",
	"stats.uptimerobot.com": "an UptimeRobot public status page",
	"rootly.com":            "a Rootly public status page",
}

// unreadableDomains are such vendors whose pages are each on a host of
// their own under the vendor's domain (bluebeam.hund.io).
var unreadableDomains = map[string]string{
	"hund.io":         "a Hund page",
	"statuspal.io":    "a Statuspal page",
	"freshstatus.io":  "a Freshstatus page",
	"montastic.io":    "a Montastic page",
	"statuskeeper.io": "a StatusKeeper page",
}

// Unreadable says why no adapter can read p's page ("a Pingdom public
// report, which has no machine-readable form that Uptimus reads"), or ""
// when one may: such an entry shows no data however often it is fetched,
// and says so rather than "no data yet". Besides the vendors above, an
// auto entry under a path of its host is a page of the company's own
// website (Apple's, IBM Cloud's): the hosted pages of every vendor the
// probe knows are at a host's root, and an entry on a vendor's path (a
// status.io /pages/<id>, a feed's address) names its adapter.
func Unreadable(p *Provider) string {
	h := Host(p.URL)
	if what, ok := unreadableHosts[h]; ok {
		return what + ", which has no machine-readable form that Uptimus reads"
	}
	if what, ok := unreadableDomains[RegistrableDomain(h)]; ok {
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
