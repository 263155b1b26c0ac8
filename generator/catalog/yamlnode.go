package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// parseYAML reads the single document of a file and returns its root node,
// or nil after reporting why there is none. Decoding into yaml.Node rather
// than into structs keeps every line number for the messages.
func parseYAML(c *collector, file string, data []byte, want string) *yaml.Node {
	root, bad := decodeOne(data)
	if bad != nil {
		c.add(file, bad.line, "invalid YAML: %s", bad.msg)
		return nil
	}
	if root == nil || isNull(root) {
		c.add(file, 1, "empty file (want %s)", want)
		return nil
	}
	return root
}

// syntaxError is why a file is not one YAML document, and on which line.
type syntaxError struct {
	line int
	msg  string
}

// decodeOne returns the root of the first document and fails when a second
// one follows: "---" halfway down a file is almost always a mistake, and
// silently ignoring half a file would be worse.
func decodeOne(data []byte) (*yaml.Node, *syntaxError) {
	doc, next, err := decodeTwo(data)
	switch {
	case err != nil:
		line, hint := locate(data, err.Error())
		return nil, &syntaxError{line, message(err) + hint}
	case next != nil:
		return nil, &syntaxError{max(next.Line, 1), "a second YAML document is not allowed (one file, one document)"}
	case doc == nil || len(doc.Content) == 0:
		return nil, nil
	}
	return resolve(doc.Content[0]), nil
}

