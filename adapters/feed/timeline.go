package feed

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters/internal/feedxml"
	"github.com/uptimus/uptimus/adapters/vendortext"
)

// rawUpdate is one update read from content, before ids are assigned.
type rawUpdate struct {
	status, statusRaw, body string
	at                      time.Time
}

// blockStart finds where each of Statuspage's update paragraphs begins:
// "<p><small>" (2014-2020) or "<p> <small>" (current).
var blockStart = regexp.MustCompile(`(?i)<p>\s*<small>`)

// blockParts reads one paragraph: the date, the status word and the body.
var blockParts = regexp.MustCompile(`(?is)^<p>\s*<small>(.*?)</small>\s*(?:<br\s*/?>)?\s*<strong>(.*?)</strong>\s*(?:-|&ndash;|\x{2013})?\s*(.*)$`)

var trailingP = regexp.MustCompile(`(?is)(?:\s*</p>\s*)+$`)

// splitStatuspage splits content in Statuspage's shape into updates, in
// the feed's order. ok is false when the content has another shape.
func (z *zones) splitStatuspage(content string, ref time.Time) (updates []rawUpdate, ok bool) {
	starts := blockStart.FindAllStringIndex(content, -1)
	if len(starts) == 0 || strings.TrimSpace(vendortext.ToText(content[:starts[0][0]])) != "" {
		return nil, false
	}
	for i, s := range starts {
		end := len(content)
		if i+1 < len(starts) {
			end = starts[i+1][0]
		}
		m := blockParts.FindStringSubmatch(content[s[0]:end])
		if m == nil {
			return nil, false
		}
		word := strings.TrimSpace(vendortext.ToText(m[2]))
		if word == "" {
			return nil, false
		}
		at, readable := z.smallDate(vendortext.ToText(m[1]), ref)
		if !readable {
			at = ref
		}
		updates = append(updates, rawUpdate{
			status:    statusWord(word),
			statusRaw: word,
			body:      vendortext.ToText(trailingP.ReplaceAllString(m[3], "")),
			at:        at,
		})
	}
	return updates, true
}

// statusWord normalizes "In progress" to "in_progress".
func statusWord(word string) string {
	return strings.Join(strings.Fields(strings.ToLower(word)), "_")
}

var clock = regexp.MustCompile(`^(\d{1,2}):(\d{2})(?::(\d{2}))?$`)

// smallDate reads Statuspage's update date, "Nov 14, 14:07 PST", also
// "Nov 14, 2020 - 2:07 PM PST". Without a year, the year is the one that
// puts the date closest to ref (see the package comment).
func (z *zones) smallDate(s string, ref time.Time) (time.Time, bool) {
	var (
		month             time.Month
		day, year, hh, mm = -1, -1, -1, -1
		ss                int
		pm, am            bool
		loc               *time.Location
	)
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' }) {
		switch lf := strings.ToLower(f); {
		case lf == "-" || lf == "at":
		case lf == "am" || lf == "a.m.":
			am = true
		case lf == "pm" || lf == "p.m.":
			pm = true
		case month == 0 && monthOf(lf) != 0:
			month = monthOf(lf)
		case clock.MatchString(f):
			c := clock.FindStringSubmatch(f)
			hh, _ = strconv.Atoi(c[1])
			mm, _ = strconv.Atoi(c[2])
			ss, _ = strconv.Atoi(c[3] + "0")
			ss /= 10
		case isDigits(f) && len(f) == 4:
			year, _ = strconv.Atoi(f)
		case isDigits(f) && len(f) <= 2 && day < 0:
			day, _ = strconv.Atoi(f)
		default:
			l, ok := z.wallClock(f)
			if !ok {
				l, ok = feedxml.NumericZone(f)
			}
			if !ok {
				return time.Time{}, false
			}
			loc = l
		}
	}
	if pm && hh < 12 {
		hh += 12
	}
	if am && hh == 12 {
		hh = 0
	}
	if month == 0 || day < 1 || day > 31 || hh < 0 || hh > 23 || mm > 59 || loc == nil {
		return time.Time{}, false
	}
	if year > 0 {
		return time.Date(year, month, day, hh, mm, ss, 0, loc).UTC(), true
	}
	if ref.IsZero() {
		return time.Time{}, false
	}
	var best time.Time
	for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
		t := time.Date(y, month, day, hh, mm, ss, 0, loc)
		if best.IsZero() || absDur(t.Sub(ref)) < absDur(best.Sub(ref)) {
			best = t
		}
	}
	return best.UTC(), true
}

func monthOf(s string) time.Month {
	if len(s) < 3 {
		return 0
	}
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		if strings.HasPrefix(name, s) {
			return m
		}
	}
	return 0
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
