package api

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/uptimus/uptimus/adapters"
)

// schemaCompiler holds every schema of a build (files as files returns
// them) under its $id below base.
func schemaCompiler(t *testing.T, got map[string][]byte, base string) *jsonschema.Compiler {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	for _, p := range allSchemaPaths() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(got[p[1:]]))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if err := c.AddResource(base+p, doc); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
	}
	return c
}

// allSchemaPaths are the paths of every schema of every version.
func allSchemaPaths() []string {
	var out []string
	for _, name := range SchemaNames {
		out = append(out, SchemaPath(name))
	}
	for _, name := range SchemaNamesV2 {
		out = append(out, SchemaPathV2(name))
	}
	return out
}

// compileSchemas compiles every schema of a build and returns them by name.
func compileSchemas(t *testing.T, got map[string][]byte, base string) map[string]*jsonschema.Schema {
	t.Helper()
	c := schemaCompiler(t, got, base)
	out := map[string]*jsonschema.Schema{}
	for _, name := range SchemaNames {
		s, err := c.Compile(base + SchemaPath(name))
		if err != nil {
			t.Fatalf("compile %s: %v", name, err)
		}
		out[name] = s
	}
	return out
}

// TestSchemasRequireOnlyWhatTheyDeclare checks Ajv's strictRequired rule on
// every schema, here in the Go tests: each name an object schema or a
// branch of one requires is declared in its own properties. Ajv in strict
// mode refuses to compile a schema that breaks it (scripts/validate-output
// runs Ajv itself).
func TestSchemasRequireOnlyWhatTheyDeclare(t *testing.T) {
	got := files(t, build(t, fixtureOptions()))
	for _, name := range SchemaNames {
		var doc any
		if err := json.Unmarshal(got[SchemaPath(name)[1:]], &doc); err != nil {
			t.Fatal(err)
		}
		walkSchema(doc, "#", func(ptr string, o map[string]any) {
			props, _ := o["properties"].(map[string]any)
			req, _ := o["required"].([]any)
			for _, r := range req {
				if _, ok := props[r.(string)]; !ok {
					t.Errorf("%s %s: requires %q without declaring it", name, ptr, r)
				}
			}
		})
	}
}

// walkSchema calls fn on every object under v, with its pointer. Only
// schema objects hold a list under "required" (no field is called so).
func walkSchema(v any, ptr string, fn func(string, map[string]any)) {
	switch x := v.(type) {
	case map[string]any:
		fn(ptr, x)
		for k, c := range x {
			if k != "enum" && k != "const" {
				walkSchema(c, ptr+"/"+k, fn)
			}
		}
	case []any:
		for i, c := range x {
			walkSchema(c, ptr+"/"+strconv.Itoa(i), fn)
		}
	}
}

// TestSchemasRejectWhatTheFilesNeverHold feeds the schemas documents that
// break one promise each; every one must fail. The valid document each is
// made from passes, so a failure is the broken promise's.
func TestSchemasRejectWhatTheFilesNeverHold(t *testing.T) {
	s := compileSchemas(t, files(t, build(t, fixtureOptions())), base)
	good := `{"id":"m","kind":"maintenance","title":"Upgrade","impact":"maintenance","status":"scheduled","phase":"upcoming",` +
		`"url":"https://example.org/m/","created_at":"2026-07-25T00:00:00Z","scheduled_for":"2026-07-31T02:00:00Z","components":[],"updates":[]}`
	incidents := func(incident string) string {
		return `{"$schema":"https://example.org/s","schema_version":1,"slug":"acme","count":1,"incidents":[` + incident + `]}`
	}
	summary := func(vendor, category string) string {
		return `{"$schema":"https://example.org/s","schema_version":1,"providers":[{"slug":"acme","name":"Acme","category":"` + category +
			`","category_name":"Developer tools","vendor":"` + vendor + `","source":"manual","verified":false,"status":"operational","open_incidents":0,"stale":false,` +
			`"official_url":"https://status.acme.example","urls":{"page":"https://x.example/","json":"https://x.example/","incidents":"https://x.example/",` +
			`"feeds":{"rss":"https://x.example/","atom":"https://x.example/","json":"https://x.example/"},` +
			`"updates_feeds":{"rss":"https://x.example/","atom":"https://x.example/","json":"https://x.example/"},"badge_svg":"https://x.example/","badge_json":"https://x.example/"}}]}`
	}
	incident := `{"id":"i","kind":"incident","title":"Errors","impact":"major","status":"investigating","phase":"ongoing","url":"https://example.org/i/","components":[],"updates":[]}`
	tests := []struct {
		why, schema, doc string
	}{
		{"an incident cannot be upcoming", "incidents", incidents(strings.Replace(incident, `"ongoing"`, `"upcoming"`, 1))},
		{"an incident cannot be in progress", "incidents", incidents(strings.Replace(incident, `"ongoing"`, `"in_progress"`, 1))},
		{"a maintenance window cannot be resolved", "incidents", incidents(strings.Replace(good, `"upcoming"`, `"resolved"`, 1))},
		{"a dated maintenance window has a scheduled start", "incidents", incidents(strings.Replace(good, `,"scheduled_for":"2026-07-31T02:00:00Z"`, "", 1))},
		{"a scheduled end needs a start", "incidents", incidents(strings.Replace(incident, `"components"`, `"scheduled_until":"2026-07-31T04:00:00Z","components"`, 1))},
		{"a title is never empty", "incidents", incidents(strings.Replace(incident, `"Errors"`, `""`, 1))},
		{"an unknown kind", "incidents", incidents(strings.Replace(incident, `"incident"`, `"outage"`, 1))},
		{"both shapes of the history at once", "incidents", strings.Replace(incidents(incident), `"incidents":[`, `"parts":[],"incidents":[`, 1)},
		{"neither shape of the history", "incidents", `{"$schema":"https://example.org/s","schema_version":1,"slug":"acme","count":0}`},
		// Vendors and categories are open (they grow), but slugs.
		{"a vendor that is no slug", "providers", summary("Status Page", "developer-tools")},
		{"a category that is no slug", "providers", summary("statuspage", "Developer tools")},
	}
	for _, valid := range []struct{ schema, doc string }{{"incidents", incidents(good)}, {"incidents", incidents(incident)}, {"providers", summary("statuspage", "developer-tools")}, {"providers", summary("a-vendor-added-later", "a-new-category")}} {
		if err := s[valid.schema].Validate(mustJSON(t, valid.doc)); err != nil {
			t.Fatalf("the valid base document fails: %v\n%s", err, valid.doc)
		}
	}
	for _, tt := range tests {
		if err := s[tt.schema].Validate(mustJSON(t, tt.doc)); err == nil {
			t.Errorf("%s: accepted %s", tt.why, tt.doc)
		}
	}
}

