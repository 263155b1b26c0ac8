package api

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The documentation of the API is held to the files: every JSON example in
// docs/api.md is validated against its schema, and every field of every
// object the schemas describe is listed in its field table.

const docsPath = "../../docs/api.md"

// docBlock is one ```json block of the docs, with the schema it claims.
type docBlock struct {
	line   int
	schema string // "name.schema.json#pointer", from $schema or a comment
	text   string
}

var markerRE = regexp.MustCompile(`^<!-- (schema|fields): (\S+) -->$`)

// docBlocks returns the docs' JSON examples. A block without "$schema"
// names its schema in a "<!-- schema: NAME.schema.json#/pointer -->"
// comment on the line before it.
func docBlocks(t *testing.T, lines []string) []docBlock {
	t.Helper()
	var out []docBlock
	for i := 0; i < len(lines); i++ {
		if lines[i] != "```json" {
			continue
		}
		b := docBlock{line: i + 1}
		if i > 0 {
			if m := markerRE.FindStringSubmatch(lines[i-1]); m != nil && m[1] == "schema" {
				b.schema = m[2]
			}
		}
		var body []string
		for i++; i < len(lines) && lines[i] != "```"; i++ {
			body = append(body, lines[i])
		}
		b.text = strings.Join(body, "\n")
		out = append(out, b)
	}
	return out
}

func TestDocsExamplesMatchTheirSchemas(t *testing.T) {
	data, err := os.ReadFile(docsPath)
	if err != nil {
		t.Fatal(err)
	}
	opt := fixtureOptions()
	opt.BaseURL = ""
	const site = "https://uptimus.github.io"
	built := files(t, build(t, opt))
	compileSchemas(t, built, site)
	blocks := docBlocks(t, strings.Split(string(data), "\n"))
	if len(blocks) < 8 {
		t.Fatalf("found %d JSON examples", len(blocks))
	}
	for _, b := range blocks {
		var head struct {
			Schema string `json:"$schema"`
		}
		if err := json.Unmarshal([]byte(b.text), &head); err != nil {
			t.Errorf("docs/api.md:%d: not JSON: %v", b.line, err)
			continue
		}
		loc := site + "/api/v1/schema/" + b.schema
		if rest, ok := strings.CutPrefix(b.schema, "v2/"); ok {
			loc = site + "/api/v2/schema/" + rest
		}
		if head.Schema != "" {
			loc = head.Schema
		}
		if loc == site+"/api/v1/schema/" {
			t.Errorf("docs/api.md:%d: an example names no schema ($schema or <!-- schema: ... -->)", b.line)
			continue
		}
		s, err := schemaCompiler(t, built, site).Compile(loc)
		if err != nil {
			t.Errorf("docs/api.md:%d: schema %s: %v", b.line, loc, err)
			continue
		}
		if err := s.Validate(mustJSON(t, b.text)); err != nil {
			t.Errorf("docs/api.md:%d: the example does not match %s: %v", b.line, loc, err)
		}
		if err := checkReferences([]byte(b.text)); err != nil {
			t.Errorf("docs/api.md:%d: %v", b.line, err)
		}
	}
}

