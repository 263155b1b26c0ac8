package site

import (
	"io"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// brTag matches the raw <br> tags Statuspage bodies are full of; they are
// turned into newlines before parsing so they survive as line breaks rather
// than being dropped as raw HTML.
var brTag = regexp.MustCompile(`(?i)<br\s*/?>`)

// anchorTag matches a simple raw HTML link, which vendors also write; it is
// turned into a markdown link so that linkPolicy judges its target.
var anchorTag = regexp.MustCompile(`(?is)<a\s[^>]*?href\s*=\s*"([^"<>\s]*)"[^>]*>([^<\[\]]*)</a\s*>`)

// newMarkdown returns the one goldmark instance of a build. Raw HTML is never
// passed through (goldmark's default), newlines inside a paragraph become
// line breaks (vendors write plain text with newlines), bare URLs become
// links, and linkPolicy keeps only http, https and mailto links.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
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
	)
}

// htmlBlockText renders an HTML block (a paragraph that starts with a tag,
// which goldmark would drop whole, text and all) as the plain text left when
// its tags, scripts and styles are removed. The vendor's words survive; no
// markup of theirs reaches the page.
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
		text := strings.TrimSpace(tagRE.ReplaceAllString(scriptRE.ReplaceAllString(raw.String(), " "), ""))
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

var (
	scriptRE = regexp.MustCompile(`(?is)<(script|style)\b.*?(</(script|style)\s*>|$)`)
	tagRE    = regexp.MustCompile(`<[^>]*>`)
)

// writeBody renders an update body to safe HTML into w.
func writeBody(md goldmark.Markdown, w io.Writer, body string) error {
	if hasTag(body) {
		body = anchorTag.ReplaceAllString(brTag.ReplaceAllString(body, "\n"), "[$2]($1)")
	}
	src := []byte(body)
	return md.Convert(src, w)
}

// linkRel marks links in vendor text as not ours to vouch for.
const linkRel = "nofollow ugc noopener"

// linkPolicy rewrites the parsed body: links to anything but http, https and
// mailto become their plain text, images become links (pages load nothing
// from other hosts), and headings move below the page's own h1 to h3.
type linkPolicy struct{}

// Transform implements parser.ASTTransformer.
func (linkPolicy) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var unwrap, images []ast.Node
	var autolinks []*ast.AutoLink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
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
