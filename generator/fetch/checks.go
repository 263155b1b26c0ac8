package fetch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/internal/atomicfile"
)

// Check is what the runs learned about fetching one provider; it lives in
// the cache folder (see model.Check).
type Check = model.Check

// ChecksFile is the name of the checks file inside the cache folder.
const ChecksFile = "checks.json"

// LoadChecks reads path; a missing file is no checks yet.
func LoadChecks(path string) (map[string]Check, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]Check{}, nil
	}
	if err != nil {
		return nil, err
	}
	var doc struct {
		Providers map[string]Check `json:"providers"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if doc.Providers == nil {
		doc.Providers = map[string]Check{}
	}
	return doc.Providers, nil
}

// RecordChecks folds a run's results at time at into the checks file at
// path, keeping the providers this run did not fetch (those of other
// shards, and those backing off).
func RecordChecks(path string, r *Report, at time.Time) error {
	checks, err := LoadChecks(path)
	if err != nil {
		return err
	}
	for _, res := range r.Results {
		if res.Outcome == Skipped || res.Outcome == Retired || res.Stopped {
			continue
		}
		checks[res.Slug] = nextCheck(checks[res.Slug], res, at.UTC())
	}
	return WriteChecks(path, checks)
}

// nextCheck is c after res, fetched at at.
func nextCheck(c Check, res Result, at time.Time) Check {
	if url := res.URL; c.URL != url {
		// A new URL: what was learned about the old one no longer holds.
		c.Failures, c.Detected, c.Evidence, c.DetectedAt = 0, "", "", time.Time{}
	}
	c.URL, c.LastAttempt = res.URL, at
	if d := res.Detection; d != nil && d.Adapter != c.Detected {
		c.Detected, c.Evidence, c.DetectedAt = d.Adapter, d.Evidence, at
		if d.Adapter == "" {
			c.DetectedAt = time.Time{}
		}
	}
	if res.Self != nil {
		self := *res.Self
		self.At = at
		if self.Agree {
			self.AgreeSince = at
			if prev := c.Self; prev != nil && prev.Agree && !prev.AgreeSince.IsZero() {
				self.AgreeSince = prev.AgreeSince
			}
		}
		c.Self = &self
	}
	if res.Outcome != Failed {
		c.LastOK, c.LastError, c.LastHTTPStatus, c.FailingSince = at, "", 0, time.Time{}
		c.Failures, c.NextAttempt = 0, time.Time{}
		return c
	}
	c.LastError, c.LastHTTPStatus = errorText(res.Err), httpStatus(res.Err)
	if c.FailingSince.IsZero() {
		c.FailingSince = at
	}
	c.Failures++
	c.NextAttempt = time.Time{}
	if wait := Backoff(res.Slug, counted(c)); wait > 0 {
		c.NextAttempt = at.Add(wait)
	}
	return c
}

// counted is the number of failures the backoff counts: a page that has
// never answered (an imported entry whose page is gone) has no outage to
// report, so it backs off from its first failure.
func counted(c Check) int {
	if c.LastOK.IsZero() {
		return c.Failures + BackoffAfter - 1
	}
	return c.Failures
}

func errorText(err error) string {
	if err == nil {
		return "failed"
	}
	return err.Error()
}

// httpStatus is the HTTP status of the response that failed the fetch, or
// 0 when it failed otherwise (timeout, connection, decoding).
func httpStatus(err error) int {
	var hs adapters.HTTPStatuser
	if errors.As(err, &hs) {
		return hs.HTTPStatus()
	}
	return 0
}

// WriteChecks replaces the checks file at path with checks, atomically and
// deterministically.
func WriteChecks(path string, checks map[string]Check) error {
	// encoding/json sorts map keys, so the bytes are deterministic.
	doc := struct {
		Providers map[string]Check `json:"providers"`
	}{checks}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(path, append(b, '\n'))
}
