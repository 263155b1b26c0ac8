package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/importer"
	"github.com/uptimus/uptimus/internal/atomicfile"
)

const importAbout = `Adds content/providers/<slug>.yaml for every row of a list of public status
pages (CSV: name,status_url,platform,category_guess,source_repo) whose
company is not yet in the catalogue, with source: auto, verified: false and
no description or homepage: a reviewer writes those (docs/review.md).
A row on the same host as an entry, or of the same company (the name
without case, punctuation or Inc./LLC/GmbH; aliases count), is skipped as
that entry's duplicate; a row that breaks a rule is refused with its line
and reason and never stops the others. Prints one line per row, then the
totals. A second run adds nothing.`

type importOptions struct {
	common
	list   string
	dryRun bool
}

func runImport(ctx context.Context, e *env, args []string) error {
	var o importOptions
	fs := newFlags(e, "import", "", importAbout)
	o.addContent(fs)
	fs.StringVar(&o.list, "list", "", "the list file (required), e.g. content/lists/status-pages.csv")
	fs.BoolVar(&o.dryRun, "dry-run", false, "print what would be added and write nothing")
	if err := parse(fs, args); err != nil {
		return err
	}
	if o.list == "" {
		return usageError{"want --list FILE"}
	}
	return o.run(e)
}

func (o *importOptions) run(e *env) error {
	cat, err := o.loadCatalog()
	if err != nil {
		printCatalogErrors(e, err)
		return fmt.Errorf("the catalogue in %s must validate before an import: %w", o.content, err)
	}
	rows, err := readList(o.list)
	if err != nil {
		return err
	}
	res := importer.Plan(cat, registry().Platforms(), rows)
	if !o.dryRun {
		if err := o.write(res.Providers); err != nil {
			return err
		}
	}
	o.report(e.stdout, res, len(rows))
	if o.dryRun || len(res.Providers) == 0 {
		return nil
	}
	if _, err := o.loadCatalog(); err != nil {
		printCatalogErrors(e, err)
		return fmt.Errorf("imported %d providers, but the catalogue does not validate: fix the errors above", len(res.Providers))
	}
	return nil
}

func readList(name string) ([]importer.Row, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return importer.ReadList(f, name)
}

// write writes one file per new provider; it never replaces a file.
func (o *importOptions) write(providers []catalog.Provider) error {
	for _, p := range providers {
		path := filepath.Join(o.content, "providers", p.Slug+".yaml")
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%s already exists, but is not in the catalogue", path)
		}
		data, err := importer.File(p)
		if err != nil {
			return err
		}
		if err := atomicfile.Write(path, data); err != nil {
			return err
		}
	}
	return nil
}

// note is "; why", or "" when there is nothing to say.
func note(why string) string {
	if why == "" {
		return ""
	}
	return "; " + why
}

// report prints one line per row, as FILE:LINE: what became of it, and
// the totals.
func (o *importOptions) report(w io.Writer, res *importer.Result, rows int) {
	added := "added"
	if o.dryRun {
		added = "would add"
	}
	var n [3]int
	for _, out := range res.Outcomes {
		n[out.Kind]++
		switch out.Kind {
		case importer.Added:
			fmt.Fprintf(w, "%s:%d: %s %s (%q)%s\n", o.list, out.Line, added, out.Slug, out.Name, note(out.Reason))
		case importer.Duplicate:
			fmt.Fprintf(w, "%s:%d: %q is a duplicate of %s: %s\n", o.list, out.Line, out.Name, out.Slug, out.Reason)
		case importer.Refused:
			fmt.Fprintf(w, "%s:%d: refused: %s\n", o.list, out.Line, out.Reason)
		}
	}
	fmt.Fprintf(w, "%s: %d rows: %s %d, %d duplicates, %d refused\n", o.list, rows, added, n[importer.Added], n[importer.Duplicate], n[importer.Refused])
}
