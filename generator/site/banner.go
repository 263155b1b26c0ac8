package site

import (
	"bytes"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/model"
)

// banner is an incident page's state banner: its class and icon, a heading
// saying where the entry stands and a sentence of when. It is written here
// rather than in a template because its chain of conditions cost some
// twenty template actions on each of tens of thousands of pages
// (docs/performance.md); the markup is what the minified template wrote,
// text escaped as html/template does (escape.go).
func banner(b *bytes.Buffer, site siteLinks, p *providerView, r *incidentRow) {
	class, icon := bannerLook(r)
	b.WriteString(`<section class="banner `)
	esc(b, class)
	b.WriteString(`" aria-labelledby="state">`)
	b.WriteString(string(iconHTML(site.Icons, icon)))
	b.WriteString(`<div><h2 id="state">`)
	esc(b, bannerHeading(r))
	b.WriteString(`</h2><p>`)
	bannerText(b, site, p, r)
	b.WriteString(`</p></div></section>`)
}

// bannerLook is the banner's status class and icon.
func bannerLook(r *incidentRow) (class, icon string) {
	switch {
	case r.Unconfirmed:
		return "s-unknown", "unknown"
	case r.Ongoing:
		s := r.Impact.Status()
		return statusClass(s), string(s)
	case r.Stale:
		return "s-unknown", "unknown"
	case r.Cancelled:
		return "s-unknown", "none"
	case r.Scheduled:
		return "s-maintenance", "maintenance"
	}
	return "s-operational", "operational"
}

// bannerHeading says where the entry stands.
func bannerHeading(r *incidentRow) string {
	mnt := r.Kind == adapters.KindMaintenance
	switch {
	case r.Unconfirmed:
		return pick(mnt, "In progress", "Ongoing") + " at our last successful check"
	case r.Ongoing:
		return pick(mnt, "Maintenance in progress", "Ongoing incident")
	case r.Stale:
		return "Never marked " + pick(mnt, "completed", "resolved")
	case r.Cancelled:
		return "Maintenance " + pick(r.Withdrawn, "withdrawn", "cancelled")
	case r.Scheduled:
		return "Scheduled maintenance"
	case r.Observed:
		return pick(mnt, "Completed", "Resolved") + " as observed"
	}
	return model.LifecycleLabel(r.Status)
}

// bannerText is the banner's sentence: when the entry started and ended,
// or why its state is uncertain.
func bannerText(b *bytes.Buffer, site siteLinks, p *providerView, r *incidentRow) {
	mnt := r.Kind == adapters.KindMaintenance
	kind := htmlText.Replace(string(r.Kind))
	w := func(parts ...string) {
		for _, s := range parts {
			b.WriteString(s)
		}
	}
	switch {
	case r.Unconfirmed:
		if !r.Start.IsZero() {
			w("Started ", string(timeHTML(r.Start)), ". ")
		}
		w("Our data on ", htmlText.Replace(p.Name), " is out of date, so we cannot say whether it is still ", pick(mnt, "in progress", "ongoing"))
		if r.Official != "" {
			w("; the official report has its current state")
		}
		w(".")
	case r.Ongoing:
		w("Started ", string(timeHTML(r.Start)))
		if !r.EndsAt.IsZero() {
			w("; scheduled to end ", string(timeHTML(r.EndsAt)))
		}
		w(".")
	case r.Stale:
		w(pick(mnt, "The planned window is over, but the provider", "The provider"), " never closed this ", kind,
			"; its last update was ", string(timeHTML(r.LastMod)), ". ", htmlText.Replace(site.Name), " no longer counts it as ongoing.")
	case r.Cancelled:
		w(htmlText.Replace(r.CancelNote))
		if !r.SchedFrom.IsZero() {
			w(" It was planned for ", string(timeHTML(r.SchedFrom)))
			if !r.SchedUntil.IsZero() {
				w(" to ", string(timeHTML(r.SchedUntil)))
			}
			w(".")
		}
	case r.Scheduled:
		w("Planned for ", string(timeHTML(r.Start)))
		if !r.SchedUntil.IsZero() {
			w(" to ", string(timeHTML(r.SchedUntil)))
		}
	default:
		if !r.Start.IsZero() {
			w("From ", string(timeHTML(r.Start)))
		}
		if !r.End.IsZero() {
			w(" to ", string(timeHTML(r.End)))
		}
		if r.Duration != "" {
			w(" (", htmlText.Replace(r.Duration), ")")
		}
		if r.Observed {
			w(". The provider wrote no resolution: its status page lists only what is active and stopped listing this ", kind,
				"; our check at ", string(timeHTML(r.End)), " found it gone.")
		}
	}
}

// pick is a if cond, else b: the page's wording for maintenance or not.
func pick(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}
