package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

const newAbout = `Writes content/providers/<slug>.yaml for a new provider. Without --adapter
the vendor is detected by probing the status page's known endpoints. The
whole catalogue is then validated, so the file is ready for a pull request.
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
	fs.StringVar(&n.homepage, "homepage", "", "the provider's website (default: the status page's parent domain)")
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
	if err := checkPageURL(n.url); err != nil {
		return err
	}
	path := filepath.Join(n.content, "providers", slug+".yaml")
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s already exists", path)
	}
	if n.adapter == "" {
		name, evidence, err := detect(ctx, liveOrReplay(n.replay), n.url)
		if err != nil {
			return err
		}
		n.adapter = name
		fmt.Fprintf(e.stdout, "detected adapter %s: %s\n", name, evidence)
	}
	if err := os.WriteFile(path, []byte(n.yaml(slug)), 0o644); err != nil {
		return err
	}
	if _, err := n.loadCatalog(); err != nil {
		printCatalogErrors(e, err)
		return fmt.Errorf("wrote %s, but the catalogue does not validate: fix the errors above", path)
	}
	fmt.Fprintf(e.stdout, "%s: ok\nnext: uptimus check %s\n", path, slug)
	return nil
}

// yaml is the provider file, fields in the catalogue's order.
func (n *newOptions) yaml(slug string) string {
	name := n.name
	if name == "" {
		name = titleCase(slug)
	}
	home := n.homepage
	if home == "" {
		home = parentSite(n.url)
	}
	var b strings.Builder
	for _, kv := range [][2]string{{"name", name}, {"url", strings.TrimRight(n.url, "/")}, {"adapter", n.adapter},
		{"category", n.category}, {"description", n.description}, {"homepage", home}, {"source", "manual"}, {"verified", "false"}} {
		fmt.Fprintf(&b, "%s: %s\n", kv[0], yamlScalar(kv[1]))
	}
	return b.String()
}

// yamlScalar quotes a value only when YAML would misread it.
func yamlScalar(s string) string {
	if s == "" || strings.ContainsAny(s[:1], "!&*[]{}|>'\"%@`,?-#:") || strings.Contains(s, ": ") || strings.Contains(s, " #") {
		return fmt.Sprintf("%q", s)
	}
	return s
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

// parentSite guesses the homepage from the status page: status.x.com -> https://x.com.
func parentSite(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	host := u.Hostname()
	parts := strings.Split(host, ".")
	if len(parts) > 2 {
		host = strings.Join(parts[1:], ".")
	}
	return "https://" + host
}
