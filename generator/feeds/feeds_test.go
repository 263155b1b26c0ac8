package feeds

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/generator/internal/buildtest"
	"github.com/uptimus/uptimus/generator/paths"
	"github.com/uptimus/uptimus/internal/testfs"

	"github.com/mmcdole/gofeed"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/publish"
)

// build renders opt into a fresh folder and returns it.
func build(t *testing.T, opt fixture) string {
	return buildtest.Dir(t, func(pub *publish.Publisher) error { return buildAll(opt, pub) })
}

// files maps every file under dir (slash paths) to its bytes.
func files(t *testing.T, dir string) map[string][]byte { return testfs.Tree(t, dir) }

func parse(t *testing.T, dir, rel string) *gofeed.Feed {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: gofeed: %v\n%s", rel, err, data)
	}
	return f
}

func TestBuildWritesEveryFeed(t *testing.T) {
	got := files(t, build(t, fixtureOptions()))
	var want []string
	for _, base := range []string{
		"feed", "category/developer-tools/feed", "category/communication/feed", "category/empty/feed",
		"status/acme/feed", "status/acme/updates", "status/newbie/feed", "status/newbie/updates",
		"status/pusher/feed", "status/pusher/updates",
	} {
		for _, f := range paths.Formats {
			want = append(want, base+"."+string(f))
		}
	}
	// Components that had an incident get one brief RSS feed; pusher's
	// api, which never had one, gets none.
	for _, c := range []string{"ws", "rest", "g1", "dash"} {
		want = append(want, "status/acme/components/"+c+"/feed.rss")
	}
	var names []string
	for n := range got {
		names = append(names, n)
	}
	slices.Sort(names)
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("files:\n got %q\nwant %q", names, want)
	}
}

// TestFeedsReadBack reads every format of the provider feed with an
// independent parser and checks ids, dates, links and content.
func TestFeedsReadBack(t *testing.T) {
	dir := build(t, fixtureOptions())
	base := "https://example.org/uptimus"
	wantIDs := []string{
		"tag:example.org,2026:acme/incidents/inc-open",
		"tag:example.org,2026:acme/incidents/m-soon",
		"tag:example.org,2026:acme/incidents/inc.2F.2E.2E.2F.2E.2E.2F.2E.2E.2Fevil",
		"tag:example.org,2026:acme/incidents/stale-1",
	}
	wantVersion := map[paths.Format]string{paths.RSS: "2.0", paths.Atom: "1.0", paths.JSON: JSONFeedVersion}
	for _, f := range paths.Formats {
		t.Run(string(f), func(t *testing.T) {
			feed := parse(t, dir, "status/acme/feed."+string(f))
			if feed.FeedVersion != wantVersion[f] {
				t.Errorf("version %q, want %q", feed.FeedVersion, wantVersion[f])
			}
			if feed.Link != base+"/status/acme/" {
				t.Errorf("feed link %q", feed.Link)
			}
			if f != paths.JSON && feed.Language != "en" {
				t.Errorf("language %q, want en", feed.Language)
			}
			if feed.FeedLink != base+"/status/acme/feed."+string(f) {
				t.Errorf("self link %q", feed.FeedLink)
			}
			if feed.UpdatedParsed == nil || !feed.UpdatedParsed.Equal(at(30, 15, 10)) {
				t.Errorf("feed updated %v, want the newest entry's %v", feed.UpdatedParsed, at(30, 15, 10))
			}
			var ids []string
			for _, it := range feed.Items {
				ids = append(ids, it.GUID)
			}
			if !slices.Equal(ids, wantIDs) {
				t.Fatalf("ids %q, want %q", ids, wantIDs)
			}
			open := feed.Items[0]
			if open.Title != "Acme Cloud: Elevated WebSocket errors in EU" {
				t.Errorf("title %q", open.Title)
			}
			if open.Link != base+"/status/acme/incidents/inc-open/" {
				t.Errorf("link %q", open.Link)
			}
			if open.PublishedParsed == nil || !open.PublishedParsed.Equal(at(30, 14, 0)) {
				t.Errorf("published %v", open.PublishedParsed)
			}
			if f != paths.RSS && (open.UpdatedParsed == nil || !open.UpdatedParsed.Equal(at(30, 15, 10))) {
				t.Errorf("updated %v, want the newest update's time", open.UpdatedParsed)
			}
			// The item holds the facts and the latest update, its markdown
			// rendered as on the page; the earlier updates are a link away.
			for _, w := range []string{"Major impact", "Ongoing", "Affected components: WebSocket API (Channels)",
				"We found the <strong>cause</strong>.<br>\nA fix is rolling out.", "1 earlier update on the incident page",
				`datetime="2026-07-30T15:10:00Z"`, `href="https://status.acme.example/incidents/inc-open"`} {
				if !strings.Contains(open.Content, w) {
					t.Errorf("content lacks %q:\n%s", w, open.Content)
				}
			}
			if strings.Contains(open.Content, "We are investigating") || strings.Contains(open.Content, "**") {
				t.Errorf("item holds an earlier update or raw markdown:\n%s", open.Content)
			}
			stale := feed.Items[3]
			if !strings.Contains(stale.Content, "Never marked resolved") || strings.Contains(stale.Content, "Ongoing") {
				t.Errorf("stale incident shown as ongoing:\n%s", stale.Content)
			}
		})
	}
}

