package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/internal/atomicfile"
	"gopkg.in/yaml.v3"
)

const newAbout = `Writes content/providers/<slug>.yaml for a new provider. Without --adapter
the vendor is detected by probing the status page's known endpoints. The
entry is validated with the whole catalogue before anything is written, so
the file is ready for a pull request; an entry that would not validate is
not written. A page that a status-page vendor hosts on a domain of its
own needs --homepage.
Next: 'uptimus check <slug>' shows what the adapter sees.`

type newOptions struct {
	common
	url, adapter, name, category, description, homepage, replay string
}

func runNew(ctx context.Context, e *env, args []string) error {
	var n newOptions
	fs := newFlags(e, "new", "<slug>", newAbout)
	n.addContent(fs)
	fs.StringVar(&n.url, "url", "", "the official status page (https; required)")
	fs.StringVar(&n.adapter, "adapter", "", "the vendor's adapter (default: detected)")
	fs.StringVar(&n.name, "name", "", "display name (default: from the slug)")
	fs.StringVar(&n.category, "category", "", "category slug from categories.yaml (required)")
	fs.StringVar(&n.description, "description", "", "one sentence on what the provider does (required)")
	fs.StringVar(&n.homepage, "homepage", "", "the provider's website (default: the status page's parent domain, unless a status-page vendor hosts it)")
	fs.StringVar(&n.replay, "replay", "", "answer detection requests from a recording instead of the network")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError{fmt.Sprintf("want exactly one slug, got %d arguments", len(rest))}
	}
	if err := checkReplayDir(n.replay); err != nil {
		return err
	}
	return n.write(ctx, e, rest[0])
}

func (n *newOptions) write(ctx context.Context, e *env, slug string) error {
	if n.url == "" || n.category == "" || n.description == "" {
		return usageError{"--url, --category and --description are required"}
	}
	// Checked before detection: the probe must never be pointed at an
	// address the catalogue refuses.
	if msg := catalog.CheckURL(n.url); msg != "" {
		return usageError{"--url " + msg + "; status pages are read at their public https:// address"}
	}
	path := filepath.Join(n.content, "providers", slug+".yaml")
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s already exists", path)
	}
	if n.homepage == "" {
		if n.homepage = parentSite(n.url); n.homepage == "" {
			return usageError{fmt.Sprintf("%s is hosted by a status-page vendor, so its domain says nothing of the company's site: pass --homepage https://...", catalog.Host(n.url))}
		}
	}
	if n.adapter == "" {
		name, evidence, err := detect(ctx, liveOrReplay(n.replay), n.url)
		if err != nil {
			return err
		}
		n.adapter = name
		fmt.Fprintf(e.stdout, "detected adapter %s: %s\n", name, evidence)
	}
	data := []byte(n.yaml(slug))
	if err := n.validate(e, slug, data); err != nil {
		return fmt.Errorf("%s not written: %w", path, err)
	}
	if err := atomicfile.Write(path, data); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: ok\nnext: uptimus check %s\n", path, slug)
	return nil
}

// validate loads the catalogue with the new file in it and reports, on
// stderr, what the file adds to the catalogue's problems: those are the
// entry's own, or its clash with another entry. Problems the catalogue
// had before are not the entry's and do not stop it.
func (n *newOptions) validate(e *env, slug string, data []byte) error {
	fsys, names, h := os.DirFS(n.content), registry().Names(), hosting()
	_, before := catalog.Load(fsys, names, catalog.LoadOptions{Root: n.content, Hosting: h})
	_, after := catalog.Load(fsys, names, catalog.LoadOptions{Root: n.content, Hosting: h,
		Extra: map[string][]byte{"providers/" + slug + ".yaml": data}})
	old := map[string]bool{}
	for _, err := range errorList(before) {
		old[err.Error()] = true
	}
	count := 0
	for _, err := range errorList(after) {
		if !old[err.Error()] {
			fmt.Fprintln(e.stderr, err)
			count++
		}
	}
	if count > 0 {
		return fmt.Errorf("it does not validate (%d error(s) above)", count)
	}
	if len(old) > 0 {
		fmt.Fprintf(e.stderr, "note: the catalogue has %d problem(s) besides this entry; uptimus validate lists them\n", len(old))
	}
	return nil
}

// errorList is the problems of a catalogue that did not load.
func errorList(err error) catalog.Errors {
	var list catalog.Errors
	if err != nil && !errors.As(err, &list) {
		return catalog.Errors{err}
	}
	return list
}

// yaml is the provider file, fields in the catalogue's order.
func (n *newOptions) yaml(slug string) string {
	name := n.name
	if name == "" {
		name = titleCase(slug)
	}
	var b strings.Builder
	for _, kv := range [][2]string{{"name", name}, {"url", strings.TrimRight(n.url, "/")}, {"adapter", n.adapter},
		{"category", n.category}, {"description", n.description}, {"homepage", n.homepage}, {"source", "manual"}} {
		fmt.Fprintf(&b, "%s: %s\n", kv[0], yamlScalar(kv[1]))
	}
	b.WriteString("verified: false\n")
	return b.String()
}

// yamlScalar writes s plain when YAML reads that back as the same string,
// and double-quoted otherwise ("true", "123", "null", "a: b", "x #y").
func yamlScalar(s string) string {
	if readsBackAs(s, s) {
		return s
	}
	return strconv.Quote(s)
}

// readsBackAs reports whether the value text of "k: text" is the string s.
func readsBackAs(text, s string) bool {
	var doc yaml.Node
	if yaml.Unmarshal([]byte("k: "+text+"\n"), &doc) != nil || len(doc.Content) != 1 || len(doc.Content[0].Content) != 2 {
		return false
	}
	v := doc.Content[0].Content[1]
	return v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str" && v.Value == s
}

func titleCase(slug string) string {
	words := strings.Split(slug, "-")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

// parentSite guesses the homepage from the status page: status.x.com ->
// https://x.com. It is "" for a page a status-page vendor hosts
// (acme.statuspage.io, stats.uptimerobot.com/...): the vendor's domain is
// not the company's site.
func parentSite(raw string) string {
	host := catalog.Host(raw)
	if host == "" || hosting().Hosted(host) {
		return ""
	}
	if parts := strings.Split(host, "."); len(parts) > 2 {
		host = strings.Join(parts[1:], ".")
	}
	return "https://" + host
}
