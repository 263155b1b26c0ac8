package site

import (
	"html/template"
	"math"
	"strconv"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/internal/words"
)

// Times are shown in UTC and absolute, so a page reads the same whenever and
// wherever it is opened and never goes stale the way "3 hours ago" does.
const (
	timeLayout = "Jan 2, 2006, 15:04 UTC"
	dateLayout = "Jan 2, 2006"
)

// timeHTML renders t as a <time> element; the zero time renders as empty.
func timeHTML(t time.Time) template.HTML { return timeElement(t, timeLayout) }

// dateHTML renders the day of t as a <time> element.
func dateHTML(t time.Time) template.HTML { return timeElement(t, dateLayout) }

// timeElement is t, in UTC, as a <time> element showing it in layout.
// Pages print thousands of times, so it is built in one allocation.
func timeElement(t time.Time, layout string) template.HTML {
	if t.IsZero() {
		return ""
	}
	t = t.UTC()
	var buf [80]byte
	b := append(buf[:0], `<time datetime="`...)
	b = t.AppendFormat(b, time.RFC3339)
	b = append(b, `">`...)
	b = t.AppendFormat(b, layout)
	b = append(b, `</time>`...)
	return template.HTML(b)
}

// formatDuration renders d as every page writes a length of time
// (words.Duration): "2 h 14 min", "3 d 4 h", "45 min", "< 1 min"; a
// negative one (a time already past) as nothing.
func formatDuration(d time.Duration) string {
	if d < 0 {
		return ""
	}
	return words.Duration(d)
}

// icons are outline symbols, one shape per status, so that status can be told
// apart without colour; each is paired with a text label wherever it is used.

// iconNames are the symbols of static/icons.svg.
var iconNames = map[string]bool{"operational": true, "degraded": true, "maintenance": true,
	"partial_outage": true, "major_outage": true, "unknown": true, "none": true}

// iconHTML shows one symbol of the sprite at sprite (static/icons.svg):
// a page with a hundred status badges carries a hundred short references
// instead of a hundred copies of the drawings. The svg is hidden from
// assistive technology; focusable="false" was for Internet Explorer and
// the old Edge, which made an svg a tab stop, and cost 18 bytes an icon on
// every page.
func iconHTML(sprite, name string) template.HTML {
	if !iconNames[name] {
		name = "unknown"
	}
	return template.HTML(`<svg aria-hidden="true"><use href="` + template.HTMLEscapeString(sprite) + `#` + name + `"/></svg>`)
}

// statusClass is the CSS class of a status; unknown words fall back to
// "unknown" so a bad value can never inject a class name.
func statusClass(s adapters.Status) string {
	if s.Rank() == 0 {
		return "s-unknown"
	}
	return "s-" + string(s)
}

// statusBadge is a status's symbol and label in a tinted pill.
func statusBadge(sprite string, s adapters.Status) template.HTML {
	name := string(s)
	if s.Rank() == 0 {
		name = "unknown"
	}
	return template.HTML(`<span class="badge ` + statusClass(s) + `">` + string(iconHTML(sprite, name)) + template.HTMLEscapeString(s.Label()) + `</span>`)
}

// impactBadge shows an impact with the symbol of the status it implies.
func impactBadge(sprite string, i adapters.Impact) template.HTML {
	s := i.Status()
	icon, class := string(s), statusClass(s)
	if i.Rank() == 0 {
		icon, class = "none", "s-unknown"
	}
	return template.HTML(`<span class="badge ` + class + `">` + string(iconHTML(sprite, icon)) + template.HTMLEscapeString(model.ImpactLabel(i)) + `</span>`)
}

// plural picks the singular or plural noun for n: "1 incident", "2 incidents".
func plural(n int, one, many string) string { return words.Count(n, one, many) }

// num writes n with a comma between thousands, as the pages' English
// does: "1,262".
func num(n int) string { return words.Num(n) }

// word is one or many by n, without the number.
func word(n int, one, many string) string { return words.Noun(n, one, many) }

// daysText shows a number of days with at most one decimal: "90", "2.5".
func daysText(d float64) string {
	return strconv.FormatFloat(math.Floor(d*10)/10, 'f', -1, 64)
}
