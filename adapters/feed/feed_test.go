package feed

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/adaptertest"
)

const (
	sauceRel  = "statuspage/saucelabs-us-west-history-2020-11.atom"
	githubRel = "statuspage/github-history-2026-08-22.atom"
	parseRel  = "statuspage/parse-history-2014-01.rss"
	base      = "https://status.example.com"
)

// read fetches the page from files; a feed has no components.
func read(t *testing.T, files adaptertest.MapFetcher) *adapters.Snapshot {
	t.Helper()
	snap := adaptertest.Fetch(t, New(), files, base)
	if len(snap.Components) != 0 {
		t.Errorf("feeds have no components, got %d", len(snap.Components))
	}
	return snap
}

// fetchBody fetches the page whose history.atom is atomBody.
func fetchBody(t *testing.T, atomBody []byte) *adapters.Snapshot {
	t.Helper()
	return read(t, adaptertest.MapFetcher{base + "/history.atom": atomBody})
}

func statuses(in adapters.Incident) string {
	var s []string
	for _, u := range in.Updates {
		s = append(s, u.StatusRaw)
	}
	return strings.Join(s, ",")
}

func times(in adapters.Incident) string {
	var s []string
	for _, u := range in.Updates {
		if u.CreatedAt.Location() != time.UTC {
			return "not UTC: " + u.CreatedAt.String()
		}
		s = append(s, u.CreatedAt.Format(time.RFC3339))
	}
	return strings.Join(s, ",")
}

