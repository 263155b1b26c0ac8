package site

import (
	"bytes"
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/model"
)

// facts is an incident page's card of facts: impact, status, start, end,
// duration, components and the official report. It is written here rather
// than in a template for the reason banner is; the markup, line breaks
// included, is what the minified template wrote.
//
// A plain resolved or completed entry's banner says its status, start, end
// and duration: the facts leave them out rather than repeat them on some
// 60,000 pages (docs/performance.md).
func facts(b *bytes.Buffer, site siteLinks, p *providerView, r *incidentRow) {
	plain := !(r.Unconfirmed || r.Ongoing || r.Stale || r.Cancelled || r.Scheduled)
	short := plain && !r.Start.IsZero() && !r.End.IsZero() && r.EndsAt.IsZero() && r.Duration != ""
	b.WriteString("\n<dl class=\"facts card\">\n")
	fact(b, "Impact", string(impactBadge(site.Icons, r.Impact)))
	if !plain || r.Observed {
		fact(b, "Status", htmlText.Replace(model.LifecycleLabel(r.Status))+pick(r.Withdrawn, ", then no longer listed", ""))
	}
	if !short {
		b.WriteString("\n")
		fact(b, pick(r.Scheduled || r.Cancelled, "Scheduled start", "Started"), timeOr(r.Start, "Not stated"))
		b.WriteString("\n")
		fact(b, pick(r.Scheduled || r.Cancelled || !r.EndsAt.IsZero(), "Scheduled end", "Ended"), factEnd(r))
	}
	if r.Cancelled {
		at := timeOr(r.CancelledAt, "Not stated")
		if !r.CancelledAt.IsZero() && r.Withdrawn {
			at += " (when we found it no longer listed)"
		}
		fact(b, pick(r.Withdrawn, "Withdrawn", "Cancelled"), at)
	}
	if r.Kind == adapters.KindMaintenance && !r.Scheduled && !r.Cancelled && !r.SchedFrom.IsZero() && !r.SchedUntil.IsZero() {
		fact(b, "Scheduled window", string(timeHTML(r.SchedFrom))+" to "+string(timeHTML(r.SchedUntil)))
	}
	if !short {
		fact(b, "Duration", factDuration(r))
	}
	b.WriteString("\n")
	fact(b, "Affected components", pick(len(r.Components) > 0, htmlText.Replace(strings.Join(r.Components, ", ")), "None stated"))
	if r.Official != "" {
		fact(b, "Official report", `<a href="`+hrefValue(r.Official)+`" rel="nofollow noopener">View on `+htmlText.Replace(p.Possessive())+` status page</a>`)
	}
	b.WriteString("\n</dl>\n")
}

// fact writes one term of the card and its description, both HTML.
func fact(b *bytes.Buffer, term, desc string) {
	b.WriteString("<div><dt>")
	b.WriteString(term)
	b.WriteString("</dt><dd>")
	b.WriteString(desc)
	b.WriteString("</dd></div>")
}

// timeOr is t as a <time> element, or none when t is not set.
func timeOr(t time.Time, none string) string {
	if t.IsZero() {
		return none
	}
	return string(timeHTML(t))
}

// factEnd is when the entry ended, is scheduled to, or why that is unknown.
func factEnd(r *incidentRow) string {
	switch {
	case r.Scheduled || r.Cancelled:
		return timeOr(r.SchedUntil, "Not stated")
	case !r.EndsAt.IsZero():
		return string(timeHTML(r.EndsAt))
	case r.Stale:
		return "Never stated"
	case r.Unconfirmed:
		return "Not by our last successful check"
	case !r.End.IsZero():
		return string(timeHTML(r.End)) + pick(r.Observed, " (as observed)", "")
	case r.Ongoing:
		return "Ongoing"
	}
	return "Not stated"
}

// factDuration is how long the entry lasted, or why that is unknown.
func factDuration(r *incidentRow) string {
	switch {
	case r.Unconfirmed:
		return "Not known"
	case r.Cancelled:
		return "None: cancelled"
	case !r.EndsAt.IsZero():
		return htmlText.Replace(r.Duration)
	case r.Ongoing:
		return "Ongoing"
	case r.Duration != "":
		return htmlText.Replace(r.Duration)
	}
	return "Not known"
}