func TestJSONFeedIsVersion11(t *testing.T) {
	dir := build(t, fixtureOptions())
	data := files(t, dir)["status/newbie/feed.json"]
	for _, w := range []string{`"version":"https://jsonfeed.org/version/1.1"`, `"authors":[{"name":"Uptimus"`, `"items":[]`, `"feed_url":"https://example.org/uptimus/status/newbie/feed.json"`} {
		if !bytes.Contains(data, []byte(w)) {
			t.Errorf("newbie feed.json lacks %s:\n%s", w, data)
		}
	}
	if bytes.Contains(data, []byte(`"author":`)) {
		t.Errorf("deprecated author field written:\n%s", data)
	}
}

// TestIDsFollowTheHost: ids are tag URIs under the site's own host (RFC
// 4151: only the owner of a name mints tags under it), the same whatever
// the site's path or scheme there, and never of another host.
func TestIDsFollowTheHost(t *testing.T) {
	a := fixtureOptions()
	same := fixtureOptions()
	same.BaseURL = "http://EXAMPLE.org:8080/elsewhere/"
	other := fixtureOptions()
	other.BaseURL = "https://status.example.com"
	da, ds, do := build(t, a), build(t, same), build(t, other)
	for _, rel := range []string{"feed.atom", "status/acme/updates.json", "status/acme/components/g1/feed.rss"} {
		fa, fs, fo := parse(t, da, rel), parse(t, ds, rel), parse(t, do, rel)
		if len(fa.Items) == 0 || len(fa.Items) != len(fs.Items) || len(fa.Items) != len(fo.Items) {
			t.Fatalf("%s: %d, %d and %d items", rel, len(fa.Items), len(fs.Items), len(fo.Items))
		}
		for i := range fa.Items {
			if fa.Items[i].GUID != fs.Items[i].GUID {
				t.Errorf("%s: id %q became %q on the same host", rel, fa.Items[i].GUID, fs.Items[i].GUID)
			}
			if want := strings.Replace(fa.Items[i].GUID, "tag:example.org,", "tag:status.example.com,", 1); fo.Items[i].GUID != want {
				t.Errorf("%s: id on another host %q, want %q", rel, fo.Items[i].GUID, want)
			}
			if !strings.HasPrefix(fo.Items[i].Link, "https://status.example.com/status/") {
				t.Errorf("%s: link %q ignores the base URL", rel, fo.Items[i].Link)
			}
		}
	}
}

func TestTwoBuildsAreByteIdentical(t *testing.T) {
	testfs.Same(t, build(t, fixtureOptions()), build(t, fixtureOptions()))
}

