package main

import (
	"context"
	"fmt"

	"github.com/uptimus/uptimus/generator/catalog"
)

func runValidate(ctx context.Context, e *env, args []string) error {
	var c common
	fs := newFlags(e, "validate", "", "Checks every provider file and categories.yaml, prints every error\nwith its file:line, and exits non-zero if there is any.")
	c.addContent(fs)
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
		} else if why := catalog.Unreadable(p); why != "" {
			// Not an error: the page is the company's own; but it will
			// show no data, and the maintainer should know which.
			fmt.Fprintf(e.stdout, "%s: note: its page is %s\n", p.File, why)
			unreadable++
		}
	}
	fmt.Fprintf(e.stdout, "%s: %d providers in %d categories (%d retired, %d on pages no adapter reads), no errors\n",
		c.content, len(cat.Providers), len(cat.Categories), retired, unreadable)
	return nil
}
