package vendortext

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/uptimus/uptimus/internal/htmltest"
)

func TestRenderBody(t *testing.T) {
	md := NewRenderer()
	tests := []struct {
		name, in  string
		want, not []string
	}{
		{"hard wraps", "line one\nline two", []string{"line one<br>\nline two"}, nil},
		{"raw br", "a<br />b<BR>c", []string{"a<br>\nb<br>\nc"}, nil},
		{"script block", "<script>alert(1)</script>\nText", []string{"Text"}, []string{"<script", "alert"}},
		{"inline script", "x <script>alert(1)</script> y", []string{"x ", " y"}, []string{"<script"}},
		{"html block text kept", "<p>Hello <b>world</b></p>", []string{"<p>Hello world</p>"}, []string{"<b>"}},
		{"javascript link", "[click](javascript:alert(1))", []string{"<p>click</p>"}, []string{"href", "javascript"}},
		{"obfuscated scheme", "[x](JaVaScRiPt:alert(1)) [y](data:text/html,hi) [z](vbscript:x)", []string{"<p>x y z</p>"}, []string{"href"}},
		{"relative link", "[docs](/docs)", []string{"<p>docs</p>"}, []string{"href"}},
		{"http link", "[post](https://e.example/p)", []string{`<a href="https://e.example/p" rel="nofollow ugc noopener">post</a>`}, nil},
		{"mailto", "[mail](mailto:a@b.example)", []string{`href="mailto:a@b.example"`}, nil},
		{"bare url", "see https://e.example/x.", []string{`<a href="https://e.example/x" rel="nofollow ugc noopener">https://e.example/x</a>.`}, nil},
		{"www", "see www.e.example", []string{`href="http://www.e.example"`}, nil},
		{"autolink", "<https://e.example/a>", []string{`<a href="https://e.example/a" rel="nofollow ugc noopener">`}, nil},
		{"raw anchor", `Read <a href="https://e.example/d" target="_blank">the guide</a>.`, []string{`<a href="https://e.example/d" rel="nofollow ugc noopener">the guide</a>`}, []string{"target"}},
		{"raw anchor bad", `<a href="javascript:x">bad</a> tail`, []string{"bad tail"}, []string{"href"}},
		{"image", "![chart](https://img.example/c.png)", []string{`<a href="https://img.example/c.png" rel="nofollow ugc noopener">chart</a>`}, []string{"<img"}},
		{"image bad", "![alt](javascript:x)", []string{"<p>alt</p>"}, []string{"<img", "href"}},
		{"headings demoted", "# Title\n\n## Sub\n\n###### Deep", []string{"<h4>Title</h4>", "<h5>Sub</h5>", "<h6>Deep</h6>"}, []string{"<h1", "<h2", "<h3"}},
		// Google Cloud's reports escape the marks of their own headings
		// (testdata/real/gcp/incidents-2026-07-subset-2-markdown-incident-reports.json).
		{"escaped heading marks", "## \\# Incident Report\n## \\#\\# Summary\nText", []string{"<h5>Incident Report</h5>", "<h5>Summary</h5>"}, []string{"#"}},
		{"list", "* one\n* two", []string{"<li>one</li>", "<li>two</li>"}, nil},
		{"entities", "a < b & c > d", []string{"a &lt; b &amp; c &gt; d"}, nil},
		// An entity the vendor escaped is escaped once, not twice.
		{"entity in plain text", "AT&amp;T is down", []string{"AT&amp;T is down"}, []string{"&amp;amp;"}},
		{"entity in an html block", "<p>AT&amp;T is down</p>", []string{"AT&amp;T is down"}, []string{"&amp;amp;"}},
	}
	for _, tt := range tests {
		got, err := renderBody(md, tt.in)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		for _, w := range tt.want {
			if !strings.Contains(string(got), w) {
				t.Errorf("%s: %q\n got %s\nwant it to contain %s", tt.name, tt.in, got, w)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(strings.ToLower(string(got)), strings.ToLower(n)) {
				t.Errorf("%s: %q\n got %s\nmust not contain %s", tt.name, tt.in, got, n)
			}
		}
	}
}

func FuzzRenderBody(f *testing.F) {
	for _, s := range []string{
		"plain", "<script>x</script>", "[a](javascript:x)", "<a href=\"javascript:x\">y</a>", "![i](data:x)",
		"<img src=x onerror=alert(1)>", "<https://x.example>", "<<a href=\"https://x\">a</a>", "# h\n\n<svg onload=x>",
	} {
		f.Add(s)
	}
	md := NewRenderer()
	f.Fuzz(func(t *testing.T, body string) {
		if !utf8.ValidString(body) {
			return
		}
		got, err := renderBody(md, body)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range htmltest.Elements(t, string(got)) {
			switch e.Tag {
			case "a", "p", "br", "h4", "h5", "h6", "ul", "ol", "li", "em", "strong", "code", "pre", "blockquote", "hr",
				"del", "table", "thead", "tbody", "tr", "th", "td":
			default:
				t.Fatalf("body %q rendered <%s>: %s", body, e.Tag, got)
			}
			for k, v := range e.Attrs {
				switch k {
				case "href":
					if !allowedURL(v) {
						t.Fatalf("body %q rendered href=%q", body, v)
					}
				case "rel", "start", "style", "align", "class":
					// goldmark sets start on ordered lists, align on table
					// cells and class="language-x" on fenced code, all escaped.
				default:
					t.Fatalf("body %q rendered attribute %s=%q", body, k, v)
				}
			}
		}
	})
}

// renderBody renders an update body to safe HTML, as the timeline does.
func renderBody(md *Renderer, body string) (template.HTML, error) {
	var buf bytes.Buffer
	if err := md.WriteHTML(&buf, body); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// Quotes and lists nested past maxNesting are flattened into the last
// level with their text: a hostile body of thousands of levels renders as
// a few, and the words are all still there.
func TestDeepNestingIsFlattened(t *testing.T) {
	md := NewRenderer()
	for name, body := range map[string]string{
		"quotes": strings.Repeat("> ", 3000) + "deep words",
		"lists":  nestedList(40),
		"mixed":  strings.Repeat("> - ", 500) + "deep words",
	} {
		out, err := renderBody(md, body)
		if err != nil {
			t.Fatal(err)
		}
		html := string(out)
		opened := strings.Count(html, "<blockquote>") + strings.Count(html, "<ul>")
		if opened > maxNesting || !strings.Contains(html, "deep words") {
			t.Errorf("%s: %d levels, or the text is gone (%d bytes): %.300s", name, opened, len(html), html)
		}
		if strings.Contains(html, "<li>\n<li>") || strings.Contains(html, "<li><li>") {
			t.Errorf("%s: a list item directly inside another: %.300s", name, html)
		}
	}
	shallow, _ := renderBody(md, "> > quoted twice\n\n- a\n  - b")
	if strings.Count(string(shallow), "<blockquote>") != 2 || strings.Count(string(shallow), "<ul>") != 2 {
		t.Errorf("shallow nesting changed: %s", shallow)
	}
}

// nestedList is a markdown list n levels deep ending in "deep words".
func nestedList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- level\n")
	}
	b.WriteString(strings.Repeat("  ", n) + "- deep words\n")
	return b.String()
}
