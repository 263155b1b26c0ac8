// Package outage answers "is it me, or is half the internet down?": from
// every provider's current state it lists those reporting a problem now
// (an open incident, a status worse than operational, maintenance in
// progress) and groups the ones that began close together or whose
// incident text names the same upstream provider of the catalogue. The
// site's /now/ page and the API's now.json both read it, so they agree.
package outage

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/model"
)

// Window is how close two problems must begin to be grouped: a large
// outage reaches its dependents within minutes, and their status pages
// post 5 to 30 minutes after their own monitoring fires. Wider, unrelated
// incidents of an ordinary day (a few an hour across a catalogue of a
// thousand) would chain into one group.
const Window = 30 * time.Minute

// Lead is the least number of providers in one group for the home page to
// lead with it: at a few incidents an hour across the catalogue, ten
// beginning together by chance is about a one-in-100,000 half hour, so
// ten is an event, not a busy afternoon.
const Lead = 10

// Problem is one provider reporting a problem now.
type Problem struct {
	Key string
	// Began is when its current problem began: the earliest start of its
	// open incidents and running maintenance, else when its status became
	// what it is.
	Began  time.Time
	Status adapters.Status
	// Titles are its open incidents' and running maintenance's titles,
	// newest first.
	Titles []string
	// Maintenance is true when running maintenance is all it reports.
	Maintenance bool
	// text is what it says, searched for upstream names.
	text string
}

// ProblemOf is the problem a provider in state st reports, if any. A
// provider whose data is stale reports nothing live.
func ProblemOf(key string, st model.State) (Problem, bool) {
	if st.Stale || st.NoData || (len(st.Open) == 0 && len(st.Maintenance) == 0 && st.Current.Rank() <= adapters.Operational.Rank()) {
		return Problem{}, false
	}
	p := Problem{Key: key, Status: st.Current, Maintenance: len(st.Open) == 0 && len(st.Maintenance) > 0}
	var text strings.Builder
	for _, inc := range append(slices.Clone(st.Open), st.Maintenance...) {
		p.Titles = append(p.Titles, model.Clean(inc.Title))
		text.WriteString(inc.Title + "\n")
		if u := model.NewestUpdate(inc.Updates); u != nil {
			text.WriteString(u.Body + "\n")
		}
		if s := model.Start(inc); !s.IsZero() && (p.Began.IsZero() || s.Before(p.Began)) {
			p.Began = s.UTC()
		}
	}
	if p.Began.IsZero() {
		p.Began = st.Since.UTC()
	}
	p.text = text.String()
	return p, true
}

// Names finds what a text names of the catalogue: its providers, by name
// or alias, and the regions and services of their histories (Place), as
// whole words, ignoring case.
type Names struct {
	names []name
}

// name is one term to look for. A provider's key is its slug; a place's
// is its provider's slug, a slash and the term.
type name struct {
	key, label string
	// provider is the slug of the provider the term belongs to; place is
	// the term when it is a region or service.
	provider, place string
	re              *regexp.Regexp
	// ascii is the term in lower case when it is all ASCII, else "":
	// Mentions skips the expression for an ASCII text without it.
	ascii string
}

