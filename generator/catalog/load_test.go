package catalog

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/uptimus/uptimus/adapters/all"

	"gopkg.in/yaml.v3"
)

var testAdapters = []string{"statuspage", "instatus"}

// testHosting is where the registered vendors host pages, as the commands
// hand it to Load.
var testHosting = Hosting(all.Registry().Hosting())

const testCategories = `- slug: dev
  name: Developer tools
  description: Tools for developers.
- slug: cloud
  name: Cloud
  description: Hosting and infrastructure.
`

// testFoo is a valid provider; its fields are on lines 1 to 6 in order.
const testFoo = `name: Foo
url: https://status.foo.com/
adapter: statuspage
category: dev
description: Foo does things.
homepage: https://foo.com
`

// testFS returns a valid content tree changed by set (added or replaced
// files) and del (removed files).
func testFS(set map[string]string, del ...string) fstest.MapFS {
	files := map[string]string{
		"categories.yaml":    testCategories,
		"providers/foo.yaml": testFoo,
	}
	maps.Copy(files, set)
	for _, name := range del {
		delete(files, name)
	}
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// messages returns the text of every error in err, failing the test if err
// is not an Errors list of *Error values.
func messages(t *testing.T, err error) []string {
	t.Helper()
	var list Errors
	if !errors.As(err, &list) {
		t.Fatalf("error %v (%T) is not catalog.Errors", err, err)
	}
	var out []string
	for _, e := range list {
		var one *Error
		if !errors.As(e, &one) {
			t.Fatalf("list item %v (%T) is not *catalog.Error", e, e)
		}
		out = append(out, one.Error())
	}
	return out
}

func TestLoadValid(t *testing.T) {
	bar := "name: Bar\nurl: https://bar.statuspage.io\nadapter: instatus\ncategory: cloud\n" +
		"description: Bar hosts.\nhomepage: https://bar.example\naliases:\n  - Bar Inc\n  - BarCo\nsource: auto\nverified: true\n"
	cat, err := Load(testFS(map[string]string{"providers/bar.yaml": bar}), testAdapters)
	if err != nil {
		t.Fatal(err)
	}
	want := []Provider{
		{Slug: "bar", Name: "Bar", URL: "https://bar.statuspage.io", Adapter: "instatus", Category: "cloud",
			Description: "Bar hosts.", Homepage: "https://bar.example", Aliases: []string{"Bar Inc", "BarCo"},
			Source: "auto", Verified: true, File: "content/providers/bar.yaml"},
		{Slug: "foo", Name: "Foo", URL: "https://status.foo.com", Adapter: "statuspage", Category: "dev",
			Description: "Foo does things.", Homepage: "https://foo.com", Source: "manual", File: "content/providers/foo.yaml"},
	}
	if len(cat.Providers) != len(want) {
		t.Fatalf("got %d providers, want %d", len(cat.Providers), len(want))
	}
	for i := range want {
		got := cat.Providers[i]
		if got.Slug != want[i].Slug || got.Name != want[i].Name || got.URL != want[i].URL ||
			got.Adapter != want[i].Adapter || got.Category != want[i].Category ||
			got.Description != want[i].Description || got.Homepage != want[i].Homepage ||
			strings.Join(got.Aliases, "|") != strings.Join(want[i].Aliases, "|") || (got.Aliases == nil) != (want[i].Aliases == nil) ||
			got.Source != want[i].Source || got.Verified != want[i].Verified || got.File != want[i].File {
			t.Errorf("provider %d:\n got %+v\nwant %+v", i, got, want[i])
		}
	}
	wantCats := []Category{
		{Slug: "dev", Name: "Developer tools", Description: "Tools for developers."},
		{Slug: "cloud", Name: "Cloud", Description: "Hosting and infrastructure."},
	}
	if len(cat.Categories) != 2 || cat.Categories[0] != wantCats[0] || cat.Categories[1] != wantCats[1] {
		t.Errorf("categories = %+v, want %+v", cat.Categories, wantCats)
	}
}

// TestLoadAutoEntry: an imported entry may leave out what a person writes
// on review, and may leave the vendor to detection; a manual one may not.
func TestLoadAutoEntry(t *testing.T) {
	auto := "name: Auto\nurl: https://status.auto.example\nadapter: auto\ncategory: cloud\nsource: auto\n"
	cat, err := Load(testFS(map[string]string{"providers/auto.yaml": auto}), testAdapters)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := cat.Provider("auto")
	if p.Adapter != AutoAdapter || p.Source != SourceAuto || p.Description != "" || p.Homepage != "" || p.Verified {
		t.Errorf("auto entry = %+v", p)
	}
	manual := strings.Replace(auto, "source: auto\n", "", 1)
	_, err = Load(testFS(map[string]string{"providers/auto.yaml": manual}), testAdapters)
	got := strings.Join(messages(t, err), "\n")
	for _, field := range []string{`"description"`, `"homepage"`} {
		if !strings.Contains(got, "content/providers/auto.yaml:1: missing required field "+field) {
			t.Errorf("manual entry without %s: errors %q", field, got)
		}
	}
}

func TestLookups(t *testing.T) {
	bar := strings.Replace(testFoo, "Foo", "Bar", 1)
	bar = strings.Replace(bar, "status.foo.com", "status.bar.com", 1)
	baz := strings.Replace(bar, "Bar", "Baz", 1)
	baz = strings.Replace(baz, "status.bar.com", "status.baz.com", 1)
	baz = strings.Replace(baz, "category: dev", "category: cloud", 1)
	cat, err := Load(testFS(map[string]string{"providers/bar.yaml": bar, "providers/baz.yaml": baz}), testAdapters)
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := cat.Provider("baz"); !ok || p.Name != "Baz" || p != &cat.Providers[1] {
		t.Errorf("Provider(baz) = %v, %v", p, ok)
	}
	if p, ok := cat.Provider("nope"); ok || p != nil {
		t.Errorf("Provider(nope) = %v, %v, want nil, false", p, ok)
	}
	if c, ok := cat.Category("cloud"); !ok || c.Name != "Cloud" {
		t.Errorf("Category(cloud) = %v, %v", c, ok)
	}
	if c, ok := cat.Category("nope"); ok || c != nil {
		t.Errorf("Category(nope) = %v, %v, want nil, false", c, ok)
	}
	var slugs []string
	for _, p := range cat.InCategory("dev") {
		slugs = append(slugs, p.Slug)
	}
	if got := strings.Join(slugs, ","); got != "bar,foo" {
		t.Errorf("InCategory(dev) = %s, want bar,foo", got)
	}
	if got := cat.InCategory("cloud"); len(got) != 1 || got[0].Slug != "baz" {
		t.Errorf("InCategory(cloud) = %v", got)
	}
	if got := cat.InCategory("nope"); len(got) != 0 {
		t.Errorf("InCategory(nope) = %v, want none", got)
	}
}

// fooWith returns testFoo with line n (1-based) replaced by repl; an empty
// repl removes the line.
func fooWith(n int, repl string) string {
	lines := strings.Split(strings.TrimSuffix(testFoo, "\n"), "\n")
	if repl == "" {
		lines = append(lines[:n-1], lines[n:]...)
	} else {
		lines[n-1] = repl
	}
	return strings.Join(lines, "\n") + "\n"
}

const foo = "content/providers/foo.yaml"
const cats = "content/categories.yaml"

func TestLoadErrors(t *testing.T) {
	allowed := "(allowed: name, url, page, adapter, category, description, homepage, aliases, source, verified, family, retired)"
	required := "(required: name, url, adapter, category, description, homepage; entries with source: auto may leave out description and homepage)"
	slugRuleText := `must match [a-z0-9-]+ with no leading or trailing "-"`
	tests := []struct {
		name string
		set  map[string]string
		del  []string
		want []string
	}{
		{"unknown field", map[string]string{"providers/foo.yaml": testFoo + "colour: red\n"},
			nil, []string{foo + `:7: unknown field "colour" ` + allowed}},
		{"slug is not a field", map[string]string{"providers/foo.yaml": testFoo + "slug: bar\n"},
			nil, []string{foo + `:7: unknown field "slug" ` + allowed + "; the slug is the file name"}},
		{"duplicate field", map[string]string{"providers/foo.yaml": testFoo + "name: Foo again\n"},
			nil, []string{foo + `:7: duplicate field "name" (first at line 1)`}},
		{"missing field", map[string]string{"providers/foo.yaml": fooWith(6, "")},
			nil, []string{foo + `:1: missing required field "homepage" ` + required}},
		{"missing fields", map[string]string{"providers/foo.yaml": "name: Foo\n"}, nil, []string{
			foo + `:1: missing required field "url" ` + required,
			foo + `:1: missing required field "adapter" ` + required,
			foo + `:1: missing required field "category" ` + required,
			foo + `:1: missing required field "description" ` + required,
			foo + `:1: missing required field "homepage" ` + required,
		}},
		{"name is a list", map[string]string{"providers/foo.yaml": fooWith(1, "name: [a, b]")},
			nil, []string{foo + `:1: field "name": want a string, got a list`}},
		{"name is a number", map[string]string{"providers/foo.yaml": fooWith(1, "name: 42")},
			nil, []string{foo + `:1: field "name": want a string, got an integer`}},
		{"description is a mapping", map[string]string{"providers/foo.yaml": fooWith(5, "description:\n  text: hi")},
			nil, []string{foo + `:6: field "description": want a string, got a mapping`}},
		{"name is null", map[string]string{"providers/foo.yaml": fooWith(1, "name:")},
			nil, []string{foo + `:1: field "name" is empty`}},
		{"name is blank", map[string]string{"providers/foo.yaml": fooWith(1, `name: "  "`)},
			nil, []string{foo + `:1: field "name" is empty`}},
		{"verified not a boolean", map[string]string{"providers/foo.yaml": testFoo + "verified: yes\n"},
			nil, []string{foo + `:7: field "verified": want true or false, got a string`}},
		{"url http", map[string]string{"providers/foo.yaml": fooWith(2, "url: http://status.foo.com")},
			nil, []string{foo + `:2: field "url": "http://status.foo.com" must start with https://`}},
		{"url without scheme", map[string]string{"providers/foo.yaml": fooWith(2, "url: status.foo.com")},
			nil, []string{foo + `:2: field "url": "status.foo.com" must start with https://`}},
		{"url without host", map[string]string{"providers/foo.yaml": fooWith(2, "url: https:///status")},
			nil, []string{foo + `:2: field "url": "https:///status" has no host`}},
		{"url with query", map[string]string{"providers/foo.yaml": fooWith(2, "url: https://status.foo.com/?page=1")},
			nil, []string{foo + `:2: field "url": "https://status.foo.com/?page=1" must not have a query (?...)`}},
		{"url with fragment", map[string]string{"providers/foo.yaml": fooWith(2, `url: "https://status.foo.com/#top"`)},
			nil, []string{foo + `:2: field "url": "https://status.foo.com/#top" must not have a fragment (#...)`}},
		{"url with user info", map[string]string{"providers/foo.yaml": fooWith(2, "url: https://me:pw@status.foo.com")},
			nil, []string{foo + `:2: field "url": "https://me:pw@status.foo.com" must not contain user info`}},
		{"url unparsable", map[string]string{"providers/foo.yaml": fooWith(2, "url: https://status.foo.com/%zz")},
			nil, []string{foo + `:2: field "url": "https://status.foo.com/%zz" is not a URL: invalid URL escape "%zz"`}},
		{"url is a number", map[string]string{"providers/foo.yaml": fooWith(2, "url: 3.5")},
			nil, []string{foo + `:2: field "url": want a string, got a number`}},
		{"url is an IPv4 literal", map[string]string{"providers/foo.yaml": fooWith(2, "url: https://10.0.0.5/status")},
			nil, []string{foo + `:2: field "url": "https://10.0.0.5/status": the host must be a DNS name, not an IP address (10.0.0.5)`}},
		{"url is an IPv6 literal", map[string]string{"providers/foo.yaml": fooWith(2, `url: "https://[::1]:8443"`)},
			nil, []string{foo + `:2: field "url": "https://[::1]:8443": the host must be a DNS name, not an IP address (::1)`}},
		{"url is localhost", map[string]string{"providers/foo.yaml": fooWith(2, "url: https://status.localhost")},
			nil, []string{foo + `:2: field "url": "https://status.localhost": localhost is not a public host`}},
		{"url is a bare name", map[string]string{"providers/foo.yaml": fooWith(2, "url: https://intranet")},
			nil, []string{foo + `:2: field "url": "https://intranet": "intranet" is not a public DNS name (no dot)`}},
		{"url in a private zone", map[string]string{"providers/foo.yaml": fooWith(2, "url: https://status.corp.internal")},
			nil, []string{foo + `:2: field "url": "https://status.corp.internal": "status.corp.internal" is a private or reserved name (.internal)`}},
		{"homepage on a LAN name", map[string]string{"providers/foo.yaml": fooWith(6, "homepage: https://printer.local")},
			nil, []string{foo + `:6: field "homepage": "https://printer.local": "printer.local" is a private or reserved name (.local)`}},
		{"homepage http", map[string]string{"providers/foo.yaml": fooWith(6, "homepage: http://foo.com")},
			nil, []string{foo + `:6: field "homepage": "http://foo.com" must start with https://`}},
		// The human page beside a feed URL is held to the same rules.
		{"page http", map[string]string{"providers/foo.yaml": testFoo + "page: http://foo.com/status\n"},
			nil, []string{foo + `:7: field "page": "http://foo.com/status" must start with https://`}},
		{"page on a private host", map[string]string{"providers/foo.yaml": testFoo + "page: https://localhost/status\n"},
			nil, []string{foo + `:7: field "page": "https://localhost/status": localhost is not a public host`}},
		{"unknown adapter", map[string]string{"providers/foo.yaml": fooWith(3, "adapter: statuspag")},
			nil, []string{foo + `:3: unknown adapter "statuspag" (known: auto, instatus, statuspage)`}},
		{"unknown category", map[string]string{"providers/foo.yaml": fooWith(4, "category: games")},
			nil, []string{foo + `:4: unknown category "games" (known: cloud, dev)`}},
		{"bad source", map[string]string{"providers/foo.yaml": testFoo + "source: robot\n"},
			nil, []string{foo + `:7: field "source": "robot" is not allowed (allowed: manual, auto)`}},
		{"aliases not a list", map[string]string{"providers/foo.yaml": testFoo + "aliases: Foo Inc\n"},
			nil, []string{foo + `:7: field "aliases": want a list of strings, got a string`}},
		{"aliases item not a string", map[string]string{"providers/foo.yaml": testFoo + "aliases:\n  - Foo Inc\n  - {a: b}\n  - 7\n"},
			nil, []string{
				foo + `:9: field "aliases": item 2: want a string, got a mapping`,
				foo + `:10: field "aliases": item 3: want a string, got an integer`,
			}},
		{"aliases item empty", map[string]string{"providers/foo.yaml": testFoo + "aliases:\n  -\n"},
			nil, []string{foo + `:8: field "aliases": item 1 is empty`}},
		{"upper-case slug", map[string]string{"providers/Foo.yaml": testFoo}, []string{"providers/foo.yaml"},
			[]string{`content/providers/Foo.yaml:1: slug "Foo" (the file name) ` + slugRuleText}},
		{"underscore slug", map[string]string{"providers/foo_bar.yaml": testFoo}, []string{"providers/foo.yaml"},
			[]string{`content/providers/foo_bar.yaml:1: slug "foo_bar" (the file name) ` + slugRuleText}},
		{"leading dash slug", map[string]string{"providers/-foo.yaml": testFoo}, []string{"providers/foo.yaml"},
			[]string{`content/providers/-foo.yaml:1: slug "-foo" (the file name) ` + slugRuleText}},
		{"trailing dash slug", map[string]string{"providers/foo-.yaml": testFoo}, []string{"providers/foo.yaml"},
			[]string{`content/providers/foo-.yaml:1: slug "foo-" (the file name) ` + slugRuleText}},
		{"empty slug", map[string]string{"providers/.yaml": testFoo}, []string{"providers/foo.yaml"},
			[]string{`content/providers/.yaml:1: slug "" (the file name) ` + slugRuleText}},
		{"duplicate name", map[string]string{"providers/bar.yaml": strings.Replace(fooWith(1, "name: FOO"), "status.foo.com", "status.bar.com", 1)},
			nil, []string{foo + `:1: duplicate name "Foo": same company as "FOO" (also in content/providers/bar.yaml:1)`}},
		{"duplicate url", map[string]string{"providers/bar.yaml": "\n" + strings.Replace(fooWith(2, "url: https://STATUS.foo.com"), "Foo", "Bar", 1)},
			nil, []string{foo + `:2: duplicate url "https://status.foo.com": same host status.foo.com (also in content/providers/bar.yaml:3)`}},
		{"empty file", map[string]string{"providers/foo.yaml": ""},
			nil, []string{foo + `:1: empty file (want a mapping with name, url, adapter, category, description, homepage; entries with source: auto may leave out description and homepage)`}},
		{"comments only", map[string]string{"providers/foo.yaml": "# nothing yet\n"},
			nil, []string{foo + `:1: empty file (want a mapping with name, url, adapter, category, description, homepage; entries with source: auto may leave out description and homepage)`}},
		{"document is a list", map[string]string{"providers/foo.yaml": "- name: Foo\n"},
			nil, []string{foo + `:1: provider: want a mapping of fields (name, url, page, adapter, category, description, homepage, aliases, source, verified, family, retired), got a list`}},
		{"two documents", map[string]string{"providers/foo.yaml": testFoo + "---\nname: Bar\n"},
			nil, []string{foo + `:7: invalid YAML: a second YAML document is not allowed (one file, one document)`}},
		{"bad YAML", map[string]string{"providers/foo.yaml": testFoo + "aliases: [a, b\n"},
			nil, []string{foo + `:7: invalid YAML: did not find expected ',' or ']'`}},
		{"bad indentation", map[string]string{"providers/foo.yaml": testFoo + "  aliases: x\n"},
			nil, []string{foo + `:7: invalid YAML: mapping values are not allowed in this context`}},
		{"list item in a mapping", map[string]string{"providers/foo.yaml": testFoo + "- x\n"},
			nil, []string{foo + `:7: invalid YAML: did not find expected key`}},
		{"unknown anchor", map[string]string{"providers/foo.yaml": testFoo + "aliases: *nope\n"},
			nil, []string{foo + `:7: invalid YAML: unknown anchor 'nope' referenced`}},
		{"anchors are followed", map[string]string{"providers/foo.yaml": fooWith(1, "name: &n 12") + "aliases:\n  - *n\n"},
			nil, []string{foo + `:1: field "name": want a string, got an integer`, foo + `:8: field "aliases": item 1: want a string, got an integer`}},
		{"not a yaml file", map[string]string{"providers/README.md": "# Providers\n"},
			nil, []string{`content/providers/README.md: not a .yaml file: providers/ holds only <slug>.yaml files`}},
		{"yml extension", map[string]string{"providers/bar.yml": testFoo},
			nil, []string{`content/providers/bar.yml: not a .yaml file: providers/ holds only <slug>.yaml files`}},
		{"folder in providers", map[string]string{"providers/more/bar.yaml": testFoo},
			nil, []string{`content/providers/more: unexpected folder: providers/ holds only <slug>.yaml files`}},
		{"no providers folder", nil, []string{"providers/foo.yaml"},
			[]string{`content/providers: cannot read: file does not exist`}},
		{"no categories file", nil, []string{"categories.yaml"},
			[]string{cats + `: cannot read: file does not exist`}},
		{"categories empty", map[string]string{"categories.yaml": "\n"}, nil,
			[]string{cats + `:1: empty file (want a list of categories, each with slug, name and description)`}},
		{"categories empty list", map[string]string{"categories.yaml": "[]\n"}, nil, []string{
			cats + `:1: no categories (want a list of categories, each with slug, name and description)`,
			foo + `:4: unknown category "dev" (known: none)`,
		}},
		{"categories not a list", map[string]string{"categories.yaml": "dev: Developer tools\n"}, nil,
			[]string{cats + `:1: want a list of categories (each with slug, name and description), got a mapping`}},
		{"category not a mapping", map[string]string{"categories.yaml": testCategories + "- games\n"}, nil,
			[]string{cats + `:7: category 3: want a mapping of fields (slug, name, description), got a string`}},
		{"category missing field", map[string]string{"categories.yaml": testCategories + "- slug: games\n  name: Games\n"}, nil,
			[]string{cats + `:7: missing required field "description" (required: slug, name, description)`}},
		{"category unknown field", map[string]string{"categories.yaml": testCategories + "- slug: games\n  name: Games\n  description: Play.\n  icon: dice\n"}, nil,
			[]string{cats + `:10: unknown field "icon" (allowed: slug, name, description)`}},
		{"category wrong type", map[string]string{"categories.yaml": testCategories + "- slug: games\n  name: [Games]\n  description: Play.\n"}, nil,
			[]string{cats + `:8: field "name": want a string, got a list`}},
		{"category duplicate slug", map[string]string{"categories.yaml": testCategories + "- slug: dev\n  name: Dev again\n  description: Again.\n"}, nil,
			[]string{cats + `:7: duplicate category slug "dev" (first at line 1)`}},
		{"category bad slug", map[string]string{"categories.yaml": testCategories + "- slug: Games!\n  name: Games\n  description: Play.\n"}, nil,
			[]string{cats + `:7: category slug "Games!" ` + slugRuleText}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cat, err := Load(testFS(tt.set, tt.del...), testAdapters)
			if cat != nil {
				t.Errorf("catalog = %+v, want nil with errors", cat)
			}
			got := messages(t, err)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if err.Error() != strings.Join(tt.want, "\n") {
				t.Errorf("Error() = %q", err.Error())
			}
		})
	}
}

