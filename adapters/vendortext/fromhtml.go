// Package vendortext owns what becomes of the text vendors write: HTML
// fragments (Slack notes, Atom and RSS content) turned into plain text with
// a little markdown (ToText, ToPlain, for adapters), and any body, markdown,
// plain text with newlines or HTML, rendered to safe HTML (Renderer, for
// the pages and the feeds alike).
//
// ToText turns the HTML fragments vendors put in
// incident bodies (Slack notes, Atom and RSS content) into plain text with a
// little markdown, so that nothing of the vendor's markup reaches our pages.
//
// The result is text, not HTML: every tag is dropped or replaced by a
// markdown equivalent and entities are decoded, so a decoded "<script>" is
// just characters. Renderers must still escape it (goldmark does, with raw
// HTML disabled). Mapping:
//
//	<p>, <div>, <h1>..<h6>, <blockquote>, <pre>, <table>, <tr>  paragraph break
//	<br>                                   line break
//	<a href="https://x">text</a>           [text](https://x) (http, https, mailto only)
//	<strong>, <b>                          **text**
//	<ul>, <ol> with <li>                   "- " lines
//	<script>, <style>, <head>, <title>...  dropped with their content
//	any other tag                          dropped, its text kept
//
// ToMarkdown also keeps <em>, <i> as _text_ and <h1>..<h6> as "#" headings,
// and escapes markdown's characters in the text, for vendors whose HTML
// holds no markdown of its own (Azure).
package vendortext

import (
	"html"
	"net/url"
	"regexp"
	"strings"

	"github.com/tdewolff/parse/v2"
	lex "github.com/tdewolff/parse/v2/html"
)

// frame collects the text inside an inline element that wraps its content
// (bold, link), so the wrapper can be applied to the trimmed text when the
// element closes: "<b> x </b>" must become "**x**", not "** x **".
type frame struct {
	tag  string
	href string
	text strings.Builder
}

// mode is what a conversion keeps of the markup.
type mode int

const (
	// textMode keeps bold, links, lists and paragraphs as markdown and the
	// text as written, markdown of the vendor's own included.
	textMode mode = iota
	// plainMode keeps no markdown: bold and links become their text.
	plainMode
	// markdownMode is textMode plus italics and headings, with markdown's
	// special characters in the text escaped: the HTML is the whole
	// message, so a "*" or "<" in it is a character, never markup.
	markdownMode
)

// converter walks the token stream; frames[0] is the document itself.
type converter struct {
	mode   mode
	frames []*frame
	skip   int // depth inside elements whose content is dropped
	pre    int // depth inside <pre>, where whitespace is kept
}

// ToText converts an HTML fragment to plain text with markdown for bold,
// links, lists and paragraphs. It never fails: malformed markup is read the
// way a browser's tokenizer would and unknown tags are dropped.
func ToText(s string) string { return convert(s, textMode) }

// ToPlain converts an HTML fragment to text without any markdown, for
// one-line strings such as titles: bold and links become their text.
func ToPlain(s string) string { return convert(s, plainMode) }

// ToMarkdown converts an HTML fragment whose text is not markdown (Azure's
// descriptions) to markdown that shows it as written: ToText's markdown
// plus _italics_ and "#" headings, and every markdown character of the
// text escaped, so that no "*", "[" or "<" in it turns into markup.
func ToMarkdown(s string) string { return convert(s, markdownMode) }

func convert(s string, m mode) string {
	c := &converter{mode: m, frames: []*frame{{}}}
	l := lex.NewLexer(parse.NewInputString(s))
	for {
		tt, data := l.Next()
		if tt == lex.ErrorToken {
			break
		}
		switch tt {
		case lex.StartTagToken:
			c.start(l, strings.ToLower(string(l.Text())))
		case lex.EndTagToken:
			c.end(strings.ToLower(strings.TrimSpace(string(l.Text()))))
		case lex.TextToken:
			c.text(string(data))
		}
	}
	for len(c.frames) > 1 {
		c.closeFrame()
	}
	return tidy(c.frames[0].text.String())
}

// start handles an opening tag, reading its attributes from the lexer.
func (c *converter) start(l *lex.Lexer, tag string) {
	attrs := readAttrs(l)
	if isDropped(tag) {
		if !voidTag(attrs) {
			c.skip++
		}
		return
	}
	if c.skip > 0 {
		return
	}
	switch {
	case tag == "br":
		c.write("\n")
	case tag == "li":
		c.write("\n- ")
	case tag == "pre":
		c.pre++
		c.write("\n\n")
	case isBlock(tag):
		c.write("\n\n")
		if level := headingLevel(tag); level > 0 && c.mode == markdownMode {
			c.write(strings.Repeat("#", level) + " ")
		}
	case tag == "strong" || tag == "b":
		c.frames = append(c.frames, &frame{tag: "b"})
	case (tag == "em" || tag == "i") && c.mode == markdownMode:
		c.frames = append(c.frames, &frame{tag: "i"})
	case tag == "a":
		c.frames = append(c.frames, &frame{tag: "a", href: safeHref(attrs["href"])})
	}
}

