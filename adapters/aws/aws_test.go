package aws

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/adaptertest"
)

const pageURL = "https://status.aws.amazon.com"

// read fetches the page whose feed is body and checks its snapshot.
func read(t *testing.T, body []byte) *adapters.Snapshot {
	t.Helper()
	snap := adaptertest.Fetch(t, New(), adaptertest.MapFetcher{pageURL + "/rss/all.rss": body}, pageURL)
	checkEveryIncidentHasUpdates(t, snap)
	return snap
}

// checkEveryIncidentHasUpdates: incidents are rebuilt from items, so an
// incident without one is a bug.
func checkEveryIncidentHasUpdates(t testing.TB, snap *adapters.Snapshot) {
	t.Helper()
	for _, inc := range snap.Incidents {
		if len(inc.Updates) == 0 {
			t.Errorf("%s has no update", inc.ID)
		}
	}
}

func TestRealFeed(t *testing.T) {
	snap := read(t, adaptertest.Real(t, "aws/rss-all-2026-08-18-50-items.rss"))

	var got []string
	updates := 0
	for _, inc := range snap.Incidents {
		got = append(got, fmt.Sprintf("%s %s %d", inc.ID, inc.Status, len(inc.Updates)))
		updates += len(inc.Updates)
	}
	want := []string{
		"directconnect-eu-central-1_1786765379 resolved 20",
		// Both Middle East events are still open: AWS's April items call
		// them "the ongoing service disruption", weeks after March's.
		"multipleservices-me-south-1_1772430987 service_disruption 13",
		"multipleservices-me-central-1_1772396043 service_disruption 17",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("incidents:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if updates != 50 {
		t.Errorf("updates = %d, want one per item, 50", updates)
	}
	if snap.Status != adapters.PartialOutage || snap.Description != "" {
		t.Errorf("overall = %s %q", snap.Status, snap.Description)
	}

	dx := snap.Incidents[0]
	if dx.Title != "Increased Packet loss" || dx.Impact != adapters.ImpactMinor || dx.ImpactRaw != "Service impact" {
		t.Errorf("direct connect: %q %s (%s)", dx.Title, dx.Impact, dx.ImpactRaw)
	}
	// "Fri, 14 Aug 2026 20:42:59 PDT" and "Mon, 17 Aug 2026 21:01:19 PDT".
	if !dx.StartedAt.Equal(adaptertest.UTC("2026-08-15T03:42:59Z")) || !dx.ResolvedAt.Equal(adaptertest.UTC("2026-08-18T04:01:19Z")) || !dx.UpdatedAt.Equal(dx.ResolvedAt) {
		t.Errorf("direct connect: %v .. %v", dx.StartedAt, dx.ResolvedAt)
	}
	newest := dx.Updates[0]
	if newest.ID != "directconnect-eu-central-1_1787025679" || newest.Status != "resolved" || newest.StatusRaw != "Service is operating normally" ||
		!strings.HasPrefix(newest.Body, "Starting August 14 7:33 PM PDT, we experienced increased packet loss") {
		t.Errorf("resolving update = %+v", newest)
	}

	me := snap.Incidents[1]
	// March items say "Service impact", April's "Service disruption": the
	// worst wins.
	if me.Impact != adapters.ImpactMajor || me.ImpactRaw != "Service disruption" || !me.Open() ||
		!me.UpdatedAt.Equal(adaptertest.UTC("2026-04-30T07:07:11Z")) || me.Components[0].Name != "Multiple services (me-south-1)" {
		t.Errorf("me-south-1 = %s (%s) open %v updated %v %+v", me.Impact, me.ImpactRaw, me.Open(), me.UpdatedAt, me.Components)
	}
	// "Tue, 03 Mar 2026 08:40:00 PST" is 16:40 UTC.
	if !containsUpdateAt(me, adaptertest.UTC("2026-03-03T16:40:00Z")) {
		t.Error("PST item of 3 March not found at 16:40 UTC")
	}

	// The guid's epoch is the item's pubDate, so it checks every PST/PDT
	// conversion.
	for _, inc := range snap.Incidents {
		for _, u := range inc.Updates {
			if want := fmt.Sprintf("_%d", u.CreatedAt.Unix()); !strings.HasSuffix(u.ID, want) {
				t.Errorf("update %s created %v: epoch differs", u.ID, u.CreatedAt)
			}
		}
	}

	wantComps := []adapters.Component{
		{ID: "directconnect-eu-central-1", Name: "AWS Direct Connect (eu-central-1)", Position: 1, Status: adapters.Operational, UpdatedAt: adaptertest.UTC("2026-08-18T04:01:19Z")},
		{ID: "multipleservices-me-central-1", Name: "Multiple services (me-central-1)", Position: 2, Status: adapters.PartialOutage, UpdatedAt: adaptertest.UTC("2026-03-01T20:14:03Z")},
		{ID: "multipleservices-me-south-1", Name: "Multiple services (me-south-1)", Position: 3, Status: adapters.PartialOutage, UpdatedAt: adaptertest.UTC("2026-03-02T05:56:27Z")},
	}
	if fmt.Sprint(snap.Components) != fmt.Sprint(wantComps) {
		t.Errorf("components:\n%+v\nwant\n%+v", snap.Components, wantComps)
	}
	adaptertest.Golden(t, "real-2026-08-18", snap)
}

func containsUpdateAt(inc adapters.Incident, at time.Time) bool {
	for _, u := range inc.Updates {
		if u.CreatedAt.Equal(at) {
			return true
		}
	}
	return false
}

func TestWrittenOpenIncident(t *testing.T) {
	body, err := os.ReadFile("testdata/open-incident.rss")
	if err != nil {
		t.Fatal(err)
	}
	snap := read(t, body)

	var got []string
	for _, inc := range snap.Incidents {
		got = append(got, fmt.Sprintf("%s %s %s %d", inc.ID, inc.Status, inc.Impact, len(inc.Updates)))
	}
	want := []string{
		"management-console_1787048100 update minor 1",
		"ec2-us-east-1_1787040000 service_disruption major 2",
		"route53_1787000000 informational_message none 1",
		"lambda-eu-west-1_1786960800 resolved minor 2",
		"lambda-eu-west-1_1786348800 resolved minor 1",
		"s3-us-west-2_1771351200 resolved none 2",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("incidents:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if snap.Status != adapters.PartialOutage || snap.Description != "" {
		t.Errorf("overall = %s %q", snap.Status, snap.Description)
	}

	ec2 := adaptertest.Incident(t, snap, "ec2-us-east-1_1787040000")
	if ec2.Title != "Increased API Error Rates" || !ec2.StartedAt.Equal(adaptertest.UTC("2026-08-18T08:00:00Z")) || !ec2.UpdatedAt.Equal(adaptertest.UTC("2026-08-18T09:30:00Z")) ||
		ec2.Components[0] != (adapters.ComponentRef{ID: "ec2-us-east-1", Name: "Amazon EC2 (us-east-1)", Status: adapters.PartialOutage}) {
		t.Errorf("ec2 = %+v", ec2)
	}
	// GMT and a numeric offset.
	lambda := adaptertest.Incident(t, snap, "lambda-eu-west-1_1786960800")
	if !lambda.StartedAt.Equal(adaptertest.UTC("2026-08-17T10:00:00Z")) || !lambda.ResolvedAt.Equal(adaptertest.UTC("2026-08-17T10:30:00Z")) || lambda.Title != "Delayed invocations" {
		t.Errorf("lambda = %q %v .. %v", lambda.Title, lambda.StartedAt, lambda.ResolvedAt)
	}
	// An older, different event of the same key that never got a RESOLVED
	// item ends at its last item once another event starts.
	old := adaptertest.Incident(t, snap, "lambda-eu-west-1_1786348800")
	if !old.ResolvedAt.Equal(adaptertest.UTC("2026-08-10T08:00:00Z")) {
		t.Errorf("superseded incident resolved %v", old.ResolvedAt)
	}
	// An unreadable pubDate falls back to the guid's epoch.
	if r53 := adaptertest.Incident(t, snap, "route53_1787000000"); !r53.StartedAt.Equal(time.Unix(1787000000, 0).UTC()) || r53.Components[0].Name != "Amazon Route 53" {
		t.Errorf("route53 = %v %+v", r53.StartedAt, r53.Components)
	}
	if mc := adaptertest.Incident(t, snap, "management-console_1787048100"); mc.Title != "Elevated error rates for console sign-in" ||
		mc.Updates[0].Body != "Some customers cannot sign in to the console.\u00a0API calls are not affected." {
		t.Errorf("management console = %q %q", mc.Title, mc.Updates[0].Body)
	}
	s3 := adaptertest.Incident(t, snap, "s3-us-west-2_1771351200")
	if !s3.ResolvedAt.Equal(adaptertest.UTC("2026-02-17T19:00:00Z")) || s3.Updates[0].Status != "resolved" || s3.Updates[0].StatusRaw != "Informational message" {
		t.Errorf("s3 = %v %+v", s3.ResolvedAt, s3.Updates[0])
	}
	adaptertest.Golden(t, "written-open-incident", snap)
}

func TestTitlesAndKeys(t *testing.T) {
	tests := []struct {
		title, prefix, rest string
		impact              adapters.Impact
		resolves            bool
	}{
		{"Service disruption: Increased Error Rates", "Service disruption", "Increased Error Rates", adapters.ImpactMajor, false},
		{"Service impact: Increased API error rates", "Service impact", "Increased API error rates", adapters.ImpactMinor, false},
		{"Informational message: [RESOLVED] Elevated latency", "Informational message", "Elevated latency", adapters.ImpactNone, true},
		{"Service is operating normally: [RESOLVED] Increased Packet loss", "Service is operating normally", "Increased Packet loss", adapters.ImpactNone, true},
		{"Amazon EC2: something new", "", "Amazon EC2: something new", adapters.ImpactMinor, false},
		{"[Resolved] Packet loss", "", "Packet loss", adapters.ImpactMinor, true},
	}
	for _, tt := range tests {
		prefix, rest := splitTitle(tt.title)
		rest, bracket := stripResolved(rest)
		impact, resolves := classify(prefix)
		if prefix != tt.prefix || rest != tt.rest || impact != tt.impact || (resolves || bracket) != tt.resolves {
			t.Errorf("%q: %q %q %s %v", tt.title, prefix, rest, impact, resolves || bracket)
		}
	}
	names := map[string]string{
		"ec2-us-east-1":                 "Amazon EC2 (us-east-1)",
		"s3-us-gov-west-1":              "Amazon S3 (us-gov-west-1)",
		"management-console":            "AWS Management Console",
		"multipleservices-me-central-1": "Multiple services (me-central-1)",
		"somethingnew-ap-southeast-5":   "somethingnew-ap-southeast-5",
		"route53":                       "Amazon Route 53",
	}
	for key, want := range names {
		if got := componentName(key); got != want {
			t.Errorf("componentName(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestFeedURL(t *testing.T) {
	for page, want := range map[string]string{
		"https://status.aws.amazon.com":               "https://status.aws.amazon.com/rss/all.rss",
		"https://status.aws.amazon.com/":              "https://status.aws.amazon.com/rss/all.rss",
		"https://health.aws.amazon.com":               "https://status.aws.amazon.com/rss/all.rss",
		"https://health.aws.amazon.com/health/status": "https://status.aws.amazon.com/rss/all.rss",
		"http://127.0.0.1:8080":                       "http://127.0.0.1:8080/rss/all.rss",
	} {
		if got := feedURL(page); got != want {
			t.Errorf("feedURL(%q) = %s, want %s", page, got, want)
		}
	}
}

// An open incident says what AWS says now: a disruption lowered to a
// service impact is minor, though its worst item was major; an
// informational message on it does not lower it.
func TestOpenIncidentFollowsNewestItem(t *testing.T) {
	item := func(prefix string, epoch int64) string {
		return fmt.Sprintf(`<item><title><![CDATA[%s: Increased API Error Rates]]></title><pubDate>%s</pubDate>`+
			`<guid isPermaLink="false">https://status.aws.amazon.com/#ec2-us-east-1_%d</guid><description>x</description></item>`,
			prefix, time.Unix(epoch, 0).UTC().Format(time.RFC1123Z), epoch)
	}
	feed := func(items ...string) []byte {
		return []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>AWS</title>` + strings.Join(items, "") + `</channel></rss>`)
	}
	tests := []struct {
		name, id string
		body     []byte
		impact   adapters.Impact
		status   adapters.Status
	}{
		{"lowered", "ec2-us-east-1_1787043600", feed(item("Service impact", 1787050800), item("Service disruption", 1787047200), item("Service impact", 1787043600)),
			adapters.ImpactMinor, adapters.Degraded},
		{"a message on it", "ec2-us-east-1_1787047200", feed(item("Informational message", 1787050800), item("Service disruption", 1787047200)),
			adapters.ImpactMajor, adapters.PartialOutage},
	}
	for _, tt := range tests {
		snap := read(t, tt.body)
		inc := adaptertest.Incident(t, snap, tt.id)
		if inc.Impact != tt.impact || inc.Components[0].Status != tt.status || snap.Status != tt.status {
			t.Errorf("%s: impact %s, component %s, overall %s; want %s, %s", tt.name, inc.Impact, inc.Components[0].Status, snap.Status, tt.impact, tt.status)
		}
	}
}

func TestEmptyChannelIsOperational(t *testing.T) {
	snap := read(t, []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>AWS</title></channel></rss>`))
	if snap.Status != adapters.Operational || snap.Description != "" || len(snap.Incidents) != 0 {
		t.Errorf("empty channel = %+v", snap)
	}
}

func TestErrorsNameTheURL(t *testing.T) {
	url := pageURL + "/rss/all.rss"
	tests := []adaptertest.Failure{
		{Name: "503", F: adaptertest.ErrorFetcher{Fail: map[string]int{url: 503}}, URL: url, Say: "503"},
		{Name: "HTML", F: adaptertest.MapFetcher{url: []byte("<!DOCTYPE html>\n<html><head><title>AWS Health Dashboard</title></head><body><p>Loading</body></html>")}, URL: url, Say: "HTML"},
		{Name: "JSON", F: adaptertest.MapFetcher{url: []byte(`{"archive": [], "current": []}`)}, URL: url, Say: "RSS"},
		{Name: "atom", F: adaptertest.MapFetcher{url: []byte(`<feed xmlns="http://www.w3.org/2005/Atom"></feed>`)}, URL: url, Say: "RSS"},
		{Name: "no channel", F: adaptertest.MapFetcher{url: []byte(`<rss version="2.0"></rss>`)}, URL: url, Say: "channel"},
		{Name: "truncated", F: adaptertest.MapFetcher{url: []byte(`<rss version="2.0"><channel><item><title>x`)}, URL: url, Say: "RSS"},
		{Name: "empty", F: adaptertest.MapFetcher{url: []byte("  \n")}, URL: url, Say: "empty"},
	}
	adaptertest.FetchFailures(t, New(), pageURL, tests)
}

func TestNameAndCapabilities(t *testing.T) {
	a := New()
	if a.Name() != "aws" {
		t.Errorf("Name = %s", a.Name())
	}
	want := adapters.Capabilities{Title: "AWS Health dashboard", Components: true, Maintenance: false, Timeline: true, HistoryWindow: 50, Listing: adapters.ListsFeed, Self: true}
	// The docs link is checked with every adapter's, in adapters/all.
	want.Docs = a.Capabilities().Docs
	if a.Capabilities() != want {
		t.Errorf("Capabilities = %+v", a.Capabilities())
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(adaptertest.Real(f, "aws/rss-all-2026-08-18-50-items.rss"))
	if b, err := os.ReadFile("testdata/open-incident.rss"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`<rss><channel><item><guid>#a-us-east-1_1</guid><pubDate>Mon, 1 Jan 2024 00:00:00 PST</pubDate><title>Service impact: x</title></item><item><guid>#a-us-east-1_1</guid><title>x</title></item></channel></rss>`))
	f.Add([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item><guid>k_</guid><title>[RESOLVED]</title></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		snap, err := decode(body)
		if err != nil {
			return
		}
		adaptertest.CheckContract(t, snap)
		checkEveryIncidentHasUpdates(t, snap)
	})
}
