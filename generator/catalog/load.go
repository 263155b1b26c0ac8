package catalog

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// LoadOptions adjusts how Load reports problems.
type LoadOptions struct {
	// Root is prefixed to paths inside fsys in error messages and in
	// Provider.File, so messages point at the file in the repository.
	// Empty means "content".
	Root string
	// Extra holds files read as if fsys had them, by path inside fsys
	// ("providers/acme.yaml"), over any file of that name: a file is
	// checked against the catalogue before it is written.
	Extra map[string][]byte
	// Hosting is where status-page vendors host pages, which tells
	// entries of one company and of one host (adapters.Registry.Hosting
	// gathers it); the Catalog keeps it for its readers.
	Hosting Hosting
}

const (
	providersDir   = "providers"
	categoriesFile = "categories.yaml"
)

var providerSchema = schema{
	allowed:      []string{"name", "url", "page", "adapter", "category", "description", "homepage", "aliases", "source", "verified", "family", "retired"},
	required:     []string{"name", "url", "adapter", "category"},
	requiredText: "name, url, adapter, category, description, homepage; entries with source: auto may leave out description and homepage",
	hints: map[string]string{
		"slug": "; the slug is the file name",
	},
	maxLen: map[string]int{
		"name": MaxName, "description": MaxDescription, "url": MaxURL, "page": MaxURL, "homepage": MaxURL,
		"aliases": MaxAlias, "adapter": maxWord, "category": maxWord, "source": maxWord, "family": maxWord,
	},
	maxItems: map[string]int{"aliases": MaxAliases},
}

var categorySchema = schema{
	allowed:  []string{"slug", "name", "description"},
	required: []string{"slug", "name", "description"},
	maxLen:   map[string]int{"slug": maxWord, "name": MaxName, "description": MaxDescription},
}

// Sources are the allowed values of a provider's source field.
var Sources = []string{SourceManual, SourceAuto}

// SourceManual marks an entry a person wrote; it is the default.
const SourceManual = "manual"

// SourceAuto marks an entry imported from a public list of status pages;
// it may leave out description and homepage, which a person writes when
// reviewing it, rather than have a tool invent them.
const SourceAuto = "auto"

// AutoAdapter in a provider file asks the fetcher to detect the vendor
// (with the probe "uptimus new" uses) and keep what it found in the fetch
// cache.
const AutoAdapter = "auto"

// writtenByPeople are the fields a manual entry must have beside the
// schema's required ones.
var writtenByPeople = []string{"description", "homepage"}

// Load reads categories.yaml and providers/*.yaml from fsys (the content
// folder), validates them against the known adapter names and returns the
// catalogue. When anything is wrong it returns a nil Catalog and an Errors
// value holding every problem found, each an *Error with file and line.
func Load(fsys fs.FS, adapters []string, opts ...LoadOptions) (*Catalog, error) {
	l := &loader{fsys: fsys, root: "content", adapters: adapters, extra: map[string][]byte{}, reported: map[[2]string]bool{}}
	for _, o := range opts {
		if o.Root != "" {
			l.root = o.Root
		}
		maps.Copy(l.extra, o.Extra)
		l.hosting = o.Hosting
	}
	cats, known := l.categories()
	recs := l.providers(known)
	l.duplicates(recs)
	l.relations(recs)
	if len(l.errs) > 0 {
		sortErrors(l.errs)
		return nil, l.errs
	}
	cat := &Catalog{Categories: cats, Providers: make([]Provider, len(recs)), Hosting: l.hosting}
	for i, r := range recs {
		cat.Providers[i] = r.Provider
	}
	return cat, nil
}

type loader struct {
	collector
	fsys     fs.FS
	root     string
	adapters []string
	extra    map[string][]byte
	hosting  Hosting
	// reported holds "a b" for two entries already reported as one
	// provider, so the family check does not report them again.
	reported map[[2]string]bool
}

// read reads a file of the catalogue, from extra or else from fsys.
func (l *loader) read(name string) ([]byte, error) {
	if data, ok := l.extra[name]; ok {
		if len(data) > MaxFileSize {
			return nil, errTooLarge
		}
		return data, nil
	}
	return readFile(l.fsys, name)
}

// providerFiles lists the names in providers/, the extra files there
// included, each with whether it is a folder.
func (l *loader) providerFiles() (map[string]bool, error) {
	entries, err := fs.ReadDir(l.fsys, providersDir)
	isDir := map[string]bool{}
	for _, e := range entries {
		isDir[e.Name()] = e.IsDir()
	}
	for name := range l.extra {
		if dir, base := path.Split(name); dir == providersDir+"/" {
			isDir[base] = false
		}
	}
	return isDir, err
}