func TestHostileContentIsEscaped(t *testing.T) {
	dir := build(t, fixtureOptions())
	for name, data := range files(t, dir) {
		for _, bad := range []string{"<script", "<img", "<b>", "\x00", "\x0b"} {
			if bytes.Contains(data, []byte(bad)) {
				t.Errorf("%s: raw %q in file", name, bad)
			}
		}
	}
	for _, f := range paths.Formats {
		// The updates feed has the hostile update as an item of its own.
		feed := parse(t, dir, "status/acme/updates."+string(f))
		var evil *gofeed.Item
		for _, it := range feed.Items {
			if strings.Contains(it.GUID, "evil") && strings.Contains(it.Content, "Fixed.") {
				evil = it
			}
		}
		if evil == nil {
			t.Fatalf("%s: evil incident missing", f)
		}
		// After one level of decoding, markup from the vendor is still text.
		for _, bad := range []string{"<script", "<img", `href="javascript`} {
			if strings.Contains(evil.Content, bad) {
				t.Errorf("%s: content holds %q:\n%s", f, bad, evil.Content)
			}
		}
		if !strings.Contains(evil.Content, "Fixed.<br>") {
			t.Errorf("%s: escaped body missing:\n%s", f, evil.Content)
		}
		if !strings.HasPrefix(evil.Title, "Acme Cloud: Login failures <script>alert(1)</script>") {
			t.Errorf("%s: title %q (titles are plain text)", f, evil.Title)
		}
	}
}

func TestComponentFeedsHoldOnlyTheirIncidents(t *testing.T) {
	dir := build(t, fixtureOptions())
	tests := []struct {
		comp string
		want []string
	}{
		{"ws", []string{"inc-open"}},
		{"rest", []string{"inc.2F.2E.2E.2F.2E.2E.2F.2E.2E.2Fevil"}},
		{"g1", []string{"inc-open", "inc.2F.2E.2E.2F.2E.2E.2F.2E.2E.2Fevil"}}, // group: its children's incidents
		{"dash", []string{"stale-1"}},                                         // affected by name only
	}
	for _, tt := range tests {
		feed := parse(t, dir, "status/acme/components/"+tt.comp+"/feed.rss")
		var got []string
		for _, it := range feed.Items {
			got = append(got, strings.TrimPrefix(it.GUID, "tag:example.org,2026:acme/incidents/"))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.comp, got, tt.want)
		}
	}
	// Items summarise and link; the story is on the incident page.
	for _, it := range parse(t, dir, "status/acme/components/ws/feed.rss").Items {
		if it.Content != "" || it.Description == "" || !strings.HasPrefix(it.Link, "https://example.org/uptimus/status/acme/incidents/") {
			t.Errorf("component item: content %q, description %q, link %q", it.Content, it.Description, it.Link)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "status/pusher/components/api/feed.rss")); err == nil {
		t.Errorf("pusher api never had an incident, yet has a feed")
	}
}

func TestUpdatesFeedHasOneItemPerUpdate(t *testing.T) {
	dir := build(t, fixtureOptions())
	feed := parse(t, dir, "status/acme/updates.atom")
	var ids []string
	for _, it := range feed.Items {
		ids = append(ids, strings.TrimPrefix(it.GUID, "tag:example.org,2026:acme/incidents/"))
	}
	up := adapters.Update{Status: "investigating", Body: "Looking.", CreatedAt: at(5, 0, 0)}
	want := []string{"inc-open/updates/u2", "inc-open/updates/u1", "m-soon/updates/mu1",
		"inc.2F.2E.2E.2F.2E.2E.2F.2E.2E.2Fevil/updates/e3", "inc.2F.2E.2E.2F.2E.2E.2F.2E.2E.2Fevil/updates/e2",
		"stale-1/updates/" + paths.UpdateSegment(&up)}
	if !slices.Equal(ids, want) {
		t.Fatalf("ids %q\nwant %q", ids, want)
	}
	if !strings.HasPrefix(paths.UpdateSegment(&up), "h") || len(paths.UpdateSegment(&up)) != 17 {
		t.Errorf("id-less update segment %q", paths.UpdateSegment(&up))
	}
	first := feed.Items[0]
	if first.Title != "Acme Cloud: Elevated WebSocket errors in EU (Identified)" || !first.UpdatedParsed.Equal(at(30, 15, 10)) {
		t.Errorf("first update: %q at %v", first.Title, first.UpdatedParsed)
	}
	if strings.Contains(first.Content, "We are investigating") {
		t.Errorf("an update item holds another update's body:\n%s", first.Content)
	}
}

