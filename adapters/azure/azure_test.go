package azure

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/adaptertest"
)

const pageURL = "https://azure.status.microsoft"

var page = adapters.Page{Slug: "azure", URL: pageURL}

func fetch(t *testing.T, body []byte) *adapters.Snapshot {
	t.Helper()
	f := adaptertest.MapFetcher{pageURL + "/en-us/status/feed/": body}
	snap, err := New().Fetch(context.Background(), f, page)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, snap)
	return snap
}

func utc(s string) time.Time {
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return v.UTC()
}

// checkInvariants holds for every snapshot the adapter may return.
func checkInvariants(t testing.TB, snap *adapters.Snapshot) {
	t.Helper()
	adaptertest.CheckContract(t, snap)
	if !snap.Status.Valid() || snap.Components == nil || snap.Incidents == nil {
		t.Errorf("snapshot = %+v", snap)
	}
	ids := map[string]bool{}
	for i, inc := range snap.Incidents {
		if i > 0 {
			prev := snap.Incidents[i-1]
			if prev.StartedAt.Before(inc.StartedAt) || (prev.StartedAt.Equal(inc.StartedAt) && prev.ID >= inc.ID) {
				t.Errorf("incidents %s and %s out of order", prev.ID, inc.ID)
			}
		}
		if ids[inc.ID] || inc.ID == "" {
			t.Errorf("incident id %q empty or repeated", inc.ID)
		}
		ids[inc.ID] = true
		if !inc.Open() || len(inc.Updates) != 1 {
			t.Errorf("%s: every listed issue is open with one update", inc.ID)
		}
		for _, v := range []time.Time{inc.CreatedAt, inc.StartedAt, inc.UpdatedAt, inc.Updates[0].CreatedAt} {
			if v.IsZero() || v.Location() != time.UTC {
				t.Errorf("%s: time %v is zero or not UTC", inc.ID, v)
			}
		}
		if strings.Contains(inc.Updates[0].Body, "<script") {
			t.Errorf("%s: raw HTML in body", inc.ID)
		}
	}
}

func TestRealEmptyChannelIsHealthy(t *testing.T) {
	snap := fetch(t, adaptertest.Real(t, "azure/status-feed-empty-channel-2026-07-31.xml"))
	if snap.Status != adapters.Operational || snap.Description != "" || len(snap.Incidents) != 0 || len(snap.Components) != 0 {
		t.Errorf("empty channel = %+v", snap)
	}
	adaptertest.Golden(t, "real-empty-channel", snap)
}

func TestWrittenTwoItems(t *testing.T) {
	body, err := os.ReadFile("testdata/two-items.xml")
	if err != nil {
		t.Fatal(err)
	}
	snap := fetch(t, body)
	if len(snap.Incidents) != 2 {
		t.Fatalf("incidents = %d, want 2", len(snap.Incidents))
	}
	// The outage makes it a partial outage, not just degraded.
	if snap.Status != adapters.PartialOutage || snap.Description != "" {
		t.Errorf("overall = %s %q", snap.Status, snap.Description)
	}

	vm, afd := snap.Incidents[0], snap.Incidents[1]
	if vm.ID != "2LGD-9VG" || vm.Title != "Virtual Machines - Degraded performance in West Europe" || vm.Impact != adapters.ImpactMinor ||
		!vm.StartedAt.Equal(utc("2026-07-30T09:10:00Z")) || !vm.UpdatedAt.Equal(vm.StartedAt) ||
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

	if afd.ID != "QKNQ-TZ8" || afd.Impact != adapters.ImpactMajor || !afd.StartedAt.Equal(utc("2026-07-29T16:45:00Z")) || !afd.UpdatedAt.Equal(utc("2026-07-29T17:40:00Z")) {
		t.Errorf("front door = %+v", afd)
	}
	wantAFD := "**Impact Statement:** Starting at 16:00 UTC on 29 Jul 2026, customers using Azure Front Door may experience connection failures & timeouts.\n\n" +
		"**Current Status:** We have identified a configuration change as the cause and are rolling it back.\nThe next update will be provided in 60 minutes."
	if afd.Updates[0].Body != wantAFD {
		t.Errorf("front door body:\n%s\nwant:\n%s", afd.Updates[0].Body, wantAFD)
	}
	adaptertest.Golden(t, "written-two-items", snap)
}

