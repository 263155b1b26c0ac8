package site

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/paths"
)

// The pages about many providers stay small at a thousand of them: they
// show the providers that need attention one line each, and count the
// rest. Every provider is one line of the A-Z index and one entry of the
// search index.
const (
	// attentionShown is how many providers needing attention the home
	// page lists; the A-Z index lists them all.
	attentionShown = 24
	// uncheckedShown is how many providers we failed to check the home
	// page names.
	uncheckedShown = 10
	// sectionShown is how many providers a category's section on the home
	// page names; its page lists them all.
	sectionShown = 6
)

// noDataKey is the state key of a provider without data, beside the
// status words.
const noDataKey = "no_data"

// retiredKey is the state key of a provider whose service or page is gone.
const retiredKey = "retired"

// StateKey is the provider's state as lists and the search index name it:
// a status word, or "no_data".
func (v *providerView) StateKey() string {
	if v.Retired != nil {
		return retiredKey
	}
	if v.NoData {
		return noDataKey
	}
	return string(v.Status)
}

// StateLabel is the provider's state in words.
func (v *providerView) StateLabel() string { return stateLabel(v.StateKey()) }

func stateLabel(key string) string {
	switch key {
	case noDataKey:
		return "No data yet"
	case retiredKey:
		return "Retired"
	}
	return adapters.Status(key).Label()
}

// StateClass is the CSS class of the provider's state.
func (v *providerView) StateClass() string { return statusClass(v.Status) }

// Unchecked reports whether we could not read the provider's page lately:
// our data is stale, or we have none and the checks fail. Such a provider
// never needs attention (see Attention): we cannot say how it is now.
func (v *providerView) Unchecked() bool {
	return v.Stale || v.NoData && v.Check.Failed()
}

// LastKnown is, in a few words, what our data showed at its last success
// for a provider whose data is stale: its open incidents, running
// maintenance, else its status ("" when that is unknown too).
func (v *providerView) LastKnown() string {
	switch {
	case v.NoData:
		return ""
	case len(v.Open) > 0:
		return plural(len(v.Open), "open incident", "open incidents")
	case len(v.MaintActive) > 0:
		return "maintenance in progress"
	case v.Current == adapters.Unknown:
		return ""
	}
	return strings.ToLower(v.Current.Label())
}

// stateCount is how many providers of a list are in one state.
type stateCount struct {
	Key, Label string
	N          int
}

// stateOrder lists the state keys worst first, for counts.
var stateOrder = []string{string(adapters.MajorOutage), string(adapters.PartialOutage), string(adapters.Maintenance),
	string(adapters.Degraded), string(adapters.Operational), string(adapters.Unknown), noDataKey}

// countStates counts views by state, worst first, leaving out states no
// view is in.
func countStates(views []*providerView) []stateCount {
	n := map[string]int{}
	for _, v := range views {
		n[v.StateKey()]++
	}
	var out []stateCount
	for _, k := range stateOrder {
		if n[k] > 0 {
			out = append(out, stateCount{Key: k, Label: strings.ToLower(stateLabel(k)), N: n[k]})
		}
	}
	return out
}

// homeSection is one category on the home page: its counts by state and
// the few providers that matter most in it.
type homeSection struct {
	Slug string
	Name string
	// URL is the category's page, where all its providers are listed.
	URL    string
	Total  int
	States []stateCount
	Shown  []*providerView
}

// newHomeSection sums up a category's providers (sorted by byAttention).
func newHomeSection(slug, name, url string, members []*providerView) homeSection {
	s := homeSection{Slug: slug, Name: name, URL: url, Total: len(members), States: countStates(members)}
	top := slices.Clone(members)
	slices.SortStableFunc(top, byImportance)
	s.Shown = top[:min(len(top), sectionShown)]
	return s
}

// byImportance orders the few providers a summary names: those needing
// attention, then the reviewed and hand-written listings, then those we
// have data for, each by byAttention.
func byImportance(a, b *providerView) int {
	rank := func(v *providerView) int {
		switch {
		case v.Attention():
			return 0
		case v.Verified:
			return 1
		case v.Manual:
			return 2
		case !v.NoData:
			return 3
		}
		return 4
	}
	return cmp.Or(cmp.Compare(rank(a), rank(b)), byAttention(a, b))
}

// letterGroup is one letter of the A-Z index.
type letterGroup struct {
	Letter    string
	ID        string
	Providers []*providerView
}

// indexView is the body of the A-Z index of every provider.
type indexView struct {
	Total     int
	States    []stateCount
	Attention []*providerView
	Letters   []letterGroup
}

