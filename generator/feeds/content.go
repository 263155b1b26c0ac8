package feeds

import (
	"html"
	"regexp"
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/model"
)

// Item bodies are built as HTML from escaped text only: every character
// that came from a vendor goes through html.EscapeString, and the only tags
// are the ones written here. Vendor markdown is shown as its plain text
// (the site's goldmark renderer is unexported); newlines and the raw <br>
// tags vendors write become <br>.

const (
	timeLayout = "Jan 2, 2006, 15:04 UTC"
)

// brTag matches the raw <br> tags Statuspage bodies are full of.
var brTag = regexp.MustCompile(`(?i)<br\s*/?>`)

// hasTag reports whether s may hold a tag: the tag patterns all need a
// "<", and most update bodies have none, so they skip the regexps.
func hasTag(s string) bool { return strings.IndexByte(s, '<') >= 0 }

// esc escapes cleaned text for HTML.
func esc(s string) string { return html.EscapeString(model.Clean(s)) }

// bodyHTML is an update body as escaped paragraphs: blank lines separate
// paragraphs, single newlines become <br>.
func bodyHTML(body string) string {
	if hasTag(body) {
		body = brTag.ReplaceAllString(body, "\n")
	}
	body = strings.TrimSpace(model.Clean(body))
	if body == "" {
		return ""
	}
	var b strings.Builder
	for _, para := range splitParagraphs(body) {
		b.WriteString("<p>")
		for i, line := range strings.Split(para, "\n") {
			if i > 0 {
				b.WriteString("<br>")
			}
			b.WriteString(html.EscapeString(strings.TrimSpace(line)))
		}
		b.WriteString("</p>")
	}
	return b.String()
}

func splitParagraphs(s string) []string {
	if !strings.Contains(s, "\n") {
		if s = strings.TrimSpace(s); s == "" {
			return nil
		}
		return []string{s}
	}
	var out []string
	for _, p := range blankLine.Split(s, -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// plainLine is the first non-empty line of a body as plain text (tags
// stripped), cut to about 240 characters, for summaries.
func plainLine(body string) string {
	body = model.Clean(body)
	if hasTag(body) {
		body = tagRE.ReplaceAllString(brTag.ReplaceAllString(body, "\n"), "")
	}
	for line := range strings.SplitSeq(body, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if r := []rune(line); len(r) > 240 {
			line = strings.TrimSpace(string(r[:240])) + "…"
		}
		return line
	}
	return ""
}

var (
	tagRE     = regexp.MustCompile(`<[^>]*>`)
	blankLine = regexp.MustCompile(`\n[ \t]*\n\s*`)
)

func timeText(t time.Time) string {
	if t.IsZero() {
		return "time not stated"
	}
	return t.UTC().Format(timeLayout)
}

// timeTag renders t as an HTML <time> element.
func timeTag(t time.Time) string {
	if t.IsZero() {
		return "time not stated"
	}
	t = t.UTC()
	return `<time datetime="` + t.Format(time.RFC3339) + `">` + t.Format(timeLayout) + `</time>`
}

// phaseLabel says where an entry stands, in words.
func phaseLabel(p model.Phase, inc *adapters.Incident) string {
	switch p {
	case model.PhaseOngoing:
		return "Ongoing"
	case model.PhaseStale:
		return "Never marked " + map[bool]string{true: "completed", false: "resolved"}[inc.Kind == adapters.KindMaintenance] + " by the provider; no longer counted as ongoing"
	case model.PhaseUpcoming:
		return "Scheduled"
	case model.PhaseInProgress:
		return "In progress"
	case model.PhaseCompleted:
		return "Completed"
	}
	return model.LifecycleLabel(inc.Status)
}
