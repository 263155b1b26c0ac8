package importer

import (
	"fmt"

	"github.com/uptimus/uptimus/generator/catalog"
	"gopkg.in/yaml.v3"
)

// entryFile is an imported entry's file: the catalogue's fields in its
// order, and only those a list can give honestly.
type entryFile struct {
	Name     string `yaml:"name"`
	URL      string `yaml:"url"`
	Adapter  string `yaml:"adapter"`
	Category string `yaml:"category"`
	Source   string `yaml:"source"`
	Verified bool   `yaml:"verified"`
	Family   string `yaml:"family,omitempty"`
}

// File is the content of providers/<slug>.yaml for an entry Plan added.
func File(p catalog.Provider) ([]byte, error) {
	data, err := yaml.Marshal(entryFile{Name: p.Name, URL: p.URL, Adapter: p.Adapter, Category: p.Category, Source: p.Source, Verified: p.Verified, Family: p.Family})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.Slug, err)
	}
	return data, nil
}