func mustJSON(t *testing.T, doc string) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
	if err != nil {
		t.Fatalf("%v: %s", err, doc)
	}
	return v
}

// TestFilesKeepTheSchemasPromises: what the data lacks, the API fills in
// as documented rather than breaking its schema: a maintenance window
// announced without a schedule starts when it started, an untitled entry
// is called so, and a component whose group is not listed has no group_id.
func TestFilesKeepTheSchemasPromises(t *testing.T) {
	opt := fixtureOptions()
	acme := opt.Histories["acme"]
	acme.State.Components = append(acme.State.Components, comp("orphan", "Orphan", "gone", 3, adapters.Operational, at(2, 0, 0)))
	acme.Incidents = append(acme.Incidents,
		adapters.Incident{ID: "m-feed", Kind: adapters.KindMaintenance, Title: " ", Impact: adapters.ImpactMaintenance,
			Status: "in_progress", CreatedAt: at(20, 1, 0), StartedAt: at(20, 2, 0), ResolvedAt: at(20, 3, 0)},
		adapters.Incident{ID: "m-undated", Kind: adapters.KindMaintenance, Title: "Someday", Status: "scheduled"})
	dir := build(t, opt)
	validateAll(t, files(t, dir))
	all := read[IncidentsFile](t, dir, "/api/v1/providers/acme/incidents.json")
	byID := map[string]Incident{}
	for _, in := range all.Incidents {
		byID[in.ID] = in
	}
	if m := byID["m-feed"]; !m.ScheduledFor.Equal(at(20, 2, 0)) || m.Title != "Untitled maintenance" {
		t.Errorf("maintenance without a schedule: scheduled_for %v, title %q", m.ScheduledFor, m.Title)
	}
	if m := byID["m-undated"]; !m.ScheduledFor.IsZero() {
		t.Errorf("undated maintenance got a schedule: %v", m.ScheduledFor)
	}
	pf := read[ProviderFile](t, dir, "/api/v1/providers/acme.json")
	for _, c := range pf.Components {
		if c.ID == "orphan" && c.GroupID != "" {
			t.Errorf("orphan keeps group_id %q", c.GroupID)
		}
	}
}

// TestReferencesAreChecked makes sure checkReferences, which validateAll
// runs on every provider file, can fail.
func TestReferencesAreChecked(t *testing.T) {
	for _, doc := range []string{
		`{"components":[{"id":"a","group":false,"group_id":"g"}]}`,
		`{"components":[{"id":"a","group":false},{"id":"g","group":false},{"id":"b","group":false,"group_id":"a"}]}`,
		`{"components":[{"id":"a","group":true},{"id":"a","group":false}]}`,
	} {
		if err := checkReferences([]byte(doc)); err == nil {
			t.Errorf("accepted %s", doc)
		}
	}
	if err := checkReferences([]byte(`{"components":[{"id":"g","group":true},{"id":"a","group":false,"group_id":"g"}]}`)); err != nil {
		t.Error(err)
	}
}
