package feedxml

import (
	"strconv"
	"strings"
	"time"
)

// Zone is what a zone abbreviation means: its literal offset (RFC 822 and
// common usage) and the zone whose rules say which of the pair (standard or
// daylight) applies on a date.
type Zone struct {
	Offset int // seconds east of UTC
	Family string
}

// Abbreviation returns what a zone abbreviation means. US zones follow RFC
// 822; the others are the common English abbreviations of zones with status
// pages. IST is read as India, not Ireland or Israel.
func Abbreviation(abbr string) (Zone, bool) {
	z, ok := abbreviations[strings.ToUpper(abbr)]
	return z, ok
}

const hour = 3600

var abbreviations = map[string]Zone{
	"UTC": {0, "UTC"}, "GMT": {0, "UTC"}, "UT": {0, "UTC"}, "Z": {0, "UTC"},
	"PST": {-8 * hour, "America/Los_Angeles"}, "PDT": {-7 * hour, "America/Los_Angeles"},
	"MST": {-7 * hour, "America/Denver"}, "MDT": {-6 * hour, "America/Denver"},
	"CST": {-6 * hour, "America/Chicago"}, "CDT": {-5 * hour, "America/Chicago"},
	"EST": {-5 * hour, "America/New_York"}, "EDT": {-4 * hour, "America/New_York"},
	"AKST": {-9 * hour, "America/Anchorage"}, "AKDT": {-8 * hour, "America/Anchorage"},
	"HST": {-10 * hour, "Pacific/Honolulu"},
	"WET": {0, "Europe/Lisbon"}, "WEST": {1 * hour, "Europe/Lisbon"},
	"BST": {1 * hour, "Europe/London"},
	"CET": {1 * hour, "Europe/Paris"}, "CEST": {2 * hour, "Europe/Paris"},
	"EET": {2 * hour, "Europe/Helsinki"}, "EEST": {3 * hour, "Europe/Helsinki"},
	"IST":  {5*hour + 30*60, "Asia/Kolkata"},
	"SGT":  {8 * hour, "Asia/Singapore"},
	"JST":  {9 * hour, "Asia/Tokyo"},
	"KST":  {9 * hour, "Asia/Seoul"},
	"AEST": {10 * hour, "Australia/Sydney"}, "AEDT": {11 * hour, "Australia/Sydney"},
}

// Families lists the zone families Abbreviation names, for callers that
// load them once.
func Families() []string {
	seen := map[string]bool{}
	var out []string
	for _, z := range abbreviations {
		if !seen[z.Family] {
			seen[z.Family] = true
			out = append(out, z.Family)
		}
	}
	return out
}

// NumericZone reads "+hhmm", "-hh:mm" and "+hh" as a fixed zone.
func NumericZone(s string) (*time.Location, bool) {
	if len(s) < 3 || (s[0] != '+' && s[0] != '-') {
		return nil, false
	}
	digits := s[1:]
	if len(digits) == 5 && digits[2] == ':' {
		digits = digits[:2] + digits[3:]
	}
	if (len(digits) != 2 && len(digits) != 4) || strings.Trim(digits, "0123456789") != "" {
		return nil, false
	}
	hh, _ := strconv.Atoi(digits[:2])
	mm := 0
	if len(digits) == 4 {
		mm, _ = strconv.Atoi(digits[2:])
	}
	if hh > 14 || mm > 59 {
		return nil, false
	}
	off := hh*hour + mm*60
	if s[0] == '-' {
		off = -off
	}
	return time.FixedZone(s, off), true
}

// literal is the fixed offset an abbreviation or a numeric zone names:
// "PDT", "-0700", "+05:30", "Z".
func literal(zone string) (*time.Location, bool) {
	if z, ok := Abbreviation(zone); ok {
		return time.FixedZone(strings.ToUpper(zone), z.Offset), true
	}
	return NumericZone(zone)
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

// ParseDate reads a feed date, RFC 3339 (Atom) or RFC 1123/822 with a
// numeric offset or a zone abbreviation at its literal offset (RSS), and
// returns it in UTC; ok is false when it is in no known form.
func ParseDate(s string) (t time.Time, ok bool) {
	s = strings.Join(strings.Fields(s), " ")
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	i := strings.LastIndexByte(s, ' ')
	if i < 0 {
		return time.Time{}, false
	}
	loc, ok := literal(s[i+1:])
	if !ok {
		return time.Time{}, false
	}
	for _, layout := range rfc822Layouts {
		if t, err := time.ParseInLocation(layout, s[:i], loc); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// earliest bounds the dates PubDate accepts: no status feed existed before
// it, so an earlier date (year 1 is Go's zero time) is a broken field.
var earliest = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)

// PubDate is ParseDate for the date an item is placed by in a timeline,
// which must be a real one: a date before 1990 is not accepted.
func PubDate(s string) (time.Time, bool) {
	t, ok := ParseDate(s)
	return t, ok && !t.Before(earliest)
}
