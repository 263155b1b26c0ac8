package site

import (
	"bytes"
	"time"
)

// The page shell, around every page's content: head, site header,
// breadcrumbs and footer. It is written in Go rather than as a template
// because it repeats on every page, tens of thousands at 1,000 providers,
// and html/template spent more on it than on the content of an incident
// page (docs/performance.md). It writes the bytes the minified template
// wrote, escaped as html/template escapes each place (escape.go);
// shell_test.go holds it to that template.

// writeShell writes page p around the content that content writes; crumb
// writes the last step of the breadcrumb (the page itself), when p has
// crumbs.
func (b *builder) writeShell(buf *bytes.Buffer, p *page, crumb, content func(*bytes.Buffer) error) error {
	writeHead(buf, p)
	buf.WriteString(`<body><a class="skip" href="#main">Skip to content</a><header class="site-header"><div class="wrap"><a class="brand" href="`)
	buf.WriteString(hrefValue(p.Site.Home))
	buf.WriteString(`"><svg aria-hidden="true"><use href="`)
	buf.WriteString(hrefValue(p.Site.Icons))
	buf.WriteString(`#logo"/></svg>`)
	esc(buf, p.Site.Name)
	buf.WriteString(`</a><nav aria-label="Site"><a href="`)
	buf.WriteString(hrefValue(p.Site.Index))
	buf.WriteString(`">All providers</a><a href="`)
	buf.WriteString(hrefValue(p.Site.WatchPage))
	buf.WriteString(`">Watch list</a></nav></div></header><main id="main" class="wrap">`)
	if len(p.Crumbs) > 0 {
		buf.WriteString(`<nav class="crumbs" aria-label="Breadcrumb"><ol>`)
		for _, c := range p.Crumbs {
			buf.WriteString(`<li><a href="`)
			buf.WriteString(hrefValue(c.URL))
			buf.WriteString(`">`)
			esc(buf, c.Name)
			buf.WriteString(`</a></li>`)
		}
		buf.WriteString(`<li aria-current="page">`)
		if err := crumb(buf); err != nil {
			return err
		}
		buf.WriteString(`</li></ol></nav>`)
	}
	buf.WriteByte('\n')
	if err := content(buf); err != nil {
		return err
	}
	buf.WriteString(`</main><footer class="site-footer"><div class="wrap"><p>`)
	esc(buf, p.Site.Name)
	buf.WriteString(` mirrors the official status pages of service providers and keeps their history. It is not affiliated with the providers; their own pages are the authority.</p><p data-zone-note="Times are in your time zone">All times are in UTC.</p></div></footer></body></html>`)
	return nil
}

// writeHead writes the document's start and its <head>.
func writeHead(buf *bytes.Buffer, p *page) {
	buf.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>`)
	esc(buf, p.Title)
	buf.WriteString(`</title><meta name="description" content="`)
	esc(buf, p.Description)
	buf.WriteString(`">`)
	if p.Canonical != "" {
		buf.WriteString("\n" + `<link rel="canonical" href="`)
		buf.WriteString(hrefValue(p.Canonical))
		buf.WriteString(`"><meta property="og:type" content="website"><meta property="og:site_name" content="`)
		esc(buf, p.Site.Name)
		buf.WriteString(`"><meta property="og:title" content="`)
		esc(buf, p.Title)
		buf.WriteString(`"><meta property="og:url" content="`)
		esc(buf, p.Canonical) // a plain attribute to html/template, not a URL
		buf.WriteString(`">`)
	}
	if p.NoIndex {
		buf.WriteString("\n" + `<meta name="robots" content="noindex">`)
	}
	buf.WriteString("\n" + `<meta name="color-scheme" content="light dark"><link rel="icon" href="`)
	buf.WriteString(hrefValue(p.Site.Favicon))
	buf.WriteString(`" type="image/svg+xml"><link rel="stylesheet" href="`)
	buf.WriteString(hrefValue(p.Site.CSS))
	buf.WriteString(`">`)
	if !p.FreshUntil.IsZero() {
		buf.WriteString("\n" + `<script src="`)
		buf.WriteString(hrefValue(p.Site.Aged))
		buf.WriteString(`" data-fresh-until="`)
		esc(buf, p.FreshUntil.UTC().Format(time.RFC3339))
		buf.WriteString(`"></script>`)
	}
	for _, a := range p.Alternates {
		buf.WriteString("\n" + `<link rel="alternate" type="`)
		esc(buf, a.Type)
		buf.WriteString(`" title="`)
		esc(buf, a.Title)
		buf.WriteString(`" href="`)
		buf.WriteString(hrefValue(a.URL))
		buf.WriteString(`">`)
	}
	for _, sd := range p.StructuredData {
		// template.JS, written as it is, as html/template writes it.
		buf.WriteString("\n" + `<script type="application/ld+json">`)
		buf.WriteString(string(sd))
		buf.WriteString(`</script>`)
	}
	for _, s := range p.Scripts {
		buf.WriteString("\n" + `<script src="`)
		buf.WriteString(hrefValue(s))
		buf.WriteString(`" defer></script>`)
	}
	buf.WriteString(`</head>`)
}
