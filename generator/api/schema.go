package api

import (
	"fmt"
	"slices"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/model"
)

// The JSON Schemas (draft 2020-12) are built here from shared parts, so a
// definition such as "incident" is written once and every schema file is
// still self-contained. Objects are closed (additionalProperties: false):
// a field added to a type without its schema fails the validation test.
// They compile under Ajv's strict mode (scripts/validate-output), the
// strictest validator clients use: every name a branch (then, else, oneOf)
// requires is declared in that branch too (see requires).

// SchemaNames lists every schema, by the name in its file name.
var SchemaNames = []string{"providers", "status", "provider", "incidents", "incidents-year", "now"}

type obj = map[string]any

const draft = "https://json-schema.org/draft/2020-12/schema"

// utcTime is an RFC 3339 time in UTC.
var utcTime = obj{"type": "string", "format": "date-time", "pattern": `^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$`}

var (
	str      = obj{"type": "string"}
	nonEmpty = obj{"type": "string", "minLength": 1}
	count    = obj{"type": "integer", "minimum": 0}
	pageNo   = obj{"type": "integer", "minimum": 1}
	url      = obj{"type": "string", "format": "uri", "pattern": "^https?://"}
	slug     = obj{"type": "string", "pattern": "^[a-z0-9-]+$"}
	boolean  = obj{"type": "boolean"}
)

func enum[T ~string](vs []T) obj {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	if len(out) == 0 {
		// An empty enum is no schema at all to Ajv (and no value
		// exists to check against it): a build without providers.
		return nonEmpty
	}
	return obj{"type": "string", "enum": out}
}

// requires is a branch schema (then, else, a oneOf option) that requires
// names. Ajv's strict mode (strictRequired) wants each required name
// declared in the same schema object, and a branch is compiled apart from
// the object's properties: the names are declared again as true, which
// adds nothing to the object's own property schemas.
func requires(names ...string) obj {
	props := obj{}
	for _, n := range names {
		props[n] = true
	}
	return obj{"properties": props, "required": names}
}

// forbids is a branch schema in which none of names may be present.
func forbids(names ...string) obj {
	props := obj{}
	for _, n := range names {
		props[n] = false
	}
	return obj{"properties": props}
}

// Vendors and categories grow with the catalogue and the registry: a
// schema that enumerated them broke every script that pinned it the day a
// category was added. They are open slugs instead; docs/api.md says where
// the current values are (providers.json), and the schemas stay the same
// bytes whatever the catalogue holds.
var (
	vendorSlug   = obj{"type": "string", "pattern": "^[a-z0-9-]+$", "description": "The adapter that reads the status page (statuspage, instatus, aws, ...), or auto while none is detected; new adapters add values."}
	categorySlug = obj{"type": "string", "pattern": "^[a-z0-9-]+$", "description": "A category slug of the catalogue; new categories add values."}
)

func array(items any) obj { return obj{"type": "array", "items": items} }

func ref(name string) obj { return obj{"$ref": "#/$defs/" + name} }

// object is a closed object; required names the fields always present.
func object(desc string, required []string, props obj) obj {
	for _, r := range required {
		if _, ok := props[r]; !ok {
			panic("api schema: required field " + r + " has no property")
		}
	}
	slices.Sort(required)
	o := obj{"type": "object", "additionalProperties": false, "required": required, "properties": props}
	if desc != "" {
		o["description"] = desc
	}
	return o
}

func header(props obj, required ...string) (obj, []string) {
	props["$schema"] = url
	props["schema_version"] = obj{"const": SchemaVersion}
	return props, append(required, "$schema", "schema_version")
}

var (
	statusEnum = enum(adapters.Statuses)
	impactEnum = enum([]adapters.Impact{adapters.ImpactNone, adapters.ImpactMinor, adapters.ImpactMajor,
		adapters.ImpactCritical, adapters.ImpactMaintenance, ImpactUnknown})
	kindEnum  = enum([]adapters.Kind{adapters.KindIncident, adapters.KindMaintenance})
	phaseEnum = enum(model.Phases)
	// sourceEnum: "manual" (written by a person) or "auto" (imported
	// from a public list, pending review until verified).
	sourceEnum = enum(catalog.Sources)
)

// IncidentPhases and MaintenancePhases are the phases each kind can be in
// (model.PhaseOf); the incident schema holds each kind to its own.
var (
	IncidentPhases    = []model.Phase{model.PhaseOngoing, model.PhaseResolved, model.PhaseStale}
	MaintenancePhases = []model.Phase{model.PhaseUpcoming, model.PhaseInProgress, model.PhaseCompleted, model.PhaseStale, model.PhaseCancelled}
)

