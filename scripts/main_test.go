package scripts_test

import (
	"os"
	"testing"

	"github.com/uptimus/uptimus/internal/testfs"
)

// TestMain keeps the tests' scratch folders in memory where it can
// (testfs.MemoryTemp): they write many small files.
func TestMain(m *testing.M) {
	testfs.MemoryTemp()
	os.Exit(m.Run())
}
