package api

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/uptimus/uptimus/generator/catalog"
)

// The contract scripts pinned: /api/v1/ as released, in
// testdata/v1-baseline (see its README). Every file a build writes today,
// every JSON example of docs/api.md, and the released sample files must
// validate under the released schemas; a change that cannot goes to a new
// version, served beside this one (docs/api.md, Versions).

const baselineDir = "testdata/v1-baseline"

const releasedSite = "https://uptimus.github.io"

// baselineCompiler holds the released schemas under their released $id.
// addedToV1 are the v1 files published since the release: a new file
// breaks no pinned schema (a new field in a released file would), so v1
// may gain files; each is held to its own schema by
// TestEveryFileMatchesItsSchema, and is frozen from its release on.
var addedToV1 = []string{"now"}

// releasedNames are the v1 schemas as released, in SchemaNames' order.
func releasedNames(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, name := range SchemaNames {
		if !slices.Contains(addedToV1, name) {
			out = append(out, name)
		}
	}
	return out
}

// Every v1 schema is released or said to be new: none slips past the
// baseline by being missing from it.
func TestEveryV1SchemaIsReleasedOrNew(t *testing.T) {
	for _, name := range SchemaNames {
		_, err := os.Stat(baselineDir + "/schema/" + name + ".schema.json")
		if released := err == nil; released == slices.Contains(addedToV1, name) {
			t.Errorf("schema %s: released %v, listed as added since %v", name, released, !released)
		}
	}
}

func baselineCompiler(t *testing.T) *jsonschema.Compiler {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	for _, name := range releasedNames(t) {
		b, err := os.ReadFile(baselineDir + "/schema/" + name + ".schema.json")
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := c.AddResource(releasedSite+SchemaPath(name), doc); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// baselineSchemas compiles the released schemas, by name.
func baselineSchemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	c := baselineCompiler(t)
	out := map[string]*jsonschema.Schema{}
	for _, name := range releasedNames(t) {
		s, err := c.Compile(releasedSite + SchemaPath(name))
		if err != nil {
			t.Fatalf("released %s: %v", name, err)
		}
		out[name] = s
	}
	return out
}

// schemaOf names the schema a v1 file claims in its $schema.
func schemaOf(t *testing.T, rel string, data []byte) string {
	t.Helper()
	var head struct {
		Schema string `json:"$schema"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	name := strings.TrimSuffix(path.Base(head.Schema), ".schema.json")
	if !strings.Contains(head.Schema, "/api/v1/schema/") || name == "" {
		t.Fatalf("%s: $schema %q is no v1 schema", rel, head.Schema)
	}
	return name
}

func validateUnderBaseline(t *testing.T, schemas map[string]*jsonschema.Schema, where string, data []byte) {
	t.Helper()
	name := schemaOf(t, where, data)
	s, ok := schemas[name]
	if !ok && slices.Contains(addedToV1, name) {
		return // published since the release: see addedToV1
	}
	if !ok {
		t.Errorf("%s: $schema %s was not released", where, name)
		return
	}
	if err := s.Validate(mustJSON(t, string(data))); err != nil {
		t.Errorf("%s no longer validates under the released %s schema: %v", where, name, err)
	}
}

// TestOutputsValidateUnderReleasedSchemas builds the fixture (with a
// history big enough for year files) and validates every /api/v1/ file
// under the schemas as released; and the released sample files too, which
// shows the released schemas are the ones those files were made for.
func TestOutputsValidateUnderReleasedSchemas(t *testing.T) {
	schemas := baselineSchemas(t)
	f := fixtureOptions()
	f.BaseURL = "https://uptimus.github.io"
	f.Histories["acme"] = bigHistory("acme")
	n := 0
	for rel, data := range files(t, build(t, f)) {
		if !strings.HasPrefix(rel, "api/v1/") || strings.HasPrefix(rel, "api/v1/schema/") {
			continue
		}
		validateUnderBaseline(t, schemas, rel, data)
		n++
	}
	if n < 10 {
		t.Errorf("validated %d v1 files", n)
	}
	sample := os.DirFS(baselineDir + "/sample")
	err := fs.WalkDir(sample, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(sample, p)
		if err == nil {
			validateUnderBaseline(t, schemas, "released "+p, data)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDocsExamplesValidateUnderReleasedSchemas: every v1 example of
// docs/api.md, today's and the released ones, whole files and fragments,
// validates under the released schemas, so the docs never show a v1 file
// a pinned script would refuse.
func TestDocsExamplesValidateUnderReleasedSchemas(t *testing.T) {
	c := baselineCompiler(t)
	const v1 = releasedSite + "/api/v1/schema/"
	for _, doc := range []string{docsPath, baselineDir + "/api.md"} {
		data, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, b := range docBlocks(t, strings.Split(string(data), "\n")) {
			var head struct {
				Schema string `json:"$schema"`
			}
			if err := json.Unmarshal([]byte(b.text), &head); err != nil {
				t.Errorf("%s:%d: not JSON: %v", doc, b.line, err)
				continue
			}
			loc := v1 + b.schema
			if strings.HasPrefix(b.schema, "v2/") {
				continue // version 2's, held to its own schemas
			}
			if head.Schema != "" {
				loc = head.Schema
			}
			if !strings.HasPrefix(loc, v1) || loc == v1 {
				continue // another version's file, held to its own schemas
			}
			s, err := c.Compile(loc)
			if err != nil {
				t.Errorf("%s:%d: released schema %s: %v", doc, b.line, loc, err)
				continue
			}
			n++
			if err := s.Validate(mustJSON(t, b.text)); err != nil {
				t.Errorf("%s:%d: the example does not validate under the released %s: %v", doc, b.line, loc, err)
			}
		}
		if n < 8 {
			t.Errorf("%s: validated %d v1 examples", doc, n)
		}
	}
}

// TestSchemasDoNotGrowWithTheCatalogue: a catalogue with a new category
// and a new vendor publishes the same schema bytes, so a pinned copy keeps
// validating what the grown site writes.
func TestSchemasDoNotGrowWithTheCatalogue(t *testing.T) {
	before := files(t, build(t, fixtureOptions()))
	grown := fixtureOptions()
	cat := *grown.Catalog
	cat.Categories = append(cat.Categories, catalog.Category{Slug: "quantum-computing", Name: "Quantum computing"})
	p := cat.Providers[0]
	p.Slug, p.Name, p.Category, p.Adapter = "qubits", "Qubits", "quantum-computing", "brand-new-vendor"
	cat.Providers = append(cat.Providers, p)
	grown.Catalog = &cat
	after := files(t, build(t, grown))
	for _, name := range SchemaNames {
		rel := SchemaPath(name)[1:]
		if !bytes.Equal(before[rel], after[rel]) {
			t.Errorf("%s changed when the catalogue grew", rel)
		}
	}
	current := compileSchemas(t, after, strings.TrimSuffix(grown.BaseURL, "/"))
	if err := current["providers"].Validate(mustJSON(t, string(after["api/v1/providers.json"]))); err != nil {
		t.Errorf("the grown providers.json does not validate under the unchanged schema: %v", err)
	}
}
