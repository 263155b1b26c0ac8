package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/vendortext"
)

// build turns decoded entries into a snapshot. An entry without a
// readable date is kept without times: one odd item must not cost the
// whole feed, and the fetch drops such incidents and counts them, as it
// does every vendor's.
func (a *reader) build(entries []entry) *adapters.Snapshot {
	snap := &adapters.Snapshot{Components: []adapters.Component{}, Incidents: []adapters.Incident{}}
	seen := map[string]bool{}
	for _, e := range entries {
		in := a.incident(e)
		// A feed listing one incident twice keeps its first (newest) copy.
		if seen[in.ID] {
			continue
		}
		seen[in.ID] = true
		snap.Incidents = append(snap.Incidents, in)
	}
	adapters.SortIncidents(snap.Incidents)
	snap.Status = overall(snap.Incidents)
	return snap
}

// incident normalizes one entry. A date that cannot be read counts as
// absent (see parseTime): the entry's other date places it, and without
// any its updates and the incident carry no time.
func (a *reader) incident(e entry) adapters.Incident {
	published, updated := parseTime(e.Published), parseTime(e.Updated)
	if published.IsZero() {
		published = updated
	}
	content := validUTF8(e.Content)
	title := validUTF8(e.Title)
	raws, structured := []rawUpdate(nil), false
	if !e.Plain {
		raws, structured = a.zones.splitStatuspage(content, published)
	}
	if !structured {
		raws = []rawUpdate{unstructured(title, content, e.Plain, firstTime(updated, published))}
	}
	id := entryID(e)
	ups := timeline(id, raws)
	oldest, newest := ups[len(ups)-1].CreatedAt, ups[0].CreatedAt
	in := adapters.Incident{
		ID:        id,
		Kind:      adapters.KindIncident,
		Title:     title,
		Impact:    adapters.ImpactNone,
		URL:       e.Link,
		CreatedAt: earliest(published, oldest),
		StartedAt: oldest,
		UpdatedAt: latest(updated, newest),
		Updates:   ups,
	}
	if !structured {
		// One update stamped with the latest date; the incident began when
		// the entry was first published.
		in.StartedAt = earliest(published, oldest)
	}
	if maintenance(ups, structured, title) {
		in.Kind = adapters.KindMaintenance
		in.Impact = adapters.ImpactMaintenance
		// The window starts when work began, not when it was announced.
		if t := oldestWith(ups, "in_progress"); !t.IsZero() {
			in.StartedAt = t
		}
	} else if outageWord.MatchString(title) {
		in.Impact = adapters.ImpactMajor
	}
	in.Status, in.StatusRaw = current(ups)
	in.ResolvedAt = resolvedAt(ups)
	return in
}

// unstructured makes the single update of content in no known shape.
func unstructured(title, content string, plain bool, at time.Time) rawUpdate {
	body := strings.TrimSpace(content)
	if !plain {
		body = vendortext.ToText(content)
	}
	u := rawUpdate{status: "update", body: body, at: at}
	if resolvedTitle.MatchString(title) || resolvedText.MatchString(body) {
		u.status = "resolved"
		if maintenanceWord.MatchString(title) {
			u.status = "completed"
		}
	}
	return u
}

var (
	outageWord      = regexp.MustCompile(`(?i)\boutages?\b`)
	maintenanceWord = regexp.MustCompile(`(?i)\bmaintenance\b`)
	resolvedTitle   = regexp.MustCompile(`(?i)\bresolved\b`)
	resolvedText    = regexp.MustCompile(`(?i)\b(?:has|have) been resolved\b`)
)

