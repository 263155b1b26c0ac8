package catalog

import (
	"fmt"
	"regexp"
	"strings"
)

// relations checks what ties entries together: family and a retirement's
// successor name real entries, a company's pages share its category, and
// two entries that look like one company (Company) are tied by family.
func (l *loader) relations(recs []record) {
	bySlug := make(map[string]*record, len(recs))
	for i := range recs {
		bySlug[recs[i].Slug] = &recs[i]
	}
	for i := range recs {
		l.family(&recs[i], bySlug)
		l.successor(&recs[i], bySlug)
	}
	l.companies(recs)
}

// family checks r's family field.
func (l *loader) family(r *record, bySlug map[string]*record) {
	if r.Family == "" {
		return
	}
	head, ok := bySlug[r.Family]
	switch {
	case r.Family == r.Slug:
		l.add(r.File, r.familyLine, "field \"family\": %q is this entry; name the entry of the company it is a page of", r.Family)
	case !ok:
		l.add(r.File, r.familyLine, "field \"family\": no entry %q (want the slug of the company's own entry)", r.Family)
	case head.Family != "":
		l.add(r.File, r.familyLine, "field \"family\": %q is itself a page of %q; name %q", r.Family, head.Family, head.Family)
	case head.Category != r.Category && baseName(head.Name) == baseName(r.Name):
		l.add(r.File, r.categoryLine, "category %q differs from %q of %s: the regional pages of one service share its category", r.Category, head.Category, head.File)
	}
}

// successor checks that a retirement's successor slug names a live entry.
func (l *loader) successor(r *record, bySlug map[string]*record) {
	if r.Retired == nil || r.Retired.Successor == "" || strings.Contains(r.Retired.Successor, "://") {
		return
	}
	next, ok := bySlug[r.Retired.Successor]
	switch {
	case !ok:
		l.add(r.File, r.successorLine, "field \"successor\": no entry %q (want a slug of the catalogue or an https:// address)", r.Retired.Successor)
	case next.Slug == r.Slug:
		l.add(r.File, r.successorLine, "field \"successor\": %q is this entry", r.Retired.Successor)
	case next.Retired != nil:
		l.add(r.File, r.successorLine, "field \"successor\": %q is retired too; name what replaced it, or nothing", r.Retired.Successor)
	}
}

// companies reports two entries that look like pages of one company
// (CompanyClues) and are not tied by family. The later file in slug order
// gets the error.
func (l *loader) companies(recs []record) {
	held := map[string]claim{}
	for _, r := range recs {
		for _, c := range l.hosting.CompanyClues(r.Name, r.URL, r.Page) {
			first, ok := held[c.Key]
			if !ok {
				held[c.Key] = claim{slug: r.Head(), by: r.Slug, file: r.File, line: r.nameLine}
				continue
			}
			if first.slug != r.Head() && !l.reported[[2]string{first.by, r.Slug}] {
				l.add(r.File, r.nameLine, "same company as %q (%s): tie them with \"family: %s\" in this file, or the other way round (also in %s:%d)",
					first.by, c.Why, first.slug, first.file, first.line)
				break
			}
		}
	}
}

// Clue is a sign that an entry belongs to a company: the entries sharing
// a Key are pages of one company.
type Clue struct {
	Key string
	// Why says what the entries share, for messages.
	Why string
}

// CompanyClues are the signs that a name and its pages belong to one
// company, beyond the same name (CompanyKeys): the name without a region
// ("Sumo Logic US2" is Sumo Logic), and the registrable domain of each
// page not hosted by a status-page vendor (status.us1.sumologic.com is on
// sumologic.com).
func (h Hosting) CompanyClues(name string, pages ...string) []Clue {
	var clues []Clue
	if base := baseName(name); base != "" {
		clues = append(clues, Clue{Key: "base:" + base, Why: fmt.Sprintf("one name once a region is dropped, %q", base)})
	}
	seen := map[string]bool{}
	for _, p := range pages {
		host := Host(p)
		if host == "" || h.Hosted(host) {
			continue
		}
		if d := RegistrableDomain(host); d != "" && !seen[d] && !documentation(d) {
			seen[d] = true
			clues = append(clues, Clue{Key: "domain:" + d, Why: "pages on the same domain " + d})
		}
	}
	return clues
}

// baseName is a name's words without the region words it ends with
// ("SignalFx US0", "Datadog EU"), joined: the service a regional page is
// of.
func baseName(name string) string {
	w := NameWords(name)
	n := len(w)
	for n > 1 && regionWord.MatchString(w[n-1]) {
		n--
	}
	return strings.Join(w[:n], "")
}

// regionWord matches the words a regional page's name ends with: a
// region ("eu", "apac") or a numbered cell ("us1", "eu0").
var regionWord = regexp.MustCompile(`^(us|eu|uk|au|ca|de|fr|jp|in|sg|br|na|apac|emea|amer|americas|asia|europe|global|east|west|[a-z]{2}[0-9]{1,2})$`)

// documentation reports whether a registrable domain is one reserved for
// examples (RFC 2606, RFC 6761): it belongs to no company, so two pages
// on it say nothing of one.
func documentation(domain string) bool {
	switch domain {
	case "example.com", "example.net", "example.org":
		return true
	}
	for _, tld := range []string{".example", ".test", ".invalid"} {
		if strings.HasSuffix(domain, tld) {
			return true
		}
	}
	return false
}