func TestCategoryAndGlobalFeeds(t *testing.T) {
	dir := build(t, fixtureOptions())
	if n := len(parse(t, dir, "category/developer-tools/feed.rss").Items); n != 4 {
		t.Errorf("developer-tools: %d items, want acme's 4", n)
	}
	// Nothing dates an empty category: its feeds say when the site began
	// to know anything (the earliest first check, acme's).
	for _, f := range paths.Formats[:2] {
		empty := parse(t, dir, "category/empty/feed."+string(f))
		if len(empty.Items) != 0 || empty.UpdatedParsed == nil || !empty.UpdatedParsed.Equal(at(1, 0, 0)) {
			t.Errorf("empty category %s: %d items, updated %v, want %v", f, len(empty.Items), empty.UpdatedParsed, at(1, 0, 0))
		}
	}
	if l := parse(t, dir, "category/communication/feed.json").Link; l != "https://example.org/uptimus/category/communication/" {
		t.Errorf("category link %q", l)
	}
	all := parse(t, dir, "feed.json")
	if len(all.Items) != 4 || all.Link != "https://example.org/uptimus/" {
		t.Errorf("all: %d items, link %q", len(all.Items), all.Link)
	}
}

func TestFeedsAreBounded(t *testing.T) {
	opt := fixtureOptions()
	h := &history.History{Slug: "pusher"}
	for i := range 120 {
		when := at(1, 0, 0).Add(time.Duration(i) * time.Hour)
		h.Incidents = append(h.Incidents, adapters.Incident{
			ID: fmt.Sprintf("i%03d", i), Kind: adapters.KindIncident, Title: "Blip", Impact: adapters.ImpactMinor,
			Status: "resolved", CreatedAt: when, ResolvedAt: when.Add(time.Minute),
			Updates: []adapters.Update{{ID: fmt.Sprintf("u%03d", i), Status: "resolved", Body: "ok", CreatedAt: when.Add(time.Minute)}},
		})
	}
	opt.Histories["pusher"] = h
	dir := build(t, opt)
	for rel, want := range map[string]int{"status/pusher/feed.rss": ProviderItems, "status/pusher/updates.json": ProviderItems, "feed.atom": MaxItems} {
		feed := parse(t, dir, rel)
		if len(feed.Items) != want {
			t.Errorf("%s: %d items, want %d", rel, len(feed.Items), want)
		}
	}
	if g := parse(t, dir, "status/pusher/feed.json").Items[0].GUID; g != "tag:example.org,2026:pusher/incidents/i119" {
		t.Errorf("newest item %q", g)
	}
	ups := parse(t, dir, "status/pusher/updates.json").Items
	if first, last := ups[0].GUID, ups[len(ups)-1].GUID; first != "tag:example.org,2026:pusher/incidents/i119/updates/u119" ||
		last != "tag:example.org,2026:pusher/incidents/i110/updates/u110" {
		t.Errorf("updates feed runs from %q to %q, want the newest 10", first, last)
	}
}

func TestBuildErrors(t *testing.T) {
	if err := buildAll(fixture{}, publish.New(t.TempDir())); err == nil {
		t.Error("no catalogue: want an error")
	}
	opt := fixtureOptions()
	opt.BaseURL = "nope"
	if err := buildAll(opt, publish.New(t.TempDir())); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("bad base URL: %v", err)
	}
	opt = fixtureOptions()
	opt.Histories["acme"].Incidents[0].ID = ""
	if err := buildAll(opt, publish.New(t.TempDir())); err == nil || !strings.Contains(err.Error(), "acme") {
		t.Errorf("empty incident id: %v", err)
	}
}

