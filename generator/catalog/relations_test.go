package catalog

import (
	"strings"
	"testing"
)

// entry is a valid auto entry named name at url, in category, with extra
// lines (family:, retired:) appended.
func entry(name, url, category, extra string) string {
	return "name: " + name + "\nurl: " + url + "\nadapter: auto\ncategory: " + category + "\nsource: auto\n" + extra
}

func TestLoadRetired(t *testing.T) {
	old := entry("Old", "https://status.old.example", "dev",
		"retired:\n  date: 2025-05-05\n  reason: Old shut down.\n  successor: foo\n")
	gone := entry("Gone", "https://status.gone.example", "dev",
		"retired:\n  date: \"2025-01\"\n  reason: Gone shut down.\n  successor: https://next.example\n")
	year := entry("Year", "https://status.year.example", "dev", "retired:\n  date: 2019\n  reason: Bought.\n")
	cat, err := Load(testFS(map[string]string{"providers/old.yaml": old, "providers/gone.yaml": gone, "providers/year.yaml": year}), testAdapters)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Retirement{
		"old":  {Date: "2025-05-05", Reason: "Old shut down.", Successor: "foo"},
		"gone": {Date: "2025-01", Reason: "Gone shut down.", Successor: "https://next.example"},
		"year": {Date: "2019", Reason: "Bought."},
	}
	for slug, w := range want {
		p, _ := cat.Provider(slug)
		if p.Retired == nil || *p.Retired != w {
			t.Errorf("%s: retired = %+v, want %+v", slug, p.Retired, w)
		}
	}
	if p, _ := cat.Provider("foo"); p.Retired != nil {
		t.Errorf("foo is not retired: %+v", p.Retired)
	}
}

func TestLoadRetiredErrors(t *testing.T) {
	tests := map[string]struct{ extra, want string }{
		"no reason":         {"retired:\n  date: 2025-01-15\n", `:7: missing required field "reason"`},
		"bad date":          {"retired:\n  date: 2025-13\n  reason: x\n", `:7: field "date": "2025-13" is not a date`},
		"date as list":      {"retired:\n  date: [2025]\n  reason: x\n", `:7: field "date": want a date`},
		"unknown field":     {"retired:\n  when: 2025\n  reason: x\n", `:7: unknown field "when" (allowed: date, reason, successor)`},
		"not a mapping":     {"retired: yes\n", `:6: field "retired": want a mapping`},
		"unknown successor": {"retired:\n  reason: x\n  successor: nobody\n", `:8: field "successor": no entry "nobody"`},
		"self successor":    {"retired:\n  reason: x\n  successor: old\n", `:8: field "successor": "old" is this entry`},
		"http successor":    {"retired:\n  reason: x\n  successor: http://next.example\n", `:8: field "successor": "http://next.example" must start with https://`},
		"retired successor": {"retired:\n  reason: x\n  successor: dead\n", `:8: field "successor": "dead" is retired too`},
	}
	dead := entry("Dead", "https://status.dead.example", "dev", "retired:\n  reason: Dead.\n")
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			old := entry("Old", "https://status.old.example", "dev", tc.extra)
			_, err := Load(testFS(map[string]string{"providers/old.yaml": old, "providers/dead.yaml": dead}), testAdapters)
			got := strings.Join(messages(t, err), "\n")
			if !strings.Contains(got, "content/providers/old.yaml"+tc.want) {
				t.Errorf("errors %q, want one with %q", got, tc.want)
			}
		})
	}
}

func TestLoadFamily(t *testing.T) {
	files := map[string]string{
		"providers/sumo.yaml":     entry("Sumo", "https://status.sumo.io", "dev", ""),
		"providers/sumo-us1.yaml": entry("Sumo US1", "https://status.us1.sumo.io", "dev", "family: sumo\n"),
		// A product of the company may be in another category.
		"providers/sumo-ads.yaml": entry("Sumo Ads", "https://ads.sumo.io", "cloud", "family: sumo\n"),
		// Pages hosted by a status-page vendor say nothing of the company.
		"providers/other.yaml": entry("Other", "https://other.statuspage.io", "dev", ""),
		"providers/more.yaml":  entry("More", "https://more.statuspage.io", "dev", ""),
	}
	cat, err := Load(testFS(files), testAdapters, LoadOptions{Hosting: testHosting})
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := cat.Provider("sumo-us1"); p.Family != "sumo" || p.Head() != "sumo" {
		t.Errorf("sumo-us1: family %q, head %q", p.Family, p.Head())
	}
	if p, _ := cat.Provider("sumo"); p.Head() != "sumo" {
		t.Errorf("sumo: head %q", p.Head())
	}
}

