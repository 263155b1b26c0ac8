// Package words owns the little English every output shares: counts with
// the noun that agrees with them ("1 update", "2 updates"), numbers with a
// comma between thousands ("1,262") and lengths of time ("2 h 14 min"),
// so the pages, the feeds and the command line say a number the same way.
package words

import (
	"strconv"
	"strings"
	"time"
)

// Count writes n and the noun that agrees with it: "1 incident",
// "1,262 incidents".
func Count(n int, one, many string) string {
	return Num(n) + " " + Noun(n, one, many)
}

// Noun is one or many by n, without the number.
func Noun(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Num writes n with a comma between thousands.
func Num(n int) string {
	if n < 0 {
		return "-" + Num(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Duration writes a length of time with its two largest units, whole
// days, hours and minutes: "2 h 14 min", "3 d 4 h", "45 min", "< 1 min",
// and "0 min" for none. One wording for an incident's length, a time to
// resolve and a sum of disrupted time, so they compare at a glance.
func Duration(d time.Duration) string {
	switch {
	case d <= 0:
		return "0 min"
	case d < time.Minute:
		return "< 1 min"
	}
	mins := int64(d / time.Minute)
	var parts []string
	for _, u := range []struct {
		n    int64
		unit string
	}{{mins / (24 * 60), "d"}, {mins / 60 % 24, "h"}, {mins % 60, "min"}} {
		if u.n > 0 && len(parts) < 2 {
			parts = append(parts, strconv.FormatInt(u.n, 10)+" "+u.unit)
		}
	}
	return strings.Join(parts, " ")
}