// TestUndatedFeedsGetAPlausibleDate: a feed without entries is dated by
// the first check of what it is about, else by the earliest first check of
// any provider, and, in a build with no data at all, by the build's UTC
// day, never by the Unix epoch.
func TestUndatedFeedsGetAPlausibleDate(t *testing.T) {
	opt := fixtureOptions()
	dir := build(t, opt)
	tests := []struct {
		rel  string
		want time.Time
	}{
		{"status/newbie/feed", at(1, 0, 0)},           // first fetch failed: no history
		{"status/newbie/updates", at(1, 0, 0)},        // likewise
		{"status/pusher/feed", at(29, 6, 0)},          // its first check
		{"category/communication/feed", at(29, 6, 0)}, // its providers' first check
	}
	for _, tt := range tests {
		for _, f := range paths.Formats[:2] {
			feed := parse(t, dir, tt.rel+"."+string(f))
			if feed.UpdatedParsed == nil || !feed.UpdatedParsed.Equal(tt.want) {
				t.Errorf("%s.%s: updated %v, want %v", tt.rel, f, feed.UpdatedParsed, tt.want)
			}
		}
	}
	// A build with no data at all: every feed says the build's day.
	opt.Histories = nil
	for rel, data := range files(t, build(t, opt)) {
		if strings.HasSuffix(rel, ".json") {
			continue
		}
		if bytes.Contains(data, []byte("1970")) || !bytes.Contains(data, []byte("2026-07-30T00:00:00Z")) && !bytes.Contains(data, []byte("Thu, 30 Jul 2026 00:00:00 +0000")) {
			t.Errorf("%s of a build without data is not dated by its day:\n%s", rel, data)
		}
	}
}

// TestEveryTextIsCleaned puts C1 control characters (which XML 1.0 allows
// but the W3C Feed Validator rejects as mis-encoded text) and C0 ones into
// every text a feed shows: provider, category and component names, titles,
// statuses and bodies. None may reach any feed, in any format.
func TestEveryTextIsCleaned(t *testing.T) {
	const c1 = "\u0085\u009b"
	opt := fixtureOptions()
	opt.Catalog.Providers[0].Name += c1 + "\x01"
	opt.Catalog.Categories[0].Name += c1
	acme := opt.Histories["acme"]
	acme.State.Components[1].Name += c1
	inc := &acme.Incidents[0]
	inc.Title += c1
	inc.Status += c1
	inc.Components[0].Name += c1
	inc.Updates[0].Body += c1 + "\x7f"
	inc.Updates[0].Status += c1
	dir := build(t, opt)
	checked := 0
	for rel, data := range files(t, dir) {
		checked++
		for _, r := range string(data) {
			if r >= 0x80 && r <= 0x9f || r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
				t.Errorf("%s: control character %U", rel, r)
				break
			}
		}
	}
	if feed := parse(t, dir, "status/acme/updates.json"); !strings.HasPrefix(feed.Items[0].Title, "Acme Cloud: Elevated") {
		t.Errorf("title %q lost its text with its control characters", feed.Items[0].Title)
	}
	if checked < 30 {
		t.Errorf("checked %d files", checked)
	}
}

// TestUpdateItemsLinkToTheirUpdate: an item of an updates feed links to the
// update's anchor on the incident page, named as its id ends.
func TestUpdateItemsLinkToTheirUpdate(t *testing.T) {
	dir := build(t, fixtureOptions())
	for _, f := range paths.Formats {
		for _, it := range parse(t, dir, "status/acme/updates."+string(f)).Items {
			page, anchor, ok := strings.Cut(it.Link, "#")
			_, seg, _ := strings.Cut(it.GUID, "/updates/")
			if !ok || anchor != "update-"+seg || !strings.HasPrefix(page, "https://example.org/uptimus/status/acme/incidents/") {
				t.Errorf("%s: item %s links to %s", f, it.GUID, it.Link)
			}
		}
	}
}

