package site

import (
	"fmt"
	"strings"
	"time"

	"github.com/uptimus/uptimus/generator/outage"
	"github.com/uptimus/uptimus/generator/paths"
)

// alsoShown is how many other providers of its group a provider page in
// trouble names as also reporting problems now.
const alsoShown = 12

// nowView is the body of /now/: every provider reporting a problem, in
// groups, as of the build.
type nowView struct {
	Built  time.Time
	Total  int
	Groups []nowGroup
}

// nowGroup is one group of problems with its headline.
type nowGroup struct {
	Headline string
	Rows     []nowRow
}

type nowRow struct {
	View  *providerView
	Began time.Time
	// Titles are its open incidents and running maintenance.
	Titles []string
}

// headline says what a group is: "14 providers report problems since
// 14:05 UTC; 9 mention Amazon Web Services".
func headline(g outage.Group) string {
	n := len(g.Problems)
	s := fmt.Sprintf("%s since %s", plural(n, "provider reports problems", "providers report problems"), g.Since.UTC().Format("Jan 2, 15:04 UTC"))
	if n == 1 {
		s = fmt.Sprintf("%s reports problems since %s", "1 provider", g.Since.UTC().Format("Jan 2, 15:04 UTC"))
	}
	for i, m := range g.Mentions {
		if i == 2 {
			break
		}
		s += fmt.Sprintf("; %d %s %s", m.Count, word(m.Count, "mentions", "mention"), m.Name)
	}
	return s
}

// nowGroups groups the problems of views (those reporting one), gives
// every provider in a group of several the others as "also reporting
// problems now", and returns the groups with their headlines.
func (b *builder) nowGroups(views []*providerView) ([]outage.Group, []nowGroup) {
	byKey := map[string]*providerView{}
	var problems []outage.Problem
	var places []outage.Place
	for _, v := range views {
		places = append(places, v.places...)
		if v.problem != nil {
			byKey[v.Slug] = v
			problems = append(problems, *v.problem)
		}
	}
	groups := outage.Now(problems, outage.NewNames(b.opt.Catalog.Providers, places))
	var out []nowGroup
	for _, g := range groups {
		ng := nowGroup{Headline: headline(g)}
		for _, p := range g.Problems {
			ng.Rows = append(ng.Rows, nowRow{View: byKey[p.Key], Began: p.Began, Titles: p.Titles})
		}
		out = append(out, ng)
	}
	return groups, out
}

// alsoNow maps each provider in a group of several to the others, newest
// first, at most alsoShown.
func alsoNow(groups []nowGroup) map[string][]*providerView {
	out := map[string][]*providerView{}
	for _, g := range groups {
		if len(g.Rows) < 2 {
			continue
		}
		for _, r := range g.Rows {
			var others []*providerView
			for _, o := range g.Rows {
				if o.View != r.View && len(others) < alsoShown {
					others = append(others, o.View)
				}
			}
			out[r.View.Slug] = others
		}
	}
	return out
}

// renderNow writes /now/. It says when it was built, in words and in a
// data-built attribute a script can turn into "out of date" as the page
// ages.
func (b *builder) renderNow(groups []nowGroup) error {
	nv := nowView{Built: b.opt.Now.UTC(), Groups: groups}
	for _, g := range groups {
		nv.Total += len(g.Rows)
	}
	rel := paths.NowPage()
	title := "What is down right now? Services reporting problems | " + SiteName
	desc := "Every service " + SiteName + " follows that reports an open incident, a problem or maintenance in progress, grouped by when it began and the upstream provider it names."
	err := b.execute("now", strings.TrimPrefix(rel, "/")+"index.html", page{
		Site:        b.site,
		Title:       title,
		Description: desc,
		Canonical:   b.u.Abs(rel),
		Crumbs:      []crumb{{Name: "Home", URL: b.site.Home}},
		Here:        "Problems now",
		Scripts:     []string{b.site.Time},
		Body:        nv,
	})
	if err != nil {
		return err
	}
	// Listed without a date: it changes with every build, and a lastmod
	// that moves every time would be noise to crawlers.
	b.addSitemap(rel, time.Time{})
	return nil
}
