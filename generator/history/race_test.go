//go:build race

package history

// The race detector slows the property tests about tenfold; they find
// merge bugs, not races, so fewer iterations suffice there.
const raceEnabled = true
