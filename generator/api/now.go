package api

import (
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/outage"
	"github.com/uptimus/uptimus/generator/paths"
)

// NowFile is /api/v1/now.json: every provider reporting a problem at the
// build, in the groups generator/outage makes (as the site's /now/).
type NowFile struct {
	Header
	// CheckedAt is our newest successful check of any provider: the file
	// says what was true then (absent when no check is known). Unlike the
	// build's clock it moves only when data does.
	CheckedAt time.Time  `json:"checked_at,omitzero"`
	Count     int        `json:"count"`
	Groups    []NowGroup `json:"groups"`
}

// NowGroup is problems that began within outage.Window of each other or
// name the same upstream provider.
type NowGroup struct {
	Since     time.Time     `json:"since"`
	Mentions  []NowMention  `json:"mentions"`
	Providers []NowProvider `json:"providers"`
}

// NowMention is an upstream provider of the catalogue, or a region or
// service of one, that Count of the group's providers name.
type NowMention struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
	// Place is the region or service named; absent when the provider
	// itself is.
	Place string `json:"place,omitempty"`
	Count int    `json:"count"`
}

// NowProvider is one provider reporting a problem.
type NowProvider struct {
	Slug        string          `json:"slug"`
	Status      adapters.Status `json:"status"`
	Began       time.Time       `json:"began"`
	Titles      []string        `json:"titles"`
	Maintenance bool            `json:"maintenance"`
	Page        string          `json:"page"`
}

// nowFile groups the problems and writes now.json.
func (b *builder) nowFile(problems []outage.Problem, places []outage.Place) NowFile {
	f := NowFile{Header: b.header("now"), Count: len(problems), Groups: []NowGroup{}}
	for _, c := range b.opt.Checks {
		f.CheckedAt = model.Latest(f.CheckedAt, c.LastOK.UTC())
	}
	for _, g := range outage.Now(problems, outage.NewNames(b.opt.Catalog.Providers, places)) {
		ng := NowGroup{Since: g.Since.UTC(), Mentions: []NowMention{}}
		for _, m := range g.Mentions {
			ng.Mentions = append(ng.Mentions, NowMention{Slug: m.Provider, Name: m.Name, Place: m.Place, Count: m.Count})
		}
		for _, p := range g.Problems {
			ng.Providers = append(ng.Providers, NowProvider{Slug: p.Key, Status: p.Status, Began: p.Began.UTC(),
				Titles: append([]string{}, p.Titles...), Maintenance: p.Maintenance, Page: b.l.Abs(paths.ProviderPage(p.Key))})
		}
		f.Groups = append(f.Groups, ng)
	}
	return f
}

// nowSchema is now.json's schema.
func nowSchema(slug, statusEnum obj) (obj, []string) {
	mention := object("An upstream provider of the catalogue named, by name or alias, or a region or service its history names, in the incident text of count providers of the group.",
		[]string{"slug", "name", "count"}, obj{"slug": slug, "name": nonEmpty, "place": nonEmpty, "count": obj{"type": "integer", "minimum": 1}})
	prov := object("A provider reporting a problem: an open incident, a status worse than operational, or maintenance in progress (maintenance: nothing else).",
		[]string{"slug", "status", "began", "titles", "maintenance", "page"}, obj{
			"slug": slug, "status": statusEnum, "began": utcTime, "titles": array(str), "maintenance": boolean, "page": url})
	group := object("Providers whose problems began within 30 minutes of each other or name the same upstream provider, newest first.",
		[]string{"since", "mentions", "providers"}, obj{
			"since": utcTime, "mentions": array(mention), "providers": obj{"type": "array", "items": prov, "minItems": 1}})
	return header(obj{"checked_at": utcTime, "count": count, "groups": array(group)}, "count", "groups")
}
