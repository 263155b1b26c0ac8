package slack

import (
	"testing"
	"time"
)

func TestWindow(t *testing.T) {
	posted := time.Date(2026, 8, 12, 19, 0, 0, 0, time.UTC)
	cases := []struct {
		text        string
		from, until string // RFC 3339, "" when no window
	}{
		{"We will perform scheduled maintenance on Workflow Builder on August 13 from 6:00 AM to 7:00 AM PDT.", "2026-08-13T13:00:00Z", "2026-08-13T14:00:00Z"},
		{"Maintenance on Saturday, Aug 15, 2026 between 11 PM and 1:30 AM PT.", "2026-08-16T06:00:00Z", "2026-08-16T08:30:00Z"},
		{"on December 5th from 10:00 a.m. to 11:00 a.m. PT", "2026-12-05T18:00:00Z", "2026-12-05T19:00:00Z"},
		{"on January 3 from 1:00 PM to 2:00 PM UTC", "2027-01-03T13:00:00Z", "2027-01-03T14:00:00Z"},
		{"Scheduled maintenance has started. Workflows may be delayed.", "", ""},
		{"on August 13 from 6:00 AM to 7:00 AM CEST", "", ""},
		{"on February 30 from 6:00 AM to 7:00 AM UTC", "", ""},
	}
	for _, c := range cases {
		from, until, ok := window(c.text, posted)
		if c.from == "" {
			if ok {
				t.Errorf("%q: got a window %s-%s, want none", c.text, from, until)
			}
			continue
		}
		if !ok || from.Format(time.RFC3339) != c.from || until.Format(time.RFC3339) != c.until {
			t.Errorf("%q: got %s-%s (%v), want %s-%s", c.text, from.Format(time.RFC3339), until.Format(time.RFC3339), ok, c.from, c.until)
		}
	}
}
