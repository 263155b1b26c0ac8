package feed

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	// Embedded zone data, so that PST in a feed means the same thing on a
	// machine without /usr/share/zoneinfo.
	_ "time/tzdata"
)

// zoneInfo is what a zone abbreviation means: its literal offset (RFC 822
// and common usage) and the zone whose rules say which of the pair
// (standard or daylight) applies on a date.
type zoneInfo struct {
	offset int // seconds east of UTC
	family string
}

// abbreviation returns what a zone abbreviation means. US zones follow RFC
// 822; the others are the common English abbreviations of zones with status
// pages. IST is read as India, not Ireland or Israel.
func abbreviation(abbr string) (zoneInfo, bool) {
	const h = 3600
	switch strings.ToUpper(abbr) {
	case "UTC", "GMT", "UT", "Z":
		return zoneInfo{0, "UTC"}, true
	case "PST":
		return zoneInfo{-8 * h, "America/Los_Angeles"}, true
	case "PDT":
		return zoneInfo{-7 * h, "America/Los_Angeles"}, true
	case "MST":
		return zoneInfo{-7 * h, "America/Denver"}, true
	case "MDT":
		return zoneInfo{-6 * h, "America/Denver"}, true
	case "CST":
		return zoneInfo{-6 * h, "America/Chicago"}, true
	case "CDT":
		return zoneInfo{-5 * h, "America/Chicago"}, true
	case "EST":
		return zoneInfo{-5 * h, "America/New_York"}, true
	case "EDT":
		return zoneInfo{-4 * h, "America/New_York"}, true
	case "AKST":
		return zoneInfo{-9 * h, "America/Anchorage"}, true
	case "AKDT":
		return zoneInfo{-8 * h, "America/Anchorage"}, true
	case "HST":
		return zoneInfo{-10 * h, "Pacific/Honolulu"}, true
	case "WET":
		return zoneInfo{0, "Europe/Lisbon"}, true
	case "WEST":
		return zoneInfo{1 * h, "Europe/Lisbon"}, true
	case "BST":
		return zoneInfo{1 * h, "Europe/London"}, true
	case "CET":
		return zoneInfo{1 * h, "Europe/Paris"}, true
	case "CEST":
		return zoneInfo{2 * h, "Europe/Paris"}, true
	case "EET":
		return zoneInfo{2 * h, "Europe/Helsinki"}, true
	case "EEST":
		return zoneInfo{3 * h, "Europe/Helsinki"}, true
	case "IST":
		return zoneInfo{5*h + 30*60, "Asia/Kolkata"}, true
	case "SGT":
		return zoneInfo{8 * h, "Asia/Singapore"}, true
	case "JST":
		return zoneInfo{9 * h, "Asia/Tokyo"}, true
	case "KST":
		return zoneInfo{9 * h, "Asia/Seoul"}, true
	case "AEST":
		return zoneInfo{10 * h, "Australia/Sydney"}, true
	case "AEDT":
		return zoneInfo{11 * h, "Australia/Sydney"}, true
	}
	return zoneInfo{}, false
}

// zones holds the loaded zone families; an adapter loads them once.
type zones struct {
	loc map[string]*time.Location
}

// loadZones loads every family named in abbreviation. A family that does
// not load is left out and its abbreviations fall back to literal offsets.
func loadZones() *zones {
	z := &zones{loc: map[string]*time.Location{}}
	for _, name := range []string{
		"UTC", "America/Los_Angeles", "America/Denver", "America/Chicago",
		"America/New_York", "America/Anchorage", "Pacific/Honolulu",
		"Europe/Lisbon", "Europe/London", "Europe/Paris", "Europe/Helsinki",
		"Asia/Kolkata", "Asia/Singapore", "Asia/Tokyo", "Asia/Seoul", "Australia/Sydney",
	} {
		if loc, err := time.LoadLocation(name); err == nil {
			z.loc[name] = loc
		}
	}
	return z
}

// wallClock returns the location that reads a wall-clock time labelled
// abbr: the abbreviation's zone family when loaded, else its literal offset.
func (z *zones) wallClock(abbr string) (*time.Location, bool) {
	info, ok := abbreviation(abbr)
	if !ok {
		return nil, false
	}
	if loc := z.loc[info.family]; loc != nil {
		return loc, true
	}
	return time.FixedZone(strings.ToUpper(abbr), info.offset), true
}

// literal returns the fixed offset an abbreviation or numeric zone names:
// "PDT", "-0700", "+05:30", "Z".
func literal(zone string) (*time.Location, bool) {
	if info, ok := abbreviation(zone); ok {
		return time.FixedZone(strings.ToUpper(zone), info.offset), true
	}
	return numericZone(zone)
}

// numericZone reads "+hhmm", "-hh:mm", "+hh".
func numericZone(s string) (*time.Location, bool) {
	if len(s) < 3 || (s[0] != '+' && s[0] != '-') {
		return nil, false
	}
	digits := strings.ReplaceAll(s[1:], ":", "")
	if len(digits) != 2 && len(digits) != 4 {
		return nil, false
	}
	hh, err1 := strconv.Atoi(digits[:2])
	mm := 0
	var err2 error
	if len(digits) == 4 {
		mm, err2 = strconv.Atoi(digits[2:])
	}
	if err1 != nil || err2 != nil || hh > 14 || mm > 59 {
		return nil, false
	}
	off := hh*3600 + mm*60
	if s[0] == '-' {
		off = -off
	}
	return time.FixedZone(s, off), true
}

// rfc822Layouts are pubDate forms without their zone, which is read apart
// because time.Parse gives unknown abbreviations a zero offset.
var rfc822Layouts = []string{
	"Mon, 2 Jan 2006 15:04:05",
	"Mon, 2 Jan 2006 15:04",
	"2 Jan 2006 15:04:05",
	"2 Jan 2006 15:04",
	"Mon, 2 Jan 06 15:04:05",
	"2 Jan 06 15:04:05",
	"Monday, 2 Jan 2006 15:04:05",
	"Mon, 2 January 2006 15:04:05",
}

// parseTime reads a feed date: RFC 3339 (Atom), or RFC 1123/822 with a
// numeric offset or a zone abbreviation (RSS), and returns it in UTC.
func parseTime(s string) (time.Time, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse("2006-01-02T15:04Z07:00", s); err == nil {
		return t.UTC(), nil
	}
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		if loc, ok := literal(s[i+1:]); ok {
			for _, layout := range rfc822Layouts {
				if t, err := time.ParseInLocation(layout, s[:i], loc); err == nil {
					return t.UTC(), nil
				}
			}
		}
	}
	return time.Time{}, fmt.Errorf("unreadable date %q", s)
}
