package importer

import (
	"strings"

	"github.com/uptimus/uptimus/generator/catalog"
)

// categories maps a list's category_guess to a slug of
// content/categories.yaml; content/lists/README.md shows the table and
// says why each line is honest. A guess that is not here is refused, so a
// new word in the list is looked at rather than filed anywhere.
var categories = map[string]string{
	"ai":            "ai",
	"analytics":     "data",
	"cloud":         "cloud-hosting",
	"communication": "communication",
	"data":          "data",
	"development":   "developer-tools",
	"devops":        "devops",
	"ecommerce":     "ecommerce",
	"education":     "education",
	"finance":       "payments",
	"gaming":        "media",
	"health":        "health",
	"marketing":     "marketing",
	"media":         "media",
	"other":         "other",
	"unknown":       "other",
	"":              "other",
	"payments":      "payments",
	"productivity":  "productivity",
	"security":      "security",
}

// adapterFor maps a list's platform to the adapter that reads it, by the
// platforms the adapters declare (each adapter's name and the names its
// probe lists, such as "rss" for the feed adapter); any other platform
// ("unknown", "other", a vendor without an adapter) becomes
// catalog.AutoAdapter, and the fetcher detects the vendor.
func adapterFor(platform string, platforms map[string]string) string {
	if name, ok := platforms[strings.ToLower(platform)]; ok {
		return name
	}
	return catalog.AutoAdapter
}
