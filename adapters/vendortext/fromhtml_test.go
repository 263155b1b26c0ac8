package vendortext

import (
	"strings"
	"testing"
)

func TestToText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "hello", "hello"},
		{"paragraphs", "<p>one</p><p>two</p>", "one\n\ntwo"},
		{"br", "a<br>b<br/>c<br />d", "a\nb\nc\nd"},
		{"empty paragraph with br", "<p>one&nbsp;</p><p><br></p><p>two</p>", "one\n\ntwo"},
		{"entities", "We&apos;re &amp; they&#39;re &lt;ok&gt; &ldquo;x&rdquo;", "We're & they're <ok> \u201cx\u201d"},
		{"nbsp becomes space", "a&nbsp;&nbsp;b", "a b"},
		{"whitespace collapses", "a \n\t  b", "a b"},
		{"bold", "<strong>Resolved</strong> - done", "**Resolved** - done"},
		{"b trims inside", "x<b> y </b>z", "x **y** z"},
		{"empty bold dropped", "x<b> </b>y", "x y"},
		{"one space before bold", "x <b> y</b>", "x **y**"},
		{"link", `see <a href="https://slack.com/help?a=1&amp;b=2">the help</a>.`, "see [the help](https://slack.com/help?a=1&b=2)."},
		{"link single quotes", `<a href='http://x.io/a b'>x</a>`, "[x](http://x.io/a%20b)"},
		{"link parens escaped", `<a href="https://x.io/a_(b)">x</a>`, "[x](https://x.io/a_%28b%29)"},
		{"link equal to text", `<a href="https://x.io">https://x.io</a>`, "https://x.io"},
		{"javascript link dropped", `<a href="javascript:alert(1)">click</a>`, "click"},
		{"relative link dropped", `<a href="/incidents/1">here</a>`, "here"},
		{"bold link", `<a href="https://x.io"><b>x</b></a>`, "[**x**](https://x.io)"},
		{"unclosed bold", "<b>x", "**x**"},
		{"stray close", "x</b></a>y", "xy"},
		{"list", "<ul><li>one</li><li>two</li></ul>after", "- one\n- two\n\nafter"},
		{"ordered list", "<p>steps</p><ol><li>a</li><li>b</li></ol>", "steps\n\n- a\n- b"},
		{"script dropped", "a<script>alert('x')</script>b", "ab"},
		{"style dropped", "<style>p{color:red}</style><p>x</p>", "x"},
		{"other tags stripped", `<span class="x"><em>x</em> <var data-var='date'>14</var></span>`, "x 14"},
		{"comment dropped", "a<!-- hidden -->b", "ab"},
		{"markdown kept", "# Title<br /><br />* item<br />[a](https://b)", "# Title\n\n* item\n[a](https://b)"},
		{"lone less-than", "a < b", "a < b"},
		{"svg dropped", "a<svg><text>x</text></svg>b", "ab"},
		{"headings", "<h1>T</h1>body", "T\n\nbody"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ToText(tt.in); got != tt.want {
				t.Errorf("ToText(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestToPlain(t *testing.T) {
	in := `Slow <b>builds</b> on <a href="https://x.io">GitHub&nbsp;Actions</a><br>`
	if got, want := ToPlain(in), "Slow builds on GitHub Actions"; got != want {
		t.Errorf("ToPlain = %q, want %q", got, want)
	}
}

// FuzzToText checks that no input panics and that no tag survives: the
// output may contain "<" only where the input text had an escaped or bare one.
func FuzzToText(f *testing.F) {
	for _, s := range []string{
		"<p>a</p>", `<a href="https://x">y</a>`, "<b><a>", "<ul><li>x", "&amp;&#x3c;",
		"<script>", "<p><small>Nov <var data-var='date'>14</var></small><br><strong>Resolved</strong> - x</p>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ToPlain(s)
		out := ToText(s)
		if strings.Contains(out, "<script") && !strings.Contains(s, "&lt;script") && !strings.Contains(s, "&#") && !strings.Contains(s, "&LT") {
			t.Errorf("tag survived: %q -> %q", s, out)
		}
	})
}

func TestToMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"<p>one</p><p>two</p>", "one\n\ntwo"},
		{"a<br/>b<br><br>c", "a\nb\n\nc"},
		{"<h2>Summary</h2>text", "## Summary\n\ntext"},
		{`<a href="https://example.com/a b">x</a>`, "[x](https://example.com/a%20b)"},
		{`<a href="javascript:alert(1)">click</a>`, "click"},
		{"<b> bold </b>word", "**bold** word"},
		{"in <i>West Europe</i> and <em> here </em>.", "in _West Europe_ and _here_ ."},
		{"<b></b>x", "x"},
		{"<script>bad()</script>ok<style>p{}</style>", "ok"},
		{"<!-- note -->kept", "kept"},
		{"1 < 2 and 3 > 2", `1 \< 2 and 3 \> 2`},
		{"&lt;img src=x onerror=alert(1)&gt;", `\<img src=x onerror=alert(1)\>`},
		{"<img src=x onerror=alert(1)>text", "text"},
		{"Use *only* the [portal] `x` a_b \\", "Use \\*only\\* the \\[portal\\] \\`x\\` a\\_b \\\\"},
		{"<ul><li>one</li><li>two</li></ul>", "- one\n- two"},
		{"  spaced\n\n\n  out  ", "spaced out"},
	}
	for _, tt := range tests {
		if got := ToMarkdown(tt.in); got != tt.want {
			t.Errorf("ToMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A large description converts in linear time.
// TestToMarkdownLarge: a large body converts, and the work grows in line
// with its size: ten times the input may cost about ten times the
// allocations, never a hundred. Counting allocations, not time, keeps
// the test steady on a busy machine; BenchmarkToMarkdownLarge times it.
func TestToMarkdownLarge(t *testing.T) {
	in := strings.Repeat("<p>x <b>y</b><br></p>", 50000)
	small := strings.Repeat("<p>x <b>y</b><br></p>", 5000)
	a := testing.AllocsPerRun(1, func() { ToMarkdown(small) })
	// The output of the large input is checked from the runs that count
	// its allocations: a third conversion of 1 MB costs seconds under the
	// race detector.
	var out string
	b := testing.AllocsPerRun(1, func() { out = ToMarkdown(in) })
	if !strings.HasPrefix(out, "x **y**\n\nx **y**") {
		t.Errorf("out = %.40q", out)
	}
	if b > 15*a {
		t.Errorf("allocations grow faster than the input: %.0f for %d bytes, %.0f for ten times as much", a, len(small), b)
	}
}

func BenchmarkToMarkdownLarge(b *testing.B) {
	in := strings.Repeat("<p>x <b>y</b><br></p>", 50000)
	for b.Loop() {
		ToMarkdown(in)
	}
}

// FuzzToMarkdown checks that no tag survives: every "<" left in the text is
// escaped.
func FuzzToMarkdown(f *testing.F) {
	for _, s := range []string{"<p>a</p>", `<a href="https://x">y</a>`, "<b>x", "<script>", "<<>>", "<a href='http://a'><b>x</a></b>", "<i><b>x</i>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := ToMarkdown(s)
		for i := 0; i < len(out); i++ {
			if out[i] == '<' && (i == 0 || out[i-1] != '\\') {
				t.Fatalf("unescaped '<' in %q from %q", out, s)
			}
		}
	})
}
