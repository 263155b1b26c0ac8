package feeds

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestHub: with a hub, every RSS and Atom feed links it and every JSON
// Feed lists it; without one, none does.
func TestHub(t *testing.T) {
	const hub = "https://hub.example/"
	opt := fixtureOptions()
	opt.Hub = hub
	got := files(t, build(t, opt))
	if len(got) == 0 {
		t.Fatal("no feeds")
	}
	for name, data := range got {
		switch {
		case strings.HasSuffix(name, ".rss"):
			if !strings.Contains(string(data), `<atom:link href="`+hub+`" rel="hub"></atom:link>`) {
				t.Errorf("%s: no atom:link rel=hub", name)
			}
		case strings.HasSuffix(name, ".atom"):
			if !strings.Contains(string(data), `<link href="`+hub+`" rel="hub"></link>`) {
				t.Errorf("%s: no link rel=hub", name)
			}
		case strings.HasSuffix(name, ".json"):
			var doc struct {
				Hubs []struct{ Type, URL string }
			}
			if err := json.Unmarshal(data, &doc); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if len(doc.Hubs) != 1 || doc.Hubs[0].Type != "WebSub" || doc.Hubs[0].URL != hub {
				t.Errorf("%s: hubs %+v", name, doc.Hubs)
			}
		}
	}
	for name, data := range files(t, build(t, fixtureOptions())) {
		if strings.Contains(string(data), `rel="hub"`) || strings.Contains(string(data), `"hubs"`) {
			t.Errorf("%s names a hub in a build without one", name)
		}
	}
	opt.Hub = "ftp://x"
	if _, err := New(opt.Options, nil); err == nil {
		t.Error("New accepted an ftp hub")
	}
}