// TestDocsListEveryField: each object of every schema (type "object") has
// a table in docs/api.md, after a "<!-- fields: NAME.schema.json#/pointer
// -->" comment, whose first column lists exactly its fields. Objects under
// $defs are the same in every schema and are documented once.
func TestDocsListEveryField(t *testing.T) {
	data, err := os.ReadFile(docsPath)
	if err != nil {
		t.Fatal(err)
	}
	documented := docTables(strings.Split(string(data), "\n"))
	got := files(t, build(t, fixtureOptions()))
	want := map[string][]string{}
	v1 := map[string][]string{} // fields by schema file and pointer
	for _, name := range SchemaNames {
		objectFields(t, got[SchemaPath(name)[1:]], func(ptr string, fields []string) {
			v1[name+ptr] = fields
			want[objectKey(name+".schema.json"+ptr)] = fields
		})
	}
	// A version 2 object is documented by what it adds to its version 1
	// namesake (v2/NAME.schema.json#pointer), or in full if it has none;
	// a definition shared with version 1 by what it adds to it.
	for _, name := range SchemaNamesV2 {
		objectFields(t, got[SchemaPathV2(name)[1:]], func(ptr string, fields []string) {
			old, ok := v1[name+ptr]
			if def := objectKey(ptr); !ok && strings.HasPrefix(def, "$defs/") {
				old, ok = want[def]
			}
			if ok {
				fields = slices.DeleteFunc(fields, func(f string) bool { return slices.Contains(old, f) })
			}
			if len(fields) > 0 {
				want["v2/"+name+".schema.json"+ptr] = fields
			}
		})
	}
	for key, fields := range want {
		have, ok := documented[key]
		if !ok {
			t.Errorf("docs/api.md has no field table for %s (%s)", key, strings.Join(fields, ", "))
			continue
		}
		if !slices.Equal(have, fields) {
			t.Errorf("docs/api.md table of %s lists %q, the schema has %q", key, have, fields)
		}
	}
	for key := range documented {
		if _, ok := want[key]; !ok {
			t.Errorf("docs/api.md documents %s, which no schema has", key)
		}
	}
}

// objectFields calls fn with the sorted field names of every object of
// the schema doc, by JSON pointer.
func objectFields(t *testing.T, doc []byte, fn func(ptr string, fields []string)) {
	t.Helper()
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		t.Fatal(err)
	}
	walkSchema(v, "#", func(ptr string, o map[string]any) {
		if o["type"] != "object" {
			return
		}
		var fields []string
		for k := range o["properties"].(map[string]any) {
			fields = append(fields, k)
		}
		slices.Sort(fields)
		fn(ptr, fields)
	})
}

// objectKey names an object schema: by its $defs name when it is a shared
// definition, else by file and pointer.
func objectKey(loc string) string {
	if strings.HasPrefix(loc, "v2/") {
		return loc // version 2's own, or what it adds to version 1's
	}
	if i := strings.Index(loc, "#/$defs/"); i >= 0 {
		return loc[i+2:]
	}
	return loc
}

var fieldRowRE = regexp.MustCompile("^\\| `([^`]+)` \\|")

// docTables reads the field tables: the first column of the rows of the
// table after each fields comment, sorted, by object key.
func docTables(lines []string) map[string][]string {
	out := map[string][]string{}
	for i, l := range lines {
		m := markerRE.FindStringSubmatch(l)
		if m == nil || m[1] != "fields" {
			continue
		}
		var fields []string
		j := i + 1
		for j < len(lines) && !strings.HasPrefix(lines[j], "|") {
			j++
		}
		for ; j < len(lines) && strings.HasPrefix(lines[j], "|"); j++ {
			if f := fieldRowRE.FindStringSubmatch(lines[j]); f != nil {
				fields = append(fields, f[1])
			}
		}
		slices.Sort(fields)
		out[objectKey(m[2])] = fields
	}
	return out
}

// docs/api.md says how many finished incidents and maintenance windows a
// provider file lists wherever it gives a number: RecentLimit.
func TestDocsGiveTheRecentLimit(t *testing.T) {
	b, err := os.ReadFile(docsPath)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`the (\d+) newest (others|finished)`)
	found := 0
	for i, line := range strings.Split(string(b), "\n") {
		for _, m := range re.FindAllStringSubmatch(line, -1) {
			found++
			if m[1] != strconv.Itoa(RecentLimit) {
				t.Errorf("docs/api.md:%d: %q, but a provider file lists %d", i+1, m[0], RecentLimit)
			}
		}
	}
	if found == 0 {
		t.Error("docs/api.md gives no number of recent entries")
	}
}
