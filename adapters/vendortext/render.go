package vendortext

import (
	"bufio"
	"io"
	"strings"
	"sync"

	"github.com/tdewolff/parse/v2"
	lex "github.com/tdewolff/parse/v2/html"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Renderer turns vendor bodies into safe HTML. Build one per build and
// share it: it is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
}

// NewRenderer returns a Renderer on one goldmark instance. Raw HTML is
// never passed through (goldmark's default), newlines inside a paragraph
// become line breaks (vendors write plain text with newlines), bare URLs
// become links, and linkPolicy keeps only http, https and mailto links.
func NewRenderer() *Renderer {
	return &Renderer{md: goldmark.New(
		goldmark.WithExtensions(
			extension.NewLinkify(extension.WithLinkifyAllowedProtocols([]string{"http:", "https:", "mailto:"})),
			extension.Strikethrough,
			extension.Table,
		),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(linkPolicy{}, 1000))),
		goldmark.WithRendererOptions(
			html.WithHardWraps(),
			renderer.WithNodeRenderers(util.Prioritized(htmlBlockText{}, 100)),
		),
	)}
}

// htmlBlockText renders an HTML block (a paragraph that starts with a tag,
// which goldmark would drop whole, text and all) as its plain text. untag
// leaves none in a vendor's body; this is the net below it, so that no
// markup of theirs reaches the page and their words survive.
type htmlBlockText struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (htmlBlockText) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		b := n.(*ast.HTMLBlock)
		var raw strings.Builder
		for i := 0; i < b.Lines().Len(); i++ {
			seg := b.Lines().At(i)
			raw.Write(seg.Value(src))
		}
		if b.HasClosure() {
			raw.Write(b.ClosureLine.Value(src))
		}
		text := ToPlain(raw.String())
		if text == "" {
			return ast.WalkSkipChildren, nil
		}
		_, _ = w.WriteString("<p>")
		for i, line := range strings.Split(text, "\n") {
			if i > 0 {
				_, _ = w.WriteString("<br>\n")
			}
			_, _ = w.Write(util.EscapeHTML([]byte(strings.TrimSpace(line))))
		}
		_, _ = w.WriteString("</p>\n")
		return ast.WalkSkipChildren, nil
	})
}

// hasTag reports whether s may hold a tag: the tag patterns all need a
// "<", and most update bodies have none, so they skip the regexps.
func hasTag(s string) bool { return strings.IndexByte(s, '<') >= 0 }

// WriteHTML renders a vendor body (markdown, plain text with newlines, or
// HTML, often all three at once) to safe HTML into w. The vendor's tags are
// read by the HTML lexer and never reach goldmark: <br> becomes a line
// break, block tags paragraph breaks, a link a markdown link (which
// linkPolicy then judges), script and style go with their content, and
// every other tag goes leaving its text. Text and its entities pass as
// written, so goldmark decodes "&amp;" once and escapes what it prints.
func (r *Renderer) WriteHTML(w io.Writer, body string) error {
	if hasTag(body) {
		body = untag(body, true)
	}
	if bw, ok := w.(util.BufWriter); ok {
		return r.md.Convert([]byte(body), bw)
	}
	// goldmark wraps any other writer in a new 4 KB bufio.Writer, which
	// was a third of the bytes a build allocates to render bodies: lend
	// it one that is reused.
	bw := writers.Get().(*bufio.Writer)
	defer writers.Put(bw)
	bw.Reset(w)
	err := r.md.Convert([]byte(body), bw)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	bw.Reset(nil)
	return err
}

// writers holds the buffered writers WriteHTML lends goldmark.
var writers = sync.Pool{New: func() any { return bufio.NewWriter(nil) }}

// untag removes the tags of a body as WriteHTML describes, keeping its text,
// whitespace and entities exactly; without links, a link becomes its text.
func untag(body string, links bool) string {
	var b strings.Builder
	b.Grow(len(body))
	var hrefs []string // the open links' targets, "" for one that stays text
	skip := 0          // depth inside script and style
	l := lex.NewLexer(parse.NewInputString(body))
	for {
		tt, data := l.Next()
		if tt == lex.ErrorToken {
			return b.String()
		}
		tag := strings.ToLower(string(l.Text()))
		switch tt {
		case lex.TextToken:
			if skip == 0 {
				b.Write(data)
			}
		case lex.StartTagToken:
			if strings.ContainsAny(tag, ":@.") {
				// <https://x> and <a@b.example> are markdown autolinks:
				// written back as they came.
				b.Write(data)
				for tt, data := l.Next(); tt == lex.AttributeToken || tt == lex.StartTagCloseToken || tt == lex.StartTagVoidToken; tt, data = l.Next() {
					b.Write(data)
					if tt != lex.AttributeToken {
						break
					}
				}
				continue
			}
			attrs := readAttrs(l)
			switch {
			case isDropped(tag):
				if !voidTag(attrs) {
					skip++
				}
			case skip > 0:
			case tag == "br":
				b.WriteString("\n")
			case tag == "a":
				href := safeHref(attrs["href"])
				if !links {
					href = ""
				}
				hrefs = append(hrefs, href)
				if href != "" {
					b.WriteString("[")
				}
			case isBlock(tag) || tag == "li" || tag == "ul" || tag == "ol":
				b.WriteString("\n\n")
			}
		case lex.EndTagToken:
			switch {
			case isDropped(tag):
				skip = max(skip-1, 0)
			case skip > 0:
			case tag == "a" && len(hrefs) > 0:
				if href := hrefs[len(hrefs)-1]; href != "" {
					b.WriteString("](" + href + ")")
				}
				hrefs = hrefs[:len(hrefs)-1]
			case isBlock(tag) || tag == "li" || tag == "ul" || tag == "ol":
				b.WriteString("\n\n")
			}
		}
	}
}

