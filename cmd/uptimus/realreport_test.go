package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// assertJulyReport checks the July 2026 report of the site TestRealSite
// builds from the recordings (clock 2026-08-18 12:00 UTC), against values
// counted by hand from testdata/real:
//   - GitHub: 26 incidents began in July (started_at in
//     github-incidents-50-2026-07-31.json); known all month (31 days).
//     Disrupted 42 h 55 min 56.3 s, the union of the spans (started_at to
//     resolved_at) of the 25 that have an impact, hand-summed: 5.77% of
//     744 h, shown as 1 d 18 h (1 d 18 h 55 min, the two largest units).
//   - Google Cloud: 2 incidents, 07-14 17:00-07-15 03:40 and 07-15
//     23:57-07-16 12:25, 23 h 8 min; known from its oldest incident, 07-14
//     17:00, 415 h = 17.29 days (shown 17.2, rounded down): 5.57%.
//   - AWS: no item of its feed is from July; known all month: 0%.
//   - Azure: known only from the build's day: not in the report.
//
// So 28 incidents at 2 of 3 services; most disrupted GitHub then Google
// Cloud; least AWS. The worst incident is GitHub's longest critical one,
// cstx3v63mklm "Delays starting Actions runs", 04:34:24.849 to
// 13:52:16.870 on July 9: 9 h 17 min.
func assertJulyReport(t *testing.T, out string) {
	t.Helper()
	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	july := read("reports/2026-07/index.html")
	for _, want := range []string{
		"<title>Outages in July 2026: 28 incidents | Uptimus</title>",
		"28 incidents began in July 2026 at 2 services, of 3 services we followed that month",
		`<h3 class="subhead">Most disrupted</h3><ol class="standings"><li><a href="/status/github/">GitHub</a>: 1 d 18 h disrupted, 5.77% of 31 days known; 26 incidents</li><li><a href="/status/google-cloud/">Google Cloud</a>: 23 h 8 min disrupted, 5.57% of 17.2 days known; 2 incidents</li></ol>`,
		`<h3 class="subhead">Least disrupted</h3><ol class="standings"><li><a href="/status/aws/">Amazon Web Services</a>: 0 min disrupted, 0.00% of 31 days known; 0 incidents</li></ol>`,
		`<tbody><tr><td>GitHub<td><a href="/status/github/incidents/cstx3v63mklm/">Delays starting Actions runs</a><td>critical<td>Jul 9, 04:34<td>9 h 17 min<tr>`,
	} {
		if !strings.Contains(july, want) {
			t.Errorf("July 2026 report lacks %s", want)
		}
	}
	if n := strings.Count(july, `<a href="/status/github/incidents/`) + strings.Count(july, `<a href="/status/google-cloud/incidents/`); n != 28 {
		t.Errorf("July 2026 report links %d incident pages, want 28", n)
	}
	cloud := read("reports/2026-07/cloud-hosting/index.html")
	if !strings.Contains(cloud, "<title>Cloud &amp; hosting outages in July 2026: 2 incidents | Uptimus</title>") {
		t.Errorf("no Cloud & hosting report of July 2026 with its 2 incidents")
	}
	sitemap := read("sitemap-1.xml")
	for _, month := range []string{"2026-07", "2026-06", "2026-05", "2026-03", "2020-05"} {
		if !strings.Contains(sitemap, "/reports/"+month+"/</loc>") {
			t.Errorf("sitemap lacks the report of %s", month)
		}
	}
}