func TestOneDegradedItem(t *testing.T) {
	snap := fetch(t, []byte(`<rss version="2.0"><channel><item><title>Storage - Intermittent errors</title>
<pubDate>Fri, 31 Jul 2026 00:12:00 Z</pubDate><description>Investigating.</description></item>
<item><title>no date: dropped</title></item></channel></rss>`))
	if snap.Status != adapters.Degraded || snap.Description != "" || len(snap.Incidents) != 1 {
		t.Fatalf("snapshot = %+v", snap)
	}
	if inc := snap.Incidents[0]; inc.ID != "azure-1785456720" || inc.Updates[0].Body != "Investigating." {
		t.Errorf("incident without guid = %+v", inc)
	}
}

func TestHTMLToMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"<p>one</p><p>two</p>", "one\n\ntwo"},
		{"a<br/>b<br><br>c", "a\nb\n\nc"},
		{"<h2>Summary</h2>text", "## Summary\n\ntext"},
		{`<a href="https://example.com/a b">x</a>`, "[x](https://example.com/a%20b)"},
		{`<a href='http://e.com'></a>`, `[http://e.com](http://e.com)`},
		{`<a href="javascript:alert(1)">click</a>`, "click"},
		{`x<a href="https://e.com"><p>block</p></a>`, "x\n\nblock"},
		{"<b> bold </b>word", "**bold** word"},
		{"<b></b>x", "x"},
		{"<script>bad()</script>ok<style>p{}</style>", "ok"},
		{"<!-- note -->kept", "kept"},
		{"1 < 2 and 3 > 2", `1 \< 2 and 3 \> 2`},
		{"&lt;img src=x onerror=alert(1)&gt;", `\<img src=x onerror=alert(1)\>`},
		{"<img src=x onerror=alert(1)>text", "text"},
		{"a <span", "a"},
		{"<table><tr><td>a</td><td>b</td></tr></table>", "a b"},
		{"  spaced\n\n\n  out  ", "spaced out"},
	}
	for _, tt := range tests {
		if got := htmlToMarkdown(tt.in); got != tt.want {
			t.Errorf("htmlToMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
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
	tests := []struct {
		name string
		f    adapters.Fetcher
		want string
	}{
		{"503", adaptertest.ErrorFetcher{Fail: map[string]int{url: 503}}, "503"},
		{"HTML", adaptertest.MapFetcher{url: []byte("<!DOCTYPE html><html lang=\"en\"><head><title>Azure status</title></head><body></body></html>")}, "HTML"},
		{"JSON", adaptertest.MapFetcher{url: []byte(`{"status": "ok"}`)}, "RSS"},
		{"no channel", adaptertest.MapFetcher{url: []byte(`<rss version="2.0"/>`)}, "channel"},
		{"truncated", adaptertest.MapFetcher{url: []byte(`<rss version="2.0"><channel><title>Azure`)}, "RSS"},
		{"empty", adaptertest.MapFetcher{url: []byte{}}, "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New().Fetch(context.Background(), tt.f, page)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), url) || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "adapter azure: ") {
				t.Errorf("error %q should start with the adapter, name %s and say %q", err, url, tt.want)
			}
		})
	}
}

func TestNameAndCapabilities(t *testing.T) {
	a := New()
	if a.Name() != "azure" {
		t.Errorf("Name = %s", a.Name())
	}
	if a.Capabilities() != (adapters.Capabilities{}) {
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
		checkInvariants(t, snap)
	})
}

func FuzzHTMLToMarkdown(f *testing.F) {
	for _, s := range []string{"<p>a</p>", `<a href="https://x">y</a>`, "<b>x", "<script>", "<<>>", "<a href='http://a'><b>x</a></b>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := htmlToMarkdown(s)
		// No tag survives: every '<' left in the text is escaped.
		for i := 0; i < len(out); i++ {
			if out[i] == '<' && (i == 0 || out[i-1] != '\\') {
				t.Fatalf("unescaped '<' in %q from %q", out, s)
			}
		}
	})
}

// A large description must convert in linear time: the converter trims its
// output in place instead of copying it at every tag.
func TestHTMLToMarkdownLarge(t *testing.T) {
	in := strings.Repeat("<p>x <b>y</b><br></p>", 50000)
	start := time.Now()
	out := htmlToMarkdown(in)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("%d bytes took %v", len(in), d)
	}
	if !strings.HasPrefix(out, "x **y**\n\nx **y**") {
		t.Errorf("out = %.40q", out)
	}
}
