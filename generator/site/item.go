package site

import (
	"bytes"
	"html/template"
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/internal/bufpool"
)

// incidentItems is a list's entries, one <li> each: a title linking to
// the entry's page, its impact, where it stands and when, the components
// it affected and its latest update. The provider page lists some and the
// archive every one of a provider's entries, so it is written in Go rather
// than as a partial; the bytes are those the minified partial wrote
// (item_test.go holds them to it), escaped as html/template escapes each
// place (escape.go).
func incidentItems(icons string, rows []*incidentRow) template.HTML {
	b := bufpool.Get()
	defer bufpool.Put(b)
	for _, r := range rows {
		incidentItem(b, icons, r)
	}
	return template.HTML(b.String())
}

func incidentItem(b *bytes.Buffer, icons string, r *incidentRow) {
	b.WriteString("<li>\n<h3><a href=\"")
	b.WriteString(hrefValue(r.URL))
	b.WriteString(`">`)
	esc(b, r.Title)
	b.WriteString("</a></h3>\n<p class=\"meta-line\">")
	b.WriteString(string(impactBadge(icons, r.Impact)))
	b.WriteString("<span>")
	itemState(b, r)
	b.WriteString("</span>")
	itemWhen(b, r)
	itemLasted(b, r)
	b.WriteString("</p>")
	if len(r.Components) > 0 {
		b.WriteString(`<p class="affected"><span class="muted">Affected:</span> `)
		esc(b, strings.Join(r.Components, ", "))
		b.WriteString("</p>")
	}
	if l := r.Latest; l != nil && l.Line != "" {
		b.WriteString(`<p class="latest"><span class="ustatus">`)
		esc(b, model.LifecycleLabel(l.Status))
		b.WriteString("</span>")
		if !l.At.IsZero() {
			b.WriteString(" · ")
			b.WriteString(string(timeHTML(l.At)))
		}
		b.WriteString(": ")
		esc(b, l.Line)
		b.WriteString("</p>")
	}
	b.WriteString("\n</li>")
}

// itemState is where the entry stands: cancelled or withdrawn, closed as
// observed, or its status.
func itemState(b *bytes.Buffer, r *incidentRow) {
	switch {
	case r.Cancelled && r.Withdrawn:
		b.WriteString("<strong>Withdrawn</strong>")
	case r.Cancelled:
		b.WriteString("<strong>Cancelled</strong>")
	case r.Observed && r.Kind == adapters.KindMaintenance:
		b.WriteString("Completed as observed")
	case r.Observed:
		b.WriteString("Resolved as observed")
	default:
		esc(b, model.LifecycleLabel(r.Status))
	}
}

// itemWhen is when the entry was scheduled for or started.
func itemWhen(b *bytes.Buffer, r *incidentRow) {
	switch {
	case r.Cancelled:
		if !r.SchedFrom.IsZero() {
			b.WriteString("<span>Was scheduled ")
			itemSpan(b, r.SchedFrom, r.SchedUntil)
		}
	case r.Scheduled:
		b.WriteString("<span>Scheduled ")
		itemSpan(b, r.Start, r.SchedUntil)
	case !r.Start.IsZero():
		b.WriteString("<span>Started ")
		b.WriteString(string(timeHTML(r.Start)))
		b.WriteString("</span>")
	}
}

// itemSpan writes from, " to " until when set, and closes the <span>.
func itemSpan(b *bytes.Buffer, from, until time.Time) {
	b.WriteString(string(timeHTML(from)))
	if !until.IsZero() {
		b.WriteString(" to ")
		b.WriteString(string(timeHTML(until)))
	}
	b.WriteString("</span>")
}

// itemLasted is whether the entry goes on, and how long it lasted or is
// planned to.
func itemLasted(b *bytes.Buffer, r *incidentRow) {
	switch {
	case r.Ongoing:
		b.WriteString("<span><strong>")
		switch {
		case r.Unconfirmed:
			b.WriteString("Ongoing at our last successful check")
		case !r.EndsAt.IsZero():
			b.WriteString("Scheduled to end ")
			b.WriteString(string(timeHTML(r.EndsAt)))
		default:
			b.WriteString("Ongoing")
		}
		b.WriteString("</strong></span>")
		if r.Unconfirmed && !r.EndsAt.IsZero() {
			b.WriteString("<span>Scheduled to end ")
			b.WriteString(string(timeHTML(r.EndsAt)))
			b.WriteString("</span>")
		}
	case r.Stale:
		b.WriteString("<span><strong>Not marked ")
		if r.Kind == adapters.KindMaintenance {
			b.WriteString("completed")
		} else {
			b.WriteString("resolved")
		}
		b.WriteString("</strong></span>")
		if r.Duration != "" {
			b.WriteString("<span>")
			esc(b, r.Duration)
			b.WriteString(" scheduled</span>")
		}
	case r.Scheduled:
		if r.Duration != "" {
			b.WriteString("<span>")
			esc(b, r.Duration)
			b.WriteString("</span>")
		}
	case r.Duration != "":
		b.WriteString("<span>Lasted ")
		esc(b, r.Duration)
		b.WriteString("</span>")
	}
}
