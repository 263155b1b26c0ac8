package words

import "testing"

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
