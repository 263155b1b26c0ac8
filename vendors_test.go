package uptimus

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/uptimus/uptimus/adapters/all"
)

// notVendors are the string literals outside adapters/ that are an
// adapter's name without meaning the adapter, by file and name, each with
// why it stays. An entry that no longer matches fails the test too, so
// the list cannot hide a new use.
var notVendors = map[string]string{
	"generator/api/schema.go feed":         "the JSON field of a provider's feeds: ours, not the feed adapter",
	"generator/api/v2schema.go statuspage": "the URL template of our Statuspage-compatible API (generator/spapi), not the adapter",
	"generator/notify/config.go slack":     "a chat destination: Slack the messenger, not its status page",
	"generator/synth/synth.go statuspage":  "synth writes Statuspage documents for its replay (WriteStatuspage), so its entries name the adapter that reads them",
}

// adapterValue is a catalogue entry's adapter written in YAML.
var adapterValue = regexp.MustCompile(`adapter:\s*([a-z0-9]+)`)

// TestNoVendorOutsideAdapters: the code outside adapters/ names no vendor.
// It imports no vendor's package (adapters/all hands it the registry) and
// spells no adapter's name in a string literal, so that a vendor is its
// package and one line in adapters/all/all.go, and what the probe, the
// importer and the pages know of it comes from the adapter. Tests and test
// helpers (fixtures) may name vendors; comments may cite them.
func TestNoVendorOutsideAdapters(t *testing.T) {
	names := map[string]bool{}
	for _, n := range all.Registry().Names() {
		names[n] = true
	}
	seen := map[string]bool{}
	for _, file := range productionFiles(t) {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if rel, ok := strings.CutPrefix(path, module+"adapters/"); ok && names[rel] {
				t.Errorf("%s: imports the vendor package %s; reach adapters through the registry (adapters/all)", fset.Position(imp.Pos()), path)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			for _, name := range spelledNames(lit.Value, names) {
				key := filepath.ToSlash(file) + " " + name
				if _, ok := notVendors[key]; ok {
					seen[key] = true
					continue
				}
				t.Errorf("%s: the string %s names the adapter %s; let the adapter say what its vendor needs (adapters.Probe, Capabilities)", fset.Position(lit.Pos()), lit.Value, name)
			}
			return true
		})
	}
	for key := range notVendors {
		if !seen[key] {
			t.Errorf("notVendors has %q, which no longer matches: remove it", key)
		}
	}
}

// TestNoHostingDomainOutsideAdapters: the code outside adapters/ spells
// no host or domain where a vendor or a platform no adapter reads hosts
// pages (adapters.Probe's Hosts, Domains and SharedHosts, adapters.Unread).
// The catalogue, the importer and the commands get them from the registry
// (adapters.Registry.Hosting), so a new vendor's domain is its adapter's
// to declare and no list elsewhere falls behind it.
func TestNoHostingDomainOutsideAdapters(t *testing.T) {
	domains := vendorDomains()
	if len(domains) == 0 {
		t.Fatal("the registry declares no host or domain")
	}
	for _, file := range productionFiles(t) {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			v, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			for _, d := range domains {
				if d.re.MatchString(v) {
					t.Errorf("%s: the string %s spells %s, where %s; let the registry say it (adapters.Registry.Hosting)", fset.Position(lit.Pos()), lit.Value, d.name, d.whose)
				}
			}
			return true
		})
	}
}

// vendorDomain is a host or domain the registry declares, and the pattern
// that finds it in a text as a whole name (not "mystatus.io" for
// "status.io").
type vendorDomain struct {
	name, whose string
	re          *regexp.Regexp
}

// vendorDomains lists every host and domain the registered adapters and
// unread platforms declare.
func vendorDomains() []vendorDomain {
	r := all.Registry()
	var out []vendorDomain
	seen := map[string]bool{}
	add := func(name, whose string) {
		if seen[name] {
			return
		}
		seen[name] = true
		out = append(out, vendorDomain{name, whose, regexp.MustCompile(`(?i)(^|[^a-z0-9-])` + regexp.QuoteMeta(name) + `($|[^a-z0-9-])`)})
	}
	for _, n := range r.Names() {
		a, _ := r.Get(n)
		for _, h := range a.Probe().Hosts {
			add(h, "the adapter "+n+" knows pages by it")
		}
	}
	h := r.Hosting()
	for _, d := range h.Domains {
		add(d, "a vendor hosts pages")
	}
	for _, s := range h.SharedHosts {
		add(s, "a vendor hosts many companies' pages")
	}
	return out
}

// spelledNames lists the adapter names that literal (Go source, quoted)
// is, or gives as a catalogue entry's "adapter:". Prose that cites a
// vendor as an example (help texts, schema descriptions) is not an id.
func spelledNames(literal string, names map[string]bool) []string {
	v, err := strconv.Unquote(literal)
	if err != nil {
		return nil
	}
	var out []string
	if names[v] {
		out = append(out, v)
	}
	for _, m := range adapterValue.FindAllStringSubmatch(v, -1) {
		if names[m[1]] {
			out = append(out, m[1])
		}
	}
	return out
}

// productionFiles lists the Go files outside adapters/ that ship: no
// tests, no testdata, no test helpers.
func productionFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != "." && (name == "adapters" && path == "adapters" || name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			if l := layerOf(filepath.ToSlash(path)); l != nil && l.name == testHelpers {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no Go file found outside adapters/")
	}
	return files
}
