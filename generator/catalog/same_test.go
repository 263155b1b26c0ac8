package catalog

import (
	"slices"
	"strings"
	"testing"
)

func TestCompanyKeys(t *testing.T) {
	same := [][]string{
		{"Yandex Cloud", "Yandex.Cloud", "yandex-cloud"},
		{"Help Scout", "HelpScout"},
		{"OpenGov Inc.", "OpenGov", "OPENGOV, LLC"},
		{"Claude (Anthropic)", "Anthropic"},
		{"Claude (Anthropic)", "Claude"},
		{"日本", "日本"},
	}
	for _, names := range same {
		for _, other := range names[1:] {
			if !shareKey(names[0], other) {
				t.Errorf("%q and %q should be the same company: %q, %q", names[0], other, CompanyKeys(names[0]), CompanyKeys(other))
			}
		}
	}
	for _, pair := range [][2]string{{"Datadog", "Datadog EU"}, {"Coinbase", "Coinbase Pro"}, {"日本", "中国"}} {
		if shareKey(pair[0], pair[1]) {
			t.Errorf("%q and %q should be different companies", pair[0], pair[1])
		}
	}
}

func shareKey(a, b string) bool {
	for _, k := range CompanyKeys(a) {
		if slices.Contains(CompanyKeys(b), k) {
			return true
		}
	}
	return false
}

// TestLoadSameProvider checks validate refuses what import would call a
// duplicate: the same host (an API address of a page included), the same
// company under another spelling, an alias that is another entry's name
// or alias. Paths keep pages on a shared host apart, and an entry never
// collides with itself.
func TestLoadSameProvider(t *testing.T) {
	entry := func(name, url, extra string) string {
		return "name: " + name + "\nurl: " + url + "\nadapter: statuspage\ncategory: dev\n" +
			"description: Does things.\nhomepage: https://example.com\n" + extra
	}
	fsys := testFS(map[string]string{
		"providers/github.yaml":     entry("GitHub", "https://www.githubstatus.com", "aliases: [GitHub Inc]\n"),
		"providers/github-inc.yaml": entry("GitHub, Inc.", "https://githubstatus.com/api/v2/summary.json", "aliases: [Pusher, github]\n"),
		"providers/pusher.yaml":     entry("Pusher", "https://status.pusher.com", "page: https://status.pusher.com/history\n"),
		"providers/gcp.yaml":        entry("Google Cloud", "https://status.cloud.google.com", ""),
		"providers/maps.yaml":       entry("Google Maps Platform", "https://status.cloud.google.com/maps-platform", ""),
		"providers/acme.yaml":       entry("Acme", "https://acme.statuspage.io", "aliases: [Acme Pusher]\n"),
		"providers/beta.yaml":       entry("Beta", "https://beta.statuspage.io", "aliases: [acme pusher]\n"),
	})
	_, err := Load(fsys, testAdapters, LoadOptions{Hosting: testHosting})
	gh := "content/providers/github-inc.yaml"
	want := []string{
		`content/providers/beta.yaml:7: duplicate alias "acme pusher": same company as "Acme Pusher" (also in content/providers/acme.yaml:7)`,
		gh + `:1: duplicate name "GitHub, Inc.": same company as "GitHub" (also in content/providers/github.yaml:1)`,
		gh + `:2: duplicate url "https://githubstatus.com/api/v2/summary.json": same host githubstatus.com (also in content/providers/github.yaml:2)`,
		gh + `:7: duplicate alias "github": same company as "GitHub" (also in content/providers/github.yaml:1)`,
		`content/providers/pusher.yaml:1: duplicate name "Pusher": same company as "Pusher" (also in content/providers/github-inc.yaml:7)`,
	}
	if got := messages(t, err); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
