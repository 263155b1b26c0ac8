package history

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/azure"
)

// azureItem is the Front Door item of adapters/azure/testdata/two-items.xml,
// with the text and a10:updated given: Azure edits an issue's one text in
// place, and only a10:updated says when.
func azureItem(updated, status string) []byte {
	up := ""
	if updated != "" {
		up = "<a10:updated>" + updated + "</a10:updated>"
	}
	return []byte(`<?xml version="1.0" encoding="utf-8"?>
<rss xmlns:a10="http://www.w3.org/2005/Atom" version="2.0"><channel><title>Azure Status</title>
<item><guid isPermaLink="false">QKNQ-TZ8</guid><link>https://azure.status.microsoft/en-us/status/</link>
<title>Azure Front Door - Outage affecting multiple regions</title>
<description>&lt;p&gt;&lt;strong&gt;Impact Statement:&lt;/strong&gt; Starting at 16:00 UTC on 29 Jul 2026, customers using Azure Front Door may experience connection failures.&lt;/p&gt;&lt;p&gt;&lt;strong&gt;Current Status:&lt;/strong&gt; ` + status + `&lt;/p&gt;</description>
<pubDate>Wed, 29 Jul 2026 16:45:00 Z</pubDate>` + up + `</item></channel></rss>`)
}

// An Azure edit in place is an update of its own, dated by the edit: the
// earlier text stays in the history with its own time.
func TestAzureEditInPlaceIsKept(t *testing.T) {
	const page = "https://azure.status.microsoft"
	h := &History{Slug: "azure"}
	runs := []struct {
		at   time.Time
		body []byte
	}{
		{time.Date(2026, 7, 29, 17, 0, 0, 0, time.UTC), azureItem("", "We are investigating.")},
		{time.Date(2026, 7, 29, 17, 45, 0, 0, time.UTC), azureItem("2026-07-29T17:40:00Z", "We are rolling back a configuration change.")},
	}
	for _, r := range runs {
		snap, err := azure.New().Fetch(context.Background(), feedBody(r.body), adapters.Page{Slug: "azure", URL: page})
		if err != nil {
			t.Fatal(err)
		}
		snap.FetchedAt = r.at
		Merge(h, snap)
	}
	if len(h.Incidents) != 1 {
		t.Fatalf("%d incidents, want 1", len(h.Incidents))
	}
	ups := h.Incidents[0].Updates
	want := []struct {
		at   time.Time
		text string
	}{
		{time.Date(2026, 7, 29, 17, 40, 0, 0, time.UTC), "rolling back"},
		{time.Date(2026, 7, 29, 16, 45, 0, 0, time.UTC), "investigating"},
	}
	if len(ups) != len(want) {
		t.Fatalf("%d updates, want %d: %+v", len(ups), len(want), ups)
	}
	for i, w := range want {
		if !ups[i].CreatedAt.Equal(w.at) || !strings.Contains(ups[i].Body, w.text) {
			t.Errorf("update %d: %s %q, want %s and %q", i, ups[i].CreatedAt, ups[i].Body, w.at, w.text)
		}
	}
	if inc := h.Incidents[0]; !inc.CreatedAt.Equal(want[1].at) || inc.Kind != adapters.KindIncident {
		t.Errorf("incident created %s, want the first posting %s", inc.CreatedAt, want[1].at)
	}
}

// feedBody answers every request with one feed.
type feedBody []byte

func (b feedBody) Get(context.Context, string) ([]byte, error) { return b, nil }