func TestSauceLabsAtom(t *testing.T) {
	snap := fetchBody(t, adaptertest.Real(t, sauceRel))
	if len(snap.Incidents) != 25 {
		t.Fatalf("%d incidents, want 25", len(snap.Incidents))
	}
	if snap.Status != adapters.Operational {
		t.Errorf("status %s, want operational (all closed)", snap.Status)
	}
	wantUpdates := map[string]int{
		"08fk1fzrw8p8": 2, "1pjjyslhl9t7": 3, "6ptsd5pg67jm": 1, "ynqp21mr3mnq": 1, "4zvfxb1g2lxj": 3, "r2blywd644xj": 3,
		"l574fpgy32zg": 5, "9d4l5wgn5pwp": 2, "37vbgmvxgd32": 2, "xqlfx2k1817c": 7, "ljnjyzd8bpgx": 3, "xkjy83lsj7ll": 3,
		"j6r32qwdwl0k": 5, "r9j0ydp9s62z": 3, "wm80ytwg45z1": 3, "pbskxdzz9y7k": 3, "2g8qhz7cclqp": 3, "pkvbntr2d9t2": 1,
		"dy6fgfsgyc4k": 3, "88z5bxwyr09g": 3, "tkmjw5j0ttpv": 3, "7w3tchbv10r3": 3, "b0ghrz356xzn": 3, "rwwkw2fvc12g": 3, "7k30z06fkmgj": 1,
	}
	var maint []string
	for _, in := range snap.Incidents {
		if n, ok := wantUpdates[in.ID]; !ok || len(in.Updates) != n {
			t.Errorf("%s: %d updates, want %d", in.ID, len(in.Updates), n)
		}
		if in.Open() {
			t.Errorf("%s is open", in.ID)
		}
		if in.Kind == adapters.KindMaintenance {
			maint = append(maint, in.ID)
			if in.Impact != adapters.ImpactMaintenance || in.Status != "completed" {
				t.Errorf("%s: impact %s status %s", in.ID, in.Impact, in.Status)
			}
		} else if in.Impact != adapters.ImpactNone || in.ImpactRaw != "" || in.Status != "resolved" {
			t.Errorf("%s: impact %s (%q) status %s", in.ID, in.Impact, in.ImpactRaw, in.Status)
		}
	}
	if got := strings.Join(maint, ","); got != "4zvfxb1g2lxj,xkjy83lsj7ll,r9j0ydp9s62z,pbskxdzz9y7k,tkmjw5j0ttpv,b0ghrz356xzn" {
		t.Errorf("maintenances = %s", got)
	}

	// PST (-08:00) in November.
	in := adaptertest.Incident(t, snap, "08fk1fzrw8p8")
	if got := times(in); got != "2020-11-14T22:07:00Z,2020-11-14T21:51:00Z" {
		t.Errorf("08fk1fzrw8p8 times %s", got)
	}
	if statuses(in) != "Resolved,Monitoring" || in.Updates[0].Status != "resolved" || in.Updates[1].Status != "monitoring" {
		t.Errorf("08fk1fzrw8p8 statuses %s", statuses(in))
	}
	if in.Updates[0].ID != "08fk1fzrw8p8-2" || in.Updates[1].ID != "08fk1fzrw8p8-1" {
		t.Errorf("update ids %s %s", in.Updates[0].ID, in.Updates[1].ID)
	}
	if in.Updates[0].Body != "Tunnels are starting successfully. This incident has been resolved." {
		t.Errorf("body %q", in.Updates[0].Body)
	}
	if !in.ResolvedAt.Equal(adaptertest.UTC("2020-11-14T22:07:00Z")) || !in.StartedAt.Equal(adaptertest.UTC("2020-11-14T21:51:00Z")) {
		t.Errorf("08fk1fzrw8p8 started %v resolved %v", in.StartedAt, in.ResolvedAt)
	}
	if in.URL != "https://status.us-west-1.saucelabs.com/incidents/08fk1fzrw8p8" || in.Title != "2020-Nov-14 Service Incident" {
		t.Errorf("08fk1fzrw8p8 url %q title %q", in.URL, in.Title)
	}
	// updated 2020-11-10T10:41:55-08:00, long after the only update.
	late := adaptertest.Incident(t, snap, "ynqp21mr3mnq")
	if !late.UpdatedAt.Equal(adaptertest.UTC("2020-11-10T18:41:55Z")) || !late.CreatedAt.Equal(adaptertest.UTC("2020-11-03T14:00:00Z")) {
		t.Errorf("ynqp21mr3mnq created %v updated %v", late.CreatedAt, late.UpdatedAt)
	}

	// PDT (-07:00) in October, a maintenance: announced Oct 16, in
	// progress from 10:00, completed 10:59.
	m := adaptertest.Incident(t, snap, "4zvfxb1g2lxj")
	if statuses(m) != "Completed,In progress,Scheduled" {
		t.Errorf("4zvfxb1g2lxj statuses %s", statuses(m))
	}
	if m.Updates[1].Status != "in_progress" {
		t.Errorf("In progress normalized to %q", m.Updates[1].Status)
	}
	if got := times(m); got != "2020-10-24T17:59:00Z,2020-10-24T17:00:00Z,2020-10-16T23:28:00Z" {
		t.Errorf("4zvfxb1g2lxj times %s", got)
	}
	if !m.StartedAt.Equal(adaptertest.UTC("2020-10-24T17:00:00Z")) || !m.ResolvedAt.Equal(adaptertest.UTC("2020-10-24T17:59:00Z")) || !m.CreatedAt.Equal(adaptertest.UTC("2020-10-16T23:28:00Z")) {
		t.Errorf("4zvfxb1g2lxj created %v started %v resolved %v", m.CreatedAt, m.StartedAt, m.ResolvedAt)
	}
	adaptertest.Golden(t, "saucelabs-us-west", snap)
}

