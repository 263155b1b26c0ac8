package slack

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Slack's maintenance entries carry no planned start or end: the window is
// in the announcement's words ("on August 13 from 6:00 AM to 7:00 AM
// PDT"). windowRE reads that form: a month and day (a weekday and a year
// optional), then "from"/"between" a clock time "to"/"and"/"until"
// another, and a zone.
var windowRE = regexp.MustCompile(`(?i)\bon\s+(?:[a-z]+day,?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?,?\s+(?:from|between)\s+(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?\s*(?:([a-z]{2,4})\s+)?(?:to|and|until|-|–)\s+(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?\s*([a-z]{2,4})\b`)

// zones are the offsets of the zone names Slack writes (see zoneOf for
// "PT").
var zones = map[string]int{"pdt": -7, "pst": -8, "utc": 0, "gmt": 0, "edt": -4, "est": -5}

// window reads a planned window from a note's text, posted at posted. ok
// is false when the text names none that can be placed in time.
func window(text string, posted time.Time) (from, until time.Time, ok bool) {
	m := windowRE.FindStringSubmatch(text)
	if m == nil {
		return time.Time{}, time.Time{}, false
	}
	month, ok := monthOf(m[1])
	if !ok {
		return time.Time{}, time.Time{}, false
	}
	if m[7] != "" && !strings.EqualFold(m[7], m[11]) {
		return time.Time{}, time.Time{}, false
	}
	day, _ := strconv.Atoi(m[2])
	year := posted.Year()
	if m[3] != "" {
		year, _ = strconv.Atoi(m[3])
	}
	loc, ok := zoneOf(strings.ToLower(m[11]), year, month, day)
	if !ok {
		return time.Time{}, time.Time{}, false
	}
	at := func(h, min, ampm string) time.Time {
		hour, _ := strconv.Atoi(h)
		minute, _ := strconv.Atoi(min)
		hour %= 12
		if strings.EqualFold(ampm, "p") {
			hour += 12
		}
		return time.Date(year, month, day, hour, minute, 0, 0, loc)
	}
	from, until = at(m[4], m[5], m[6]), at(m[8], m[9], m[10])
	if m[3] == "" && from.Before(posted.AddDate(0, -6, 0)) {
		// Announced in December for January.
		from, until = from.AddDate(1, 0, 0), until.AddDate(1, 0, 0)
	}
	if !until.After(from) {
		until = until.AddDate(0, 0, 1) // 11:00 PM to 1:00 AM
	}
	if from.Day() != day {
		return time.Time{}, time.Time{}, false // "February 30"
	}
	return from.UTC(), until.UTC(), true
}

func monthOf(name string) (time.Month, bool) {
	name = strings.ToLower(name)
	for m := time.January; m <= time.December; m++ {
		full := strings.ToLower(m.String())
		if name == full || len(name) >= 3 && strings.HasPrefix(full, name) {
			return m, true
		}
	}
	return 0, false
}

// zoneOf is the zone a window is written in. Slack writes "PT" too: the
// US Pacific rule then says whether the window's day is in daylight time
// (from the second Sunday of March to the first Sunday of November).
func zoneOf(zone string, year int, month time.Month, day int) (*time.Location, bool) {
	if zone == "pt" {
		zone = "pst"
		d := time.Date(year, month, day, 12, 0, 0, 0, time.UTC)
		if !d.Before(nthSunday(year, time.March, 2)) && d.Before(nthSunday(year, time.November, 1)) {
			zone = "pdt"
		}
	}
	h, ok := zones[zone]
	if !ok {
		return nil, false
	}
	return time.FixedZone(strings.ToUpper(zone), h*3600), true
}

// nthSunday is the n-th Sunday of a month.
func nthSunday(year int, month time.Month, n int) time.Time {
	first := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
	return first.AddDate(0, 0, (7-int(first.Weekday()))%7+7*(n-1))
}
