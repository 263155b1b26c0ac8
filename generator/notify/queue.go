package notify

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// QueueFile is the queue's name in the cache folder, beside SentFile.
const QueueFile = "notify-queue.json"

// The queue's bounds per destination: a chat channel down for days wants
// no flood of stale news when it returns, and the file stays small.
const (
	DefaultMaxQueued   = 200
	DefaultMaxQueueAge = 72 * time.Hour
)

// Queued is a post that still failed after its retries, kept for the
// next run. It names the destination, never its URL or secret: the URL of
// a chat webhook is itself a secret, and the cache is no place for one.
type Queued struct {
	Destination string    `json:"destination"`
	QueuedAt    time.Time `json:"queued_at"`
	Event       Event     `json:"event"`
	// Backlog marks a post left untried by a run's deadline for a
	// destination that was working: a backlog to drain over the next
	// runs, not news held through an outage, so it does not count against
	// Max (MaxAge still bounds it).
	Backlog bool `json:"backlog,omitempty"`
}

// Queue holds the posts waiting for their next attempt, oldest first
// within each destination.
type Queue struct {
	path  string
	items []Queued
	// sorted says items are in sort's order; Add leaves them unsorted,
	// so that queueing a backlog of hundreds is not a sort per post.
	sorted bool
	// told holds "destination part" for every part of every queued event
	// (and its id), so that a run asks in constant time; nil when it must
	// be built again after a removal.
	told map[string]bool
	// Max and MaxAge bound what one destination keeps waiting.
	Max    int
	MaxAge time.Duration
}

type queueFile struct {
	SchemaVersion int      `json:"schema_version"`
	Queued        []Queued `json:"queued"`
}

// OpenQueue reads the queue at path; a missing file is an empty queue. A
// queue that cannot be read is moved aside (to path+Damaged), the error
// says so, and an empty queue is returned: new events still go out.
func OpenQueue(path string) (*Queue, error) {
	q := &Queue{path: path, Max: DefaultMaxQueued, MaxAge: DefaultMaxQueueAge}
	var f queueFile
	if err := readJSON(path, &f); err != nil {
		return q, MoveAside(path, err)
	}
	q.items = f.Queued
	return q, nil
}

// sort orders the queue by destination, then oldest first, so the file's
// bytes depend on its content alone.
func (q *Queue) sort() {
	if q.sorted {
		return
	}
	q.sorted = true
	slices.SortStableFunc(q.items, func(a, b Queued) int {
		return cmp.Or(cmp.Compare(a.Destination, b.Destination), a.QueuedAt.Compare(b.QueuedAt),
			a.Event.At.Compare(b.Event.At), cmp.Compare(a.Event.ID, b.Event.ID))
	})
}

// For lists what waits for dest, oldest first.
func (q *Queue) For(dest string) []Queued {
	q.sort()
	var out []Queued
	for _, it := range q.items {
		if it.Destination == dest {
			out = append(out, it)
		}
	}
	return out
}

// Len is the number of posts waiting, for every destination.
func (q *Queue) Len() int { return len(q.items) }

// Has reports whether event id waits for dest.
func (q *Queue) Has(dest, id string) bool {
	return slices.ContainsFunc(q.items, func(it Queued) bool { return it.Destination == dest && it.Event.ID == id })
}

// Holds reports whether an event that tells part (an event id, or one of
// an event's parts) waits for dest.
func (q *Queue) Holds(dest, part string) bool {
	if q.told == nil {
		q.told = map[string]bool{}
		for i := range q.items {
			q.index(&q.items[i])
		}
	}
	return q.told[sentKey(dest, part)]
}

func (q *Queue) index(it *Queued) {
	q.told[sentKey(it.Destination, it.Event.ID)] = true
	for _, p := range it.Event.Parts {
		q.told[sentKey(it.Destination, p)] = true
	}
}

// Add queues e for dest at time at, once; the oldest posts of dest beyond
// Max are dropped and passed to dropped.
func (q *Queue) Add(dest string, e Event, at time.Time, dropped func(Queued, string)) {
	if q.Holds(dest, e.ID) {
		return
	}
	e.At = e.At.UTC()
	q.items = append(q.items, Queued{Destination: dest, QueuedAt: at.UTC(), Event: e})
	q.sorted = false
	q.index(&q.items[len(q.items)-1])
	q.bound(dest, dropped)
}

// Defer queues e for dest at time at, once, as backlog.
func (q *Queue) Defer(dest string, e Event, at time.Time) {
	if q.Holds(dest, e.ID) {
		return
	}
	e.At = e.At.UTC()
	q.items = append(q.items, Queued{Destination: dest, QueuedAt: at.UTC(), Event: e, Backlog: true})
	q.sorted = false
	q.index(&q.items[len(q.items)-1])
}

// Remove takes event id off dest's queue.
func (q *Queue) Remove(dest, id string) {
	q.items = slices.DeleteFunc(q.items, func(it Queued) bool { return it.Destination == dest && it.Event.ID == id })
	q.told = nil
}

// Prune drops what waits for a destination not in dests, what was queued
// more than MaxAge before now, and the oldest beyond Max of each
// destination; each post dropped goes to dropped with the reason.
func (q *Queue) Prune(dests []string, now time.Time, dropped func(Queued, string)) {
	q.told = nil
	q.items = slices.DeleteFunc(q.items, func(it Queued) bool {
		reason := ""
		switch {
		case !slices.Contains(dests, it.Destination):
			reason = "the destination is no longer in the config"
		case now.Sub(it.QueuedAt) > q.MaxAge:
			reason = fmt.Sprintf("queued over %s ago (at %s)", q.MaxAge, it.QueuedAt.Format(time.RFC3339))
		}
		if reason != "" {
			dropped(it, reason)
		}
		return reason != ""
	})
	for _, d := range dests {
		q.bound(d, dropped)
	}
}

// bound drops dest's oldest posts beyond Max, backlog left out.
func (q *Queue) bound(dest string, dropped func(Queued, string)) {
	extra := -q.Max
	for i := range q.items {
		if q.items[i].Destination == dest && !q.items[i].Backlog {
			extra++
		}
	}
	if extra <= 0 {
		return
	}
	q.sort()
	q.told = nil
	q.items = slices.DeleteFunc(q.items, func(it Queued) bool {
		if it.Destination != dest || it.Backlog || extra <= 0 {
			return false
		}
		extra--
		dropped(it, fmt.Sprintf("the queue holds at most %d posts per destination", q.Max))
		return true
	})
}

// Save writes the queue atomically and deterministically.
func (q *Queue) Save() error {
	q.sort()
	f := queueFile{SchemaVersion: 1, Queued: q.items}
	if f.Queued == nil {
		f.Queued = []Queued{} // "queued": [], not null
	}
	return writeJSON(q.path, f)
}
