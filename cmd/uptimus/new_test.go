package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/uptimus/uptimus/generator/catalog"
	"gopkg.in/yaml.v3"
)

// newArgs runs "uptimus new" with the flags every test passes, an adapter
// given so nothing is probed, and more.
func newArgs(content, slug string, more ...string) []string {
	return append([]string{"new", slug, "--content", content, "--adapter", "statuspage",
		"--description", "Does things."}, more...)
}

// An entry that would not validate is not written: the error names the
// problem (an http URL is refused before, see TestHTTPURLAsksForHTTPS), and the same command with the mistake fixed then succeeds
// instead of finding the file "already exists".
func TestNewWritesNothingInvalid(t *testing.T) {
	t.Parallel()
	content := scratchContent(t)
	path := filepath.Join(content, "providers", "acme.yaml")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--url", "https://status.acme.com", "--category", "nope"}, `unknown category "nope"`},
		{[]string{"--url", "https://status.acme.com", "--category", "communication", "--adapter", "statuspag"}, `unknown adapter "statuspag"`},
		{[]string{"--url", "https://status.acme.com", "--category", "communication", "--name", "Realtime Sockets"}, "same company"},
	} {
		_, stderr, code := cli(t, newArgs(content, "acme", c.args...)...)
		if code == 0 || !strings.Contains(stderr, c.want) || !strings.Contains(stderr, "not written") {
			t.Errorf("%v: exit %d, want an error with %q and \"not written\":\n%s", c.args, code, c.want, stderr)
		}
		if _, err := os.Stat(path); err == nil {
			t.Fatalf("%v: wrote %s", c.args, path)
		}
	}
	_, stderr, code := cli(t, newArgs(content, "acme", "--url", "https://status.acme.com", "--category", "communication")...)
	if code != 0 {
		t.Errorf("the fixed command: exit %d\n%s", code, stderr)
	}
}

// A value YAML would read as something else (a boolean, a number, null, a
// date, a comment, a quoted string) is quoted, so the file reads back the
// same.
func TestYAMLScalarReadsBack(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"true", "False", "123", "1e3", "0x1F", "null", "~", "2001-01-01", "'x'", `"x"`, "a #b",
		"- x", "x: y", "[x]", "{x}", "*x", "&x y", "!x", "%x", "@x", "`x", "|", ">", " x", "x ", "", "tab\there",
		"line\nbreak", `back\slash "q"`, "Zürich", "Acme", "a:b", "AT&T", "Yes", "on"} {
		if got, ok := readScalar(yamlScalar(s)); !ok || got != s {
			t.Errorf("yamlScalar(%q) = %s, reads back as %q (a string: %v)", s, yamlScalar(s), got, ok)
		}
	}
	if yamlScalar("Acme Corp") != "Acme Corp" {
		t.Errorf("a plain name is quoted: %s", yamlScalar("Acme Corp"))
	}
}

// readScalar reads "k: v" as the catalogue does; ok is false unless v is
// a string.
func readScalar(v string) (string, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte("k: "+v+"\n"), &doc); err != nil || len(doc.Content) == 0 || len(doc.Content[0].Content) != 2 {
		return "", false
	}
	n := doc.Content[0].Content[1]
	return n.Value, n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str"
}

// --name true writes a file whose name the catalogue reads as the string.
func TestNewQuotesAName(t *testing.T) {
	t.Parallel()
	content := scratchContent(t)
	for i, name := range []string{"true", "123", "null"} {
		slug := "n" + name
		url := "https://status.n" + string(rune('a'+i)) + ".example.org"
		if _, stderr, code := cli(t, newArgs(content, slug, "--url", url, "--category", "communication", "--name", name)...); code != 0 {
			t.Fatalf("new --name %s: exit %d\n%s", name, code, stderr)
		}
	}
	cat, err := catalog.Load(os.DirFS(content), registry().Names(), catalog.LoadOptions{Hosting: hosting()})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"true", "123", "null"} {
		if p, ok := cat.Provider("n" + name); !ok || p.Name != name {
			t.Errorf("provider n%s: %+v", name, p)
		}
	}
}

// A page hosted by a status-page vendor says nothing of the company's
// site: new asks for --homepage rather than guess the vendor's domain.
func TestNewHomepageOnAHostingDomain(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]string{
		"https://status.acme.com":               "https://acme.com",
		"https://acme.statuspage.io":            "",
		"https://acmeinc.instatus.com":          "",
		"https://acme.status.io":                "",
		"https://acme.betteruptime.com":         "",
		"https://stats.uptimerobot.com/M90zYt5": "",
	} {
		if got := parentSite(raw); got != want {
			t.Errorf("parentSite(%s) = %q, want %q", raw, got, want)
		}
	}
	content := scratchContent(t)
	args := newArgs(content, "acme", "--url", "https://acme.statuspage.io", "--category", "communication")
	_, stderr, code := cli(t, args...)
	if code != 2 || !strings.Contains(stderr, "--homepage") || !strings.Contains(stderr, "statuspage.io") {
		t.Errorf("exit %d, want 2 and a request for --homepage:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(content, "providers", "acme.yaml")); err == nil {
		t.Fatal("wrote a file without a homepage")
	}
	if _, stderr, code := cli(t, append(args, "--homepage", "https://acme.example.org")...); code != 0 {
		t.Errorf("with --homepage: exit %d\n%s", code, stderr)
	}
}
