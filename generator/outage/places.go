package outage

import (
	"regexp"
	"strings"

	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
)

// Place is a region or a service of a catalogue provider that its history
// names, a term a dependent's incident text may name instead of the
// provider: "us-east-1", "europe-west4", "AWS Direct Connect".
type Place struct {
	Provider string
	Term     string
	// Region is true for a region's code, false for a service's name.
	Region bool
	// Count is how many of the provider's components and incidents name
	// it: of two providers naming the same place, it is the one that names
	// it most's (NewNames).
	Count int
}

// regionRE finds a cloud region's code as the clouds write it, lower case
// words joined by hyphens and a number: AWS's "us-east-1" and
// "ap-southeast-2", Google Cloud's "europe-west4" and "us-central1" (and,
// in "europe-west4-a", the zone's region). Azure's codes ("westeurope")
// are ordinary words and its display names ("West Europe") are found by no
// pattern, so neither is looked for.
var regionRE = regexp.MustCompile(`(^|[^\pL\pN-])([a-z]{2,12}(?:-[a-z]{2,12}){1,2}-?\d{1,2})($|[^\pL\pN]|-[a-z]($|[^\pL\pN]))`)

// PlacesOf lists the places provider p's history names: the region codes
// in its components' names and ids and its incidents' titles, and the
// services its components name with the provider's own name or alias in
// them ("AWS Direct Connect (eu-central-1)" names the service "AWS Direct
// Connect" and the region "eu-central-1"). A component named without the
// provider ("Actions", "Issues") is left out: a dependent's text says such
// words about itself.
func PlacesOf(p catalog.Provider, h *history.History) []Place {
	if h == nil {
		return nil
	}
	count := map[Place]int{}
	var order []Place
	add := func(pl Place) {
		if count[pl] == 0 {
			order = append(order, pl)
		}
		count[pl]++
	}
	// regions adds each region text names, once.
	regions := func(text string) {
		seen := map[string]bool{}
		for _, m := range regionRE.FindAllStringSubmatch(text, -1) {
			if !seen[m[2]] {
				seen[m[2]] = true
				add(Place{Provider: p.Slug, Term: m[2], Region: true})
			}
		}
	}
	for _, c := range h.State.Components {
		regions(c.Name + "\n" + c.ID)
		if svc := service(p, c.Name); svc != "" {
			add(Place{Provider: p.Slug, Term: svc})
		}
	}
	for i := range h.Incidents {
		regions(h.Incidents[i].Title)
	}
	out := make([]Place, len(order))
	for i, pl := range order {
		pl.Count = count[pl]
		out[i] = pl
	}
	return out
}

// service is a component's name as a service of p, without a trailing
// "(region)", when it has p's name or an alias in it and more; else "".
func service(p catalog.Provider, component string) string {
	s := strings.TrimSpace(component)
	if i := strings.LastIndex(s, " ("); i > 0 && strings.HasSuffix(s, ")") {
		s = strings.TrimSpace(s[:i])
	}
	for _, n := range append([]string{p.Name}, p.Aliases...) {
		n = strings.TrimSpace(n)
		if len([]rune(n)) >= 3 && !strings.EqualFold(s, n) && wordRE(n).MatchString(s) {
			return s
		}
	}
	return ""
}
