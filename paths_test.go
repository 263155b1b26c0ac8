package uptimus

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// sitePath matches a string that spells a part of the site's URL layout:
// one of its top folders or files from the root ("/status/", "/feed."),
// a top folder without its slash ("status/"), or a folder inside a
// provider's ("/incidents/", "/history/", "/updates/"). A bare word
// ("status") is a JSON key, not a path.
var sitePath = regexp.MustCompile(`^/(status|category|api|badges|static|reports|now|providers|watch|feed|sitemap|search|maintenance)(/|$|\.)|^(status|category|api|badges|static|reports|now|providers|watch)/|/(incidents|history|updates)/`)

// TestOutputsSpellNoPath: the URL layout has one home, generator/paths.
// An output package that writes "/status/" + slug itself drifts from it
// the day the layout changes; every such string in them is a test
// failure that names the file and line. Comments may say paths.
func TestOutputsSpellNoPath(t *testing.T) {
	var outputs []string
	for _, l := range layers {
		if l.name == "outputs" {
			outputs = l.pkgs
		}
	}
	if len(outputs) == 0 {
		t.Fatal("no outputs layer")
	}
	for _, dir := range outputs {
		files, err := filepath.Glob(filepath.Join(filepath.FromSlash(dir), "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range slices.DeleteFunc(files, func(f string) bool { return strings.HasSuffix(f, "_test.go") }) {
			for _, hit := range pathLiterals(t, f) {
				t.Errorf("%s: %s spells the URL layout; use generator/paths", hit.pos, hit.text)
			}
		}
	}
}

type literal struct {
	pos  token.Position
	text string
}

// pathLiterals lists the string literals of file that sitePath matches.
func pathLiterals(t *testing.T, file string) []literal {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var out []literal
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		if s, err := strconv.Unquote(lit.Value); err == nil && sitePath.MatchString(s) {
			out = append(out, literal{fset.Position(lit.Pos()), lit.Value})
		}
		return true
	})
	return out
}

func TestSitePathPattern(t *testing.T) {
	for s, want := range map[string]bool{
		"/status/": true, "status/": true, "/category/": true, "/api/v1/": true, "/static/": true,
		"/sitemap.xml": true, "/feed.": true, "/incidents/": true, "/updates/": true, "/reports/": true,
		"status": false, "Status": false, "statuspage": false, "/": false, "a/b": false, "https://x": false,
		"api/": true, "/apis": false, "Allow: /": false, "/feed.rss": true, "/now/": true, "providers.json": false,
	} {
		if got := sitePath.MatchString(s); got != want {
			t.Errorf("%q: %v, want %v", s, got, want)
		}
	}
}
