package paths

import (
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
)

func TestPathSegment(t *testing.T) {
	tests := []struct{ in, want string }{
		{"abc-DEF_123", "abc-DEF_123"},
		{"01HZY3", "01HZY3"},
		{"a/b", "a.2Fb"},
		{"..", "~.2E.2E"},
		{".", "~.2E"},
		{"../../etc", "~.2E.2E.2F.2E.2E.2Fetc"},
		{"~x", "~.7Ex"},
		{"a b?c#d%", "a.20b.3Fc.23d.25"},
		{"ä", "~.C3.A4"},
		{`a\b`, "a.5Cb"},
	}
	for _, tt := range tests {
		got, err := Segment(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Segment(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := Segment(""); err == nil {
		t.Error("empty id accepted")
	}
	long1, _ := Segment(strings.Repeat("x", 300) + "1")
	long2, _ := Segment(strings.Repeat("x", 300) + "2")
	if len(long1) > maxSegment || long1 == long2 {
		t.Errorf("long ids: %q (%d) vs %q", long1, len(long1), long2)
	}
}

func FuzzPathSegment(f *testing.F) {
	for _, s := range []string{"abc", "../x", "a/b", "..", "%2e%2e", strings.Repeat("/", 200), "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		seg, err := Segment(id)
		if id == "" {
			if err == nil {
				t.Fatal("empty id accepted")
			}
			return
		}
		if err != nil || seg == "" || seg[0] == '.' || len(seg) > maxSegment {
			t.Fatalf("Segment(%q) = %q, %v", id, seg, err)
		}
		for _, c := range []byte(seg) {
			ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~'
			if !ok {
				t.Fatalf("Segment(%q) = %q holds %q", id, seg, c)
			}
		}
		// One-to-one: a different id never maps to the same segment (checked
		// against the id with one byte changed).
		other := id + "x"
		if o, _ := Segment(other); o == seg {
			t.Fatalf("%q and %q share segment %q", id, other, seg)
		}
	})
}

// TestUpdateSegment: a vendor's id maps like an incident id; an update
// without one is named by a hash of its time, status and body, the same on
// every build and different when any of them differs.
func TestUpdateSegment(t *testing.T) {
	at := time.Date(2026, 7, 30, 10, 0, 0, 0, time.UTC)
	if got := UpdateSegment(&adapters.Update{ID: "u/1", Body: "x"}); got != "u.2F1" {
		t.Errorf("with id: %q", got)
	}
	up := adapters.Update{Status: "investigating", Body: "Looking.", CreatedAt: at}
	seg := UpdateSegment(&up)
	if !strings.HasPrefix(seg, "h") || len(seg) != 17 || UpdateSegment(&up) != seg {
		t.Errorf("without id: %q", seg)
	}
	local := up
	local.CreatedAt = at.In(time.FixedZone("CEST", 2*3600))
	if UpdateSegment(&local) != seg {
		t.Error("the same instant in another zone names another update")
	}
	for _, other := range []adapters.Update{
		{Status: "identified", Body: up.Body, CreatedAt: at},
		{Status: up.Status, Body: "Looking!", CreatedAt: at},
		{Status: up.Status, Body: up.Body, CreatedAt: at.Add(time.Second)},
	} {
		if UpdateSegment(&other) == seg {
			t.Errorf("%+v shares %q", other, seg)
		}
	}
	if a := UpdateAnchor(&up); a != "update-"+seg {
		t.Errorf("anchor %q", a)
	}
}

func TestReportPaths(t *testing.T) {
	july := time.Date(2026, 7, 31, 23, 0, 0, 0, time.FixedZone("PDT", -7*3600))
	// 23:00 PDT on July 31 is August 1 in UTC: reports are by UTC month.
	if got := ReportPage(july, ""); got != "/reports/2026-08/" {
		t.Errorf("ReportPage = %q", got)
	}
	if got := ReportPage(july.UTC().AddDate(0, 0, -1), "cloud"); got != "/reports/2026-07/cloud/" {
		t.Errorf("ReportPage(cloud) = %q", got)
	}
	if got := ReportsFeed(Atom); got != "/reports/feed.atom" || !IsFeed(got) || ReportsIndex() != "/reports/" {
		t.Errorf("ReportsFeed = %q, feed %v", got, IsFeed(got))
	}
}
