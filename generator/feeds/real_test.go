package feeds

import (
	"strings"
	"testing"

	"github.com/uptimus/uptimus/generator/internal/realdata"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/paths"
)

// TestRealGitHubFeeds builds feeds from real data and reads them back: 50
// items at most, every one linking to its incident's page, and the 2020
// entries GitHub never closed not presented as ongoing.
func TestRealGitHubFeeds(t *testing.T) {
	opt := fixtureOptions()
	h, now := realdata.AddGitHub(t, opt.Catalog, opt.Histories)
	opt.Now = now
	dir := build(t, opt)
	// Incident pages, and each update's place on its page: updates feeds
	// link there.
	pages := map[string]bool{}
	for _, inc := range h.Incidents {
		p, err := paths.IncidentPage("github", inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		pages["https://example.org/uptimus"+p] = true
		for _, up := range inc.Updates {
			pages["https://example.org/uptimus"+p+"#"+paths.UpdateAnchor(&up)] = true
		}
	}
	for _, f := range paths.Formats {
		for _, rel := range []string{"status/github/feed.", "status/github/updates.", "feed."} {
			feed := parse(t, dir, rel+string(f))
			want := ProviderItems
			if rel == "feed." {
				want = MaxItems
			}
			if len(feed.Items) != want {
				t.Errorf("%s%s: %d items, want %d", rel, f, len(feed.Items), want)
			}
			for _, it := range feed.Items {
				if !pages[it.Link] && strings.Contains(rel, "github") || strings.Contains(rel, "updates") != strings.Contains(it.Link, "#update-") {
					t.Errorf("%s%s: item %s links to %s, no incident page", rel, f, it.GUID, it.Link)
				}
				if !strings.HasPrefix(it.GUID, "tag:example.org,2026:") || it.PublishedParsed == nil {
					t.Errorf("%s%s: item %q published %v", rel, f, it.GUID, it.PublishedParsed)
				}
				if strings.Contains(it.Content, "<script") {
					t.Errorf("%s%s: script in %s", rel, f, it.GUID)
				}
			}
		}
	}
	forgotten := 0
	for _, inc := range h.Incidents {
		if inc.CreatedAt.Year() == 2020 && inc.ResolvedAt.IsZero() {
			forgotten++
			if p := model.PhaseOf(&inc, opt.Now); p.Active() {
				t.Errorf("2020 entry %q never closed upstream is %s", inc.Title, p)
			}
		}
	}
	if forgotten == 0 {
		t.Error("the 2020 snapshot should leave entries GitHub never closed")
	}
}