// decodeTwo decodes the first document of data and, if there is one, the
// second. doc is nil for a file with no document at all.
func decodeTwo(data []byte) (doc, next *yaml.Node, err error) {
	// yaml.v3 has panicked on hostile input in the past; a contributor's
	// file must produce an error, never take the whole run down.
	defer func() {
		if r := recover(); r != nil {
			doc, next, err = nil, nil, fmt.Errorf("cannot parse: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	doc, next = new(yaml.Node), new(yaml.Node)
	if err := dec.Decode(doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil, nil
		}
		return nil, nil, err
	}
	if err := dec.Decode(next); err != nil {
		if errors.Is(err, io.EOF) {
			return doc, nil, nil
		}
		return nil, nil, err
	}
	return doc, next, nil
}

// locate finds the line of a syntax error by the parser's behaviour, not
// by its message, and says what the mistake likely is where yaml.v3's
// words do not. yaml.v3 (v3.0.1, and go.yaml.in/yaml/v3 up to v3.0.4) has
// no typed syntax error, and the line in its text is 0-based for some
// problems and 1-based for others.
//
// The line is the first such that the file cut after it fails with the
// very same error (same problem, same position): for an error that only a
// later line reveals (an unknown anchor) it is the later line. Two cases
// move it back: a blank or comment line holds no mistake, so an error met
// there (an unclosed quote or bracket at the end of the file) is on the
// line with text before it; and when the lines before it are one plain
// value ("name:Acme", no space after the colon, so not a field), the
// mistake is where that value starts. See firstFailing for the cost.
func locate(data []byte, want string) (line int, hint string) {
	ends := lineEnds(data)
	i := firstFailing(len(ends), func(i int) bool {
		_, _, err := decodeTwo(data[:ends[i]])
		return err != nil && err.Error() == want
	})
	i = min(i, len(ends)-1)
	for i > 0 && blankOrComment(lineAt(data, ends, i)) {
		i--
	}
	if start, ok := plainRoot(data, ends, i); ok {
		hint = fmt.Sprintf(" (lines %d to %d read as one text, not as fields: is a space missing after a colon, as in \"name: value\"?)", start+1, i+1)
		i = start
	}
	if strings.HasPrefix(lineAt(data, ends, i), "\t") {
		hint += " (the line starts with a tab: YAML indents with spaces only)"
	}
	return i + 1, hint
}

// plainRoot reports whether the lines before line i (0-based) are a
// document that is one plain scalar, and the line where it starts: the
// text line i fails to continue.
func plainRoot(data []byte, ends []int, i int) (start int, ok bool) {
	if i == 0 {
		return 0, false
	}
	doc, _, err := decodeTwo(data[:ends[i-1]])
	if err != nil || doc == nil || len(doc.Content) == 0 {
		return 0, false
	}
	root := doc.Content[0]
	if root.Kind != yaml.ScalarNode || root.Style != 0 || root.Line < 1 || root.Line > i {
		return 0, false
	}
	return root.Line - 1, true
}

// lineAt is line i (0-based) of data, without its newline.
func lineAt(data []byte, ends []int, i int) string {
	start := 0
	if i > 0 {
		start = ends[i-1]
	}
	return strings.TrimRight(string(data[start:ends[i]]), "\r\n")
}

// blankOrComment reports whether a line holds nothing for the parser.
func blankOrComment(line string) bool {
	t := strings.TrimLeft(line, " \t")
	return t == "" || strings.HasPrefix(t, "#")
}

// scanLines is how many cut points locate tries one by one.
const scanLines = 200

// firstFailing returns the smallest i in [0, n) for which fails(i) holds
// (n when none does). The parser's verdict on a cut file is not monotonic:
// `""""` fails as the first line alone, the first two lines fail another
// way, and all three as the first. So the first scanLines cut points, all
// of any catalogue file a person writes, are tried in order; past them a
// binary search keeps a long file to about log2(lines) more parses.
func firstFailing(n int, fails func(i int) bool) int {
	for i := range min(n, scanLines) {
		if fails(i) {
			return i
		}
	}
	if n <= scanLines {
		return n
	}
	return scanLines + sort.Search(n-scanLines, func(i int) bool { return fails(scanLines + i) })
}

// lineEnds returns the offset just past each line of data, the last one
// being len(data) whether or not data ends with a newline.
func lineEnds(data []byte) []int {
	var ends []int
	for i, b := range data {
		if b == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(data) {
		ends = append(ends, len(data))
	}
	return ends
}

// yamlWhere is the "line 7: " that yaml.v3 puts before some of its
// problems. The catalogue prints its own line number (locate), so
// message drops this one, which is 0-based for the parser's problems and
// would contradict it; a wording it does not match is printed whole.
var yamlWhere = regexp.MustCompile(`^line [0-9]+: `)

// message is the problem a yaml.v3 error describes, without its prefixes.
func message(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	return yamlWhere.ReplaceAllString(msg, "")
}

// resolve follows an alias (*name) to the node it refers to. The result
// keeps the alias's position, so messages point where the value is used.
func resolve(n *yaml.Node) *yaml.Node {
	if n == nil || n.Kind != yaml.AliasNode {
		return n
	}
	target := n
	for target.Kind == yaml.AliasNode && target.Alias != nil {
		target = target.Alias
	}
	used := *target
	used.Line, used.Column = n.Line, n.Column
	return &used
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

func isString(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str"
}

// describe names a node's YAML type for "want X, got Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!str":
			return "a string"
		case "!!int":
			return "an integer"
		case "!!float":
			return "a number"
		case "!!bool":
			return "a boolean"
		case "!!null":
			return "null"
		case "!!timestamp":
			return "a timestamp"
		case "!!binary":
			return "binary data"
		}
		return "a value tagged " + n.ShortTag()
	}
	return "an unsupported YAML node"
}

// fields is a validated mapping: the value node of each allowed field that
// is present, with the key's line for messages about the field as a whole.
type fields struct {
	file   string
	line   int
	values map[string]*yaml.Node
	schema schema
}

// schema lists a mapping's allowed fields in their documented order.
type schema struct {
	allowed  []string
	required []string
	// requiredText, when set, replaces the list of required fields in
	// messages (for fields required only under a condition).
	requiredText string
	// hints add advice to the unknown-field message for likely mistakes.
	hints map[string]string
	// maxLen bounds a field's length in characters (each item's, for a
	// list) and maxItems a list's length; absent means unbounded.
	maxLen, maxItems map[string]int
}

// mapping checks n against s: it reports unknown, repeated and missing
// fields and returns what is there. It returns nil if n is not a mapping.
func (s schema) mapping(c *collector, file string, n *yaml.Node, what string) *fields {
	if n.Kind != yaml.MappingNode {
		c.add(file, n.Line, "%s: want a mapping of fields (%s), got %s", what, strings.Join(s.allowed, ", "), describe(n))
		return nil
	}
	f := &fields{file: file, line: n.Line, values: map[string]*yaml.Node{}, schema: s}
	firstLine := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := resolve(n.Content[i]), resolve(n.Content[i+1])
		if key.Kind != yaml.ScalarNode {
			c.add(file, key.Line, "field names must be plain words, got %s (allowed: %s)", describe(key), strings.Join(s.allowed, ", "))
			continue
		}
		name := key.Value
		if !contains(s.allowed, name) {
			c.add(file, key.Line, "unknown field %q (allowed: %s)%s", name, strings.Join(s.allowed, ", "), s.hints[name])
			continue
		}
		if first, seen := firstLine[name]; seen {
			c.add(file, key.Line, "duplicate field %q (first at line %d)", name, first)
			continue
		}
		firstLine[name] = key.Line
		f.values[name] = val
	}
	for _, name := range s.required {
		if _, ok := f.values[name]; !ok {
			c.add(file, n.Line, "missing required field %q (required: %s)", name, s.requiredList())
		}
	}
	return f
}

