// Package rssdate reads what RSS status feeds put in their dates and XML
// prologs: RFC 822 dates with zone abbreviations (which Go's time.Parse
// would silently read as UTC) and Latin-1 charset declarations.
package rssdate

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// CharsetReader accepts the Latin-1 declarations some feeds carry; UTF-8 is
// handled by encoding/xml itself.
func CharsetReader(charset string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(charset) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return r, nil
	case "iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252":
		b, err := io.ReadAll(r)
		if err != nil {
			return nil, err
		}
		out := make([]byte, 0, len(b))
		for _, c := range b {
			out = utf8.AppendRune(out, rune(c))
		}
		return bytes.NewReader(out), nil
	}
	return nil, fmt.Errorf("unsupported charset %q", charset)
}

// zones are the abbreviations RFC 822 allows plus the US ones status feeds use. Go's
// time.Parse would read an unknown abbreviation as UTC, hence the table.
var zones = map[string]int{
	"UT": 0, "UTC": 0, "GMT": 0, "Z": 0,
	"EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
	"MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
}

var numericZone = regexp.MustCompile(`^([+-])(\d{2}):?(\d{2})$`)

var dateLayouts = []string{
	"Mon, 2 Jan 2006 15:04:05",
	"2 Jan 2006 15:04:05",
	"Mon, 2 Jan 2006 15:04",
	"2 Jan 2006 15:04",
	"Monday, 2 Jan 2006 15:04:05",
}

// earliest bounds the dates Parse accepts: no status feed existed before
// it, so an earlier date (year 1 is Go's zero time) is a broken field.
var earliest = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)

// Parse reads an RFC 822 date such as "Mon, 17 Aug 2026 21:01:19 PDT"
// and returns it in UTC. A date before 1990 is not accepted.
func Parse(s string) (time.Time, bool) {
	s = strings.Join(strings.Fields(s), " ")
	i := strings.LastIndex(s, " ")
	if i < 0 {
		return time.Time{}, false
	}
	local, zone := s[:i], s[i+1:]
	offset, ok := zoneOffset(zone)
	if !ok {
		return time.Time{}, false
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, local); err == nil {
			// t is the wall clock read as UTC; shift it by the zone.
			t = t.Add(-time.Duration(offset) * time.Second).UTC()
			return t, !t.Before(earliest)
		}
	}
	return time.Time{}, false
}

// zoneOffset returns seconds east of UTC.
func zoneOffset(zone string) (int, bool) {
	if h, ok := zones[strings.ToUpper(zone)]; ok {
		return h * 3600, true
	}
	m := numericZone.FindStringSubmatch(zone)
	if m == nil {
		return 0, false
	}
	hh, _ := strconv.Atoi(m[2])
	mm, _ := strconv.Atoi(m[3])
	if hh > 23 || mm > 59 {
		return 0, false
	}
	secs := hh*3600 + mm*60
	if m[1] == "-" {
		secs = -secs
	}
	return secs, true
}
