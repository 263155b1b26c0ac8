package site

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/model"
)

// Times are shown in UTC and absolute, so a page reads the same whenever and
// wherever it is opened and never goes stale the way "3 hours ago" does.
const (
	timeLayout = "Jan 2, 2006, 15:04 UTC"
	dateLayout = "Jan 2, 2006"
)

// timeHTML renders t as a <time> element; the zero time renders as empty.
func timeHTML(t time.Time) template.HTML {
	if t.IsZero() {
		return ""
	}
	t = t.UTC()
	return template.HTML(`<time datetime="` + t.Format(time.RFC3339) + `">` + t.Format(timeLayout) + `</time>`)
}

// dateHTML renders the day of t as a <time> element.
func dateHTML(t time.Time) template.HTML {
	if t.IsZero() {
		return ""
	}
	t = t.UTC()
	return template.HTML(`<time datetime="` + t.Format(time.RFC3339) + `">` + t.Format(dateLayout) + `</time>`)
}

// formatDuration renders d with its two largest units: "2 h 14 min",
// "3 d 4 h", "45 min", "< 1 min".
func formatDuration(d time.Duration) string {
	if d < time.Minute {
		if d < 0 {
			return ""
		}
		return "< 1 min"
	}
	mins := int64(d / time.Minute)
	days, hours, m := mins/(24*60), mins/60%24, mins%60
	var parts []string
	if days > 0 {
		parts = append(parts, fmt.Sprintf("%d d", days))
	}
	if hours > 0 {
		parts = append(parts, fmt.Sprintf("%d h", hours))
	}
	if m > 0 {
		parts = append(parts, fmt.Sprintf("%d min", m))
	}
	if len(parts) > 2 {
		parts = parts[:2]
	}
	return strings.Join(parts, " ")
}

// icons are outline symbols, one shape per status, so that status can be told
// apart without colour; each is paired with a text label wherever it is used.
var icons = map[string]string{
	"operational":    `<circle cx="8" cy="8" r="6.6"/><path d="M5 8.3l2 2 4-4.3"/>`,
	"degraded":       `<path d="M8 1.8l6.6 11.7H1.4z"/><path d="M8 6.3v3.2M8 11.6v.1"/>`,
	"maintenance":    `<rect x="1.6" y="1.6" width="12.8" height="12.8" rx="3"/><path d="M8 4.6V8l2.4 1.6"/>`,
	"partial_outage": `<path d="M8 1.2l6.8 6.8L8 14.8 1.2 8z"/><path d="M8 5v3.6M8 10.9v.1"/>`,
	"major_outage":   `<path d="M5.3 1.5h5.4l3.8 3.8v5.4l-3.8 3.8H5.3l-3.8-3.8V5.3z"/><path d="M5.8 5.8l4.4 4.4M10.2 5.8l-4.4 4.4"/>`,
	"unknown":        `<circle cx="8" cy="8" r="6.6" stroke-dasharray="2.2 1.6"/><path d="M6.2 6.3a1.9 1.9 0 1 1 2.6 1.8c-.5.2-.8.6-.8 1.1v.4M8 11.6v.1"/>`,
	"none":           `<circle cx="8" cy="8" r="6.6"/><path d="M8 7.4v3.8M8 4.9v.1"/>`,
}

func iconHTML(name string) template.HTML {
	shape, ok := icons[name]
	if !ok {
		shape = icons["unknown"]
	}
	return template.HTML(`<svg viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">` + shape + `</svg>`)
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
func statusBadge(s adapters.Status) template.HTML {
	name := string(s)
	if s.Rank() == 0 {
		name = "unknown"
	}
	return template.HTML(`<span class="badge ` + statusClass(s) + `">` + string(iconHTML(name)) + template.HTMLEscapeString(s.Label()) + `</span>`)
}

// impactBadge shows an impact with the symbol of the status it implies.
func impactBadge(i adapters.Impact) template.HTML {
	s := i.Status()
	icon, class := string(s), statusClass(s)
	if i.Rank() == 0 {
		icon, class = "none", "s-unknown"
	}
	return template.HTML(`<span class="badge ` + class + `">` + string(iconHTML(icon)) + template.HTMLEscapeString(model.ImpactLabel(i)) + `</span>`)
}

// plural picks the singular or plural noun for n: "1 incident", "2 incidents".
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// word is one or many by n, without the number.
func word(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// daysText shows a number of days with at most one decimal: "90", "2.5".
func daysText(d float64) string {
	return strconv.FormatFloat(math.Floor(d*10)/10, 'f', -1, 64)
}

// vendorNames are the human names of the adapters.
var vendorNames = map[string]string{
	"statuspage":  "Atlassian Statuspage",
	"incidentio":  "incident.io",
	"instatus":    "Instatus",
	"betterstack": "Better Stack",
	"statusio":    "status.io",
	"cachet":      "Cachet",
	"slack":       "Slack status API",
	"feed":        "RSS/Atom history feed",
	"gcp":         "Google Cloud status",
	"aws":         "AWS Health dashboard",
	"azure":       "Azure status feed",
}

func vendorName(adapter string) string {
	if n, ok := vendorNames[adapter]; ok {
		return n
	}
	return adapter
}
