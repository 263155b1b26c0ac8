// Package words owns the little English every output shares: counts with
// the noun that agrees with them ("1 update", "2 updates") and numbers
// with a comma between thousands ("1,262"), so the pages, the feeds and
// the command line say a number the same way.
package words

import "strconv"

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
