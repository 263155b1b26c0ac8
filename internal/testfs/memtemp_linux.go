package testfs

import (
	"os"
	"syscall"
)

// memoryDir is the tmpfs that MemoryTemp moves scratch folders to.
const memoryDir = "/dev/shm"

// memoryRoom is the free space memoryDir must have: the heaviest test
// binaries write some hundreds of megabytes of small files.
const memoryRoom = 2 << 30

// MemoryTemp points TMPDIR, where t.TempDir and os.TempDir make their
// folders, at /dev/shm when TMPDIR is not set and /dev/shm is a writable
// folder with room: tests that build whole sites write thousands of small
// files, and on a virtual disk waiting for them was a third of their time.
// Call it from TestMain before m.Run. A TMPDIR the caller set is kept.
func MemoryTemp() {
	if os.Getenv("TMPDIR") != "" {
		return
	}
	var st syscall.Statfs_t
	if syscall.Statfs(memoryDir, &st) != nil || st.Bavail*uint64(st.Bsize) < memoryRoom {
		return
	}
	if syscall.Access(memoryDir, 2 /* W_OK */) != nil {
		return
	}
	os.Setenv("TMPDIR", memoryDir)
}