// requiredList names the required fields for messages.
func (s schema) requiredList() string {
	if s.requiredText != "" {
		return s.requiredText
	}
	return strings.Join(s.required, ", ")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// str returns a string field, trimmed. ok is false when the field is absent
// (already reported if required) or wrong (reported here).
func (f *fields) str(c *collector, name string) (value string, line int, ok bool) {
	n, present := f.values[name]
	if !present {
		return "", 0, false
	}
	if isNull(n) || (isString(n) && strings.TrimSpace(n.Value) == "") {
		c.add(f.file, n.Line, "field %q is empty", name)
		return "", n.Line, false
	}
	if !isString(n) {
		c.add(f.file, n.Line, "field %q: want a string, got %s", name, describe(n))
		return "", n.Line, false
	}
	v := strings.TrimSpace(n.Value)
	if msg := f.tooLong(name, v); msg != "" {
		c.add(f.file, n.Line, "field %q: %s", name, msg)
		return "", n.Line, false
	}
	return v, n.Line, true
}

// tooLong says why v is too long for field name, or "". The message never
// quotes v: it may be megabytes.
func (f *fields) tooLong(name, v string) string {
	limit, ok := f.schema.maxLen[name]
	if n := utf8.RuneCountInString(v); ok && n > limit {
		return fmt.Sprintf("%d characters, over the limit of %d", n, limit)
	}
	return ""
}

// list returns a list-of-strings field, and the line of each string.
func (f *fields) list(c *collector, name string) (out []string, lines []int, ok bool) {
	n, present := f.values[name]
	if !present {
		return nil, nil, true
	}
	if n.Kind != yaml.SequenceNode {
		c.add(f.file, n.Line, "field %q: want a list of strings, got %s", name, describe(n))
		return nil, nil, false
	}
	if limit, ok := f.schema.maxItems[name]; ok && len(n.Content) > limit {
		c.add(f.file, n.Line, "field %q: %d items, over the limit of %d", name, len(n.Content), limit)
		return nil, nil, false
	}
	out = make([]string, 0, len(n.Content))
	ok = true
	for i, item := range n.Content {
		item = resolve(item)
		v := strings.TrimSpace(item.Value)
		switch {
		case isNull(item) || (isString(item) && v == ""):
			c.add(f.file, item.Line, "field %q: item %d is empty", name, i+1)
			ok = false
		case !isString(item):
			c.add(f.file, item.Line, "field %q: item %d: want a string, got %s", name, i+1, describe(item))
			ok = false
		case f.tooLong(name, v) != "":
			c.add(f.file, item.Line, "field %q: item %d: %s", name, i+1, f.tooLong(name, v))
			ok = false
		default:
			out = append(out, v)
			lines = append(lines, item.Line)
		}
	}
	return out, lines, ok
}

// boolean returns a true/false field; absent means false.
func (f *fields) boolean(c *collector, name string) bool {
	n, present := f.values[name]
	if !present {
		return false
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
		c.add(f.file, n.Line, "field %q: want true or false, got %s", name, describe(n))
		return false
	}
	var b bool
	if err := n.Decode(&b); err != nil {
		c.add(f.file, n.Line, "field %q: want true or false: %v", name, err)
	}
	return b
}