// newName is a name for term, matched by wordRE.
func newName(key, label, provider, place, term string) name {
	nm := name{key: key, label: label, provider: provider, place: place, re: wordRE(term)}
	if isASCII(term) {
		nm.ascii = strings.ToLower(term)
	}
	return nm
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// NewNames compiles the names and aliases of the catalogue's providers and
// the places of their histories (PlacesOf, in any order). Names shorter
// than three letters are left out: "X" or "Io" would match ordinary
// words. A place several providers' histories name belongs to the one
// that names it most (then the first in the catalogue): "us-east-1" is
// AWS's, though a service hosted there may name it in a component.
func NewNames(providers []catalog.Provider, places []Place) *Names {
	n := &Names{}
	short := map[string]string{}
	order := map[string]int{}
	for i, p := range providers {
		order[p.Slug] = i
		short[p.Slug] = p.Name
		for _, s := range append([]string{p.Name}, p.Aliases...) {
			s = strings.TrimSpace(s)
			if len([]rune(s)) < 3 {
				continue
			}
			if len(s) < len(short[p.Slug]) {
				short[p.Slug] = s
			}
			n.names = append(n.names, newName(p.Slug, p.Name, p.Slug, "", s))
		}
	}
	owner := map[string]Place{}
	for _, pl := range places {
		k := strings.ToLower(pl.Term)
		o, seen := owner[k]
		if _, listed := order[pl.Provider]; !listed {
			continue
		}
		if !seen || pl.Count > o.Count || pl.Count == o.Count && order[pl.Provider] < order[o.Provider] {
			owner[k] = pl
		}
	}
	terms := make([]string, 0, len(owner))
	for k := range owner {
		terms = append(terms, k)
	}
	slices.SortFunc(terms, func(a, b string) int {
		return cmp.Or(cmp.Compare(order[owner[a].Provider], order[owner[b].Provider]), cmp.Compare(a, b))
	})
	for _, k := range terms {
		pl := owner[k]
		label := pl.Term
		if pl.Region {
			label = short[pl.Provider] + " " + pl.Term
		}
		n.names = append(n.names, newName(pl.Provider+"/"+pl.Term, label, pl.Provider, pl.Term, pl.Term))
	}
	return n
}

// wordRE matches s as whole words, any case, compiled once per program
// (wordREs).
func wordRE(s string) *regexp.Regexp {
	if re, ok := wordREs.Load(s); ok {
		return re.(*regexp.Regexp)
	}
	re := regexp.MustCompile(`(?i)(^|[^\pL\pN])` + regexp.QuoteMeta(s) + `($|[^\pL\pN])`)
	wordREs.Store(s, re)
	return re
}

// wordREs holds the patterns wordRE compiled, by term. A pattern with
// Unicode classes is slow to compile, and the same terms come back: the
// site and the API each make Names from one catalogue, and every build
// of a process (serve, the tests) from the same one again. A Regexp is
// safe for concurrent use; the terms are the catalogue's names and its
// histories' places, so the map stays their size.
var wordREs sync.Map

// Mentions lists the keys of the providers and places text names, other
// than self's, providers in catalogue order then places, each once.
//
// An ASCII text can hold an ASCII term, any case, only if its lower case
// holds the term's: that test rules out most names before their
// expression runs (each against every provider reporting a problem, at
// every build, was a tenth of a rebuild of 1,000 providers).
func (n *Names) Mentions(text, self string) []string {
	var out []string
	lower := ""
	if isASCII(text) {
		lower = strings.ToLower(text)
	}
	for _, nm := range n.names {
		if lower != "" && nm.ascii != "" && !strings.Contains(lower, nm.ascii) {
			continue
		}
		if nm.provider != self && !slices.Contains(out, nm.key) && nm.re.MatchString(text) {
			out = append(out, nm.key)
		}
	}
	return out
}

// Label is the name of the provider or place key, or key.
func (n *Names) Label(key string) string {
	if nm := n.find(key); nm != nil {
		return nm.label
	}
	return key
}

func (n *Names) find(key string) *name {
	for i := range n.names {
		if n.names[i].key == key {
			return &n.names[i]
		}
	}
	return nil
}

// Group is problems that began together or name the same upstream.
type Group struct {
	// Since is the earliest Began of its problems; Problems are newest
	// first.
	Since    time.Time
	Problems []Problem
	// Mentions are the upstream providers its problems name, the most
	// named first.
	Mentions []Mention
}

// Mention is an upstream provider, or a region or service of one, named
// by Count problems of a group.
type Mention struct {
	Key, Name string
	// Provider is the upstream provider's slug; Place the region or
	// service, empty when the provider itself is named.
	Provider, Place string
	Count           int
}

// general is 1 for a provider named, 0 for a region or service of one.
func (m Mention) general() int {
	if m.Place == "" {
		return 1
	}
	return 0
}

// Now groups the problems: two are in one group when they began within
// Window of each other (or of a problem between them), or when their texts
// name the same provider, region or service of names. Groups come largest first, then newest;
// a problem alone is a group of one.
func Now(problems []Problem, names *Names) []Group {
	ps := slices.Clone(problems)
	slices.SortFunc(ps, func(a, b Problem) int { return cmp.Or(a.Began.Compare(b.Began), cmp.Compare(a.Key, b.Key)) })
	parent := make([]int, len(ps))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	join := func(a, b int) { parent[find(a)] = find(b) }
	mentions := make([][]string, len(ps))
	byUpstream := map[string]int{}
	for i := range ps {
		if i > 0 && ps[i].Began.Sub(ps[i-1].Began) <= Window {
			join(i, i-1)
		}
		mentions[i] = names.Mentions(ps[i].text, ps[i].Key)
		for _, m := range mentions[i] {
			if j, ok := byUpstream[m]; ok {
				join(i, j)
			} else {
				byUpstream[m] = i
			}
		}
	}
	groups := map[int]*Group{}
	var order []int
	for i, p := range ps {
		r := find(i)
		g, ok := groups[r]
		if !ok {
			g = &Group{Since: p.Began}
			groups[r] = g
			order = append(order, r)
		}
		g.Problems = append(g.Problems, p)
		for _, m := range mentions[i] {
			k := slices.IndexFunc(g.Mentions, func(x Mention) bool { return x.Key == m })
			if k < 0 {
				nm := names.find(m)
				g.Mentions = append(g.Mentions, Mention{Key: m, Name: nm.label, Provider: nm.provider, Place: nm.place})
				k = len(g.Mentions) - 1
			}
			g.Mentions[k].Count++
		}
	}
	out := make([]Group, 0, len(order))
	for _, r := range order {
		g := groups[r]
		slices.Reverse(g.Problems)
		// The most named first; of as many, a place before a provider: "9
		// mention AWS us-east-1" says more than "9 mention AWS".
		slices.SortStableFunc(g.Mentions, func(a, b Mention) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.general(), b.general()))
		})
		out = append(out, *g)
	}
	slices.SortStableFunc(out, func(a, b Group) int {
		return cmp.Or(cmp.Compare(len(b.Problems), len(a.Problems)), b.Since.Compare(a.Since))
	})
	return out
}
