package importer

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/uptimus/uptimus/generator/catalog"
)

// Kind is what became of a row.
type Kind int

const (
	// Added rows become new catalogue entries.
	Added Kind = iota
	// Duplicate rows name a company or a page already in the catalogue
	// (or added by an earlier row).
	Duplicate
	// Refused rows break a rule, or are of a retired entry; Reason says
	// which.
	Refused
)

// Outcome is what became of one row.
type Outcome struct {
	Line int
	// Name is the row's name as the list gives it.
	Name string
	Kind Kind
	// Slug is the entry the row added (Added) or repeats (Duplicate).
	Slug string
	// Reason says what a duplicate shares with Slug, why a row was
	// refused, or which company an added page belongs to.
	Reason string
}

// Result is what an import would change.
type Result struct {
	// Providers are the new entries, sorted by slug.
	Providers []catalog.Provider
	// Outcomes has one element per row, in list order.
	Outcomes []Outcome
}

// Plan decides what becomes of each row, given the catalogue as it is and
// the platforms the adapters read (a platform name in lower case -> the
// adapter's name; adapters.Registry.Platforms). It is deterministic, and a
// second import of the same list into the catalogue it produced adds
// nothing.
func Plan(cat *catalog.Catalog, platforms map[string]string, rows []Row) *Result {
	p := newPlanner(cat, platforms)
	for _, r := range rows {
		p.take(r)
	}
	res := &Result{Outcomes: p.outcomes}
	for _, a := range p.added {
		res.Providers = append(res.Providers, a.Provider)
	}
	slices.SortFunc(res.Providers, func(a, b catalog.Provider) int { return strings.Compare(a.Slug, b.Slug) })
	return res
}

// owner is who holds a host or a company key: an entry's slug, and the
// name or host that gave the key, for messages.
type owner struct{ slug, from string }

// addition is an entry this import adds, and the outcome of its row.
type addition struct {
	catalog.Provider
	outcome int
}

type planner struct {
	platforms    map[string]string
	hosting      catalog.Hosting
	categories   []string
	pages, hosts map[string]owner
	companies    map[string]owner
	// clues holds, by catalog.CompanyClues key, the entry that gave it.
	clues map[string]clueOwner
	// categoryOf and retired are what the planner knows of each entry.
	categoryOf map[string]string
	retired    map[string]*catalog.Retirement
	slugs      map[string]bool
	added      map[string]*addition
	outcomes   []Outcome
}

func newPlanner(cat *catalog.Catalog, platforms map[string]string) *planner {
	p := &planner{platforms: platforms, hosting: cat.Hosting, pages: map[string]owner{}, hosts: map[string]owner{}, companies: map[string]owner{},
		clues: map[string]clueOwner{}, categoryOf: map[string]string{}, retired: map[string]*catalog.Retirement{},
		slugs: map[string]bool{}, added: map[string]*addition{}}
	for _, c := range cat.Categories {
		p.categories = append(p.categories, c.Slug)
	}
	for _, e := range cat.Providers {
		p.slugs[e.Slug] = true
		p.categoryOf[e.Slug] = e.Category
		if e.Retired != nil {
			p.retired[e.Slug] = e.Retired
		}
		p.remember(e.Slug, e.Name, e.URL)
		p.remember(e.Slug, "", e.Page)
		for _, a := range e.Aliases {
			p.remember(e.Slug, a, "")
		}
		p.rememberCompany(e)
	}
	return p
}

// clueOwner is the entry that gave a company clue, and the entry that
// stands for its company (its family's head, or itself).
type clueOwner struct{ entry, head string }

// rememberCompany files e's company clues under e, unless an earlier
// entry holds them.
func (p *planner) rememberCompany(e catalog.Provider) {
	for _, c := range p.hosting.CompanyClues(e.Name, e.URL, e.Page) {
		if _, held := p.clues[c.Key]; !held {
			p.clues[c.Key] = clueOwner{entry: e.Slug, head: e.Head()}
		}
	}
}

// companyOf finds the entry whose company e is a regional or product
// page of, by catalog.CompanyClues: the company's own entry (head) and,
// when the tie is by name, the entry of the service e is a regional
// page of (regional), whose category it shares.
func (p *planner) companyOf(e catalog.Provider) (head, regional string) {
	for _, c := range p.hosting.CompanyClues(e.Name, e.URL) {
		if o, ok := p.clues[c.Key]; ok {
			if strings.HasPrefix(c.Key, "base:") {
				return o.head, o.entry
			}
			return o.head, ""
		}
	}
	return "", ""
}

