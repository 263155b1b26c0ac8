package statuspage

import (
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/internal/jsonx"
)

// DecodeIncident decodes a bare incident object, the shape of
// /api/v2/incidents/<id>.json. Its URL is the shortlink, or empty when the
// incident has none (the page URL is not known here).
func DecodeIncident(b []byte) (adapters.Incident, error) {
	wi, err := jsonx.DecodeRequired(b, func(w *wireIncident) bool { return w.ID.Trim() != "" }, "incident has no id")
	if err != nil {
		return adapters.Incident{}, err
	}
	return toIncident(*wi, false), nil
}

// toIncident converts one item; maintenance says it came from a list of
// maintenance windows.
func toIncident(wi wireIncident, maintenance bool) adapters.Incident {
	rawImpact := wi.Impact.Trim()
	rawStatus := wi.Status.Trim()
	inc := adapters.Incident{
		ID:             wi.ID.Trim(),
		Kind:           adapters.KindIncident,
		Title:          wi.Name.Trim(),
		Impact:         impactOf(rawImpact),
		ImpactRaw:      rawImpact,
		Status:         strings.ToLower(rawStatus),
		URL:            wi.Shortlink.Trim(),
		CreatedAt:      wi.CreatedAt.Time(),
		StartedAt:      wi.StartedAt.Time(),
		UpdatedAt:      wi.UpdatedAt.Time(),
		ResolvedAt:     wi.ResolvedAt.Time(),
		ScheduledFor:   wi.ScheduledFor.Time(),
		ScheduledUntil: wi.ScheduledUntil.Time(),
		Updates:        updates(wi.Updates),
	}
	if inc.Status != rawStatus {
		inc.StatusRaw = rawStatus
	}
	if inc.StartedAt.IsZero() {
		inc.StartedAt = inc.CreatedAt
	}
	if inc.ResolvedAt.IsZero() && finished(inc.Status) {
		inc.ResolvedAt = newestUpdate(inc.Updates)
		if inc.ResolvedAt.IsZero() {
			inc.ResolvedAt = inc.UpdatedAt
		}
	}
	for _, r := range wi.Components {
		if id := r.ID.Trim(); id != "" {
			inc.Components = append(inc.Components, adapters.ComponentRef{
				ID: id, Name: r.Name.Trim(), Status: componentStatus(string(r.Status)),
			})
		}
	}
	if maintenance || !inc.ScheduledFor.IsZero() {
		inc = asMaintenance(inc)
	}
	return inc
}

// asMaintenance turns an item into a maintenance window. Statuspage gives
// windows the impact "maintenance" or, often, "none"; both mean the planned
// kind of disruption. A window the owner marked minor or worse keeps that.
func asMaintenance(inc adapters.Incident) adapters.Incident {
	inc.Kind = adapters.KindMaintenance
	if inc.Impact == adapters.ImpactNone {
		inc.Impact = adapters.ImpactMaintenance
	}
	return inc
}

// finished reports whether a lifecycle word means the item is over.
func finished(status string) bool {
	switch status {
	case "resolved", "postmortem", "completed":
		return true
	}
	return false
}

func impactOf(s string) adapters.Impact {
	switch i := adapters.Impact(strings.ToLower(s)); i {
	case adapters.ImpactMinor, adapters.ImpactMajor, adapters.ImpactCritical, adapters.ImpactMaintenance:
		return i
	}
	return adapters.ImpactNone
}

// updates returns the timeline newest first. Upstream lists are usually
// newest first but not reliably, so they are sorted by creation time with
// the id breaking ties.
func updates(in []wireUpdate) []adapters.Update {
	out := make([]adapters.Update, 0, len(in))
	for _, wu := range in {
		raw := wu.Status.Trim()
		u := adapters.Update{
			ID:        wu.ID.Trim(),
			Status:    strings.ToLower(raw),
			Body:      normalizeBody(string(wu.Body)),
			CreatedAt: wu.CreatedAt.Time(),
		}
		if u.Status != raw {
			u.StatusRaw = raw
		}
		if d := wu.DisplayAt.Time(); !d.IsZero() && !d.Equal(u.CreatedAt) {
			u.DisplayAt = d
		}
		for _, a := range wu.Affected {
			if code := a.Code.Trim(); code != "" {
				u.Components = append(u.Components, adapters.ComponentRef{
					ID: code, Name: a.Name.Trim(), Status: componentStatus(string(a.NewStatus)),
				})
			}
		}
		out = append(out, u)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].CreatedAt, out[j].CreatedAt
		if !a.Equal(b) {
			return a.After(b)
		}
		return out[i].ID < out[j].ID
	})
	return out
}

func newestUpdate(us []adapters.Update) time.Time {
	var t time.Time
	for _, u := range us {
		if u.CreatedAt.After(t) {
			t = u.CreatedAt
		}
	}
	return t
}

// brTag matches the line breaks Statuspage's editor leaves in plain-text
// bodies: <br>, <br/>, <br />, in any case. It is compiled once and never
// changed.
var brTag = regexp.MustCompile(`(?i)<br\s*/?\s*>`)

// normalizeBody makes an update body plain text with "\n" line breaks.
// Markdown and other markup are left for the renderer.
func normalizeBody(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = brTag.ReplaceAllString(s, "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}
