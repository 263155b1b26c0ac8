package site

import "bytes"

// pager is the end of an incident page: links to the provider's previous
// and next entries and back to the provider. It is written here, as the
// banner is (banner.go), so that the page's content is one template action
// and its bytes stay what the minified template wrote, line breaks
// included.
func pager(b *bytes.Buffer, p *providerView, prev, next *incidentRow) {
	if prev != nil || next != nil {
		b.WriteString("\n<nav class=\"pager\" aria-label=\"More from ")
		esc(b, p.Name)
		b.WriteString(`">`)
		if prev != nil {
			pagerLink(b, prev, "prev", "← Previous "+string(prev.Kind))
		}
		if next != nil {
			pagerLink(b, next, "next", "Next "+string(next.Kind)+" →")
		}
		b.WriteString("\n</nav>")
	}
	b.WriteString("\n<p><a href=\"" + hrefValue(p.URL) + `">← All of ` + htmlText.Replace(p.Possessive()) + " status, incidents and maintenance</a></p>\n")
}

// pagerLink is the link to r, rel prev or next, labelled dir.
func pagerLink(b *bytes.Buffer, r *incidentRow, rel, dir string) {
	b.WriteString(`<a class="` + rel + `" href="` + hrefValue(r.URL) + `" rel="` + rel + `"><span class="dir">` + htmlText.Replace(dir) +
		`</span><span class="ptitle">` + htmlText.Replace(r.Title) + `</span> ` + string(dateHTML(r.Start)) + `</a>`)
}