// incidentSchema is the incident object. Besides its fields it ties kind
// to phase and says what a maintenance window must carry: its scheduled
// start (see Builder.incident), unless it has no date at all, and a
// scheduled end only after a start.
func incidentSchema() obj {
	in := object("An incident or maintenance window with its whole timeline, newest update first.",
		[]string{"id", "kind", "title", "impact", "status", "phase", "url", "components", "updates"}, obj{
			"id": nonEmpty, "kind": kindEnum, "title": nonEmpty, "impact": impactEnum, "impact_raw": str,
			"status": str, "status_raw": str, "phase": phaseEnum, "url": url, "official_url": url,
			"created_at": utcTime, "started_at": utcTime, "updated_at": utcTime, "resolved_at": utcTime,
			"scheduled_for": utcTime, "scheduled_until": utcTime, "withdrawn_at": utcTime,
			"components": array(ref("component_ref")), "updates": array(ref("update")),
		})
	of := func(k adapters.Kind) obj { return obj{"properties": obj{"kind": obj{"const": k}}} }
	undated := forbids("created_at", "started_at", "updated_at", "resolved_at")
	in["allOf"] = []obj{
		{"if": of(adapters.KindIncident), "then": obj{"properties": obj{"phase": enum(IncidentPhases)}}},
		{"if": of(adapters.KindMaintenance), "then": obj{
			"properties": obj{"phase": enum(MaintenancePhases)},
			"anyOf":      []obj{requires("scheduled_for"), undated},
		}},
	}
	in["dependentRequired"] = obj{"scheduled_until": []string{"scheduled_for"}}
	return in
}

func defs() obj {
	feedURLs := object("One feed in three formats.", []string{"rss", "atom", "json"}, obj{"rss": url, "atom": url, "json": url})
	compRef := object("A component an incident or update affected.", []string{"name"},
		obj{"id": str, "name": str, "status": statusEnum})
	update := object("One entry of a timeline; body is the vendor's text as given.", []string{"status", "body", "components"}, obj{
		"id": str, "status": str, "status_raw": str, "body": str,
		"created_at": utcTime, "display_at": utcTime, "components": array(ref("component_ref")),
	})
	incident := incidentSchema()
	urls := object("Absolute URLs of everything published for a provider.",
		[]string{"page", "json", "incidents", "feeds", "updates_feeds", "badge_svg", "badge_json"}, obj{
			"page": url, "json": url, "incidents": url, "feeds": ref("feed_urls"), "updates_feeds": ref("feed_urls"),
			"badge_svg": url, "badge_json": url,
		})
	figure := object("An uptime figure: the share of the window's known time, major outage counted in full and partial outage at 30%; providers and groups average their components.",
		[]string{"window_days", "known", "to", "down_seconds", "degraded_seconds", "maintenance_seconds"}, obj{
			"window_days": obj{"type": "integer", "minimum": 1}, "known": boolean, "from": utcTime, "to": utcTime,
			"percent":      obj{"type": "number", "minimum": 0, "maximum": 100},
			"down_seconds": count, "degraded_seconds": count, "maintenance_seconds": count,
		})
	figure["if"] = obj{"properties": obj{"known": obj{"const": true}}}
	figure["then"] = requires("from", "percent")
	figure["else"] = forbids("from", "percent")
	return obj{"uptime": figure, "feed_urls": feedURLs, "component_ref": compRef, "update": update, "incident": incident, "provider_urls": urls}
}