func TestGitHubAtom(t *testing.T) {
	snap := fetchBody(t, adaptertest.Real(t, githubRel))
	if len(snap.Incidents) != 25 {
		t.Fatalf("%d incidents, want 25", len(snap.Incidents))
	}
	// In feed order; StartedAt order differs where incidents overlap.
	var ids []string
	for _, in := range snap.Incidents {
		ids = append(ids, in.ID)
	}
	if ids[0] != "bhbcjn4n3jzp" || ids[1] != "gx7js8bd0jpz" || ids[2] != "bmpybhnrky3x" || ids[24] != "s65j9gslmfm8" {
		t.Errorf("order %v", ids)
	}
	wantUpdates := map[string]int{"bhbcjn4n3jzp": 12, "zkxwbgr0cnmx": 36, "qcvjkzcs7j74": 24, "gx7js8bd0jpz": 2, "s65j9gslmfm8": 4}
	for id, n := range wantUpdates {
		if got := len(adaptertest.Incident(t, snap, id).Updates); got != n {
			t.Errorf("%s: %d updates, want %d", id, got, n)
		}
	}
	in := adaptertest.Incident(t, snap, "bhbcjn4n3jzp")
	if got := statuses(in); got != "Resolved,Update,Update,Update,Update,Update,Update,Update,Update,Update,Update,Investigating" {
		t.Errorf("statuses %s", got)
	}
	if in.Updates[1].Status != "update" || in.Status != "resolved" {
		t.Errorf("update status %q incident status %q", in.Updates[1].Status, in.Status)
	}
	if !in.Updates[0].CreatedAt.Equal(adaptertest.UTC("2026-08-21T00:37:00Z")) || !in.ResolvedAt.Equal(adaptertest.UTC("2026-08-21T00:37:00Z")) {
		t.Errorf("resolved %v", in.ResolvedAt)
	}
	if !in.Updates[1].CreatedAt.Equal(adaptertest.UTC("2026-08-20T20:37:00Z")) {
		t.Errorf("second update at %v", in.Updates[1].CreatedAt)
	}
	if !strings.HasPrefix(in.Updates[0].Body, "This incident has been resolved. Thank you") || strings.HasSuffix(in.Updates[0].Body, " ") {
		t.Errorf("body %q", in.Updates[0].Body)
	}
	if !in.CreatedAt.Equal(in.StartedAt) || !in.UpdatedAt.Equal(adaptertest.UTC("2026-08-21T00:37:20Z")) {
		t.Errorf("created %v started %v updated %v", in.CreatedAt, in.StartedAt, in.UpdatedAt)
	}
	for _, in := range snap.Incidents {
		if in.Kind != adapters.KindIncident || in.Open() {
			t.Errorf("%s kind %s open %v", in.ID, in.Kind, in.Open())
		}
	}
}