// display turns a path inside fsys into the path shown to people.
func (l *loader) display(name string) string { return path.Join(l.root, name) }

// categories loads categories.yaml. known holds the valid slugs, or is nil
// when the file could not be read at all, in which case providers' categories
// are not checked: one missing file should give one error, not fifty.
func (l *loader) categories() (cats []Category, known []string) {
	file := l.display(categoriesFile)
	data, err := l.read(categoriesFile)
	if err != nil {
		l.add(file, 0, "cannot read: %v", readError(err))
		return nil, nil
	}
	root := parseYAML(&l.collector, file, data, "a list of categories, each with slug, name and description")
	if root == nil {
		return nil, nil
	}
	if root.Kind != yaml.SequenceNode {
		l.add(file, root.Line, "want a list of categories (each with slug, name and description), got %s", describe(root))
		return nil, nil
	}
	firstLine := map[string]int{}
	known = []string{}
	for i, item := range root.Content {
		f := categorySchema.mapping(&l.collector, file, resolve(item), categoryWhat(i))
		if f == nil {
			continue
		}
		slug, slugLine, slugOK := f.str(&l.collector, "slug")
		name, _, nameOK := f.str(&l.collector, "name")
		desc, _, descOK := f.str(&l.collector, "description")
		if slugOK && !validSlug(slug) {
			l.add(file, slugLine, "category slug %q %s", slug, slugRule)
			slugOK = false
		}
		if slugOK {
			if first, dup := firstLine[slug]; dup {
				l.add(file, slugLine, "duplicate category slug %q (first at line %d)", slug, first)
				slugOK = false
			} else {
				firstLine[slug] = slugLine
				known = append(known, slug)
			}
		}
		if slugOK && nameOK && descOK {
			cats = append(cats, Category{Slug: slug, Name: name, Description: desc})
		}
	}
	if len(root.Content) == 0 {
		l.add(file, root.Line, "no categories (want a list of categories, each with slug, name and description)")
	}
	return cats, known
}

func categoryWhat(i int) string { return "category " + strconv.Itoa(i+1) }

// record is a provider with the lines its cross-file checks point at.
type record struct {
	Provider
	nameLine, urlLine, pageLine int
	categoryLine, familyLine    int
	successorLine               int
	// aliasLines holds the line of each of Aliases.
	aliasLines []int
}

// providers loads every file under providers/, sorted by slug.
func (l *loader) providers(categories []string) []record {
	isDir, err := l.providerFiles()
	if err != nil {
		l.add(l.display(providersDir), 0, "cannot read: %v", readError(err))
	}
	var recs []record
	for _, base := range slices.Sorted(maps.Keys(isDir)) {
		file := l.display(path.Join(providersDir, base))
		if isDir[base] {
			l.add(file, 0, "unexpected folder: providers/ holds only <slug>.yaml files")
			continue
		}
		slug, ok := strings.CutSuffix(base, ".yaml")
		if !ok {
			l.add(file, 0, "not a .yaml file: providers/ holds only <slug>.yaml files")
			continue
		}
		if r, ok := l.provider(file, path.Join(providersDir, base), slug, categories); ok {
			recs = append(recs, r)
		}
	}
	slices.SortFunc(recs, func(a, b record) int { return strings.Compare(a.Slug, b.Slug) })
	return recs
}

