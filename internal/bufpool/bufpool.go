// Package bufpool lends byte buffers for documents that are written out and
// then dropped (pages, feeds), so that a build of a hundred thousand files
// does not allocate and grow a fresh buffer for each.
package bufpool

import (
	"bytes"
	"sync"
)

// maxKept is the largest buffer given back to the pool; a rare huge
// document should not keep its memory for the rest of the build.
const maxKept = 4 << 20

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Get returns an empty buffer.
func Get() *bytes.Buffer {
	b := pool.Get().(*bytes.Buffer)
	b.Reset()
	return b
}

// Put gives b back; nothing may use b or its bytes afterwards.
func Put(b *bytes.Buffer) {
	if b.Cap() <= maxKept {
		pool.Put(b)
	}
}
