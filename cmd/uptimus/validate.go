package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/fetch"
)

func runValidate(ctx context.Context, e *env, args []string) error {
	var c common
	fs := newFlags(e, "validate", "", "Checks every provider file and categories.yaml, prints every error\nwith its file:line, and exits non-zero if there is any. With a fetch\ncache, it also notes entries whose pages call themselves by one\ncompany's name and are not tied by family.")
	c.addContent(fs)
	c.addCache(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	cat, err := c.loadCatalog()
	if n := printCatalogErrors(e, err); n > 0 {
		return fmt.Errorf("%d error(s) in %s", n, c.content)
	}
	if err != nil {
		return err
	}
	retired, unreadable := 0, 0
	for i := range cat.Providers {
		p := &cat.Providers[i]
		if p.Retired != nil {
			retired++
		} else if why := cat.Hosting.Unreadable(p); why != "" {
			// Not an error: the page is the company's own; but it will
			// show no data, and the maintainer should know which.
			fmt.Fprintf(e.stdout, "%s: note: its page is %s\n", p.File, why)
			unreadable++
		}
	}
	if err := c.notePageNames(e, cat); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %d providers in %d categories (%d retired, %d on pages no adapter reads), no errors\n",
		c.content, len(cat.Providers), len(cat.Categories), retired, unreadable)
	return nil
}

// notePageNames notes two entries, not tied by family, whose pages call
// themselves by names of one company, as the fetch cache's checks record
// them: the third sign of one company, after domain and name, known only
// once the pages were fetched. A missing cache notes nothing.
func (c *common) notePageNames(e *env, cat *catalog.Catalog) error {
	checks, err := fetch.LoadChecks(filepath.Join(c.cache, fetch.ChecksFile))
	if err != nil {
		return err
	}
	held := map[string]*catalog.Provider{}
	for i := range cat.Providers {
		p := &cat.Providers[i]
		s := checks[p.Slug].Self
		if s == nil || s.Name == "" || p.Retired != nil || checks[p.Slug].URL != p.URL {
			continue
		}
		for _, k := range catalog.CompanyKeys(s.Name) {
			first, ok := held[k]
			if !ok {
				held[k] = p
				continue
			}
			if first.Head() != p.Head() {
				fmt.Fprintf(e.stdout, "%s: note: its page calls itself %q, as the page of %s does: one company? tie them with family\n", p.File, s.Name, first.Slug)
				break
			}
		}
	}
	return nil
}