// remember files a name's company keys and a page's host under slug,
// unless an earlier entry holds them.
func (p *planner) remember(slug, name, page string) {
	if name != "" {
		for _, k := range catalog.CompanyKeys(name) {
			hold(p.companies, k, owner{slug, name})
		}
	}
	if page != "" {
		hold(p.pages, catalog.PageKey(page), owner{slug, catalog.PageKey(page)})
		hold(p.hosts, p.hosting.HostKey(page), owner{slug, p.hosting.HostKey(page)})
	}
}

// hold gives key to o unless someone holds it.
func hold(m map[string]owner, key string, o owner) {
	if _, held := m[key]; !held && key != "" {
		m[key] = o
	}
}

// take decides one row.
func (p *planner) take(r Row) {
	e, why := p.entry(r)
	if why != "" {
		p.outcomes = append(p.outcomes, Outcome{Line: r.Line, Name: r.Name, Kind: Refused, Reason: why})
		return
	}
	if o, reason, byName := p.duplicateOf(e); o.slug != "" {
		if ret := p.retired[o.slug]; ret != nil {
			p.outcomes = append(p.outcomes, Outcome{Line: r.Line, Name: r.Name, Kind: Refused, Slug: o.slug, Reason: retiredReason(o.slug, reason, ret)})
			return
		}
		if a := p.added[o.slug]; a != nil && byName && p.prefersOwnDomain(a.URL, e.URL) {
			p.replace(a, e, r)
			return
		}
		// Only the page is remembered, never the row's name: a row that
		// repeats an entry by its host may carry another company's name
		// (a US page labelled "OVHcloud"), and the entry taking that name
		// would shadow the company's own page in a later row.
		p.remember(o.slug, "", e.URL)
		p.outcomes = append(p.outcomes, Outcome{Line: r.Line, Name: r.Name, Kind: Duplicate, Slug: o.slug, Reason: reason})
		return
	}
	if head, regional := p.companyOf(e); head != "" {
		e.Family = head
		if regional != "" {
			e.Category = p.categoryOf[regional]
		}
	}
	e.Slug = p.newSlug(e)
	p.slugs[e.Slug] = true
	p.categoryOf[e.Slug] = e.Category
	p.remember(e.Slug, e.Name, e.URL)
	p.rememberCompany(e)
	p.added[e.Slug] = &addition{Provider: e, outcome: len(p.outcomes)}
	note := ""
	if e.Family != "" {
		note = "a page of " + e.Family + "'s company (family: " + e.Family + ")"
	}
	p.outcomes = append(p.outcomes, Outcome{Line: r.Line, Name: r.Name, Kind: Added, Slug: e.Slug, Reason: note})
}

// duplicateOf finds the entry e repeats: the one with the same page, else
// one on the same host, else one of the same company (byName). reason says
// what they share.
func (p *planner) duplicateOf(e catalog.Provider) (o owner, reason string, byName bool) {
	if o, ok := p.pages[catalog.PageKey(e.URL)]; ok {
		return o, "same status page " + o.from, false
	}
	if o, ok := p.hosts[p.hosting.HostKey(e.URL)]; ok {
		return o, "same host " + o.from, false
	}
	for _, k := range catalog.CompanyKeys(e.Name) {
		if o, ok := p.companies[k]; ok {
			return o, fmt.Sprintf("same company as %q", o.from), true
		}
	}
	return owner{}, "", false
}

// retiredReason says why a row of a retired entry is refused.
func retiredReason(slug, same string, r *catalog.Retirement) string {
	when := ""
	if r.Date != "" {
		when = " since " + r.Date
	}
	return fmt.Sprintf("%s is retired%s (%s): %s", slug, when, same, r.Reason)
}

// prefersOwnDomain reports whether a later row of a company, at next,
// replaces the entry added at first: first is on a vendor's domain whose
// pages move to their company's own (Statuspage's, catalog.Hosting.Moves)
// and next on the company's own domain.
func (p *planner) prefersOwnDomain(first, next string) bool {
	return p.hosting.Moved(catalog.Host(first)) && !p.hosting.Hosted(catalog.Host(next))
}

// replace puts e, a later row of the same company, in the place of a: the
// slug stays, the row that added a becomes its duplicate.
func (p *planner) replace(a *addition, e catalog.Provider, r Row) {
	old := &p.outcomes[a.outcome]
	old.Kind, old.Reason = Duplicate, fmt.Sprintf("same company; line %d gives its own domain %s, preferred to %s", r.Line, catalog.Host(e.URL), catalog.Host(a.URL))
	e.Slug, e.Family = a.Slug, a.Family
	a.Provider = e
	a.outcome = len(p.outcomes)
	p.remember(e.Slug, e.Name, e.URL)
	p.outcomes = append(p.outcomes, Outcome{Line: r.Line, Name: r.Name, Kind: Added, Slug: e.Slug})
}

