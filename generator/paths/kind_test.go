package paths

import "testing"

func TestKind(t *testing.T) {
	for rel, want := range map[string]string{
		"index.html":                                   "pages",
		"status/acme/incidents/x/index.html":           "pages",
		"status/acme/feed.rss":                         "feeds rss",
		"/feed.json":                                   "feeds json",
		"category/cloud/feed.atom":                     "feeds atom",
		"status/acme/updates.atom":                     "updates feeds atom",
		"status/acme/components/api/feed.rss":          "component feeds rss",
		"api/v1/providers/acme.json":                   "api",
		"api/v1/providers/acme/incidents/2026.json":    "api",
		"api/v2/providers/acme/incidents.json":         "api",
		"status/acme/api/v2/summary.json":              "statuspage api",
		"status/acme/api/v2/incidents/unresolved.json": "statuspage api",
		"badges/acme.svg":                              "badges",
		"static/style.css":                             "static",
		"sitemap.xml":                                  "other",
		"status/acme/maintenance.ics":                  "calendars",
		"maintenance.ics":                              "calendars",
		"robots.txt":                                   "other",
	} {
		if got := Kind(rel); got != want {
			t.Errorf("Kind(%q) = %q, want %q", rel, got, want)
		}
	}
}

func TestIsFeed(t *testing.T) {
	for rel, want := range map[string]bool{
		"feed.rss": true, "status/a/updates.json": true, "status/a/components/x/feed.rss": true, "category/c/feed.atom": true,
		"api/v1/status.json": false, "status/a/api/v2/incidents.json": false, "status/a/maintenance.ics": false, "status/a/index.html": false, "badges/a.json": false,
	} {
		if got := IsFeed(rel); got != want {
			t.Errorf("IsFeed(%q) = %v", rel, got)
		}
	}
}
