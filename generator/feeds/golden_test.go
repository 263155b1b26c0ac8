package feeds

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/uptimus/uptimus/generator/paths"
	"github.com/uptimus/uptimus/internal/testfs"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// TestGolden pins the acme feed in each format byte for byte; run with
// -update after an intended change and review the diff.
func TestGolden(t *testing.T) {
	got := files(t, build(t, fixtureOptions()))
	for _, f := range paths.Formats {
		rel := "status/acme/feed." + string(f)
		testfs.Golden(t, filepath.Join("testdata", "acme-feed."+string(f)+".golden"), got[rel], *update)
	}
}