func TestLoadFamilyErrors(t *testing.T) {
	sumo := entry("Sumo", "https://status.sumo.io", "dev", "")
	tests := map[string]struct {
		files map[string]string
		want  string
	}{
		"untied region": {map[string]string{"providers/sumo-us1.yaml": entry("Sumo US1", "https://status.sumo-us.io", "dev", "")},
			`sumo-us1.yaml:1: same company as "sumo" (one name once a region is dropped, "sumo"): tie them with "family: sumo"`},
		"untied domain": {map[string]string{"providers/sumo-ads.yaml": entry("Ads", "https://ads.sumo.io", "dev", "")},
			`sumo-ads.yaml:1: same company as "sumo" (pages on the same domain sumo.io): tie them with "family: sumo"`},
		"unknown family": {map[string]string{"providers/x.yaml": entry("X", "https://status.x.example", "dev", "family: nobody\n")},
			`x.yaml:6: field "family": no entry "nobody"`},
		"own family": {map[string]string{"providers/x.yaml": entry("X", "https://status.x.example", "dev", "family: x\n")},
			`x.yaml:6: field "family": "x" is this entry`},
		"chain": {map[string]string{
			"providers/sumo-us1.yaml": entry("Sumo US1", "https://status.us1.sumo.io", "dev", "family: sumo\n"),
			"providers/sumo-us2.yaml": entry("Sumo US2", "https://status.us2.sumo.io", "dev", "family: sumo-us1\n")},
			`sumo-us2.yaml:6: field "family": "sumo-us1" is itself a page of "sumo"; name "sumo"`},
		"region in another category": {map[string]string{"providers/sumo-eu.yaml": entry("Sumo EU", "https://status.eu.sumo.io", "cloud", "family: sumo\n")},
			`sumo-eu.yaml:4: category "cloud" differs from "dev" of content/providers/sumo.yaml: the regional pages of one service share its category`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			tc.files["providers/sumo.yaml"] = sumo
			_, err := Load(testFS(tc.files), testAdapters, LoadOptions{Hosting: testHosting})
			got := strings.Join(messages(t, err), "\n")
			if !strings.Contains(got, "content/providers/"+tc.want) {
				t.Errorf("errors %q, want one with %q", got, tc.want)
			}
		})
	}
}

func TestRegistrableDomain(t *testing.T) {
	for host, want := range map[string]string{
		"status.us1.sumologic.com": "sumologic.com",
		"status.example.co.uk":     "example.co.uk",
		"Status.Cloud.Microsoft.":  "cloud.microsoft",
		"co.uk":                    "",
		"":                         "",
	} {
		if got := RegistrableDomain(host); got != want {
			t.Errorf("RegistrableDomain(%q) = %q, want %q", host, got, want)
		}
	}
}

