//go:build !linux

package testfs

// MemoryTemp leaves TMPDIR as it is where there is no /dev/shm.
func MemoryTemp() {}
