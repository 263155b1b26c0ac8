package catalog

import (
	"math/bits"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestSyntaxErrorLine checks the line decodeOne puts a syntax error on: the
// line of the mistake, or where the unclosed construct opens.
func TestSyntaxErrorLine(t *testing.T) {
	tests := []struct {
		name, yaml string
		line       int
	}{
		{"first line", "name: [Foo\n" + testFoo[len("name: Foo\n"):], 1},
		{"first line, mapping in a scalar", "name: a: b\nurl: x\n", 1},
		{"middle line", "name: Foo\nurl: x\n  adapter: y\ncategory: dev\nhomepage: z\n", 3},
		{"last line", testFoo + "- x\n", 7},
		{"last line without a newline", testFoo + "- x", 7},
		{"tab indentation", "name: Foo\nurl:\n\t- x\ncategory: dev\n", 3},
		{"unclosed double quote", "name: Foo\ndescription: \"open\nurl: x\ncategory: dev\n", 2},
		{"unclosed single quote", "name: Foo\nurl: x\ndescription: 'it\ncategory: dev\n", 3},
		{"unclosed flow list", "name: Foo\naliases: [a, b\ncategory: dev\nurl: x\n", 2},
		{"unclosed flow mapping", "name: Foo\nlinks: {a: b\ncategory: dev\n", 2},
		{"unknown anchor", "name: Foo\nurl: x\naliases: *nope\n", 3},
		{"no space after the colon, first line", "name:Acme\nurl: x\nadapter: y\n", 1},
		{"no space after the colon, after a comment", "# Acme\nname:Acme\n\nurl: x\n", 2},
		{"unclosed flow list, blank lines after", "name: [a\n\n\n", 1},
		{"unclosed quote, comment after", "name: Foo\ndescription: 'it\n# c\n\n", 2},
		{"tab before the first field", "\tname: Foo\nurl: x\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, bad := decodeOne([]byte(tt.yaml))
			if bad == nil {
				t.Fatalf("no error for %q", tt.yaml)
			}
			if bad.line != tt.line || bad.msg == "" || strings.HasPrefix(bad.msg, "line ") {
				t.Errorf("line %d %q, want line %d and a message without yaml's line", bad.line, bad.msg, tt.line)
			}
		})
	}
}

// TestSyntaxErrorHints checks the advice added to yaml.v3's message for
// two mistakes it words obscurely: a tab that indents a line, and a
// missing space after a field's colon.
func TestSyntaxErrorHints(t *testing.T) {
	for in, want := range map[string]string{
		"name: Foo\nurl:\n\t- x\n":    "found character that cannot start any token (the line starts with a tab: YAML indents with spaces only)",
		"\tname: Foo\n":               "found character that cannot start any token (the line starts with a tab: YAML indents with spaces only)",
		"name:Acme\nurl: x\n":         `mapping values are not allowed in this context (lines 1 to 2 read as one text, not as fields: is a space missing after a colon, as in "name: value"?)`,
		"name: Foo\nurl: x\n  a: y\n": "mapping values are not allowed in this context",
	} {
		if _, bad := decodeOne([]byte(in)); bad == nil || bad.msg != want {
			t.Errorf("%q: %+v, want %q", in, bad, want)
		}
	}
}

// TestSyntaxErrorLineLargeFile puts the mistake on the last line of a file
// of MaxFileSize bytes, the largest the catalogue parses.
func TestSyntaxErrorLineLargeFile(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < MaxFileSize-20; i++ {
		b.WriteString("- item\n")
	}
	lines := strings.Count(b.String(), "\n")
	b.WriteString("- [open\n")
	_, bad := decodeOne([]byte(b.String()))
	if bad == nil || bad.line != lines+1 {
		t.Fatalf("got %+v, want line %d", bad, lines+1)
	}
}

// TestFirstFailingBound checks the search's cost: the first scanLines cut
// points one by one, then a bisection, so a file of MaxFileSize
// one-character lines costs about 216 parses, not 32,000; and that a
// verdict that comes and goes (as the parser's does) finds the first.
func TestFirstFailingBound(t *testing.T) {
	for _, n := range []int{1, 2, 3, 7, 100, MaxFileSize / 2} {
		for _, first := range []int{0, n / 3, n - 1} {
			calls := 0
			got := firstFailing(n, func(i int) bool { calls++; return i >= first })
			if bound := min(n, scanLines) + bits.Len(uint(n)); got != first || calls > bound {
				t.Errorf("n=%d first=%d: got %d after %d calls, want %d within %d", n, first, got, calls, first, bound)
			}
		}
	}
	if got := firstFailing(3, func(i int) bool { return i != 1 }); got != 0 {
		t.Errorf("fails at 0 and 2, not 1: got %d, want 0", got)
	}
}

// FuzzSyntaxErrorLine checks, for any input that fails to parse, that the
// reported line exists and is where the failure starts: the first line
// after which the cut file fails with the same error, or before it only
// blank and comment lines, or the start of the one plain value the lines
// before it are.
func FuzzSyntaxErrorLine(f *testing.F) {
	for _, s := range []string{"a: [b\n", "a: 'b\nc: d\n", "a:\n\t- b\n", "a: 1\n  b: 2\n", "- a\nb: c\n", "a: *x\n", "x: 1\n---\ny: [\n",
		"a:b\nc: d\n", "# x\na:b\n\nc: d\n", "a: [b\n\n# c\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _, err := decodeTwo(data)
		if err == nil {
			return
		}
		_, bad := decodeOne(data)
		ends := lineEnds(data)
		if bad == nil || bad.line < 1 || bad.line > len(ends) {
			t.Fatalf("line %+v outside the file's %d lines", bad, len(ends))
		}
		first := 1
		for first < len(ends) {
			if _, _, e := decodeTwo(data[:ends[first-1]]); e != nil && e.Error() == err.Error() {
				break
			}
			first++
		}
		for first > bad.line && blankOrComment(lineAt(data, ends, first-1)) {
			first--
		}
		if first == bad.line {
			return
		}
		if first < 2 {
			t.Fatalf("line %d for an error the first line alone meets: %v", bad.line, err)
		}
		doc, _, e := decodeTwo(data[:ends[first-2]])
		if first < bad.line || e != nil || doc == nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.ScalarNode || doc.Content[0].Line != bad.line {
			t.Fatalf("line %d for an error first met on line %d: %v", bad.line, first, err)
		}
	})
}