// newSlug is the slug of e's name, or, when that is empty or taken, one
// with a label of its host added, then a number.
func (p *planner) newSlug(e catalog.Provider) string {
	base, label := slugify(e.Name), hostLabel(catalog.Host(e.URL), p.hosting)
	if label == "" {
		label = "provider"
	}
	candidates := []string{base, base + "-" + label}
	if base == "" {
		candidates = []string{label}
	}
	for _, c := range candidates {
		if c != "" && !p.slugs[c] {
			return c
		}
	}
	last := candidates[len(candidates)-1]
	for n := 2; ; n++ {
		if c := fmt.Sprintf("%s-%d", last, n); !p.slugs[c] {
			return c
		}
	}
}

// entry makes the catalogue entry a row asks for, without its slug, or
// says why the row is refused.
func (p *planner) entry(r Row) (catalog.Provider, string) {
	if r.Err != "" {
		return catalog.Provider{}, r.Err
	}
	u, why := statusURL(r.URL)
	if why != "" {
		return catalog.Provider{}, why
	}
	name, why := companyName(r.Name, catalog.Host(u))
	if why != "" {
		return catalog.Provider{}, why
	}
	category, why := p.category(r.Category)
	if why != "" {
		return catalog.Provider{}, why
	}
	return catalog.Provider{Name: name, URL: u, Adapter: adapterFor(r.Platform, p.platforms),
		Category: category, Source: catalog.SourceAuto}, ""
}

// statusURL checks a row's status_url with the catalogue's own rules and
// returns it as the catalogue stores it.
func statusURL(raw string) (string, string) {
	if raw == "" {
		return "", "no status_url"
	}
	if len(raw) > catalog.MaxURL {
		return "", fmt.Sprintf("status_url is %d characters, more than %d", len(raw), catalog.MaxURL)
	}
	if strings.HasPrefix(strings.ToLower(raw), "http://") {
		// An upgrade would be a guess: the https address may not serve
		// the page, or serve another one, and the import never fetches.
		return "", fmt.Sprintf("status_url %q is http://: the catalogue fetches only https; list the page's https:// address", raw)
	}
	if msg := catalog.CheckURL(raw); msg != "" {
		return "", "status_url " + msg
	}
	return catalog.NormalizeURL(raw), ""
}

// companyName is the name an entry gets, or why the row's name is none.
func companyName(raw, host string) (string, string) {
	name := displayName(raw, host)
	switch {
	case name == "":
		return "", "no name"
	case strings.Contains(name, "://"), strings.EqualFold(name, host), strings.EqualFold(name, strings.TrimPrefix(host, "www.")):
		return "", fmt.Sprintf("name %q is an address, not a company's name", raw)
	case utf8.RuneCountInString(name) > catalog.MaxName:
		return "", fmt.Sprintf("name is %d characters, more than %d", utf8.RuneCountInString(name), catalog.MaxName)
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return "", fmt.Sprintf("name %q has a control character", raw)
	}
	return name, ""
}

// category maps a category_guess to a category of the catalogue.
func (p *planner) category(guess string) (string, string) {
	slug, ok := categories[strings.ToLower(guess)]
	if !ok {
		known := make([]string, 0, len(categories))
		for k := range categories {
			if k != "" {
				known = append(known, k)
			}
		}
		slices.Sort(known)
		return "", fmt.Sprintf("unknown category_guess %q (known: %s)", guess, strings.Join(known, ", "))
	}
	if !slices.Contains(p.categories, slug) {
		return "", fmt.Sprintf("category_guess %q maps to %q, which categories.yaml does not have", guess, slug)
	}
	return slug, ""
}

// hostLabel is the part of a host that names its owner: the tenant on a
// platform domain (acme.statuspage.io -> acme), else the label before the
// public suffix (status.acme.co.uk -> acme).
func hostLabel(h string, hosting catalog.Hosting) string {
	labels := strings.Split(strings.TrimPrefix(h, "www."), ".")
	if hosting.Hosted(h) && len(labels) > 2 {
		return slugify(labels[0])
	}
	i := len(labels) - 2
	if i > 0 && len(labels[i]) <= 3 && slices.Contains([]string{"co", "com", "net", "org", "gov", "ac", "edu"}, labels[i]) {
		i--
	}
	return slugify(labels[max(i, 0)])
}