// end handles a closing tag.
func (c *converter) end(tag string) {
	if isDropped(tag) {
		if c.skip > 0 {
			c.skip--
		}
		return
	}
	if c.skip > 0 {
		return
	}
	switch {
	case tag == "pre":
		if c.pre > 0 {
			c.pre--
		}
		c.write("\n\n")
	case isBlock(tag) || tag == "ul" || tag == "ol":
		c.write("\n\n")
	case tag == "strong" || tag == "b":
		c.closeUntil("b")
	case tag == "em" || tag == "i":
		c.closeUntil("i")
	case tag == "a":
		c.closeUntil("a")
	}
}

// text writes decoded character data, collapsing whitespace as HTML does.
func (c *converter) text(raw string) {
	if c.skip > 0 {
		return
	}
	t := html.UnescapeString(raw)
	t = strings.ReplaceAll(t, "\u00a0", " ")
	if c.pre == 0 {
		t = collapseSpace(t)
	}
	if c.mode == markdownMode {
		t = markdownEscaper.Replace(t)
	}
	c.write(t)
}

// markdownEscaper escapes what would turn text into emphasis, code, links
// or (for the renderer's tag reader) a tag.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`,
)

func (c *converter) write(s string) { c.frames[len(c.frames)-1].text.WriteString(s) }

// closeUntil closes open inline frames down to and including the innermost
// one named tag; a stray closing tag with no open frame is ignored.
func (c *converter) closeUntil(tag string) {
	for i := len(c.frames) - 1; i > 0; i-- {
		if c.frames[i].tag == tag {
			for len(c.frames) > i {
				c.closeFrame()
			}
			return
		}
	}
}

// closeFrame pops the innermost frame and writes it, wrapped, to its parent.
func (c *converter) closeFrame() {
	f := c.frames[len(c.frames)-1]
	c.frames = c.frames[:len(c.frames)-1]
	inner := f.text.String()
	trimmed := strings.TrimSpace(inner)
	var out string
	switch {
	case trimmed == "":
		out = inner
	case c.mode == plainMode:
		out = trimmed
	case f.tag == "b":
		out = "**" + trimmed + "**"
	case f.tag == "i":
		out = "_" + trimmed + "_"
	case f.tag == "a" && f.href != "" && f.href != trimmed:
		out = "[" + trimmed + "](" + f.href + ")"
	default:
		out = trimmed
	}
	// Keep the spacing the markup had around the wrapped text, once.
	if trimmed != "" && inner != trimmed {
		if strings.TrimLeft(inner, " \n") != inner && !c.endsInSpace() {
			out = " " + out
		}
		if strings.TrimRight(inner, " \n") != inner {
			out += " "
		}
	}
	c.write(out)
}

// endsInSpace reports whether the innermost frame's text ends in a space
// or a line break, which a wrapped text's leading space would only double.
func (c *converter) endsInSpace() bool {
	t := c.frames[len(c.frames)-1].text.String()
	return strings.HasSuffix(t, " ") || strings.HasSuffix(t, "\n")
}

// readAttrs consumes the attributes of the tag just started.
func readAttrs(l *lex.Lexer) map[string]string {
	attrs := map[string]string{}
	for {
		tt, _ := l.Next()
		switch tt {
		case lex.AttributeToken:
			v := string(l.AttrVal())
			if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
				v = v[1 : len(v)-1]
			}
			attrs[strings.ToLower(string(l.AttrKey()))] = html.UnescapeString(v)
		case lex.StartTagVoidToken:
			attrs["/"] = "void"
			return attrs
		default:
			return attrs
		}
	}
}

func voidTag(attrs map[string]string) bool { return attrs["/"] == "void" }

// safeHref keeps absolute http(s) and mailto links, escaped so that they
// cannot end the markdown link early; anything else (javascript:, relative
// paths we cannot resolve) is dropped and only the link text remains.
func safeHref(h string) string {
	h = strings.TrimSpace(h)
	u, err := url.Parse(h)
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return ""
		}
	case "mailto":
	default:
		return ""
	}
	r := strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "\n", "", "\r", "")
	return r.Replace(h)
}

// isBlock reports elements that start and end a paragraph.
func isBlock(tag string) bool {
	switch tag {
	case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table",
		"tr", "section", "article", "header", "footer", "hr":
		return true
	}
	return false
}

// headingLevel is n for <hn>, 0 for any other tag.
func headingLevel(tag string) int {
	if len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' {
		return int(tag[1] - '0')
	}
	return 0
}

// isDropped reports elements whose content goes too: code or metadata, not text.
func isDropped(tag string) bool {
	switch tag {
	case "script", "style", "head", "title", "template", "noscript", "iframe",
		"object", "textarea":
		return true
	}
	return false
}

var spaceRun = regexp.MustCompile(`[ \t\r\n\f]+`)

func collapseSpace(s string) string { return spaceRun.ReplaceAllString(s, " ") }

var blankLines = regexp.MustCompile(`\n{3,}`)

// tidy trims every line and keeps at most one blank line between paragraphs.
func tidy(s string) string {
	lines := strings.Split(s, "\n")
	for i, ln := range lines {
		lines[i] = strings.TrimRight(strings.TrimLeft(ln, " \t"), " \t")
	}
	s = strings.Join(lines, "\n")
	s = blankLines.ReplaceAllString(s, "\n\n")
	return strings.TrimSpace(s)
}
