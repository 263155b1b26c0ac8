package azure

import (
	"bytes"
	"html"
	"regexp"
	"strings"
)

// htmlToMarkdown turns an item description into markdown that carries no raw
// HTML: paragraphs and headings become blank-line separated blocks, <br> a
// newline, list items "- ", bold and italics ** and _, links with an http,
// https or mailto target [text](url). Every other tag is dropped, script and
// style with their content. Text is unescaped, its whitespace collapsed, and
// markdown's special characters are escaped so that text never turns into
// markup.
func htmlToMarkdown(s string) string {
	c := converter{}
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			c.text(s)
			break
		}
		c.text(s[:i])
		s = s[i:]
		if strings.HasPrefix(s, "<!--") {
			end := strings.Index(s, "-->")
			if end < 0 {
				break
			}
			s = s[end+3:]
			continue
		}
		if len(s) < 2 || !startsTag(s[1]) {
			c.text("<")
			s = s[1:]
			continue
		}
		end := tagEnd(s)
		if end < 0 {
			break // an unterminated tag ends the fragment
		}
		c.tag(s[1:end])
		s = s[end+1:]
	}
	return c.result()
}

func startsTag(b byte) bool {
	return b == '/' || b == '!' || b == '?' || (b|0x20 >= 'a' && b|0x20 <= 'z')
}

// tagEnd is the index of the '>' closing the tag at s[0], skipping quoted
// attribute values.
func tagEnd(s string) int {
	var quote byte
	for i := 1; i < len(s); i++ {
		switch b := s[i]; {
		case quote != 0:
			if b == quote {
				quote = 0
			}
		case b == '"' || b == '\'':
			quote = b
		case b == '>':
			return i
		}
	}
	return -1
}

type converter struct {
	out     []byte
	skip    string // script or style whose content is being dropped
	pending string // an emphasis marker waiting for its first character
	links   []link
}

type link struct {
	href  string
	start int
}

// skipped tags lose their content too.
var skipped = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "head": true, "title": true}

var blocks = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "table": true, "tr": true,
	"ul": true, "ol": true, "blockquote": true, "hr": true, "pre": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
}

var emphasis = map[string]string{"strong": "**", "b": "**", "em": "_", "i": "_"}

func (c *converter) tag(raw string) {
	name, closing := tagName(raw)
	if c.skip != "" {
		if closing && name == c.skip {
			c.skip = ""
		}
		return
	}
	switch {
	case skipped[name] && !closing && !strings.HasSuffix(raw, "/"):
		c.skip = name
	case name == "br":
		c.newline()
	case name == "li" && !closing:
		c.newline()
		c.out = append(c.out, "- "...)
	case blocks[name]:
		c.block()
		if !closing && len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' {
			c.out = append(c.out, strings.Repeat("#", int(name[1]-'0'))+" "...)
		}
	case (name == "td" || name == "th") && !closing:
		if len(c.out) > 0 && !isSpace(c.out[len(c.out)-1]) {
			c.out = append(c.out, ' ')
		}
	case emphasis[name] != "":
		c.emphasis(emphasis[name], closing)
	case name == "a" && !closing:
		c.links = append(c.links, link{href: safeHref(attr(raw, "href")), start: len(c.out)})
	case name == "a" && closing && len(c.links) > 0:
		c.closeLink()
	}
}

func tagName(raw string) (name string, closing bool) {
	raw = strings.TrimSpace(raw)
	if strings.HasPrefix(raw, "/") {
		closing, raw = true, raw[1:]
	}
	end := strings.IndexFunc(raw, func(r rune) bool { return r == ' ' || r == '/' || r == '\t' || r == '\n' || r == '\r' })
	if end >= 0 {
		raw = raw[:end]
	}
	return strings.ToLower(raw), closing
}

var attrRE = regexp.MustCompile(`(?is)(?:^|\s)([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)

func attr(raw, name string) string {
	for _, m := range attrRE.FindAllStringSubmatch(raw, -1) {
		if strings.EqualFold(m[1], name) {
			return html.UnescapeString(m[2] + m[3] + m[4])
		}
	}
	return ""
}

// safeHref keeps web and mail targets only, percent-encoding what would end
// a markdown link early.
func safeHref(href string) string {
	href = strings.TrimSpace(href)
	lower := strings.ToLower(href)
	if !strings.HasPrefix(lower, "https://") && !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "mailto:") {
		return ""
	}
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "\n", "", "\r", "", "\t", "").Replace(href)
}

func (c *converter) closeLink() {
	l := c.links[len(c.links)-1]
	c.links = c.links[:len(c.links)-1]
	if l.href == "" || l.start > len(c.out) {
		return
	}
	inside := strings.TrimRight(string(c.out[l.start:]), " \n")
	if strings.Contains(inside, "\n") {
		return // a link around blocks stays plain text
	}
	label := strings.TrimSpace(inside)
	c.out = c.out[:l.start]
	if label == "" {
		label = escapeText(l.href)
	}
	c.out = append(c.out, "["+label+"]("+l.href+")"...)
}

// emphasis opens lazily so "<b> x</b>" becomes " **x**", never "** x**",
// which markdown would not read as bold.
func (c *converter) emphasis(marker string, closing bool) {
	if !closing {
		c.pending = marker
		return
	}
	if c.pending != "" {
		c.pending = "" // nothing inside: drop the pair
		return
	}
	trimmed := bytes.TrimRight(c.out, " ")
	spaces := len(c.out) - len(trimmed)
	c.out = append(append(trimmed, marker...), strings.Repeat(" ", spaces)...)
}

func (c *converter) text(s string) {
	if c.skip != "" || s == "" {
		return
	}
	s = html.UnescapeString(s)
	lead := len(s) > 0 && isSpace(s[0])
	words := strings.Fields(s)
	trail := len(s) > 0 && isSpace(s[len(s)-1]) && len(words) > 0
	if len(words) == 0 {
		if lead && len(c.out) > 0 && !isSpace(c.out[len(c.out)-1]) {
			c.out = append(c.out, ' ')
		}
		return
	}
	if lead && len(c.out) > 0 && !isSpace(c.out[len(c.out)-1]) {
		c.out = append(c.out, ' ')
	}
	if c.pending != "" {
		c.out = append(c.out, c.pending...)
		c.pending = ""
	}
	c.out = append(c.out, escapeText(strings.Join(words, " "))...)
	if trail {
		c.out = append(c.out, ' ')
	}
}

func isSpace(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f' }

var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`,
)

func escapeText(s string) string { return mdEscaper.Replace(s) }

func (c *converter) newline() {
	c.out = append(bytes.TrimRight(c.out, " "), '\n')
}

func (c *converter) block() {
	c.out = append(bytes.TrimRight(c.out, " \n"), "\n\n"...)
}

// result trims every line and keeps at most one blank line between blocks.
func (c *converter) result() string {
	var lines []string
	blank := true
	for _, line := range strings.Split(string(c.out), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			if !blank {
				lines = append(lines, "")
			}
			blank = true
			continue
		}
		lines = append(lines, line)
		blank = false
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
