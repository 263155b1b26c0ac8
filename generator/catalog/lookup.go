package catalog

// Provider returns the provider with the given slug.
func (c *Catalog) Provider(slug string) (*Provider, bool) {
	for i := range c.Providers {
		if c.Providers[i].Slug == slug {
			return &c.Providers[i], true
		}
	}
	return nil, false
}

// Category returns the category with the given slug.
func (c *Catalog) Category(slug string) (*Category, bool) {
	for i := range c.Categories {
		if c.Categories[i].Slug == slug {
			return &c.Categories[i], true
		}
	}
	return nil, false
}

// InCategory returns the providers of one category in catalogue (slug)
// order; the pointers point into c.Providers.
func (c *Catalog) InCategory(slug string) []*Provider {
	var out []*Provider
	for i := range c.Providers {
		if c.Providers[i].Category == slug {
			out = append(out, &c.Providers[i])
		}
	}
	return out
}

// Pages returns the entries whose family is slug, the pages of the
// company that entry stands for, in catalogue (slug) order.
func (c *Catalog) Pages(slug string) []*Provider {
	var out []*Provider
	for i := range c.Providers {
		if c.Providers[i].Family == slug {
			out = append(out, &c.Providers[i])
		}
	}
	return out
}

// Ties returns the other entries p's page names: its company's entry,
// that company's other pages, and its successor.
func (c *Catalog) Ties(p *Provider) []*Provider {
	var out []*Provider
	if head, ok := c.Provider(p.Family); ok {
		out = append(out, head)
	}
	for _, q := range c.Pages(p.Head()) {
		if q.Slug != p.Slug {
			out = append(out, q)
		}
	}
	if p.Retired != nil {
		if next, ok := c.Provider(p.Retired.Successor); ok {
			out = append(out, next)
		}
	}
	return out
}
