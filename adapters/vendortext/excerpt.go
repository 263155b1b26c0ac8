package vendortext

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// ExcerptLimit is how many characters an excerpt holds at most, "…"
// aside: room for two or three sentences of a status update, short enough
// for a list line or a feed summary.
const ExcerptLimit = 280

// plainParser reads bodies as the pages render them (the same markdown
// dialect as NewRenderer, without the rendering), so an excerpt drops
// exactly the markup a page would have interpreted. A goldmark parser
// holds no state between calls and is safe for concurrent use.
var plainParser = goldmark.New(goldmark.WithExtensions(extension.Strikethrough, extension.Table)).Parser()

// Excerpt is what a vendor last said in an update body, as plain text for
// lists, banners and feed summaries (callers escape it):
//
//   - the paragraph after "Current Status:" when the body has one (Azure
//     writes every update as "Impact Statement: …" then "Current Status:
//     …", and the second is the news);
//   - otherwise the first line that is not a heading or a bold label
//     ("# Incident Report", "**Summary**"), else the first line;
//   - as whole sentences up to ExcerptLimit characters: a sentence that
//     does not fit is left out, never cut; only a first sentence longer
//     than the limit is cut, between clauses where it can be, with "…";
//   - without markdown, markdown escapes ("\_", "\#"), tags or entities.
func Excerpt(body string) string {
	if hasTag(body) {
		body = untag(body, false)
	}
	lines := plainLines(body)
	if s, ok := currentStatus(lines); ok {
		return wholeSentences(s, ExcerptLimit)
	}
	for _, l := range lines {
		if !l.label {
			return wholeSentences(l.text, ExcerptLimit)
		}
	}
	if len(lines) > 0 {
		return wholeSentences(lines[0].text, ExcerptLimit)
	}
	return ""
}

// plainLine is one non-empty line of a body as plain text; label is true
// for a heading or a line that is all emphasis, which names what follows
// rather than saying it; block numbers the paragraph the line is in.
type plainLine struct {
	text  string
	label bool
	block int
}

// plainLines parses body as markdown and returns its lines as text.
func plainLines(body string) []plainLine {
	src := []byte(body)
	doc := plainParser.Parse(text.NewReader(src))
	c := &lineCollector{src: src}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
			_, heading := n.(*ast.Heading)
			c.block++
			c.inline(n, false)
			c.flush(heading)
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
			c.block++
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				c.add(string(seg.Value(src)), false)
				c.flush(false)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return c.lines
}

// lineCollector gathers the text of inline nodes into lines.
type lineCollector struct {
	src   []byte
	block int
	lines []plainLine
	cur   strings.Builder
	plain bool // the current line has text outside emphasis
}

func (c *lineCollector) inline(n ast.Node, emph bool) {
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch ch := ch.(type) {
		case *ast.Text:
			v := ch.Segment.Value(c.src)
			if !ch.IsRaw() {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			c.add(string(v), emph)
			if ch.SoftLineBreak() || ch.HardLineBreak() {
				c.flush(false)
			}
		case *ast.String:
			c.add(string(ch.Value), emph)
		case *ast.AutoLink:
			c.add(string(ch.Label(c.src)), emph)
		case *ast.RawHTML:
			// untag leaves only stray "<…>" here: kept as written text
			for i := 0; i < ch.Segments.Len(); i++ {
				seg := ch.Segments.At(i)
				c.add(string(seg.Value(c.src)), emph)
			}
		case *ast.Emphasis:
			c.inline(ch, true)
		default:
			c.inline(ch, emph)
		}
	}
}

func (c *lineCollector) add(s string, emph bool) {
	c.cur.WriteString(s)
	if !emph && strings.TrimSpace(s) != "" {
		c.plain = true
	}
}

// flush ends the current line; heading says the line is a heading.
func (c *lineCollector) flush(heading bool) {
	s := cleanText(c.cur.String())
	label := heading || !c.plain
	c.cur.Reset()
	c.plain = false
	if s != "" {
		c.lines = append(c.lines, plainLine{text: s, label: label, block: c.block})
	}
}

