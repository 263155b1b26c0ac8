package catalog

import "strings"

// NamesSelf reports whether a status page's own name and address (what
// the page says of itself, as Statuspage's summary gives it) agree with
// the entry: the name is the entry's, or one of its aliases, word for
// word within the other ("GitHub" and "GitHub, Inc.", "Jira" and
// "Atlassian Jira"), and the address, when given, is on the host or the
// registrable domain of the entry's page. why says what disagrees.
func (h Hosting) NamesSelf(p *Provider, name, url string) (ok bool, why string) {
	if name != "" && !nameAgrees(p, name) {
		return false, "the page calls itself " + quote(name)
	}
	if url != "" && !h.hostAgrees(p, Host(url)) {
		return false, "the page gives its address as " + url
	}
	return true, ""
}

func nameAgrees(p *Provider, name string) bool {
	page := NameWords(name)
	for _, n := range append([]string{p.Name}, p.Aliases...) {
		if within(NameWords(n), page) || within(page, NameWords(n)) {
			return true
		}
		if strings.Join(NameWords(n), "") == strings.Join(page, "") {
			return true
		}
	}
	return false
}

// within reports whether every word of a is among b's.
func within(a, b []string) bool {
	if len(a) == 0 {
		return false
	}
	for _, w := range a {
		found := false
		for _, x := range b {
			if w == x {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func (h Hosting) hostAgrees(p *Provider, host string) bool {
	host = strings.TrimPrefix(host, "www.")
	for _, page := range []string{p.URL, p.Page, p.Homepage} {
		mine := strings.TrimPrefix(Host(page), "www.")
		if mine == "" {
			continue
		}
		if mine == host {
			return true
		}
		if d := RegistrableDomain(mine); d != "" && !h.Hosted(mine) && d == RegistrableDomain(host) {
			return true
		}
	}
	return false
}

func quote(s string) string { return "\u201c" + s + "\u201d" }
