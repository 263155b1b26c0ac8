package uptime

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/uptimus/uptimus/generator/internal/realdata"
)

// GitHub's recorded responses (testdata/real/statuspage, merged as two
// runs on 2026-07-31), at the second run. Knowledge starts in 2020, so the
// whole 90-day window is known: 2026-05-02 12:01 to 2026-07-31 12:01,
// 7 776 000 s. Times below are the recordings' UTC update times.
func TestGitHubRecorded(t *testing.T) {
	h := realdata.GitHubHistory(t)
	at := time.Date(2026, 7, 31, 12, 1, 0, 0, time.UTC)
	ms := func(s string) time.Duration {
		d, err := time.ParseDuration(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		name, id                 string
		major, partial, degraded time.Duration
		down                     time.Duration
		figure                   string
	}{
		// Codespaces (h2ftsgbw7kmk) is named by two incidents.
		//
		// fz9sdc2q008p "Actions and Codespaces APIs experiencing partial
		// failures", 2026-07-07, impact major, 14:14:39.949 to 16:17:16.965.
		// Updates state Codespaces degraded at 14:14:40.100 and 14:14:52.440,
		// partial_outage at 14:32:57.428 (and on until 16:00:01.142),
		// operational at 16:02:02.561. Each statement holds from its own
		// time, so degraded 14:14:40.100–14:32:57.428 = 18 min 17.328 s;
		// partial 14:32:57.428–16:02:02.561 =
		// 1 h 29 min 5.133 s = 5345.133 s; operational to the end.
		//
		// dfpfsngcwywf "Disruption with some GitHub services", 2026-07-14,
		// impact minor, 08:21:17.615 to 09:56:43.021. The opening update
		// names nothing; Codespaces is degraded at 08:22:37.117 (not
		// before: the time from the start to it has no stated level) and
		// operational at 09:51:08.939: degraded 1 h 28 min 31.822 s.
		//
		// Degraded 18:17.328 + 1:28:31.822 = 1 h 46 min 49.150 s (not
		// counted). Down = 0.3 × 5345.133 s = 1603.5399 s.
		// Uptime = 100 × (7 776 000 − 1603.5399) / 7 776 000 = 99.97937…,
		// shown rounded down as 99.97%. Counting each incident at its worst
		// state for its whole span said 99.9%.
		{"Codespaces", "h2ftsgbw7kmk", 0, ms("1h29m5.133s"), ms("1h46m49.15s"), ms("26m43.5399s"), "99.97%"},
		// Webhooks (4230lsnqdsld) is named by five incidents that only ever
		// state it degraded, from each first statement (a fraction of a
		// second after the start) to the update that sets it operational:
		// 07-23 07:53:59.492–09:35:17.965 (6078.473 s), 07-14
		// 17:38:28.636–17:55:50.642 (1042.006 s), 06-25
		// 17:50:19.621–18:07:44.602 (1044.981 s), 06-15
		// 15:37:36.656–16:39:52.952 (3736.296 s), 06-11
		// 19:42:05.950–20:00:29.040 (1103.090 s): 13 004.846 s degraded,
		// no downtime.
		{"Webhooks", "4230lsnqdsld", 0, 0, ms("3h36m44.846s"), 0, "100%"},
	}
	for _, tt := range tests {
		f := Uptime(h, tt.id, at, Window)
		if !f.Known || f.KnownFor() != Window {
			t.Fatalf("%s: known %v for %v, want the whole window", tt.name, f.Known, f.KnownFor())
		}
		got := [4]time.Duration{f.Major, f.Partial, f.Degraded, f.Down}
		if want := [4]time.Duration{tt.major, tt.partial, tt.degraded, tt.down}; got != want || f.String() != tt.figure {
			t.Errorf("%s: major, partial, degraded, down = %v %s, want %v %s", tt.name, got, f, want, tt.figure)
		}
	}

	// Without the incidents that name no component, the provider's figure
	// is the mean of its showcased components' figures (GitHub's "Visit
	// www.githubstatus.com" line is not showcased).
	named := *h
	named.Incidents = nil
	wide := NewBook(h, at).wide
	for i, inc := range h.Incidents {
		if !slices.Contains(wide, i) {
			named.Incidents = append(named.Incidents, inc)
		}
	}
	var sum float64
	n := 0
	for i := range h.State.Components {
		c := &h.State.Components[i]
		if !counted(c) {
			continue
		}
		sum += Uptime(&named, c.ID, at, Window).Percent
		n++
	}
	mean := Uptime(&named, "", at, Window)
	if mean.Averaged != n || math.Abs(mean.Percent-sum/float64(n)) > 1e-9 {
		t.Errorf("provider without unnamed incidents = %v%% over %d components, want the mean %v%% over %d", mean.Percent, mean.Averaged, sum/float64(n), n)
	}
	// Four unnamed incidents in the window have an impact that counts:
	// g40zcbvchny4 critical 07-21 10:31:44.118–11:57:01.311 (5117.193 s),
	// d35pngcy6sb9 critical 07-16 09:13:51.585–12:20:56.418 (11 224.833 s),
	// 5h5lmbffp07c critical 06-04 18:02:53.983–19:59:27.372 (6993.389 s),
	// ph5nns5y4gxj major 07-20 00:25:09.563–01:46:02.453 (4852.890 s at
	// 30%: 1455.867 s). Each is at most one of the 11 components at that
	// level, less where a component already was: at most
	// (5117.193 + 11 224.833 + 6993.389 + 1455.867) / 11 = 2253.752… s more.
	// Counting every incident as all of GitHub down said 98.29%.
	f := Uptime(h, "", at, Window)
	if extra := f.Down - mean.Down; extra <= 0 || extra > 2253753*time.Millisecond {
		t.Errorf("unnamed incidents add %v of downtime, want some and at most 37m33.753s", extra)
	}
	// Pinned (computed, within the bounds above), so a change shows.
	if f.String() != "99.94%" {
		t.Errorf("GitHub = %s (%v), want 99.94%%", f, f.Percent)
	}
}
