//go:build unix

package main

import (
	"fmt"
	"runtime"
	"syscall"
)

// peakMemory is the process's peak resident memory, as the kernel counts it.
func peakMemory() string {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return "unknown"
	}
	kib := ru.Maxrss // KiB on Linux, bytes on macOS
	if runtime.GOOS == "darwin" {
		kib /= 1024
	}
	return fmt.Sprintf("%.0f MiB", float64(kib)/1024)
}
