package api

import (
	"fmt"
	"maps"
	"slices"

	"github.com/uptimus/uptimus/generator/model"
)

// schemaDocV2 is the version 2 schema named name, with its $id. Each is
// made from its version 1 schema where the files share a shape, so that a
// field added to both is declared once.
func schemaDocV2(name, id string) obj {
	var s obj
	switch name {
	case "providers":
		s = schemaDoc("providers", id)
		item := props(s)["providers"].(obj)["items"].(obj)
		delete(props(item), "urls")
		item["required"] = slices.DeleteFunc(slices.Clone(item["required"].([]string)), func(n string) bool { return n == "urls" })
		s["title"] = "Every provider Uptimus follows, and the templates of their URLs"
		props(s)["url_templates"] = urlTemplatesSchema()
		s["required"] = append(slices.Clone(s["required"].([]string)), "url_templates")
	case "status":
		s = schemaDoc("status", id)
		entry := props(s)["providers"].(obj)["items"].(obj)
		props(entry)["components"] = componentStatesSchema()
		props(entry)["status_derived"] = boolean
		props(entry)["status_derived_reason"] = enum(model.Reasons)
		entry["dependentRequired"] = obj{"status_derived_reason": []string{"status_derived"}}
		entry["required"] = append(slices.Clone(entry["required"].([]string)), "components")
		s["title"] = "Current status of every provider, with its components"
	case "provider":
		s = schemaDoc("provider", id)
		s["title"] = "One provider: current state, components, open incidents, maintenance in progress or upcoming, reliability"
		maps.Copy(props(s), obj{
			"status_derived_reason": enum(model.Reasons),
			"status_since_at_least": utcTime,
			"family":                slug,
			"retired": object("Set when the service or its status page is gone: the history stays, and it is no longer fetched.", []string{"reason"},
				obj{"date": obj{"type": "string", "pattern": `^\d{4}(-\d{2}(-\d{2})?)?$`}, "reason": nonEmpty, "successor": slug, "successor_url": url}),
			"reliability": reliabilitySchema(),
			"uncheckable": nonEmpty,
			"checked": object("What the status page said of itself at our last fetch that read it (its name, its address, or both, as its vendor gives them), compared with this entry.", []string{"at", "agree"},
				obj{"name": str, "url": url, "at": utcTime, "agree": boolean, "why": str}),
			"history": url,
		})
		withoutRecent(props(s)["incidents"].(obj))
		withoutRecent(props(s)["maintenance"].(obj))
		s["required"] = append(slices.Clone(s["required"].([]string)), "reliability", "history")
		// Exactly one of the two: the start we know, or the first check
		// it held since at least.
		s["not"] = requires("status_since", "status_since_at_least")
		defs := s["$defs"].(obj)
		maps.Copy(defs, reliabilityDefs())
	case "incidents":
		part := object("A file of the history; its entries are under incidents.", []string{"count", "url"},
			obj{"year": count, "page": pageNo, "count": count, "url": url})
		part["dependentRequired"] = obj{"page": []string{"year"}, "year": []string{"page"}}
		observed := array(nonEmpty)
		observed["minItems"] = 1
		p, required := header(obj{"slug": slug, "count": count, "parts": array(part), "resolved_as_observed": observed}, "slug", "count", "parts")
		s = object("", required, p)
		s["$schema"], s["$id"] = draft, id
		s["title"] = "The files of a provider's history, at every size"
	default:
		panic(fmt.Sprintf("api: no version 2 schema %q", name))
	}
	props(s)["schema_version"] = obj{"const": SchemaVersionV2}
	return s
}

func props(o obj) obj { return o["properties"].(obj) }

// withoutRecent drops the recent list from one of version 1's lists of
// entries: version 2 links to the history instead.
func withoutRecent(lists obj) {
	delete(props(lists), "recent")
	lists["required"] = slices.DeleteFunc(slices.Clone(lists["required"].([]string)), func(n string) bool { return n == "recent" })
}

// urlTemplate is an absolute URL template with "{slug}" in it.
var urlTemplate = obj{"type": "string", "format": "uri-template", "pattern": `^https?://.*\{slug\}`}

func urlTemplatesSchema() obj {
	feed := object("One feed in three formats.", []string{"rss", "atom", "json"}, obj{"rss": urlTemplate, "atom": urlTemplate, "json": urlTemplate})
	names := []string{"page", "json", "incidents", "feeds", "updates_feeds", "badge_svg", "badge_json", "statuspage"}
	p := obj{}
	for _, n := range names {
		p[n] = urlTemplate
	}
	p["feeds"], p["updates_feeds"] = feed, feed
	return object("Every URL of a provider, with {slug} for its slug (RFC 6570, level 1).", names, p)
}

func componentStatesSchema() obj {
	affected := object("A component that is not operational.", []string{"id", "name", "status"},
		obj{"id": nonEmpty, "name": str, "group": str, "status": statusEnum})
	a := array(affected)
	a["minItems"] = 1
	return object("The provider's components in brief: how many it lists, and those not operational.", []string{"count"},
		obj{"count": count, "affected": a})
}
