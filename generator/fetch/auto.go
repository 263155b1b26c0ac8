package fetch

import (
	"context"
	"errors"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/probe"
)

// DefaultDetectTimeout bounds the probing of one page, all its requests
// and retries together: an imported page whose host accepts connections
// and never answers must not hold a worker for a minute a path. A status
// page that cannot answer in that time is not worth reading anyway.
const DefaultDetectTimeout = 15 * time.Second

// Detection is what the probe found this run for an "adapter: auto"
// entry. Adapter is empty when it could not tell: the next attempt probes
// again.
type Detection struct {
	Adapter, Evidence string
}

// autoSnapshot fetches an "adapter: auto" entry: with the adapter an
// earlier run detected, while the page keeps answering in that format;
// otherwise it asks the probe (the one "uptimus new" uses) first, and
// res.Detection says what it found.
func (r *runner) autoSnapshot(ctx context.Context, p catalog.Provider, res *Result) (*adapters.Snapshot, error) {
	known := r.opt.Checks[p.Slug]
	if known.Detected != "" && known.URL == p.URL {
		res.Adapter = known.Detected
		snap, err := r.fetchWith(ctx, p, known.Detected)
		if err == nil || !formatGone(err) {
			return snap, err
		}
		name, evidence, derr := r.detect(ctx, p.URL)
		if derr == nil && name == known.Detected {
			// Still that vendor's page: the failure is the news.
			return nil, err
		}
		return r.detected(ctx, p, res, name, evidence, derr)
	}
	name, evidence, err := r.detect(ctx, p.URL)
	return r.detected(ctx, p, res, name, evidence, err)
}

// detect runs the probe within opt.DetectTimeout.
func (r *runner) detect(ctx context.Context, url string) (name, evidence string, err error) {
	ctx, cancel := context.WithTimeout(ctx, r.opt.DetectTimeout)
	defer cancel()
	return probe.Detect(ctx, r.opt.Fetcher, r.opt.Registry, url)
}

// detected records a probe's answer in res and fetches with it.
func (r *runner) detected(ctx context.Context, p catalog.Provider, res *Result, name, evidence string, err error) (*adapters.Snapshot, error) {
	res.Detection = &Detection{Adapter: name, Evidence: evidence}
	if err != nil {
		return nil, err
	}
	res.Adapter = name
	return r.fetchWith(ctx, p, name)
}

// formatGone reports whether err says the page no longer answers in its
// adapter's format (a body of another shape, or the endpoint is gone), as
// opposed to being down for now: only then is the vendor detected again.
func formatGone(err error) bool {
	var de *adapters.DecodeError
	return errors.As(err, &de) || adapters.IsNotFound(err)
}
