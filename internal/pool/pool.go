// Package pool runs independent pieces of work on a fixed number of
// goroutines, for the per-provider steps of a build.
package pool

import (
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls fn(i) for every i in [0, n) on at most workers goroutines
// (GOMAXPROCS when workers < 1) and returns the errors joined in index
// order, so the report does not depend on scheduling. Every i runs even
// when another fails: one broken provider must not hide the others.
func Each(n, workers int, fn func(i int) error) error {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, n))
	errs := make([]error, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				errs[i] = fn(i)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}
