package feed

import (
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters/internal/feedxml"

	// Embedded zone data, so that PST in a feed means the same thing on a
	// machine without /usr/share/zoneinfo.
	_ "time/tzdata"
)

// zones holds the loaded zone families of feedxml's abbreviations; an
// adapter loads them once.
type zones struct {
	loc map[string]*time.Location
}

// loadZones loads every family. A family that does not load is left out
// and its abbreviations fall back to literal offsets.
func loadZones() *zones {
	z := &zones{loc: map[string]*time.Location{}}
	for _, name := range feedxml.Families() {
		if loc, err := time.LoadLocation(name); err == nil {
			z.loc[name] = loc
		}
	}
	return z
}

// wallClock returns the location that reads a wall-clock time labelled
// abbr: the abbreviation's zone family when loaded, else its literal offset.
func (z *zones) wallClock(abbr string) (*time.Location, bool) {
	info, ok := feedxml.Abbreviation(abbr)
	if !ok {
		return nil, false
	}
	if loc := z.loc[info.Family]; loc != nil {
		return loc, true
	}
	return time.FixedZone(strings.ToUpper(abbr), info.Offset), true
}

// parseTime reads a feed date (see feedxml.ParseDate); an empty or
// unreadable one is the zero time, which the entry's other date, or none,
// replaces. A date without a zone ("2026-09-15 10:00:00") is unreadable on
// purpose: the feed does not say whose ten o'clock it is, and a guessed
// zone would store a time up to a day off as the vendor's word.
func parseTime(s string) time.Time {
	t, _ := feedxml.ParseDate(s)
	return t
}