// A cancelled window reads as cancelled in every format, never as one
// that ran: no "Completed", no "Ended", and the reason in words.
func TestCancelledWindowsReadCancelled(t *testing.T) {
	f := fixtureOptions()
	f.Histories["acme"].Incidents = append(f.Histories["acme"].Incidents, buildtest.CancelledWindows()...)
	dir := build(t, f)
	wants := map[string][]string{
		"m-off":  {"Maintenance. Cancelled. The provider cancelled this maintenance before it was due to start.", "Cancelled: "},
		"m-gone": {"Maintenance. Cancelled. The provider withdrew this maintenance", "Withdrawn: no longer listed by the provider at "},
	}
	for _, format := range paths.Formats {
		feed := parse(t, dir, "status/acme/feed."+string(format))
		seen := 0
		for _, it := range feed.Items {
			id := it.GUID[strings.LastIndex(it.GUID, "/")+1:]
			want, ok := wants[id]
			if !ok {
				continue
			}
			seen++
			body := it.Description + " " + it.Content
			for _, w := range want {
				if !strings.Contains(body, w) {
					t.Errorf("%s %s: no %q in\n%s", format, id, w, body)
				}
			}
			for _, bad := range []string{"Completed", "Ended:", "Started:", "Scheduled."} {
				if strings.Contains(body, bad) {
					t.Errorf("%s %s: says %q:\n%s", format, id, bad, body)
				}
			}
			if format == paths.JSON && !slices.Contains(it.Categories, "cancelled") {
				t.Errorf("json %s: tags %q, want cancelled", id, it.Categories)
			}
		}
		if seen != len(wants) {
			t.Errorf("%s: %d cancelled windows listed, want %d", format, seen, len(wants))
		}
	}
}

// A feed summary says the vendor's last word as plain text: a real Google
// Cloud report (the start of the first update of
// testdata/real/gcp/incidents-2026-07-subset-2-markdown-incident-reports.json)
// opens with escaped headings, which must not reach the summary as "\#".
func TestSummaryIsPlainWholeSentences(t *testing.T) {
	opt := fixtureOptions()
	h := opt.Histories["acme"]
	inc := &h.Incidents[0]
	inc.Updates[0].Body = "## \\# Incident Report\n## \\#\\# Summary\nOn Wednesday, 15 July 2026, Google Cloud VMware Engine (GCVE), Bare Metal Solution (BMS), and Google Cloud NetApp Volumes (GCNV) experienced service interruptions for a total duration of 14 hours, 55 minutes.\nThe root cause for this outage is a 3ms voltage drop in the power feed from the utility provider and subsequent utility breaker protective action."
	dir := build(t, opt)
	want := "Latest: On Wednesday, 15 July 2026, Google Cloud VMware Engine (GCVE), Bare Metal Solution (BMS), and Google Cloud NetApp Volumes (GCNV) experienced service interruptions for a total duration of 14 hours, 55 minutes."
	for _, f := range paths.Formats {
		feed := parse(t, dir, "status/acme/feed."+string(f))
		found := false
		for _, it := range feed.Items {
			if strings.HasSuffix(it.GUID, "/incidents/"+inc.ID) {
				found = true
				if !strings.HasSuffix(it.Description, want) || strings.Contains(it.Description, `\#`) {
					t.Errorf("%s: summary %q, want it to end %q", f, it.Description, want)
				}
			}
		}
		if !found {
			t.Errorf("%s: no item of %s", f, inc.ID)
		}
	}
}

// An entry an active-only page stopped listing is told as resolved as
// observed, not as the vendor's resolution.
func TestPhaseLabelSaysResolvedAsObserved(t *testing.T) {
	in := &adapters.Incident{Kind: adapters.KindIncident, Status: "investigating", ResolvedAt: time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)}
	if got := phaseLabel(model.PhaseResolved, in); got != "Investigating" {
		t.Errorf("vendor's word: %q", got)
	}
	in.ResolvedAsObserved = true
	if got := phaseLabel(model.PhaseResolved, in); !strings.HasPrefix(got, "Resolved as observed") {
		t.Errorf("resolved as observed: %q", got)
	}
}
