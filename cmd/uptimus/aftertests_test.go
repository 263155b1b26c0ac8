package main

import "sync"

// after holds what must be done once every test has run: what tests
// share (a site built once, a browser started once) lives until then.
var after struct {
	sync.Mutex
	fns []func()
}

// afterTests has f run once every test has finished, after whatever is
// registered later.
func afterTests(f func()) {
	after.Lock()
	defer after.Unlock()
	after.fns = append(after.fns, f)
}

// runAfterTests runs what afterTests was given, last first.
func runAfterTests() {
	after.Lock()
	defer after.Unlock()
	for i := len(after.fns) - 1; i >= 0; i-- {
		after.fns[i]()
	}
	after.fns = nil
}
