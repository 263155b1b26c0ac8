// Command hugo-baseline writes the Hugo site that stands for Uptimus's
// build in the comparison scripts/bench-hugo runs: the same catalogue and
// history as content, one page per provider and per incident with every
// update rendered from markdown, a list and an RSS feed per provider and
// per category, and the home page. It is the yardstick the build's speed
// target is stated against ("a third of Hugo's wall time"), so it gives
// Hugo the same work, not less: every incident of every provider, its
// full timeline, minified output.
//
//	go run ./cmd/hugo-baseline --content DIR/content --data DIR/data --out DIR/hugo
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/all"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
)

func main() {
	content := flag.String("content", "content", "catalogue folder")
	data := flag.String("data", "data", "history folder")
	out := flag.String("out", "", "new folder for the Hugo site (required)")
	flag.Parse()
	if err := run(*content, *data, *out); err != nil {
		fmt.Fprintln(os.Stderr, "hugo-baseline:", err)
		os.Exit(1)
	}
}

func run(content, data, out string) error {
	if out == "" {
		return errors.New("--out is required")
	}
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("--out %s exists; give a new folder", out)
	}
	cat, err := catalog.Load(os.DirFS(content), all.Registry().Names(),
		catalog.LoadOptions{Root: content, Hosting: catalog.Hosting(all.Registry().Hosting())})
	if err != nil {
		return err
	}
	w := &writer{root: out}
	w.file("hugo.toml", config)
	for name, body := range layouts {
		w.file(filepath.Join("layouts", name), body)
	}
	w.file("content/_index.md", frontMatter(map[string]string{"title": "Service status"})+"\n")
	fsys := os.DirFS(data)
	for _, p := range cat.Providers {
		h, err := history.Load(fsys, p.Slug)
		if err != nil {
			return err
		}
		w.provider(&p, h)
	}
	return w.err
}

// writer writes files under root and keeps the first error.
type writer struct {
	root string
	err  error
}

func (w *writer) file(name, body string) {
	if w.err != nil {
		return
	}
	path := filepath.Join(w.root, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		w.err = err
		return
	}
	w.err = os.WriteFile(path, []byte(body), 0o644)
}

// provider writes a provider's section page and one page per incident.
func (w *writer) provider(p *catalog.Provider, h *history.History) {
	dir := filepath.Join("content", "status", p.Slug)
	w.file(filepath.Join(dir, "_index.md"), frontMatter(map[string]string{
		"title": p.Name, "status": string(h.State.Status), "categories": p.Category,
	})+"\n"+p.Description+"\n")
	for i := range h.Incidents {
		in := &h.Incidents[i]
		w.file(filepath.Join(dir, "incidents", in.ID+".md"), incidentPage(in))
	}
}

func incidentPage(in *adapters.Incident) string {
	var b strings.Builder
	b.WriteString(frontMatter(map[string]string{
		"title": in.Title, "date": history.Start(in).UTC().Format(time.RFC3339),
		"impact": string(in.Impact), "status": in.Status,
	}))
	for _, u := range in.Updates {
		fmt.Fprintf(&b, "\n## %s, %s\n\n%s\n", u.Status, u.CreatedAt.UTC().Format(time.RFC1123), u.Body)
	}
	return b.String()
}

// frontMatter writes TOML front matter; strconv.Quote gives valid TOML
// basic strings for every title a vendor writes.
func frontMatter(fields map[string]string) string {
	var b strings.Builder
	b.WriteString("+++\n")
	for _, k := range []string{"title", "date", "status", "impact", "categories"} {
		v, ok := fields[k]
		if !ok {
			continue
		}
		if k == "categories" {
			fmt.Fprintf(&b, "categories = [%s]\n", strconv.Quote(v))
			continue
		}
		fmt.Fprintf(&b, "%s = %s\n", k, strconv.Quote(v))
	}
	b.WriteString("+++\n")
	return b.String()
}

const config = `baseURL = "https://uptimus.github.io/"
title = "Uptimus"
[taxonomies]
category = "categories"
[outputs]
home = ["HTML", "RSS"]
section = ["HTML", "RSS"]
term = ["HTML", "RSS"]
[markup.goldmark.renderer]
unsafe = false
`

var layouts = map[string]string{
	"_default/baseof.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="canonical" href="{{ .Permalink }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">{{ end }}
<style>body{font:100%/1.5 system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem}.s{padding:.1rem .4rem;border-radius:.3rem;background:#eee}</style></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>`,
	"_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>{{ with .Params.status }}<p class="s">{{ . }}</p>{{ end }}{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "Jan 2, 2006" }}</time> {{ with .Params.impact }}<span class="s">{{ . }}</span>{{ end }}</li>{{ end }}</ul>{{ end }}`,
	"_default/single.html": `{{ define "main" }}<article><h1>{{ .Title }}</h1><p><span class="s">{{ .Params.impact }}</span> <span class="s">{{ .Params.status }}</span>
<time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "Jan 2, 2006 15:04 UTC" }}</time></p>{{ .Content }}
<p><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></p></article>{{ end }}`,
	"index.html": `{{ define "main" }}<h1>{{ .Site.Title }}</h1><ul>{{ range (where .Site.Sections "Section" "status") }}{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span class="s">{{ .Params.status }}</span></li>{{ end }}{{ end }}</ul>
<ul>{{ range .Site.Taxonomies.categories }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}`,
}
