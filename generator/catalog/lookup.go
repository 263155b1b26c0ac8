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