// linkRel marks links in vendor text as not ours to vouch for.
const linkRel = "nofollow ugc noopener"

// maxNesting is how many quotes and lists deep a body may go; deeper ones
// keep their text, flattened into the last level. A vendor writes two or
// three; thousands (a hostile body) would make a page of empty frames.
const maxNesting = 6

// linkPolicy rewrites the parsed body: links to anything but http, https and
// mailto become their plain text, images become links (pages load nothing
// from other hosts), headings move below the page's own h1 to h3, and
// quotes and lists nested deeper than maxNesting are flattened.
type linkPolicy struct{}

// nests reports whether n is a quote or list level for maxNesting.
func nests(n ast.Node) bool {
	switch n.Kind() {
	case ast.KindBlockquote, ast.KindList, ast.KindListItem:
		return true
	}
	return false
}

// Transform implements parser.ASTTransformer.
func (linkPolicy) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var unwrap, images []ast.Node
	var autolinks []*ast.AutoLink
	depth := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if nests(n) && n.Kind() != ast.KindListItem {
			if !entering {
				depth--
				return ast.WalkContinue, nil
			}
			depth++
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		if nests(n) && depth > maxNesting {
			unwrap = append(unwrap, n)
		}
		switch n := n.(type) {
		case *ast.Link:
			if allowedURL(string(n.Destination)) {
				n.SetAttributeString("rel", []byte(linkRel))
			} else {
				unwrap = append(unwrap, n)
			}
		case *ast.AutoLink:
			if allowedURL(string(n.URL(src))) || n.AutoLinkType == ast.AutoLinkEmail {
				n.SetAttributeString("rel", []byte(linkRel))
			} else {
				autolinks = append(autolinks, n)
			}
		case *ast.Image:
			images = append(images, n)
		case *ast.Heading:
			n.Level = min(n.Level+3, 6)
			dropEscapedMarks(n, src)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unwrap {
		replaceWithChildren(n)
	}
	for _, n := range autolinks {
		n.Parent().ReplaceChild(n.Parent(), n, ast.NewString(n.Label(src)))
	}
	for _, n := range images {
		img := n.(*ast.Image)
		if !allowedURL(string(img.Destination)) {
			replaceWithChildren(img)
			continue
		}
		link := ast.NewLink()
		link.Destination = img.Destination
		link.SetAttributeString("rel", []byte(linkRel))
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			link.AppendChild(link, c)
			c = next
		}
		if !link.HasChildren() {
			link.AppendChild(link, ast.NewString([]byte("image")))
		}
		img.Parent().ReplaceChild(img.Parent(), img, link)
	}
}

// replaceWithChildren puts n's children in its place.
func replaceWithChildren(n ast.Node) {
	parent := n.Parent()
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// allowedURL reports whether a link target in vendor text may stay a link.
// Control characters and whitespace are dropped first, as browsers do, so
// "java\tscript:" cannot slip through.
func allowedURL(u string) bool {
	u = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, u)
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "mailto:")
}

// dropEscapedMarks removes heading marks the vendor escaped at the start
// of heading h ("## \# Incident Report", as Google Cloud's converter
// writes its reports): they would show as "# Incident Report". The parser
// may split the heading's text into several nodes, the marks alone in the
// first.
func dropEscapedMarks(h *ast.Heading, src []byte) {
	marks := true // still in the leading marks, else in the spaces after
	for c := h.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			return
		}
		v := t.Segment.Value(src)
		n := 0
		for marks && strings.HasPrefix(string(v[n:]), `\#`) {
			n += 2
		}
		if n == 0 && marks && c == h.FirstChild() {
			return // no escaped marks: a heading as written
		}
		for n < len(v) && v[n] == ' ' {
			n++
		}
		t.Segment = t.Segment.WithStart(t.Segment.Start + n)
		if n < len(v) {
			return
		}
		marks = n > 0 && marks
	}
}
