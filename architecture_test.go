// Package uptimus holds no code; this test guards the package graph that
// docs/architecture.md draws: data flows content -> fetch -> merge ->
// build -> publish, and no package imports one of a later stage or a
// sibling output, so a change to the site never ripples into the merge.
package uptimus

import (
	"errors"
	"go/build"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/uptimus/uptimus/"

// layer is a group of packages and the layers they may import. A package
// may import packages of its own layer unless alone says its packages
// stand side by side and import none of each other.
type layer struct {
	name  string
	pkgs  []string // folders; "x/..." is x and everything below it
	may   []string // layer names
	alone bool
}

// testHelpers are imported by tests only: production code that needs one
// of them is reading a fixture.
const testHelpers = "test helpers"

// layers are listed from the bottom up, as docs/architecture.md draws them;
// a folder matches the first layer that names it.
var layers = []layer{
	{name: testHelpers, pkgs: []string{"generator/internal/...", "adapters/adaptertest", "internal/testfs", "internal/htmltest"},
		may: []string{"leaves", "vendors", "content", "merge", "rules", "publish"}},
	{name: "leaves", pkgs: []string{"internal/...", "templates"}},
	{name: "vendors", pkgs: []string{"adapters/..."}, may: []string{"leaves"}},
	{name: "content", pkgs: []string{"generator/catalog"}, may: []string{"leaves"}},
	{name: "import", pkgs: []string{"generator/importer"}, may: []string{"leaves", "content"}},
	{name: "merge", pkgs: []string{"generator/history"}, may: []string{"leaves", "vendors"}},
	{name: "rules", pkgs: []string{"generator/model"}, may: []string{"leaves", "vendors", "content", "merge"}},
	{name: "layout", pkgs: []string{"generator/paths"}, may: []string{"leaves", "vendors"}},
	{name: "publish", pkgs: []string{"generator/publish"}, may: []string{"leaves"}},
	{name: "fetch", pkgs: []string{"generator/fetch", "generator/probe", "generator/handover", "generator/synth"},
		may: []string{"leaves", "vendors", "content", "merge", "rules"}},
	{name: "figures", pkgs: []string{"generator/uptime", "generator/buildcache", "generator/reliability", "generator/outage"},
		may: []string{"leaves", "vendors", "content", "merge", "rules", "layout"}},
	{name: "notify", pkgs: []string{"generator/notify"}, may: []string{"leaves", "vendors", "merge", "rules", "layout"}},
	{name: "outputs", pkgs: []string{"generator/site", "generator/feeds", "generator/api", "generator/badge", "generator/ical", "generator/spapi"}, alone: true,
		may: []string{"leaves", "vendors", "content", "merge", "rules", "layout", "publish", "figures"}},
	{name: "wiring", pkgs: []string{"cmd/..."},
		may: []string{"leaves", "vendors", "content", "import", "merge", "rules", "layout", "publish", "fetch", "figures", "outputs", "notify"}},
}

// layerOf is the layer of the package in folder dir (slash-separated,
// relative to the module root), or nil.
func layerOf(dir string) *layer {
	for i := range layers {
		for _, p := range layers[i].pkgs {
			if base, ok := strings.CutSuffix(p, "/..."); ok && (dir == base || strings.HasPrefix(dir, base+"/")) || dir == p {
				return &layers[i]
			}
		}
	}
	return nil
}

// violations lists every import in graph (folder -> folders it imports,
// tests left out) that the layers forbid.
func violations(graph map[string][]string) []string {
	var out []string
	for _, from := range slices.Sorted(maps.Keys(graph)) {
		lf := layerOf(from)
		if lf == nil {
			out = append(out, from+": in no layer (place it in docs/architecture.md and in layers)")
			continue
		}
		for _, to := range graph[from] {
			if msg := forbidden(from, lf, to); msg != "" {
				out = append(out, from+" imports "+to+": "+msg)
			}
		}
	}
	return out
}

// forbidden says why from (in layer lf) must not import to, or "".
func forbidden(from string, lf *layer, to string) string {
	lt := layerOf(to)
	switch {
	case lt == nil:
		return to + " is in no layer"
	case lt.name == testHelpers && lf.name != testHelpers:
		return to + " is a test helper, for _test.go files only"
	case lt == lf && lf.alone && from != to:
		return lf.name + " stand side by side: move what both need below them"
	case lt != lf && !slices.Contains(lf.may, lt.name):
		return lf.name + " may not import " + lt.name + " (a back edge; see docs/architecture.md)"
	}
	return ""
}

// importGraph reads the production imports of every package in the module
// (folders without buildable files, such as test-only ones, import nothing
// that ships).
func importGraph(t *testing.T) map[string][]string {
	t.Helper()
	graph := map[string][]string{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if name := d.Name(); path != "." && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			return filepath.SkipDir
		}
		pkg, err := build.Default.ImportDir(path, 0)
		var none *build.NoGoError
		if errors.As(err, &none) || err == nil && len(pkg.GoFiles) == 0 {
			return nil
		}
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(path)
		graph[dir] = []string{}
		for _, imp := range pkg.Imports {
			if rel, ok := strings.CutPrefix(imp, module); ok {
				graph[dir] = append(graph[dir], rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return graph
}

// TestNoBackEdges fails when a package imports a later stage, a sibling
// output, or a test helper.
func TestNoBackEdges(t *testing.T) {
	graph := importGraph(t)
	for _, must := range []string{"adapters", "generator/history", "generator/site", "cmd/uptimus"} {
		if _, ok := graph[must]; !ok {
			t.Fatalf("%s not found: the walk missed the module's packages", must)
		}
	}
	for _, v := range violations(graph) {
		t.Error(v)
	}
}

// TestViolationsAreCaught: each kind of back edge is reported, and the
// edges the pipeline is made of are not.
func TestViolationsAreCaught(t *testing.T) {
	graph := map[string][]string{
		"generator/model":   {"generator/history", "generator/site"},
		"adapters/aws":      {"adapters", "generator/history"},
		"generator/history": {"generator/fetch"},
		"generator/api":     {"generator/feeds", "generator/paths", "generator/uptime"},
		"generator/site":    {"generator/internal/buildtest"},
		"generator/fetch":   {"generator/history", "generator/model", "generator/paths"},
		"generator/newpkg":  nil,
		"cmd/uptimus":       {"generator/fetch", "generator/site"},
	}
	got := violations(graph)
	want := []string{
		"adapters/aws imports generator/history",
		"generator/api imports generator/feeds",
		"generator/fetch imports generator/paths",
		"generator/history imports generator/fetch",
		"generator/model imports generator/site",
		"generator/newpkg: in no layer",
		"generator/site imports generator/internal/buildtest",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d violations, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("violation %d: %q, want %q...", i, got[i], want[i])
		}
	}
}
