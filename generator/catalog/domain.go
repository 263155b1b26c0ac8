package catalog

import (
	"strings"

	"golang.org/x/net/publicsuffix"
)

// RegistrableDomain is the part of host a company registers: the public
// suffix and one label before it (status.us1.sumologic.com ->
// sumologic.com, status.example.co.uk -> example.co.uk); "" when host is
// a public suffix itself or not a DNS name. The suffixes come from the
// Public Suffix List as golang.org/x/net/publicsuffix embeds it: a list
// kept by others is better than a subset kept here, which would be wrong
// for every suffix it left out.
func RegistrableDomain(host string) string {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	d, err := publicsuffix.EffectiveTLDPlusOne(h)
	if err != nil {
		return ""
	}
	return d
}
