package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/fetch"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/internal/atomicfile"
)

const proposeAbout = `Marks reviewed (verified: true) every entry not yet reviewed whose page's
own name and address have agreed with it at every fetch for at least
--held (the fetch cache's checks record since when), and prints one line
each saying what the page calls itself. It writes only provider files:
the weekly workflow proposes them as a pull request, which a maintainer
reviews and merges (docs/review.md). Retired entries are left alone.`

type proposeOptions struct {
	common
	held time.Duration
}

func runProposeReviews(ctx context.Context, e *env, args []string) error {
	var o proposeOptions
	fs := newFlags(e, "propose-reviews", "", proposeAbout)
	o.addContent(fs)
	o.addCache(fs)
	fs.DurationVar(&o.held, "held", 7*24*time.Hour, "how long the check must have agreed")
	fs.StringVar(&o.now, "now", "", "the clock, as RFC 3339 (default: $SOURCE_DATE_EPOCH if set, else the current time)")
	if err := parse(fs, args); err != nil {
		return err
	}
	now, err := o.clock(e)
	if err != nil {
		return err
	}
	cat, err := o.loadCatalog()
	if err != nil {
		printCatalogErrors(e, err)
		return fmt.Errorf("the catalogue in %s must validate first: %w", o.content, err)
	}
	checks, err := fetch.LoadChecks(filepath.Join(o.cache, fetch.ChecksFile))
	if err != nil {
		return err
	}
	n := 0
	for i := range cat.Providers {
		p := &cat.Providers[i]
		c := checks[p.Slug]
		if !reviewable(p, c, now(), o.held) {
			continue
		}
		if err := markReviewed(p.File); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s: the page has called itself %q at %s at every check since %s\n",
			p.File, c.Self.Name, c.Self.URL, c.Self.AgreeSince.Format(time.DateOnly))
		n++
	}
	if _, err := o.loadCatalog(); err != nil {
		printCatalogErrors(e, err)
		return fmt.Errorf("the marked catalogue does not validate: %w", err)
	}
	fmt.Fprintf(e.stdout, "%s: %d entries proposed for review\n", o.content, n)
	return nil
}

// reviewable reports whether p is unreviewed and live, and its page's
// check, of its current URL, has agreed for held up to now.
func reviewable(p *catalog.Provider, c model.Check, now time.Time, held time.Duration) bool {
	s := c.Self
	return !p.Verified && p.Retired == nil && s != nil && s.Agree && c.URL == p.URL &&
		!s.AgreeSince.IsZero() && now.Sub(s.AgreeSince) >= held
}

var verifiedLine = regexp.MustCompile(`(?m)^verified:.*$`)

// markReviewed sets verified: true in the provider file (p.File, which
// names it under --content), keeping the fields' order: verified goes
// before family and retired.
func markReviewed(file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	text := string(data)
	switch {
	case verifiedLine.MatchString(text):
		text = verifiedLine.ReplaceAllString(text, "verified: true")
	case strings.Contains(text, "\nfamily:"):
		text = strings.Replace(text, "\nfamily:", "\nverified: true\nfamily:", 1)
	case strings.Contains(text, "\nretired:"):
		text = strings.Replace(text, "\nretired:", "\nverified: true\nretired:", 1)
	default:
		text = strings.TrimRight(text, "\n") + "\nverified: true\n"
	}
	return atomicfile.Write(file, []byte(text))
}
