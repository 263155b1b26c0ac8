package words

import (
	"testing"
	"time"
)

func TestCount(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{
		{0, "0 updates"}, {1, "1 update"}, {2, "2 updates"}, {999, "999 updates"},
		{1000, "1,000 updates"}, {1262, "1,262 updates"}, {1234567, "1,234,567 updates"},
		{-1, "-1 updates"}, {-1234, "-1,234 updates"},
	} {
		if got := Count(c.n, "update", "updates"); got != c.want {
			t.Errorf("Count(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

func TestDuration(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0 min"}, {-time.Hour, "0 min"}, {59 * time.Second, "< 1 min"}, {time.Minute, "1 min"},
		{45*time.Minute + 59*time.Second, "45 min"}, {time.Hour, "1 h"}, {2*time.Hour + 14*time.Minute, "2 h 14 min"},
		{23*time.Hour + 8*time.Minute, "23 h 8 min"}, {24 * time.Hour, "1 d"},
		// 42.9 hours: 1 d 18 h 54 min, two units kept, the minutes dropped.
		{42*time.Hour + 54*time.Minute, "1 d 18 h"}, {3*24*time.Hour + 5*time.Minute, "3 d 5 min"},
		{400 * 24 * time.Hour, "400 d"},
	} {
		if got := Duration(c.d); got != c.want {
			t.Errorf("Duration(%v) = %q, want %q", c.d, got, c.want)
		}
	}
}