// timeline orders updates newest first (the feed's order breaks ties) and
// numbers them from the oldest, so ids stay put as updates are added.
func timeline(id string, raws []rawUpdate) []adapters.Update {
	idx := make([]int, len(raws))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(x, y int) bool { return raws[idx[x]].at.After(raws[idx[y]].at) })
	out := make([]adapters.Update, len(raws))
	for n, i := range idx {
		r := raws[i]
		out[n] = adapters.Update{
			ID:        id + "-" + strconv.Itoa(len(raws)-n),
			Status:    r.status,
			StatusRaw: r.statusRaw,
			Body:      r.body,
			CreatedAt: r.at,
		}
	}
	return out
}

// maintenance reports whether the updates are a maintenance window's.
func maintenance(ups []adapters.Update, structured bool, title string) bool {
	if !structured {
		return maintenanceWord.MatchString(title)
	}
	for _, u := range ups {
		switch u.Status {
		case "scheduled", "in_progress", "verifying", "completed":
			return true
		}
	}
	return false
}

// passive statuses add text without changing the lifecycle.
func passive(status string) bool { return status == "update" || status == "postmortem" }

func closing(status string) bool { return status == "resolved" || status == "completed" }

// current is the incident's lifecycle word: the newest update's, skipping
// plain "Update"s, which say nothing about the state.
func current(ups []adapters.Update) (string, string) {
	for _, u := range ups {
		if u.Status != "update" {
			return u.Status, u.StatusRaw
		}
	}
	return ups[0].Status, ups[0].StatusRaw
}

// resolvedAt is when the incident was last closed: the oldest update of the
// newest run of resolved/completed updates (passive ones in between do not
// break the run), or zero when a later lifecycle word reopened it.
func resolvedAt(ups []adapters.Update) time.Time {
	var at time.Time
	for _, u := range ups {
		switch {
		case passive(u.Status):
		case closing(u.Status):
			at = u.CreatedAt
		default:
			return at
		}
	}
	return at
}

func oldestWith(ups []adapters.Update, status string) time.Time {
	var t time.Time
	for _, u := range ups {
		if u.Status == status {
			t = u.CreatedAt
		}
	}
	return t
}

// overall: see the package comment.
func overall(incidents []adapters.Incident) adapters.Status {
	st := adapters.Operational
	for _, in := range incidents {
		if !in.Open() {
			continue
		}
		if in.Kind == adapters.KindMaintenance {
			if in.Underway() {
				st = adapters.Worst(st, adapters.Maintenance)
			}
			continue
		}
		st = adapters.Worst(st, adapters.Worst(adapters.Degraded, in.Impact.Status()))
	}
	return st
}

// tagID reads Statuspage-style tag URIs: "tag:host,2005:Incident/1234567".
var tagID = regexp.MustCompile(`^tag:[^,]+,\d{4}(?:-\d{2}){0,2}:(?:[A-Za-z]+/)?([A-Za-z0-9_-]{1,64})$`)

var safeID = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// entryID: see the package comment, note (1).
func entryID(e entry) string {
	// The incident's code first: it is the id Statuspage's JSON gives the
	// same incident, so a page read one way and then the other keeps one
	// incident, not two. The tag's number is Statuspage's internal one.
	for _, s := range []string{e.Link, e.ID} {
		if u, err := url.Parse(s); err == nil && u.Host != "" {
			dir, code := pathTail(u.Path)
			if dir == "incidents" && safeID.MatchString(code) {
				return code
			}
		}
	}
	if m := tagID.FindStringSubmatch(e.ID); m != nil {
		return m[1]
	}
	key := firstNonEmpty(e.ID, e.Link, e.Title+"\x00"+e.Published)
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:8])
}

// pathTail returns the last two segments of a URL path.
func pathTail(p string) (dir, last string) {
	parts := strings.Split(strings.Trim(p, "/"), "/")
	if len(parts) < 2 {
		return "", ""
	}
	return parts[len(parts)-2], parts[len(parts)-1]
}

func firstTime(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

func earliest(a, b time.Time) time.Time {
	if a.IsZero() || (!b.IsZero() && b.Before(a)) {
		return b
	}
	return a
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
