package azure

import (
	"os"
	"strings"
	"testing"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/adaptertest"
)

const pageURL = "https://azure.status.microsoft"

// read fetches the page whose feed is body and checks its snapshot.
func read(t *testing.T, body []byte) *adapters.Snapshot {
	t.Helper()
	snap := adaptertest.Fetch(t, New(), adaptertest.MapFetcher{pageURL + "/en-us/status/feed/": body}, pageURL)
	checkIssues(t, snap)
	return snap
}

// checkIssues: every listed issue is open, placed in time and has one
// update with no raw HTML; there are no components.
func checkIssues(t testing.TB, snap *adapters.Snapshot) {
	t.Helper()
	if snap.Components == nil || snap.Incidents == nil {
		t.Errorf("snapshot = %+v", snap)
	}
	for _, inc := range snap.Incidents {
		if !inc.Open() || len(inc.Updates) != 1 || inc.StartedAt.IsZero() {
			t.Errorf("%s: every listed issue is open, with a time and one update", inc.ID)
			continue
		}
		if strings.Contains(inc.Updates[0].Body, "<script") {
			t.Errorf("%s: raw HTML in body", inc.ID)
		}
	}
}

func TestRealEmptyChannelIsHealthy(t *testing.T) {
	snap := read(t, adaptertest.Real(t, "azure/status-feed-empty-channel-2026-07-31.xml"))
	if snap.Status != adapters.Operational || snap.Description != "" || len(snap.Incidents) != 0 || len(snap.Components) != 0 {
		t.Errorf("empty channel = %+v", snap)
	}
	adaptertest.Golden(t, "real-empty-channel", snap)
}

func TestWrittenTwoItems(t *testing.T) {
	snap := read(t, adaptertest.Testdata(t, "two-items.xml"))
	if len(snap.Incidents) != 2 {
		t.Fatalf("incidents = %d, want 2", len(snap.Incidents))
	}
	// The outage makes it a partial outage, not just degraded.
	if snap.Status != adapters.PartialOutage || snap.Description != "" {
		t.Errorf("overall = %s %q", snap.Status, snap.Description)
	}

	vm, afd := snap.Incidents[0], snap.Incidents[1]
	if vm.ID != "2LGD-9VG" || vm.Title != "Virtual Machines - Degraded performance in West Europe" || vm.Impact != adapters.ImpactMinor ||
		!vm.StartedAt.Equal(adaptertest.UTC("2026-07-30T08:30:00Z")) || !vm.CreatedAt.Equal(adaptertest.UTC("2026-07-30T09:10:00Z")) || !vm.UpdatedAt.Equal(vm.CreatedAt) ||
		vm.URL != "https://azure.status.microsoft/en-us/status/history/?trackingId=2LGD-9VG" || vm.Status != "active" {
		t.Errorf("vm = %+v", vm)
	}
	wantVM := "**Impact Statement:** Starting at 08:30 UTC on 30 Jul 2026, a subset of customers in _West Europe_ may see increased latency when starting VMs.\n\n" +
		"- Existing VMs are not affected.\n- Retries are likely to succeed.\n\n" +
		"See [the FAQ](https://aka.ms/azurestatus-faq) or this.\n\n" +
		`Use \*only\* the \[portal\] \<not HTML\>.`
	if vm.Updates[0].Body != wantVM {
		t.Errorf("vm body:\n%s\nwant:\n%s", vm.Updates[0].Body, wantVM)
	}
	if vm.Updates[0].ID != "2LGD-9VG-1785402600" {
		t.Errorf("vm update id = %s", vm.Updates[0].ID)
	}

	if afd.ID != "QKNQ-TZ8" || afd.Impact != adapters.ImpactMajor || !afd.StartedAt.Equal(adaptertest.UTC("2026-07-29T16:00:00Z")) || !afd.UpdatedAt.Equal(adaptertest.UTC("2026-07-29T17:40:00Z")) {
		t.Errorf("front door = %+v", afd)
	}
	wantAFD := "**Impact Statement:** Starting at 16:00 UTC on 29 Jul 2026, customers using Azure Front Door may experience connection failures & timeouts.\n\n" +
		"**Current Status:** We have identified a configuration change as the cause and are rolling it back.\nThe next update will be provided in 60 minutes."
	if afd.Updates[0].Body != wantAFD {
		t.Errorf("front door body:\n%s\nwant:\n%s", afd.Updates[0].Body, wantAFD)
	}
	adaptertest.Golden(t, "written-two-items", snap)
}

