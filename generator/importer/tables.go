package importer

import (
	"slices"
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

// platforms maps a list's platform to an adapter name; any other platform
// ("unknown", "other", a vendor without an adapter) becomes
// catalog.AutoAdapter, and the fetcher detects the vendor.
var platforms = map[string]string{
	"statuspage":  "statuspage",
	"statusio":    "statusio",
	"gcp":         "gcp",
	"instatus":    "instatus",
	"azure":       "azure",
	"slack":       "slack",
	"incidentio":  "incidentio",
	"cachet":      "cachet",
	"betterstack": "betterstack",
	"aws":         "aws",
	"rss":         "feed",
	"atom":        "feed",
}

// statuspageDomain is the one platform domain a later row on the company's
// own domain replaces: it is how the same Statuspage page is reached
// before the company points its own name at it.
const statuspageDomain = "statuspage.io"

// adapterFor maps a platform to one of the known adapters, or to
// catalog.AutoAdapter.
func adapterFor(platform string, known []string) string {
	name, ok := platforms[strings.ToLower(platform)]
	if ok && slices.Contains(known, name) {
		return name
	}
	return catalog.AutoAdapter
}