func TestParseRSS(t *testing.T) {
	body := adaptertest.Real(t, parseRel)
	// The page has no history.atom: the adapter falls back to history.rss.
	snap := read(t, adaptertest.MapFetcher{base + "/history.rss": body})
	if len(snap.Incidents) != 17 {
		t.Fatalf("%d incidents, want 17", len(snap.Incidents))
	}
	tests := []struct {
		id, statuses, times string
	}{
		// Jan 1 2014 from an entry published Jan 1 2014; PST = -08:00.
		{"lzf7mjchpy20", "Resolved,Identified,Investigating", "2014-01-01T17:09:00Z,2014-01-01T17:00:00Z,2014-01-01T16:17:00Z"},
		// Labelled PST in October, when Los Angeles is on PDT: the pubDate
		// (Mon, 28 Oct 2013 14:48:00 -0700) agrees with PDT.
		{"gtdv7rgyn76g", "Resolved,Identified", "2013-10-28T21:48:00Z,2013-10-28T21:43:00Z"},
		// Postmortem two days after the resolution.
		{"p9hy357zjvb3", "Postmortem,Resolved,Investigating", "2013-12-26T18:22:00Z,2013-12-24T19:21:00Z,2013-12-24T16:58:00Z"},
		{"gwywvz2n85bj", "Resolved", "2013-08-12T23:49:00Z"},
	}
	for _, tt := range tests {
		in := adaptertest.Incident(t, snap, tt.id)
		if got := statuses(in); got != tt.statuses {
			t.Errorf("%s statuses %s, want %s", tt.id, got, tt.statuses)
		}
		if got := times(in); got != tt.times {
			t.Errorf("%s times %s, want %s", tt.id, got, tt.times)
		}
	}
	gt := adaptertest.Incident(t, snap, "gtdv7rgyn76g")
	if !gt.CreatedAt.Equal(adaptertest.UTC("2013-10-28T21:43:00Z")) || !gt.UpdatedAt.Equal(adaptertest.UTC("2013-10-28T21:48:00Z")) {
		t.Errorf("pubDate -0700 read as %v / %v", gt.CreatedAt, gt.UpdatedAt)
	}

	pm := adaptertest.Incident(t, snap, "p9hy357zjvb3")
	if pm.Status != "postmortem" || !pm.ResolvedAt.Equal(adaptertest.UTC("2013-12-24T19:21:00Z")) {
		t.Errorf("postmortem incident status %s resolved %v", pm.Status, pm.ResolvedAt)
	}
	body0 := pm.Updates[0].Body
	for _, want := range []string{
		"# Summary of the December 24 Parse Service Disruption\n\nWe would like",
		"\n\n* Adding extensive debug output to our API HTTP service",
		"\n* Rearchitecting our client discovery process",
		"[Help & Community](https://parse.com/help) portal.",
		"developers' applications",
	} {
		if !strings.Contains(body0, want) {
			t.Errorf("postmortem body lacks %q", want)
		}
	}
	if strings.Contains(body0, "<br") || strings.Contains(body0, "&apos;") {
		t.Errorf("markup left in body")
	}

	// A title saying outage is the one severity signal a feed has.
	for id, want := range map[string]adapters.Impact{"ctfv4ldyy165": adapters.ImpactMajor, "gwywvz2n85bj": adapters.ImpactMajor, "hss47d2yk45f": adapters.ImpactNone} {
		if got := adaptertest.Incident(t, snap, id).Impact; got != want {
			t.Errorf("%s impact %s, want %s", id, got, want)
		}
	}
	if snap.Status != adapters.Operational {
		t.Errorf("status %s", snap.Status)
	}
}

func TestWrittenFeed(t *testing.T) {
	snap := fetchBody(t, adaptertest.Testdata(t, "open-and-maintenance.atom"))
	if len(snap.Incidents) != 5 {
		t.Fatalf("%d incidents, want 5", len(snap.Incidents))
	}
	// An open incident whose title says outage outranks the maintenance.
	if snap.Status != adapters.PartialOutage {
		t.Errorf("status %s, want partial_outage", snap.Status)
	}
	open := adaptertest.Incident(t, snap, "aaa900")
	if !open.Open() || open.Status != "identified" || open.Impact != adapters.ImpactMajor {
		t.Errorf("aaa900: open %v status %s impact %s", open.Open(), open.Status, open.Impact)
	}
	// Dec 31 belongs to the year before the entry's published date.
	if got := times(open); got != "2026-01-01T17:30:00Z,2026-01-01T07:50:00Z" {
		t.Errorf("aaa900 times %s", got)
	}
	if open.Updates[0].Body != "A bad deploy; rolling back. See [postmortems](https://example.com/postmortems)." || open.Updates[1].Body != "Requests fail & time out." {
		t.Errorf("aaa900 bodies %q / %q", open.Updates[0].Body, open.Updates[1].Body)
	}
	m := adaptertest.Incident(t, snap, "aaa899")
	if m.Kind != adapters.KindMaintenance || !m.Open() || m.Status != "in_progress" || !m.StartedAt.Equal(adaptertest.UTC("2026-01-01T16:00:00Z")) {
		t.Errorf("899: %+v", m)
	}
	re := adaptertest.Incident(t, snap, "aaa898")
	if !re.Open() || re.Status != "investigating" {
		t.Errorf("aaa898 reopened after Resolved should be open: %v %s", re.ResolvedAt, re.Status)
	}
	x := adaptertest.Incident(t, snap, hashOf("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a"))
	if x.Title != "Slow builds" || len(x.Updates) != 1 || x.Updates[0].Body != "Builds were slow for an hour. This has been resolved." {
		t.Errorf("xhtml entry: title %q updates %+v", x.Title, x.Updates)
	}
	if x.Open() || !x.ResolvedAt.Equal(adaptertest.UTC("2025-12-10T10:00:00Z")) || !x.StartedAt.Equal(adaptertest.UTC("2025-12-10T09:00:00Z")) || x.URL != "https://blog.example.com/2025/12/slow-builds" {
		t.Errorf("xhtml entry: %+v", x)
	}
	txt := adaptertest.Incident(t, snap, hashOf("https://blog.example.com/2025/11/note"))
	if txt.Kind != adapters.KindMaintenance || txt.Updates[0].Body != "Plain text with <angle> brackets kept as text." || !txt.Open() {
		t.Errorf("text entry: %+v", txt)
	}
	adaptertest.Golden(t, "open-and-maintenance", snap)
}

