package paths

import "testing"

func TestKind(t *testing.T) {
	for rel, want := range map[string]string{
		"index.html":                                "pages",
		"status/acme/incidents/x/index.html":        "pages",
		"status/acme/feed.rss":                      "feeds rss",
		"/feed.json":                                "feeds json",
		"category/cloud/feed.atom":                  "feeds atom",
		"status/acme/updates.atom":                  "updates feeds atom",
		"status/acme/components/api/feed.rss":       "component feeds rss",
		"api/v1/providers/acme.json":                "api",
		"api/v1/providers/acme/incidents/2026.json": "api",
		"badges/acme.svg":                           "badges",
		"static/style.css":                          "static",
		"sitemap.xml":                               "other",
		"robots.txt":                                "other",
	} {
		if got := Kind(rel); got != want {
			t.Errorf("Kind(%q) = %q, want %q", rel, got, want)
		}
	}
}
