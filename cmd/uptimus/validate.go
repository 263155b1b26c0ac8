package main

import (
	"context"
	"fmt"
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
	fmt.Fprintf(e.stdout, "%s: %d providers in %d categories, no errors\n", c.content, len(cat.Providers), len(cat.Categories))
	return nil
}