// TestLoadCollectsEverything checks that one run reports every problem in
// every file, sorted by file then line, rather than stopping at the first.
func TestLoadCollectsEverything(t *testing.T) {
	fsys := testFS(map[string]string{
		"categories.yaml":     testCategories + "- slug: dev\n  name: Again\n  description: Again.\n",
		"providers/foo.yaml":  fooWith(3, "adapter: nope") + "extra: 1\n",
		"providers/bar.yaml":  "name: Bar\nurl: http://bar.com\n",
		"providers/baz.yaml":  fooWith(4, "category: games"),
		"providers/notes.txt": "hi",
	})
	_, err := Load(fsys, testAdapters)
	want := []string{
		cats + `:7: duplicate category slug "dev" (first at line 1)`,
		`content/providers/bar.yaml:1: missing required field "adapter" (required: name, url, adapter, category, description, homepage; entries with source: auto may leave out description and homepage)`,
		`content/providers/bar.yaml:1: missing required field "category" (required: name, url, adapter, category, description, homepage; entries with source: auto may leave out description and homepage)`,
		`content/providers/bar.yaml:1: missing required field "description" (required: name, url, adapter, category, description, homepage; entries with source: auto may leave out description and homepage)`,
		`content/providers/bar.yaml:1: missing required field "homepage" (required: name, url, adapter, category, description, homepage; entries with source: auto may leave out description and homepage)`,
		`content/providers/bar.yaml:2: field "url": "http://bar.com" must start with https://`,
		`content/providers/baz.yaml:4: unknown category "games" (known: cloud, dev)`,
		foo + `:1: duplicate name "Foo": same company as "Foo" (also in content/providers/baz.yaml:1)`,
		foo + `:2: duplicate url "https://status.foo.com": same host status.foo.com (also in content/providers/baz.yaml:2)`,
		foo + `:3: unknown adapter "nope" (known: auto, instatus, statuspage)`,
		foo + `:7: unknown field "extra" (allowed: name, url, page, adapter, category, description, homepage, aliases, source, verified, family, retired)`,
		`content/providers/notes.txt: not a .yaml file: providers/ holds only <slug>.yaml files`,
	}
	if got := messages(t, err); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLoadRoot(t *testing.T) {
	tests := []struct {
		root, want string
	}{
		{"", "content/providers/foo.yaml:3: "},
		{"site/content", "site/content/providers/foo.yaml:3: "},
		{"site/content/", "site/content/providers/foo.yaml:3: "},
		{".", "providers/foo.yaml:3: "},
	}
	for _, tt := range tests {
		fsys := testFS(map[string]string{"providers/foo.yaml": fooWith(3, "adapter: nope")})
		_, err := Load(fsys, testAdapters, LoadOptions{Root: tt.root})
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("root %q: error %v, want prefix %q", tt.root, err, tt.want)
		}
		cat, err := Load(testFS(nil), testAdapters, LoadOptions{Root: tt.root})
		if err != nil {
			t.Fatal(err)
		}
		if got := cat.Providers[0].File + ":3: "; got != tt.want {
			t.Errorf("root %q: File = %q", tt.root, cat.Providers[0].File)
		}
	}
}

