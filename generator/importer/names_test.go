package importer

import (
	"slices"
	"testing"
)

func TestSlugify(t *testing.T) {
	for name, want := range map[string]string{
		"Let's Encrypt":         "lets-encrypt",
		"Hunter Douglas, Inc.":  "hunter-douglas",
		"AMSOIL INC.":           "amsoil",
		"Acme B.V.":             "acme",
		"Zürich Straße Øst":     "zurich-strasse-ost",
		"CS:GO stats":           "cs-go-stats",
		"Fly.io":                "fly-io",
		"Inc.":                  "inc",
		"日本":                    "",
		"  Padded -- Name  ":    "padded-name",
		"TCP (TimeClock Plus)":  "tcp-timeclock-plus",
		"Breach Secure Now!":    "breach-secure-now",
		"Dead Man's Snitch":     "dead-mans-snitch",
		"Optimissa, Capital AG": "optimissa-capital",
	} {
		if got := slugify(name); got != want {
			t.Errorf("slugify(%q) = %q, want %q", name, got, want)
		}
	}
}

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
				t.Errorf("%q and %q should be the same company: %q, %q", names[0], other, companyKeys(names[0]), companyKeys(other))
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
	for _, k := range companyKeys(a) {
		if slices.Contains(companyKeys(b), k) {
			return true
		}
	}
	return false
}

func TestDisplayName(t *testing.T) {
	for _, c := range []struct{ name, host, want string }{
		{"CircleCI (statuspage.io)", "circleci.statuspage.io", "CircleCI"},
		{"Statuspage (metastatuspage)", "metastatuspage.com", "Statuspage"},
		{"Claude (Anthropic)", "status.claude.com", "Claude (Anthropic)"},
		{"CoachHub - The digital coaching platform", "status.coachhub.com", "CoachHub"},
		{"EPS - Internet Connections", "stats.uptimerobot.com", "EPS - Internet Connections"},
	} {
		if got := displayName(c.name, c.host); got != c.want {
			t.Errorf("displayName(%q, %q) = %q, want %q", c.name, c.host, got, c.want)
		}
	}
}