// provider decodes and checks one file. ok is false when the file could not
// be decoded into anything worth comparing with other files.
func (l *loader) provider(file, name, slug string, categories []string) (record, bool) {
	c := &l.collector
	if !validSlug(slug) {
		l.add(file, 1, "slug %q (the file name) %s", slug, slugRule)
	}
	data, err := l.read(name)
	if err != nil {
		l.add(file, 0, "cannot read: %v", readError(err))
		return record{}, false
	}
	root := parseYAML(c, file, data, "a mapping with "+providerSchema.requiredList())
	if root == nil {
		return record{}, false
	}
	f := providerSchema.mapping(c, file, root, "provider")
	if f == nil {
		return record{}, false
	}
	r := record{Provider: Provider{Slug: slug, File: file, Source: SourceManual}}
	r.Name, r.nameLine, _ = f.str(c, "name")
	r.Description, _, _ = f.str(c, "description")
	r.URL, r.urlLine = l.url(f, "url")
	r.URL = NormalizeURL(r.URL)
	r.Homepage, _ = l.url(f, "homepage")
	r.Page, r.pageLine = l.url(f, "page")
	if v, line, ok := f.str(c, "adapter"); ok {
		r.Adapter = v
		if v != AutoAdapter && !contains(l.adapters, v) {
			l.add(file, line, "unknown adapter %q (known: %s)", v, knownList(append(slices.Clone(l.adapters), AutoAdapter)))
		}
	}
	if v, line, ok := f.str(c, "category"); ok {
		r.Category, r.categoryLine = v, line
		if categories != nil && !contains(categories, v) {
			l.add(file, line, "unknown category %q (known: %s)", v, knownList(categories))
		}
	}
	if v, line, ok := f.str(c, "source"); ok {
		r.Source = v
		if !contains(Sources, v) {
			l.add(file, line, "field \"source\": %q is not allowed (allowed: %s)", v, strings.Join(Sources, ", "))
		}
	}
	if r.Source != SourceAuto {
		l.requireWritten(f)
	}
	r.Aliases, r.aliasLines, _ = f.list(c, "aliases")
	if len(r.Aliases) == 0 {
		r.Aliases = nil
	}
	r.Verified = f.boolean(c, "verified")
	r.Family, r.familyLine, _ = f.str(c, "family")
	r.Retired, r.successorLine = l.retired(f)
	return r, true
}

// requireWritten reports the fields a manual entry must have and lacks.
func (l *loader) requireWritten(f *fields) {
	for _, name := range writtenByPeople {
		if _, ok := f.values[name]; !ok {
			l.add(f.file, f.line, "missing required field %q (required: %s)", name, providerSchema.requiredList())
		}
	}
}

// url reads an https address field; it returns "" when the field is bad.
func (l *loader) url(f *fields, name string) (string, int) {
	v, line, ok := f.str(&l.collector, name)
	if !ok {
		return "", line
	}
	if msg := CheckURL(v); msg != "" {
		l.add(f.file, line, "field %q: %s", name, msg)
		return "", line
	}
	return v, line
}

// claim is the entry that first held a key of sameness (same.go), and
// the name or host it held it by.
type claim struct {
	slug, by, file string
	line           int
}

// duplicates reports two entries that are one provider, by the keys
// uptimus import skips a row by: the same host (HostKey) of a url or page,
// or the same company (CompanyKeys) of a name or alias. recs are in slug
// order, so the later file gets the error, which names the earlier one.
func (l *loader) duplicates(recs []record) {
	hosts, companies := map[string]claim{}, map[string]claim{}
	for _, r := range recs {
		l.same(hosts, r, "url", r.URL, r.urlLine, []string{l.hosting.HostKey(r.URL)}, "same host ")
		l.same(hosts, r, "page", r.Page, r.pageLine, []string{l.hosting.HostKey(r.Page)}, "same host ")
		l.same(companies, r, "name", r.Name, r.nameLine, CompanyKeys(r.Name), "")
		for i, a := range r.Aliases {
			l.same(companies, r, "alias", a, r.aliasLines[i], CompanyKeys(a), "")
		}
	}
}

// same reports value, field of r on line, when another entry holds one of
// its keys, and otherwise files them under r. shared says what the two
// have in common; "" means the same company.
func (l *loader) same(held map[string]claim, r record, field, value string, line int, keys []string, shared string) {
	if value == "" {
		return
	}
	for _, k := range keys {
		if c, ok := held[k]; ok && c.slug != r.Slug {
			why := shared + c.by
			if shared == "" {
				why = fmt.Sprintf("same company as %q", c.by)
			}
			l.add(r.File, line, "duplicate %s %q: %s (also in %s:%d)", field, value, why, c.file, c.line)
			l.reported[[2]string{c.slug, r.Slug}] = true
			return
		}
	}
	for _, k := range keys {
		if _, ok := held[k]; !ok && k != "" {
			by := value
			if shared != "" {
				by = k
			}
			held[k] = claim{slug: r.Slug, by: by, file: r.File, line: line}
		}
	}
}

func knownList(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	sorted := slices.Clone(list)
	slices.Sort(sorted)
	return strings.Join(sorted, ", ")
}

// errTooLarge is a catalogue file over MaxFileSize.
var errTooLarge = fmt.Errorf("larger than %d bytes (%d KiB), the limit for a catalogue file", MaxFileSize, MaxFileSize>>10)

// readFile reads name, but never more than MaxFileSize bytes of it.
func readFile(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err == nil && len(data) > MaxFileSize {
		err = errTooLarge
	}
	return data, err
}

// readError shortens fs errors, whose text repeats the path we already print.
func readError(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fs.ErrNotExist
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