// wrapped matches a phrase wrapped in "_" or "*" that markdown did not
// read as emphasis (the vendor escaped the markers, as Azure's and Google
// Cloud's converters do): the markers are markup all the same. Markers
// inside a word ("snake_case") do not match.
var wrapped = regexp.MustCompile(`(^|[\s(\["'])[_*]+([^\s_*](?:[^_*]*[^\s_*])?)[_*]+($|[\s)\]"'.,;:!?])`)

// leadingMarks are heading or list marks at a line's start, escaped in
// the source ("\# Incident Report") and so left as text by markdown.
var leadingMarks = regexp.MustCompile(`^(?:#+|[-*+>])\s+`)

// cleanText collapses whitespace and drops the markdown marks that
// escaping kept as text.
func cleanText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for s != "" && strings.IndexByte("#-*+>", s[0]) >= 0 {
		t := leadingMarks.ReplaceAllString(s, "")
		if t == s {
			break
		}
		s = t
	}
	if !strings.ContainsAny(s, "_*") {
		return s // the common case, without the regexp's cost
	}
	return wrapped.ReplaceAllString(s, "$1$2$3")
}

// currentStatus finds the line starting "Current Status:" and returns
// what it says with the rest of its paragraph.
func currentStatus(lines []plainLine) (string, bool) {
	const label = "current status"
	for i, l := range lines {
		if len(l.text) < len(label) || !strings.EqualFold(l.text[:len(label)], label) {
			continue
		}
		rest := strings.TrimLeft(l.text[len(label):], " ")
		if rest != "" && !strings.HasPrefix(rest, ":") && !strings.HasPrefix(rest, "-") && !strings.HasPrefix(rest, "–") && !strings.HasPrefix(rest, "—") {
			continue // "Current status of the fix is…": a sentence, not the label
		}
		rest = strings.TrimLeft(rest, " :-–—")
		parts := []string{rest}
		for _, next := range lines[i+1:] {
			if next.block != l.block {
				break
			}
			parts = append(parts, next.text)
		}
		if s := strings.TrimSpace(strings.Join(parts, " ")); s != "" {
			return s, true
		}
	}
	return "", false
}

// wholeSentences returns the sentences of s that fit in limit characters,
// as many as fit from the first on; a first sentence longer than limit is
// cut at its last clause boundary that leaves a useful part, else at a
// word, and marked with "…".
func wholeSentences(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	end := 0
	for _, e := range sentenceEnds(s) {
		if utf8.RuneCountInString(s[:e]) > limit {
			break
		}
		end = e
	}
	if end > 0 {
		return strings.TrimSpace(s[:end])
	}
	cut := s[:byteOffset(s, limit)]
	if i := lastClause(cut); i > len(cut)/3 {
		return strings.TrimSpace(cut[:i]) + "…"
	}
	if i := strings.LastIndexByte(cut, ' '); i > 0 && i < len(cut) && s[len(cut)] != ' ' {
		cut = cut[:i]
	}
	return strings.TrimSpace(cut) + "…"
}

// sentenceEnds are the byte offsets just past each sentence's final
// punctuation (and closing quotes or brackets) where the next sentence
// starts with anything but a lower-case letter.
func sentenceEnds(s string) []int {
	var ends []int
	for i, r := range s {
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		j := i + 1
		for j < len(s) && strings.ContainsRune(`)"'”’]`, rune(s[j])) {
			j++
		}
		if j == len(s) {
			ends = append(ends, j)
			continue
		}
		if s[j] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(strings.TrimLeft(s[j:], " "))
		if !unicode.IsLower(next) {
			ends = append(ends, j)
		}
	}
	return ends
}

// lastClause is the byte offset of the last clause boundary in s (a
// comma, semicolon, colon or dash followed by a space), or -1.
func lastClause(s string) int {
	best := -1
	for _, sep := range []string{", ", "; ", ": ", " – ", " — ", " - "} {
		if i := strings.LastIndex(s, sep); i > best {
			best = i
		}
	}
	return best
}

// byteOffset is the byte offset of the n-th character of s, or len(s).
func byteOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}
