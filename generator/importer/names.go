package importer

import (
	"strings"

	"github.com/uptimus/uptimus/generator/catalog"
)

// displayName is the list's name without what only annotates it:
//
//   - a trailing "(x)" where x is a bare word found in the page's host, as
//     in "CircleCI (statuspage.io)": the list telling two pages apart;
//   - a tagline after " - " that starts with an article, as in
//     "CoachHub - The digital coaching platform".
func displayName(name, host string) string {
	if open := strings.LastIndex(name, " ("); open > 0 && strings.HasSuffix(name, ")") {
		inner := name[open+2 : len(name)-1]
		if inner != "" && !strings.ContainsAny(inner, " ()") && strings.Contains(host, strings.ToLower(inner)) {
			name = strings.TrimSpace(name[:open])
		}
	}
	if before, after, ok := strings.Cut(name, " - "); ok && before != "" {
		first, _, _ := strings.Cut(strings.ToLower(after), " ")
		if first == "the" || first == "a" || first == "an" {
			name = strings.TrimSpace(before)
		}
	}
	return name
}

// slugify makes a slug of a name: "Let's Encrypt" -> lets-encrypt,
// "Hunter Douglas, Inc." -> hunter-douglas, "Zürich Cloud" -> zurich-cloud.
// It is "" when nothing of the name is a Latin letter or a digit.
func slugify(name string) string {
	return strings.Join(catalog.NameWords(name), "-")
}
