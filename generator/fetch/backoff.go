package fetch

import (
	"fmt"
	"hash/fnv"
	"time"

	"github.com/uptimus/uptimus/generator/catalog"
)

// Backoff: a provider that keeps failing is fetched less and less often,
// so that hundreds of imported entries whose pages are gone cost a
// scheduled run almost nothing. The first BackoffAfter failures in a row
// are retried every run (a page that is down for an hour is news, and
// is shown as such); after that the wait starts at FirstBackoff and
// doubles with each failure, up to MaxBackoff.
const (
	BackoffAfter = 3
	FirstBackoff = 30 * time.Minute
	MaxBackoff   = 24 * time.Hour
)

// Backoff is how long after its latest failure a provider that has failed
// failures times in a row waits for its next scheduled fetch. Waits are
// shortened by up to an eighth, by a share fixed by the slug, so that
// entries that failed together do not all come back in the same run.
func Backoff(slug string, failures int) time.Duration {
	if failures < BackoffAfter {
		return 0
	}
	d := MaxBackoff
	if shift := failures - BackoffAfter; shift < 6 {
		d = min(FirstBackoff<<shift, MaxBackoff)
	}
	h := fnv.New32a()
	h.Write([]byte(slug))
	return d - d/8*time.Duration(h.Sum32()%1000)/1000
}

// backingOff reports whether p waits for a later run: its checks say it
// keeps failing and its next attempt is still ahead. A changed URL (a pull
// request that fixed the entry) starts over.
func (r *runner) backingOff(p catalog.Provider) (Check, bool) {
	c, ok := r.opt.Checks[p.Slug]
	if !ok || r.opt.IgnoreBackoff || c.URL != p.URL {
		return c, false
	}
	return c, r.opt.Now().Before(c.NextAttempt)
}

// skipped is the result of a provider that waits for a later run.
func (r *runner) skipped(p catalog.Provider, c Check) Result {
	return Result{
		Slug: p.Slug, URL: p.URL, Adapter: p.Adapter, Outcome: Skipped,
		Failures: c.Failures, NextAttempt: c.NextAttempt,
		Written: r.unseen(p.Slug),
	}
}

// backoffNote is a skipped result's detail: "backing off after 5 failures
// in a row; next try 2026-11-29 14:00 UTC".
func backoffNote(failures int, next time.Time) string {
	return fmt.Sprintf("backing off after %d failures in a row; next try %s", failures, next.UTC().Format("2006-01-02 15:04 UTC"))
}