func TestErrorFormat(t *testing.T) {
	if got := (&Error{File: "a.yaml", Line: 3, Msg: "bad"}).Error(); got != "a.yaml:3: bad" {
		t.Errorf("got %q", got)
	}
	if got := (&Error{File: "a.yaml", Msg: "bad"}).Error(); got != "a.yaml: bad" {
		t.Errorf("got %q", got)
	}
	list := Errors{&Error{File: "b", Line: 1, Msg: "x"}, &Error{File: "a", Line: 9, Msg: "y"}, &Error{File: "a", Line: 2, Msg: "z"}}
	sortErrors(list)
	if got := list.Error(); got != "a:2: z\na:9: y\nb:1: x" {
		t.Errorf("sorted = %q", got)
	}
	var one *Error
	if !errors.As(error(list), &one) || one.Msg != "z" {
		t.Errorf("errors.As through Errors: %v", one)
	}
}

// TestRealContent loads the repository's own catalogue.
func TestRealContent(t *testing.T) {
	names := all.Registry().Names()
	cat, err := Load(os.DirFS("../../content"), names, LoadOptions{Hosting: testHosting})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(cat.Providers); n < 1000 {
		t.Errorf("%d providers, want at least 1,000", n)
	}
	perAdapter := map[string]int{}
	for _, p := range cat.Providers {
		perAdapter[p.Adapter]++
	}
	for _, n := range names {
		if perAdapter[n] == 0 {
			t.Errorf("no provider uses adapter %q", n)
		}
	}
	if n := len(cat.Categories); n < 8 {
		t.Errorf("%d categories, want at least 8", n)
	}
	used := 0
	for _, c := range cat.Categories {
		if len(cat.InCategory(c.Slug)) > 0 {
			used++
		}
	}
	if used < 6 {
		t.Errorf("%d categories in use, want at least 6", used)
	}
	p, ok := cat.Provider("pusher")
	if !ok {
		t.Fatal("no provider pusher")
	}
	if p.URL != "https://status.pusher.com" || p.Adapter != "statuspage" {
		t.Errorf("pusher = %+v", p)
	}
}

