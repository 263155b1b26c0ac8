package importer

import (
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
