package paths

import (
	"regexp"
	"testing"
)

func TestNewLinks(t *testing.T) {
	tests := []struct {
		in, abs, path, origin string
		bad                   bool
	}{
		{"", "https://uptimus.github.io/status/a/", "/status/a/", "https://uptimus.github.io", false},
		{"https://example.org/", "https://example.org/status/a/", "/status/a/", "https://example.org", false},
		{"https://example.org/sub/", "https://example.org/sub/status/a/", "/sub/status/a/", "https://example.org", false},
		{"https://user.github.io/uptimus//", "https://user.github.io/uptimus/status/a/", "/uptimus/status/a/", "https://user.github.io", false},
		{"example.org", "", "", "", true},
		{"/relative", "", "", "", true},
		{"ftp://example.org", "", "", "", true},
		{"https://example.org/?q=1", "", "", "", true},
	}
	for _, tt := range tests {
		l, err := NewLinks(tt.in)
		if (err != nil) != tt.bad {
			t.Errorf("NewLinks(%q) error = %v, want error %v", tt.in, err, tt.bad)
			continue
		}
		if tt.bad {
			continue
		}
		p := ProviderPage("a")
		if l.Abs(p) != tt.abs || l.Path(p) != tt.path || l.Origin() != tt.origin {
			t.Errorf("NewLinks(%q): Abs %q, Path %q, Origin %q; want %q, %q, %q", tt.in, l.Abs(p), l.Path(p), l.Origin(), tt.abs, tt.path, tt.origin)
		}
	}
}

// TestTagsAreTagURIs: whatever the base URL's host looks like, ids stay
// valid tag URIs, which feed validators check.
func TestTagsAreTagURIs(t *testing.T) {
	// The W3C Feed Validator's pattern for tag URIs (RFC 4151).
	tagURI := regexp.MustCompile(`^tag:([a-z0-9\-._]+?@)?[a-z0-9.\-]+?,\d{4}(-\d{2}(-\d{2})?)?:[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,]*(#[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,]*)?$`)
	for _, base := range []string{"", "https://Status.Example.COM:8443/x", "http://[::1]:8080", "http://127.0.0.1:8765"} {
		l, err := NewLinks(base)
		if err != nil {
			t.Fatal(err)
		}
		if id := l.FeedTag("/status/acme/feed.rss"); !tagURI.MatchString(id) {
			t.Errorf("base %q: feed id %q is not a tag URI", base, id)
		}
	}
	l, _ := NewLinks("")
	if got := l.FeedTag("/feed.atom"); got != "tag:uptimus.github.io,2026:feeds/feed" {
		t.Errorf("default feed id %q", got)
	}
	if got := l.IncidentTag("acme", "inc-1"); got != "tag:uptimus.github.io,2026:acme/incidents/inc-1" {
		t.Errorf("incident id %q", got)
	}
}

func TestWebcal(t *testing.T) {
	for base, want := range map[string]string{
		"":                         "webcal://uptimus.github.io/status/a/maintenance.ics",
		"http://127.0.0.1:8080/x/": "webcal://127.0.0.1:8080/x/status/a/maintenance.ics",
	} {
		l, err := NewLinks(base)
		if err != nil {
			t.Fatal(err)
		}
		if got := l.Webcal(ProviderCalendar("a")); got != want {
			t.Errorf("base %q: Webcal = %q, want %q", base, got, want)
		}
	}
}
