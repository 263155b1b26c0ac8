package jsonx

import (
	"strings"
	"time"
)

// timeLayouts are RFC 3339, which JSON APIs document, and the near-misses
// they send anyway: a space for the T, no zone (read as UTC, which is what
// the vendors that omit it mean). Fractions of a second are optional in all.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
}

// ParseTime reads a vendor timestamp, trimmed, with the RFC 3339 layouts
// above and then the vendor's own extra layouts, and returns it in UTC; ok
// is false when it is empty or in no known form.
func ParseTime(s string, extra ...string) (t time.Time, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layouts := range [][]string{timeLayouts, extra} {
		for _, layout := range layouts {
			if v, err := time.Parse(layout, s); err == nil {
				return v.UTC(), true
			}
		}
	}
	return time.Time{}, false
}