func TestCompanyClues(t *testing.T) {
	shared := func(a, b []Clue) bool {
		for _, x := range a {
			for _, y := range b {
				if x.Key == y.Key {
					return true
				}
			}
		}
		return false
	}
	same := [][2][]Clue{
		{testHosting.CompanyClues("Datadog", "https://status.datadoghq.com"), testHosting.CompanyClues("Datadog EU", "https://status.datadoghq.eu")},
		{testHosting.CompanyClues("SignalFx US0"), testHosting.CompanyClues("SignalFx EU0")},
		{testHosting.CompanyClues("Broadcom DX SaaS", "https://dx.status.broadcom.com"), testHosting.CompanyClues("Broadcom", "https://status.broadcom.com")},
	}
	for _, pair := range same {
		if !shared(pair[0], pair[1]) {
			t.Errorf("%v and %v should share a clue", pair[0], pair[1])
		}
	}
	apart := [][2][]Clue{
		{testHosting.CompanyClues("Acme", "https://acme.statuspage.io"), testHosting.CompanyClues("Zeta", "https://zeta.statuspage.io")},
		{testHosting.CompanyClues("Acme", "https://stats.pingdom.com/abc"), testHosting.CompanyClues("Zeta", "https://stats.pingdom.com/def")},
		{testHosting.CompanyClues("US"), testHosting.CompanyClues("EU")},
		{testHosting.CompanyClues("Calm", "https://status.calm.example.com"), testHosting.CompanyClues("Relay", "https://status.relay.example.com")},
	}
	for _, pair := range apart {
		if shared(pair[0], pair[1]) {
			t.Errorf("%v and %v should share no clue", pair[0], pair[1])
		}
	}
}

func TestTies(t *testing.T) {
	cat := &Catalog{Providers: []Provider{
		{Slug: "old", Family: "sumo", Retired: &Retirement{Reason: "Gone.", Successor: "sumo-us1"}},
		{Slug: "sumo"},
		{Slug: "sumo-us1", Family: "sumo"},
	}}
	slugs := func(ps []*Provider) string {
		var s []string
		for _, p := range ps {
			s = append(s, p.Slug)
		}
		return strings.Join(s, " ")
	}
	for slug, want := range map[string]string{"old": "sumo sumo-us1 sumo-us1", "sumo": "old sumo-us1", "sumo-us1": "sumo old"} {
		p, _ := cat.Provider(slug)
		if got := slugs(cat.Ties(p)); got != want {
			t.Errorf("Ties(%s) = %q, want %q", slug, got, want)
		}
	}
}

func TestUnreadable(t *testing.T) {
	for _, c := range []struct{ url, adapter, want string }{
		{"https://stats.pingdom.com/xf7vwkfqygcb", AutoAdapter, "a Pingdom public report"},
		{"https://stats.uptimerobot.com/abc", AutoAdapter, "an UptimeRobot public status page"},
		{"https://bluebeam.hund.io", AutoAdapter, "a Hund page"},
		{"https://rootly.com/teams/x/status-pages/y/public", AutoAdapter, "a Rootly public status page"},
		{"https://www.apple.com/support/systemstatus", AutoAdapter, "part of the company's own website"},
		{"https://www.apple.com/support/systemstatus/", "feed", ""},
		{"https://status.acme.com/", AutoAdapter, ""},
		{"https://status.acme.com", "statuspage", ""},
	} {
		got := testHosting.Unreadable(&Provider{URL: c.url, Adapter: c.adapter})
		if !strings.HasPrefix(got, c.want) || (c.want == "") != (got == "") {
			t.Errorf("Unreadable(%s, %s) = %q, want %q...", c.url, c.adapter, got, c.want)
		}
	}
}

func TestNamesSelf(t *testing.T) {
	gh := &Provider{Name: "GitHub", URL: "https://www.githubstatus.com", Aliases: []string{"GitHub Actions"}}
	jira := &Provider{Name: "Jira", URL: "https://jira-software.status.atlassian.com", Homepage: "https://www.atlassian.com/software/jira"}
	for _, c := range []struct {
		p         *Provider
		name, url string
		ok        bool
	}{
		{gh, "GitHub", "https://www.githubstatus.com", true},
		{gh, "GitHub, Inc.", "https://githubstatus.com", true},
		{jira, "Atlassian Jira", "https://jira-software.status.atlassian.com", true},
		{jira, "Jira Software", "https://status.atlassian.com", true},
		{gh, "Gremlin", "https://www.githubstatus.com", false},
		{gh, "GitHub", "https://status.example.org", false},
		{gh, "", "", true},
	} {
		if ok, why := testHosting.NamesSelf(c.p, c.name, c.url); ok != c.ok || ok == (why != "") {
			t.Errorf("NamesSelf(%s, %q, %q) = %v %q, want %v", c.p.Name, c.name, c.url, ok, why, c.ok)
		}
	}
}