// The start Azure states in the impact statement is the incident's start,
// when it reads as a time no later than the posting and not long before.
func TestStatedStart(t *testing.T) {
	posted := adaptertest.UTC("2026-07-29T16:45:00Z")
	tests := []struct{ text, want string }{
		{"Impact Statement: Starting at 16:00 UTC on 29 Jul 2026, customers using Azure Front Door may experience errors.", "2026-07-29T16:00:00Z"},
		{"Impact Statement: Starting at 23:10 UTC on 28 July 2026, a subset of customers", "2026-07-28T23:10:00Z"},
		{"Impact Statement: Between 09:00 UTC on 29 Jul 2026 and 10:00 UTC", ""},
		{"Impact Statement: Starting at 17:00 UTC on 29 Jul 2026, later than posted", ""},
		{"Impact Statement: Starting at 16:00 UTC on 29 Jul 2025, a year before", ""},
		{"Impact Statement: Starting at 25:00 UTC on 29 Jul 2026", ""},
		{"Investigating.", ""},
	}
	for _, tt := range tests {
		got := statedStart(tt.text, posted)
		if tt.want == "" && !got.IsZero() || tt.want != "" && !got.Equal(adaptertest.UTC(tt.want)) {
			t.Errorf("statedStart(%q) = %v, want %q", tt.text, got, tt.want)
		}
	}
}

func TestOneDegradedItem(t *testing.T) {
	snap := read(t, []byte(`<rss version="2.0"><channel><item><title>Storage - Intermittent errors</title>
<pubDate>Fri, 31 Jul 2026 00:12:00 Z</pubDate><description>Investigating.</description></item>
<item><title>no date: dropped</title></item></channel></rss>`))
	if snap.Status != adapters.Degraded || snap.Description != "" || len(snap.Incidents) != 1 {
		t.Fatalf("snapshot = %+v", snap)
	}
	if inc := snap.Incidents[0]; inc.ID != "azure-1785456720" || inc.Updates[0].Body != "Investigating." {
		t.Errorf("incident without guid = %+v", inc)
	}
}

func TestFeedURL(t *testing.T) {
	for page, want := range map[string]string{
		"https://azure.status.microsoft":                      "https://azure.status.microsoft/en-us/status/feed/",
		"https://azure.status.microsoft/":                     "https://azure.status.microsoft/en-us/status/feed/",
		"https://azure.status.microsoft/en-gb/status":         "https://azure.status.microsoft/en-gb/status/feed/",
		"https://azure.status.microsoft/en-us/status/feed/":   "https://azure.status.microsoft/en-us/status/feed/",
		"https://azure.status.microsoft/en-us/status/history": "https://azure.status.microsoft/en-us/status/feed/",
	} {
		if got := feedURL(page); got != want {
			t.Errorf("feedURL(%q) = %s, want %s", page, got, want)
		}
	}
}

func TestErrorsNameTheURL(t *testing.T) {
	url := pageURL + "/en-us/status/feed/"
	tests := []adaptertest.Failure{
		{Name: "503", F: adaptertest.ErrorFetcher{Fail: map[string]int{url: 503}}, URL: url, Say: "503"},
		{Name: "HTML", F: adaptertest.MapFetcher{url: []byte("<!DOCTYPE html><html lang=\"en\"><head><title>Azure status</title></head><body></body></html>")}, URL: url, Say: "HTML"},
		{Name: "JSON", F: adaptertest.MapFetcher{url: []byte(`{"status": "ok"}`)}, URL: url, Say: "RSS"},
		{Name: "no channel", F: adaptertest.MapFetcher{url: []byte(`<rss version="2.0"/>`)}, URL: url, Say: "channel"},
		{Name: "truncated", F: adaptertest.MapFetcher{url: []byte(`<rss version="2.0"><channel><title>Azure`)}, URL: url, Say: "RSS"},
		{Name: "empty", F: adaptertest.MapFetcher{url: []byte{}}, URL: url, Say: "empty"},
	}
	adaptertest.FetchFailures(t, New(), pageURL, tests)
}

func TestNameAndCapabilities(t *testing.T) {
	a := New()
	if a.Name() != "azure" {
		t.Errorf("Name = %s", a.Name())
	}
	// The docs link is checked with every adapter's, in adapters/all.
	if a.Capabilities() != (adapters.Capabilities{Title: "Azure status feed", Docs: a.Capabilities().Docs, Listing: adapters.ListsActive, Self: true}) {
		t.Errorf("Capabilities = %+v, want nothing beyond current issues", a.Capabilities())
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(adaptertest.Real(f, "azure/status-feed-empty-channel-2026-07-31.xml"))
	if b, err := os.ReadFile("testdata/two-items.xml"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`<rss><channel><item><guid>a</guid><guid>b</guid><pubDate>1 Jan 2026 00:00 Z</pubDate><description>&lt;a href="https://x"&gt;&lt;b&gt;y</description></item><item><guid>a</guid><pubDate>1 Jan 2026 00:00 Z</pubDate></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		snap, err := decode(body)
		if err != nil {
			return
		}
		adaptertest.CheckContract(t, snap)
		checkIssues(t, snap)
	})
}