func hashOf(s string) string { return entryID(entry{ID: s}) }

func TestEntryID(t *testing.T) {
	tests := []struct {
		name string
		e    entry
		want string
	}{
		{"statuspage tag", entry{ID: "tag:status.example.com,2005:Incident/1234567"}, "1234567"},
		{"tag with date", entry{ID: "tag:example.com,2024-01-02:Maintenance/77"}, "77"},
		{"incident url guid", entry{ID: "http://status.parse.com/incidents/lzf7mjchpy20"}, "lzf7mjchpy20"},
		{"incident url link", entry{Link: "https://x.io/incidents/abc"}, "abc"},
		{"incidents path on another host still a code", entry{ID: "https://x.io/incidents/a.b"}, ""},
		{"other guid hashed", entry{ID: "https://blog.x.io/post/1"}, ""},
		{"nothing but title", entry{Title: "x", Published: "2026-01-01T00:00:00Z"}, ""},
	}
	hexID := regexp.MustCompile(`^[0-9a-f]{16}$`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := entryID(tt.e)
			if tt.want == "" {
				// No id to read: a hash, the same on every fetch.
				if !hexID.MatchString(got) || got != entryID(tt.e) {
					t.Errorf("hash id %q not 16 stable hex digits", got)
				}
				return
			}
			if got != tt.want {
				t.Errorf("entryID = %q, want %q", got, tt.want)
			}
		})
	}
	if entryID(entry{ID: "a"}) == entryID(entry{ID: "b"}) {
		t.Error("different guids hash alike")
	}
}