// initial is the letter a provider is filed under: the upper-case first
// letter of its name when it is A to Z, else "#".
func initial(name string) string {
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(name))
	r = unicode.ToUpper(r)
	if r >= 'A' && r <= 'Z' {
		return string(r)
	}
	return "#"
}

// byName orders providers by name as a reader scans a list, then by slug.
func byName(a, b *providerView) int {
	return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.Slug, b.Slug))
}

// newIndexView files every provider under its initial; "#" sorts first.
func newIndexView(views []*providerView) indexView {
	sorted := slices.Clone(views)
	slices.SortStableFunc(sorted, func(a, b *providerView) int {
		return cmp.Or(cmp.Compare(initial(a.Name), initial(b.Name)), byName(a, b))
	})
	iv := indexView{Total: len(views), States: countStates(views)}
	for _, v := range sorted {
		l := initial(v.Name)
		if n := len(iv.Letters); n == 0 || iv.Letters[n-1].Letter != l {
			id := "l-" + strings.ToLower(l)
			if l == "#" {
				id = "l-other"
			}
			iv.Letters = append(iv.Letters, letterGroup{Letter: l, ID: id})
		}
		g := &iv.Letters[len(iv.Letters)-1]
		g.Providers = append(g.Providers, v)
	}
	attention := slices.Clone(views)
	slices.SortStableFunc(attention, byAttention)
	for _, v := range attention {
		if v.Attention() {
			iv.Attention = append(iv.Attention, v)
		}
	}
	return iv
}

func (b *builder) renderIndex(views []*providerView) error {
	iv := newIndexView(views)
	rel := paths.ProvidersIndex()
	err := b.execute("providers", strings.TrimPrefix(rel, "/")+"index.html", page{
		Site:        b.site,
		Title:       fmt.Sprintf("All %s A to Z: status of each | %s", plural(len(views), "provider", "providers"), SiteName),
		Description: fmt.Sprintf("Every one of the %s %s follows, A to Z, with its current state from its official status page.", plural(len(views), "service provider", "service providers"), SiteName),
		Canonical:   b.u.Abs(rel),
		Crumbs:      []crumb{{Name: "Home", URL: b.site.Home}},
		Here:        "All providers",
		Scripts:     b.site.Search,
		Body:        iv,
	})
	if err != nil {
		return err
	}
	b.addSitemap(rel, b.newest(views))
	return nil
}

// searchIndex is the JSON the search box loads: one array per provider,
// [slug, name, state, category], then [aliases] when it has any or is
// a page of a company listed under another entry, then that entry's slug
// (its family); the
// category an index into Categories and the state a key of States
// (scripts/validate/search-index.schema.json). Arrays rather than objects
// keep a thousand providers near 60 KB (about 12 KB compressed).
type searchIndex struct {
	// Page is the path that a slug and "/" complete to the provider's page.
	Page       string            `json:"page"`
	States     map[string]string `json:"states"`
	Categories []string          `json:"categories"`
	Providers  [][]any           `json:"providers"`
}

// newSearchIndex lists views by name.
func newSearchIndex(views []*providerView, page string) searchIndex {
	idx := searchIndex{Page: page, States: map[string]string{}}
	cats := map[string]int{}
	sorted := slices.Clone(views)
	slices.SortStableFunc(sorted, byName)
	for _, v := range sorted {
		c, ok := cats[v.Category]
		if !ok {
			c = len(idx.Categories)
			cats[v.Category] = c
			idx.Categories = append(idx.Categories, v.Category)
		}
		idx.States[v.StateKey()] = v.StateLabel()
		entry := []any{v.Slug, v.Name, v.StateKey(), c}
		if len(v.Aliases) > 0 || v.Family != "" {
			entry = append(entry, append([]string{}, v.Aliases...))
		}
		if v.Family != "" {
			// search.js lists a company once: by its best match, its own
			// entry among equals.
			entry = append(entry, v.Family)
		}
		idx.Providers = append(idx.Providers, entry)
	}
	return idx
}

// writeSearchIndex publishes the search index and returns its link,
// versioned by content hash like the static assets.
func (b *builder) writeSearchIndex(views []*providerView) (string, error) {
	data, err := json.Marshal(newSearchIndex(views, b.u.Path(paths.StatusRoot)))
	if err != nil {
		return "", fmt.Errorf("site: search index: %w", err)
	}
	rel := paths.SearchIndex()
	if err := b.pub.Write(strings.TrimPrefix(rel, "/"), data); err != nil {
		return "", err
	}
	return b.u.Path(rel) + "?v=" + contentVersion(data), nil
}

// contentVersion names a file's content in the ?v= of its links, so that
// browsers may cache it for long and still see a change at once.
func contentVersion(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:4])
}