// schemaDoc is the schema named name, with its $id under base.
func schemaDoc(name, id string) obj {
	vendor, category := vendorSlug, categorySlug
	var title string
	var props obj
	var required []string
	switch name {
	case "providers":
		title = "Every provider Uptimus follows"
		summary := object("", []string{"slug", "name", "category", "category_name", "vendor", "source", "verified", "status", "open_incidents", "stale", "official_url", "urls"}, obj{
			"slug": slug, "name": nonEmpty, "category": category, "category_name": nonEmpty, "vendor": vendor,
			"source": sourceEnum, "verified": boolean, "status": statusEnum,
			"open_incidents": count, "stale": boolean, "official_url": url, "urls": ref("provider_urls"),
		})
		props, required = header(obj{"providers": array(summary)}, "providers")
	case "status":
		title = "Current status of every provider"
		item := func(desc string, phases ...model.Phase) obj {
			o := object(desc, []string{"title", "url", "impact", "phase"}, obj{
				"title": nonEmpty, "url": url, "impact": impactEnum, "phase": enum(phases),
				"started_at": utcTime, "scheduled_for": utcTime, "scheduled_until": utcTime,
			})
			o["dependentRequired"] = obj{"scheduled_until": []string{"scheduled_for"}}
			a := array(o)
			a["minItems"] = 1
			return a
		}
		open := item("An ongoing incident.", model.PhaseOngoing)
		maint := item("A maintenance window in progress or upcoming.", model.PhaseInProgress, model.PhaseUpcoming)
		entry := object("", []string{"slug", "name", "status", "open_incidents", "stale"}, obj{
			"slug": slug, "name": nonEmpty, "aliases": array(str), "status": statusEnum, "open_incidents": count, "stale": boolean,
			"open": open, "maintenance": maint, "checked_at": utcTime, "updated_at": utcTime,
		})
		props, required = header(obj{"providers": array(entry)}, "providers")
	case "provider":
		title = "One provider: current state, components, open and recent incidents, maintenance"
		comp := object("A component as last seen.", []string{"id", "name", "group", "position", "status", "uptime"}, obj{
			"id": nonEmpty, "name": str, "description": str, "group": boolean, "group_id": nonEmpty, "position": obj{"type": "integer"},
			"status": statusEnum, "status_raw": str, "last_changed": utcTime, "first_seen": utcTime, "removed_at": utcTime,
			"uptime": ref("uptime"), "feed": url,
		})
		day := object("One UTC day: its worst state, or unknown before our record begins.", []string{"date", "status"},
			obj{"date": obj{"type": "string", "format": "date", "pattern": `^\d{4}-\d{2}-\d{2}$`}, "status": statusEnum})
		incidents := array(ref("incident"))
		props, required = header(obj{
			"slug": slug, "name": nonEmpty, "description": str, "category": category, "category_name": nonEmpty, "vendor": vendor,
			"vendor_detected": boolean, "source": sourceEnum, "verified": boolean, "official_url": url, "homepage": url, "aliases": array(str), "status": statusEnum, "status_derived": boolean,
			"status_text": str, "status_since": utcTime, "first_checked": utcTime, "known_since": utcTime, "updated_at": utcTime,
			"open_incidents": count, "components": array(comp),
			"incidents":   object("", []string{"open", "recent"}, obj{"open": incidents, "recent": incidents}),
			"maintenance": object("", []string{"active", "upcoming", "recent"}, obj{"active": incidents, "upcoming": incidents, "recent": incidents}),
			"days":        obj{"type": "array", "items": day, "minItems": DayBar, "maxItems": DayBar},
			"uptime":      obj{"type": "array", "items": ref("uptime"), "minItems": len(Windows), "maxItems": len(Windows)},
			"urls":        ref("provider_urls"),
			"provides": object("What the vendor publishes; false means not provided by this vendor.",
				[]string{"components", "maintenance", "timeline", "history_window"},
				obj{"components": boolean, "maintenance": boolean, "timeline": boolean, "history_window": count}),
			"stale": object("Set while our last successful check is over three hours old; status is then unknown.", []string{"last_known_status"},
				obj{"since": utcTime, "last_attempt": utcTime, "error": str, "last_known_status": statusEnum}),
		}, "provides", "days", "uptime", "slug", "name", "description", "category", "category_name", "vendor", "source", "verified", "official_url", "aliases", "status", "status_derived",
			"open_incidents", "components", "incidents", "maintenance", "urls")
	case "incidents":
		title = "A provider's complete history, or the index of its year files"
		part := object("", []string{"year", "page", "count", "url"}, obj{"year": count, "page": pageNo, "count": count, "url": url})
		props, required = header(obj{"slug": slug, "count": count, "incidents": array(ref("incident")), "parts": array(part)}, "slug", "count")
	case "incidents-year":
		title = "One year of a provider's history"
		links := object("", []string{"index"}, obj{"index": url, "newer": url, "older": url})
		props, required = header(obj{"slug": slug, "year": count, "page": pageNo, "count": count, "links": links, "incidents": array(ref("incident"))},
			"slug", "year", "page", "count", "links", "incidents")
	case "now":
		title = "Every provider reporting a problem at the build, grouped"
		props, required = nowSchema(slug, statusEnum)
	default:
		panic(fmt.Sprintf("api: no schema %q", name))
	}
	s := object("", required, props)
	s["$schema"] = draft
	s["$id"] = id
	s["title"] = title
	s["$defs"] = defs()
	if name == "incidents" {
		// Exactly one of the two shapes.
		s["oneOf"] = []obj{requires("incidents"), requires("parts")}
	}
	return s
}

func (b *builder) schemas() error {
	for _, name := range SchemaNames {
		if err := b.write(SchemaPath(name), schemaDoc(name, b.l.Abs(SchemaPath(name)))); err != nil {
			return err
		}
	}
	for _, name := range SchemaNamesV2 {
		if err := b.write(SchemaPathV2(name), schemaDocV2(name, b.l.Abs(SchemaPathV2(name)))); err != nil {
			return err
		}
	}
	return nil
}
