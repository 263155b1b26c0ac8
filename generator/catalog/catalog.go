// Package catalog owns the provider catalogue: content/providers/<slug>.yaml
// and content/categories.yaml, their strict decoding and their validation.
package catalog

// Provider is one entry of the catalogue.
type Provider struct {
	// Slug is the file name without .yaml; [a-z0-9-]+.
	Slug string `yaml:"-" json:"slug"`
	Name string `yaml:"name" json:"name"`
	URL  string `yaml:"url" json:"url"`
	// Page is the status page a person reads, where it differs from URL,
	// the endpoint the adapter fetches (a feed, an API): Okta's feed is
	// feeds.feedburner.com/OktaTrustRSS, its page status.okta.com.
	Page        string   `yaml:"page,omitempty" json:"page,omitempty"`
	Adapter     string   `yaml:"adapter" json:"adapter"`
	Category    string   `yaml:"category" json:"category"`
	Description string   `yaml:"description" json:"description"`
	Homepage    string   `yaml:"homepage" json:"homepage"`
	Aliases     []string `yaml:"aliases,omitempty" json:"aliases,omitempty"`
	// Source is "manual" (written by a person) or "auto" (imported); manual
	// when omitted.
	Source   string `yaml:"source,omitempty" json:"source"`
	Verified bool   `yaml:"verified,omitempty" json:"verified"`
	// Family is the slug of the entry that stands for the company this
	// one is a regional or product page of (Sumo Logic US2 of Sumo
	// Logic); "" for a company's own entry. Search lists a company once,
	// by that entry.
	Family string `yaml:"family,omitempty" json:"family,omitempty"`
	// Retired, when set, says the service or the page listed is gone:
	// fetch no longer asks it, and its page keeps the history it has.
	Retired *Retirement `yaml:"retired,omitempty" json:"retired,omitempty"`
	// File is the path the provider was read from, for error messages.
	File string `yaml:"-" json:"-"`
}

// SourceName is Source, with the default ("manual") filled in for a
// Provider made in code.
func (p *Provider) SourceName() string {
	if p.Source == "" {
		return SourceManual
	}
	return p.Source
}

// OfficialPage is the official status page to link for readers: Page,
// else URL.
func (p *Provider) OfficialPage() string {
	if p.Page != "" {
		return p.Page
	}
	return p.URL
}

// Retirement says when and why a service, or the status page an entry
// lists, stopped, and what replaced it.
type Retirement struct {
	// Date is when, as precisely as is known: "2025", "2025-05" or
	// "2025-05-05"; "" when not known.
	Date   string `yaml:"date,omitempty" json:"date,omitempty"`
	Reason string `yaml:"reason" json:"reason"`
	// Successor is the slug of the entry that replaced it, or the https
	// address of its successor's page; "" when nothing did.
	Successor string `yaml:"successor,omitempty" json:"successor,omitempty"`
}

// Head is the slug that stands for p's company: Family, else p's own.
func (p *Provider) Head() string {
	if p.Family != "" {
		return p.Family
	}
	return p.Slug
}

// Category groups providers.
type Category struct {
	Slug        string `yaml:"slug" json:"slug"`
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description" json:"description"`
}

// Catalog is the whole validated catalogue.
type Catalog struct {
	// Providers sorted by slug.
	Providers []Provider
	// Categories in the order of categories.yaml.
	Categories []Category
	// Hosting is where status-page vendors host pages, as Load was told
	// (LoadOptions.Hosting).
	Hosting Hosting
}
