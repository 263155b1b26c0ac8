package cachet

import (
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters/internal/jsonx"
)

// zone interprets Cachet's zone-less timestamps ("2026-11-20 14:03:00"),
// which Cachet writes in the page's configured time zone. With loc set the
// wall time is read in loc; else each wall time takes the UTC offset of the
// nearest hint (a wall time and offset the page itself published); with
// neither it is read as UTC. Timestamps that carry an offset keep it.
type zone struct {
	loc   *time.Location
	hints []hint
}

// hint is a wall clock time, stored as if it were UTC, and the offset in
// seconds the page showed for it.
type hint struct {
	wall   time.Time
	offset int
}

var offsetLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05-0700", "2006-01-02 15:04:05-07:00"}

var wallLayouts = []string{"2006-01-02 15:04:05", "2006-01-02T15:04:05.999999999", "2006-01-02 15:04", "2006-01-02"}

// parse reads a Cachet timestamp as UTC; ok is false when it is empty or in
// no known form.
func (z zone) parse(s jsonx.Text) (time.Time, bool) {
	v := strings.TrimSpace(string(s))
	if v == "" {
		return time.Time{}, false
	}
	for _, layout := range offsetLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), true
		}
	}
	for _, layout := range wallLayouts {
		wall, err := time.Parse(layout, v)
		if err != nil {
			continue
		}
		if z.loc != nil {
			t, _ := time.ParseInLocation(layout, v, z.loc)
			return t.UTC(), true
		}
		return wall.Add(-time.Duration(z.offsetNear(wall)) * time.Second).UTC(), true
	}
	return time.Time{}, false
}

// offsetNear is the offset of the hint nearest to wall, or 0 (UTC).
func (z zone) offsetNear(wall time.Time) int {
	best, off := time.Duration(-1), 0
	for _, h := range z.hints {
		d := wall.Sub(h.wall)
		if d < 0 {
			d = -d
		}
		if best < 0 || d < best {
			best, off = d, h.offset
		}
	}
	return off
}