func TestFeedURLs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://status.example.com", "https://status.example.com/history.atom https://status.example.com/history.rss"},
		{"https://status.example.com/", "https://status.example.com/history.atom https://status.example.com/history.rss"},
		{"https://status.aws.amazon.com/rss/all.rss", "https://status.aws.amazon.com/rss/all.rss"},
		{"https://x.io/history.atom", "https://x.io/history.atom"},
		{"https://azure.status.microsoft/en-us/status/feed/", "https://azure.status.microsoft/en-us/status/feed"},
		{"https://slack-status.com/feed/atom", "https://slack-status.com/feed/atom"},
		{"https://x.io/status.XML?lang=en", "https://x.io/status.XML?lang=en"},
		// Real feed URLs from known-status-pages.csv.
		{"https://status.dev.azure.com/_rss", "https://status.dev.azure.com/_rss"},
		{"https://feeds.feedburner.com/OktaTrustRSS", "https://feeds.feedburner.com/OktaTrustRSS"},
		{"https://rss.status.rackspace.com/snow/statusfeed", "https://rss.status.rackspace.com/snow/statusfeed"},
		{"https://status.recurly.com/statuspage/recurly/subscribe/rss", "https://status.recurly.com/statuspage/recurly/subscribe/rss"},
		{"https://status.cloud.microsoft/api/feed/mac", "https://status.cloud.microsoft/api/feed/mac"},
		{"https://status.hetzner.com/de.atom", "https://status.hetzner.com/de.atom"},
		{"https://www.paypal-status.com/feed/atom", "https://www.paypal-status.com/feed/atom"},
		{"https://status.zoho.com/rss", "https://status.zoho.com/rss"},
		{"https://status.webex.com", "https://status.webex.com/history.atom https://status.webex.com/history.rss"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(FeedURLs(tt.in), " "); got != tt.want {
			t.Errorf("FeedURLs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDirectFeedURL(t *testing.T) {
	const u = "https://status.example.com/feed/rss"
	rss := `<rss version="2.0"><channel><item><title>Outage [RESOLVED]</title><guid>#x_1</guid><pubDate>Tue, 18 Aug 2026 09:05:00 PDT</pubDate><description>Fixed.</description></item></channel></rss>`
	snap := adaptertest.Fetch(t, New(), adaptertest.MapFetcher{u: []byte(rss)}, u)
	in := snap.Incidents[0]
	if !in.CreatedAt.Equal(adaptertest.UTC("2026-08-18T16:05:00Z")) || in.Open() || in.Impact != adapters.ImpactMajor {
		t.Errorf("%+v", in)
	}
}

func TestErrors(t *testing.T) {
	atomURL, rssURL := base+"/history.atom", base+"/history.rss"
	tests := []adaptertest.Failure{
		{Name: "atom 503 is not a reason to try rss", F: adaptertest.ErrorFetcher{Files: adaptertest.MapFetcher{rssURL: []byte("<rss/>")}, Fail: map[string]int{atomURL: 503}}, URL: atomURL, Say: "503"},
		{Name: "both missing", F: adaptertest.MapFetcher{}, URL: rssURL, Say: "404"},
		{Name: "HTML instead of XML", F: adaptertest.MapFetcher{atomURL: []byte("<!DOCTYPE html><html><head><title>Status</title></head><body><p>hi</body></html>")}, URL: atomURL, Say: "<html>"},
		{Name: "JSON instead of XML", F: adaptertest.MapFetcher{atomURL: []byte(`{"status":"ok"}`)}, URL: atomURL, Say: "decode"},
		{Name: "empty body", F: adaptertest.MapFetcher{atomURL: []byte("  ")}, URL: atomURL, Say: "empty"},
		{Name: "truncated XML", F: adaptertest.MapFetcher{atomURL: []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title>x`)}, URL: atomURL, Say: "decode"},
		{Name: "unknown charset", F: adaptertest.MapFetcher{atomURL: []byte(`<?xml version="1.0" encoding="EBCDIC"?><feed/>`)}, URL: atomURL, Say: "EBCDIC"},
	}
	adaptertest.FetchFailures(t, New(), base, tests)
}

func TestDecodeVariants(t *testing.T) {
	tests := []struct {
		name, doc string
		title     string
		published string
	}{
		{"rss 1.0", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel/><item rdf:about="https://x.io/i/1"><title>One</title><dc:date>2026-01-02T03:04:05+02:00</dc:date></item></rdf:RDF>`, "One", "2026-01-02T01:04:05Z"},
		{"latin-1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>Caf\xe9</title><pubDate>Fri, 31 Jul 2026 00:12:00 Z</pubDate></item></channel></rss>", "Café", "2026-07-31T00:12:00Z"},
		{"html entity in xml", `<rss><channel><item><title>a&nbsp;b&amp;c</title><pubDate>1 Aug 2026 10:00:00 GMT</pubDate></item></channel></rss>`, "a\u00a0b&c", "2026-08-01T10:00:00Z"},
		{"content:encoded wins", `<rss xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item><title>t</title><pubDate>Sat, 1 Aug 2026 10:00:00 +0530</pubDate><description>short</description><content:encoded>&lt;p&gt;long&lt;/p&gt;</content:encoded></item></channel></rss>`, "t", "2026-08-01T04:30:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := decode([]byte(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			entries := doc.entries
			if len(entries) != 1 || entries[0].Title != tt.title {
				t.Fatalf("entries %+v", entries)
			}
			if got := parseTime(entries[0].Published); !got.Equal(adaptertest.UTC(tt.published)) {
				t.Errorf("published %v, want %s", got, tt.published)
			}
			if tt.name == "content:encoded wins" && entries[0].Content != "<p>long</p>" {
				t.Errorf("content %q", entries[0].Content)
			}
		})
	}
}

func TestParseTime(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2020-11-14T14:07:38-08:00", "2020-11-14T22:07:38Z"},
		{"2026-08-21T00:37:20Z", "2026-08-21T00:37:20Z"},
		{"2026-08-21T00:37:20.123Z", "2026-08-21T00:37:20.123Z"},
		{"Thu, 09 Jan 2014 16:00:23 -0800", "2014-01-10T00:00:23Z"},
		{"Mon, 28 Oct 2013 14:48:00 -0700", "2013-10-28T21:48:00Z"},
		{"Tue, 18 Aug 2026 09:05:00 PDT", "2026-08-18T16:05:00Z"},
		{"Tue, 18 Feb 2026 09:05:00 PST", "2026-02-18T17:05:00Z"},
		// RFC 822 zones keep their literal offset even when mislabelled.
		{"Tue, 18 Aug 2026 09:05:00 PST", "2026-08-18T17:05:00Z"},
		{"Fri, 31 Jul 2026 00:12:00 Z", "2026-07-31T00:12:00Z"},
		{"Fri, 31 Jul 2026 00:12:00 GMT", "2026-07-31T00:12:00Z"},
		{"Fri,  3 Jul 2026 00:12:00 +00:00", "2026-07-03T00:12:00Z"},
		{"3 Jul 2026 00:12 EST", "2026-07-03T05:12:00Z"},
		{"", "0001-01-01T00:00:00Z"},
	}
	for _, tt := range tests {
		got := parseTime(tt.in)
		if !got.Equal(adaptertest.UTC(tt.want)) || got.Location() != time.UTC {
			t.Errorf("parseTime(%q) = %v; want %s", tt.in, got, tt.want)
		}
	}
	// Unreadable dates are unknown; a date without a zone is one of them.
	for _, bad := range []string{"yesterday", "Tue, 18 Aug 2026 09:05:00 XYZ", "2026-13-01T00:00:00Z", "2026-09-15 10:00:00"} {
		if got := parseTime(bad); !got.IsZero() {
			t.Errorf("parseTime(%q) = %v, want unknown", bad, got)
		}
	}
}

// One item without a date (pubDate is optional in RSS 2.0) or with one
// that cannot be read costs that item only: it comes without times, which
// the fetch drops and counts, and the rest of the feed is read.
func TestOddDatesKeepTheFeed(t *testing.T) {
	snap := read(t, adaptertest.MapFetcher{base + "/history.rss": adaptertest.Testdata(t, "odd-dates.rss")})
	if len(snap.Incidents) != 4 {
		t.Fatalf("%d incidents, want 4", len(snap.Incidents))
	}
	for id, want := range map[string]string{"g1": "2026-09-15T10:00:00Z", "g2": "2026-09-14T08:30:00Z", "g3": "", "g4": ""} {
		in := adaptertest.Incident(t, snap, id)
		got := ""
		if !in.CreatedAt.IsZero() {
			got = in.CreatedAt.Format(time.RFC3339)
		}
		if got != want || (want == "" && (!in.UpdatedAt.IsZero() || !in.Updates[0].CreatedAt.IsZero())) {
			t.Errorf("%s: created %q, updated %v, want %q", id, got, in.UpdatedAt, want)
		}
	}
	// An unreadable date gives way to the entry's other one.
	atom := `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>tag:x,2005:Incident/5</id><title>t</title>` +
		`<published>yesterday</published><updated>2026-09-15T10:00:00Z</updated><content>x</content></entry></feed>`
	in := adaptertest.Incident(t, fetchBody(t, []byte(atom)), "5")
	if !in.CreatedAt.Equal(adaptertest.UTC("2026-09-15T10:00:00Z")) {
		t.Errorf("created %v, want the updated date", in.CreatedAt)
	}
}

func TestSmallDate(t *testing.T) {
	z := loadZones()
	ref := adaptertest.UTC("2020-11-14T22:07:38Z")
	tests := []struct {
		in, want string
	}{
		{"Nov 14, 14:07 PST", "2020-11-14T22:07:00Z"},
		{"Nov  4, 04:09 PST", "2020-11-04T12:09:00Z"},
		{"Oct 24, 10:59 PDT", "2020-10-24T17:59:00Z"},
		{"Oct 24, 10:59 PST", "2020-10-24T17:59:00Z"}, // daylight time on that date
		{"Jul 1, 09:00 CET", "2020-07-01T07:00:00Z"},
		{"Aug 21, 00:37 UTC", "2020-08-21T00:37:00Z"},
		// 2020-12-31 is 47 days from ref, 2019-12-31 318: the later year wins.
		{"Dec 31, 23:50 EST", "2021-01-01T04:50:00Z"},
		{"Nov 14, 2019 - 2:07 PM PST", "2019-11-14T22:07:00Z"},
		{"Nov 14, 12:30 AM UTC", "2020-11-14T00:30:00Z"},
		{"Sept 3, 10:00 +0200", "2020-09-03T08:00:00Z"},
	}
	for _, tt := range tests {
		got, ok := z.smallDate(tt.in, ref)
		want := adaptertest.UTC(tt.want)
		if !ok || !got.Equal(want) {
			t.Errorf("smallDate(%q) = %v, %v; want %v", tt.in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "Nov 14", "14:07 PST", "Nov 14, 14:07 XYZ", "Nov 44, 14:07 PST", "Foo 14, 14:07 PST"} {
		if _, ok := z.smallDate(bad, ref); ok {
			t.Errorf("smallDate(%q) accepted", bad)
		}
	}
	if _, ok := z.smallDate("Nov 14, 14:07 PST", time.Time{}); ok {
		t.Error("a date without year or reference was accepted")
	}
}

func TestCapabilities(t *testing.T) {
	a := New()
	c := a.Capabilities()
	if a.Name() != "feed" || c.Components || !c.Maintenance || !c.Timeline {
		t.Errorf("%s %+v", a.Name(), c)
	}
}

// FuzzDecode runs the decoder and the whole normalization on arbitrary
// bytes: errors are fine, panics are not.
func FuzzDecode(f *testing.F) {
	f.Add(adaptertest.Testdata(f, "open-and-maintenance.atom"))
	f.Add(adaptertest.Testdata(f, "odd-dates.rss"))
	for _, rel := range []string{sauceRel, githubRel, parseRel} {
		f.Add(adaptertest.Real(f, rel))
	}
	f.Add([]byte(`<rss><channel><item><description>&lt;p&gt;&lt;small&gt;Jan 1, 9:00 PST&lt;/small&gt;&lt;strong&gt;x&lt;/strong&gt;</description><pubDate>1 Jan 2026 00:00 Z</pubDate></item></channel></rss>`))
	a := &reader{zones: loadZones()}
	f.Fuzz(func(t *testing.T, b []byte) {
		doc, err := decode(b)
		if err != nil {
			return
		}
		snap := a.build(doc.entries)
		adaptertest.CheckContract(t, snap)
		for _, in := range snap.Incidents {
			if len(in.Updates) == 0 {
				t.Fatalf("incident %s without updates", in.ID)
			}
		}
	})
}
