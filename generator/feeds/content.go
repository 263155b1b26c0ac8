package feeds

import (
	"html"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptimus/uptimus/adapters"
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

// clean drops what XML 1.0 cannot carry (control characters other than tab
// and newline, invalid UTF-8, U+FFFE/U+FFFF) and normalizes line ends, so
// that no vendor byte can break a feed document.
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n':
			return r
		case r == '\r':
			return '\n'
		case r < 0x20 || r == 0x7f || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF):
			return -1
		}
		return r
	}, s)
}

// hasTag reports whether s may hold a tag: the tag patterns all need a
// "<", and most update bodies have none, so they skip the regexps.
func hasTag(s string) bool { return strings.IndexByte(s, '<') >= 0 }

// esc escapes cleaned text for HTML.
func esc(s string) string { return html.EscapeString(clean(s)) }

// bodyHTML is an update body as escaped paragraphs: blank lines separate
// paragraphs, single newlines become <br>.
func bodyHTML(body string) string {
	if hasTag(body) {
		body = brTag.ReplaceAllString(body, "\n")
	}
	body = strings.TrimSpace(clean(body))
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
	body = clean(body)
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

// impactLabel is the human text of an impact (the site's wording).
func impactLabel(i adapters.Impact) string {
	switch i {
	case adapters.ImpactNone:
		return "No impact"
	case adapters.ImpactMinor:
		return "Minor impact"
	case adapters.ImpactMajor:
		return "Major impact"
	case adapters.ImpactCritical:
		return "Critical impact"
	case adapters.ImpactMaintenance:
		return "Maintenance"
	}
	return "Impact not stated"
}

// lifecycleLabel turns a vendor lifecycle word ("in_progress") into text.
func lifecycleLabel(word string) string {
	w := strings.TrimSpace(strings.ReplaceAll(clean(word), "_", " "))
	if w == "" {
		return "Status not stated"
	}
	r, n := utf8.DecodeRuneInString(w)
	return strings.ToUpper(string(r)) + w[n:]
}

// phaseLabel says where an entry stands, in words.
func phaseLabel(p Phase, inc *adapters.Incident) string {
	switch p {
	case PhaseOngoing:
		return "Ongoing"
	case PhaseStale:
		return "Never marked " + map[bool]string{true: "completed", false: "resolved"}[inc.Kind == adapters.KindMaintenance] + " by the provider; no longer counted as ongoing"
	case PhaseUpcoming:
		return "Scheduled"
	case PhaseInProgress:
		return "In progress"
	case PhaseCompleted:
		return "Completed"
	}
	return lifecycleLabel(inc.Status)
}

// affected lists the names of the components an incident touched, from the
// incident and its updates, in first-seen order without repeats (as the
// site lists them).
func affected(inc *adapters.Incident) []string {
	var names []string
	seen := map[string]bool{}
	add := func(refs []adapters.ComponentRef) {
		for _, c := range refs {
			key := c.ID
			if key == "" {
				key = c.Name
			}
			if c.Name == "" || seen[key] {
				continue
			}
			seen[key] = true
			names = append(names, c.Name)
		}
	}
	add(inc.Components)
	for _, up := range inc.Updates {
		add(up.Components)
	}
	return names
}

// safeHTTP keeps a URL from the data only when it is http or https.
func safeHTTP(u string) string {
	u = strings.TrimSpace(u)
	l := strings.ToLower(u)
	if strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") {
		return u
	}
	return ""
}
