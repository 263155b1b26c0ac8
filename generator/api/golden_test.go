package api

import (
	"bytes"
	"encoding/json"
	"flag"
	"path/filepath"
	"testing"

	"github.com/uptimus/uptimus/internal/testfs"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// TestGolden pins acme's provider file and the status file (indented here
// for review; published minified); run with -update after an intended
// change and review the diff.
func TestGolden(t *testing.T) {
	got := files(t, build(t, fixtureOptions()))
	for rel, name := range map[string]string{"api/v1/providers/acme.json": "acme.json", "api/v1/status.json": "status.json"} {
		var pretty bytes.Buffer
		if err := json.Indent(&pretty, got[rel], "", "  "); err != nil {
			t.Fatal(err)
		}
		pretty.WriteByte('\n')
		testfs.Golden(t, filepath.Join("testdata", name+".golden"), pretty.Bytes(), *update)
	}
}
