package site

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/vendortext"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/paths"
)

// timeline writes an incident's updates, newest first, as the page's <ol>
// of cards. It is written here rather than in a template because it is the
// part of a page that repeats per update: a build renders some sixty
// thousand incident pages of several updates each, and as template actions
// each update cost a dozen reflective calls. Text goes through
// template.HTMLEscapeString, bodies through the markdown renderer; the
// markup is what the minified template wrote. Each update's <li> carries
// the anchor paths.UpdateAnchor, which the items of the updates feeds link
// to. Each <li> is the card itself (style.css styles it as one), its
// status a heading and its time beside it, without wrappers or classes:
// the markup repeats some 400,000 times at 1,000 providers × 60
// incidents, and three wrappers and a class cost 90 bytes an update, 36 MB
// of the site's size budget (docs/performance.md).
func timeline(b *bytes.Buffer, md *vendortext.Renderer, ups []adapters.Update) error {
	b.WriteString(`<ol class="timeline">`)
	anchors := make(map[string]bool, len(ups))
	for _, up := range model.SortedUpdates(ups) {
		b.WriteString(`<li`)
		// Ids are unique in a page: an update that repeats another's
		// name (a vendor listing one twice) shares the first's anchor.
		if a := paths.UpdateAnchor(&up); !anchors[a] {
			anchors[a] = true
			b.WriteString(` id="` + template.HTMLEscapeString(a) + `"`)
		}
		b.WriteString(`><h3>`)
		b.WriteString(template.HTMLEscapeString(model.LifecycleLabel(up.Status)))
		b.WriteString(`</h3> `)
		b.WriteString(string(timeHTML(model.UpdateTime(&up))))
		b.WriteString(`<div class="body">`)
		if err := md.WriteHTML(b, up.Body); err != nil {
			return fmt.Errorf("update %q: %w", up.ID, err)
		}
		b.WriteString(`</div>`)
		if names := componentNames(up.Components); len(names) > 0 {
			b.WriteString(`<p class="affected small"><span class="muted">Components:</span> `)
			for i, n := range names {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(template.HTMLEscapeString(n))
			}
			b.WriteString(`</p>`)
		}
		b.WriteString(`</li>`)
	}
	b.WriteString(`</ol>`)
	return nil
}

// timelineSection is the timeline's section of an incident page: its
// heading, the count of updates and the timeline, or a line saying there
// is none. As the pager (pager.go), it is written here so that the page's
// bytes stay what the minified template wrote, line breaks included.
func timelineSection(b *bytes.Buffer, md *vendortext.Renderer, r *incidentRow) error {
	ups := r.src.Updates
	b.WriteString("\n<section aria-labelledby=\"timeline\">\n<div class=\"section-head\"><h2 id=\"timeline\">Timeline</h2><p class=\"muted small\">")
	esc(b, plural(len(ups), "update", "updates"))
	b.WriteString(", newest first</p></div>")
	if len(ups) > 0 {
		if err := timeline(b, md, ups); err != nil {
			return err
		}
	} else {
		b.WriteString("\n<p class=\"empty\">The provider published no updates for this ")
		esc(b, string(r.Kind))
		b.WriteString(".</p>")
	}
	b.WriteString("\n</section>")
	return nil
}

// componentNames are the names of refs, in order, leaving out unnamed ones.
func componentNames(refs []adapters.ComponentRef) []string {
	var names []string
	for _, c := range refs {
		if c.Name != "" {
			names = append(names, c.Name)
		}
	}
	return names
}
