package feeds

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/uptimus/uptimus/generator/paths"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// TestGolden pins the acme feed in each format byte for byte; run with
// -update after an intended change and review the diff.
func TestGolden(t *testing.T) {
	got := files(t, build(t, fixtureOptions()))
	for _, f := range paths.Formats {
		rel := "status/acme/feed." + string(f)
		golden := filepath.Join("testdata", "acme-feed."+string(f)+".golden")
		if *update {
			if err := os.WriteFile(golden, got[rel], 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if string(got[rel]) != string(want) {
			t.Errorf("%s differs from %s (run go test -update and review the diff)\n got: %s", rel, golden, got[rel])
		}
	}
}