// TestRealContentStyle keeps the repository's provider files uniform, so
// that diffs between them and review of new ones stay easy: fields in the
// documented order and no comments.
func TestRealContentStyle(t *testing.T) {
	files, err := filepath.Glob("../../content/providers/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatal("no provider files in ../../content/providers:", err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 {
			t.Fatalf("%s: %v", name, err)
		}
		root := doc.Content[0]
		last := -1
		for i := 0; i+1 < len(root.Content); i += 2 {
			key, val := root.Content[i], root.Content[i+1]
			pos := slices.Index(providerSchema.allowed, key.Value)
			if pos <= last {
				t.Errorf("%s:%d: field %q out of order (want %s)", name, key.Line, key.Value, strings.Join(providerSchema.allowed, ", "))
			}
			last = pos
			if key.HeadComment+key.LineComment+key.FootComment+val.HeadComment+val.LineComment+val.FootComment != "" {
				t.Errorf("%s:%d: comments are not used in provider files", name, key.Line)
			}
		}
	}
}

// TestLoadExtra checks a file given in LoadOptions.Extra is read as part
// of the catalogue, a new one or over the file of that name, so a file is
// checked before it is written.
func TestLoadExtra(t *testing.T) {
	bar := strings.NewReplacer("Foo", "Bar", "foo", "bar").Replace(testFoo)
	cat, err := Load(testFS(nil), testAdapters, LoadOptions{Extra: map[string][]byte{"providers/bar.yaml": []byte(bar)}})
	if err != nil || len(cat.Providers) != 2 || cat.Providers[0].Slug != "bar" || cat.Providers[0].File != "content/providers/bar.yaml" {
		t.Fatalf("new file: %v, %+v", err, cat)
	}
	_, err = Load(testFS(nil), testAdapters, LoadOptions{Extra: map[string][]byte{"providers/foo.yaml": []byte(fooWith(4, "category: nope"))}})
	if got := messages(t, err); len(got) != 1 || !strings.HasPrefix(got[0], foo+`:4: unknown category "nope"`) {
		t.Errorf("file over one of fsys: %q", got)
	}
}
