//go:build !unix

package main

// peakMemory is not measured where getrusage is missing.
func peakMemory() string { return "unknown" }
