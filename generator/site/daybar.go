package site

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/internal/bufpool"
)

// DayBar is the provider page's 90-day bar, one <li> a day with its
// popover. It is written in Go rather than in provider.html because it is
// most of that template's work: ninety days of a dozen escaped actions
// each, on every provider page. The bytes are those the minified template
// wrote (daybar_test.go holds them to it), escaped as html/template
// escapes each place (escape.go).
func (v *providerView) DayBar() template.HTML {
	b := bufpool.Get()
	defer bufpool.Put(b)
	dayBar(b, v.Days)
	return template.HTML(b.String())
}

func dayBar(b *bytes.Buffer, days []barDay) {
	for _, d := range days {
		date, label := d.Date.UTC().Format(dateLayout), d.Status.Label()
		b.WriteString(`<li class="`)
		esc(b, statusClass(d.Status))
		b.WriteString(`"><button type="button" popovertarget="`)
		esc(b, d.ID)
		b.WriteString(`" aria-label="`)
		esc(b, date)
		b.WriteString(": ")
		esc(b, label)
		if len(d.Incidents) > 0 {
			b.WriteString(", ")
			esc(b, plural(len(d.Incidents), "incident", "incidents"))
		}
		b.WriteString(`"></button><div popover id="`)
		esc(b, d.ID)
		b.WriteString(`" class="daypop"><strong>`)
		esc(b, date)
		b.WriteString(`</strong>: `)
		esc(b, label)
		switch {
		case len(d.Incidents) > 0:
			dayEntries(b, d)
		case d.Status == adapters.Unknown:
			b.WriteString(", before our record begins")
		default:
			b.WriteString(", no incident")
		}
		b.WriteString(`</div></li>`)
	}
}

// dayEntries lists the entries of a day's popover.
func dayEntries(b *bytes.Buffer, d barDay) {
	b.WriteString("<ul>")
	for _, e := range d.Incidents {
		b.WriteString(`<li><a href="`)
		b.WriteString(hrefValue(e.URL))
		b.WriteString(`">`)
		esc(b, e.Title)
		b.WriteString(`</a> <span class="muted">(`)
		esc(b, strings.ToLower(model.ImpactLabel(e.Impact)))
		b.WriteString(`)</span></li>`)
	}
	b.WriteString("</ul>")
	if d.More != 0 {
		b.WriteString(`<p>and `)
		esc(b, num(d.More))
		b.WriteString(` more in the history</p>`)
	}
}
