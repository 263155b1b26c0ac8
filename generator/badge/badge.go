// Package badge owns the status badges: /badges/<slug>.svg, a flat
// "status | operational" badge whose colour follows the status and whose
// text always names it (colour is never the only signal), with a <title>
// and role="img" for screen readers; and /badges/<slug>.json, a shields.io
// endpoint document (schemaVersion 1) for people who prefer shields' styles.
//
// A badge depends only on the provider's published status (model.State),
// so it changes only when the status does.
package badge

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"strings"

	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/paths"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/publish"
)

// Label is the left-hand text of every badge.
const Label = "status"

// style is how one status looks: the badge's message, its fill (white text
// on it has a contrast ratio of at least 4.5:1) and the shields.io colour.
type style struct {
	Message string
	Fill    string
	Shields string
}

var styles = map[adapters.Status]style{
	adapters.Operational:   {"operational", "#1a7f37", "brightgreen"},
	adapters.Degraded:      {"degraded", "#8a5a00", "yellow"},
	adapters.Maintenance:   {"maintenance", "#0969da", "blue"},
	adapters.PartialOutage: {"partial outage", "#b35000", "orange"},
	adapters.MajorOutage:   {"major outage", "#cf222e", "red"},
	adapters.Unknown:       {"unknown", "#57606a", "lightgrey"},
}

// labelFill is the left half's colour.
const labelFill = "#3d4450"

// StyleOf returns the message and colours of a status; words outside the
// vocabulary look like unknown.
func StyleOf(s adapters.Status) (message, fill, shields string) {
	st, ok := styles[s]
	if !ok {
		st = styles[adapters.Unknown]
	}
	return st.Message, st.Fill, st.Shields
}

// Provider writes the SVG badge and the shields.io endpoint of one provider
// in state st: its published status, unknown while our data is stale.
func Provider(pub *publish.Publisher, p *catalog.Provider, st model.State) error {
	if err := history.ValidSlug(p.Slug); err != nil {
		return fmt.Errorf("badge: %w", err)
	}
	s := st.Status
	if err := pub.WriteCompact(paths.BadgeSVG(p.Slug)[1:], SVG(p.Name, s)); err != nil {
		return err
	}
	data, err := Endpoint(s)
	if err != nil {
		return fmt.Errorf("badge: %s: %w", p.Slug, err)
	}
	return pub.WriteCompact(paths.BadgeJSON(p.Slug)[1:], data)
}

// Shields is the shields.io endpoint document.
type Shields struct {
	SchemaVersion int    `json:"schemaVersion"`
	Label         string `json:"label"`
	Message       string `json:"message"`
	Color         string `json:"color"`
}

// Endpoint is the shields.io endpoint JSON for status s.
func Endpoint(s adapters.Status) ([]byte, error) {
	msg, _, color := StyleOf(s)
	var buf bytes.Buffer
	err := json.NewEncoder(&buf).Encode(Shields{SchemaVersion: 1, Label: Label, Message: msg, Color: color})
	return buf.Bytes(), err
}

// Geometry of the flat badge, in the proportions shields.io made familiar:
// 20 px high, 11 px Verdana-like text, 6 px padding each side.
const (
	height  = 20
	padding = 6
)

// SVG is the flat badge of a provider with status s. name goes only into
// the accessible title.
func SVG(name string, s adapters.Status) []byte {
	msg, fill, _ := StyleOf(s)
	lw := textWidth(Label) + 2*padding
	mw := textWidth(msg) + 2*padding
	w := lw + mw
	title := html.EscapeString(strings.TrimSpace(name) + " status: " + s.Label())
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s">`, w, height, w, height, title)
	fmt.Fprintf(&b, `<title>%s</title>`, title)
	fmt.Fprintf(&b, `<clipPath id="r"><rect width="%d" height="%d" rx="3" fill="#fff"/></clipPath>`, w, height)
	fmt.Fprintf(&b, `<g clip-path="url(#r)"><rect width="%d" height="%d" fill="%s"/><rect x="%d" width="%d" height="%d" fill="%s"/></g>`, lw, height, labelFill, lw, mw, height, fill)
	b.WriteString(`<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">`)
	fmt.Fprintf(&b, `<text x="%d" y="14">%s</text>`, lw/2, Label)
	fmt.Fprintf(&b, `<text x="%d" y="14">%s</text>`, lw+mw/2, html.EscapeString(msg))
	b.WriteString(`</g></svg>` + "\n")
	return []byte(b.String())
}

// textWidth estimates the width in pixels of s in 11 px Verdana, from
// per-character advance widths rounded up, so text never overflows.
func textWidth(s string) int {
	w := 0.0
	for _, r := range s {
		switch {
		case strings.ContainsRune("il.:,;!|'", r):
			w += 3.5
		case strings.ContainsRune("fjrt ", r):
			w += 4.8
		case strings.ContainsRune("mw", r):
			w += 10.7
		case r >= 'A' && r <= 'Z':
			w += 8
		default:
			w += 7
		}
	}
	return int(w + 0.999)
}
