package api

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
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
		golden := filepath.Join("testdata", name+".golden")
		if *update {
			if err := os.WriteFile(golden, pretty.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(pretty.Bytes(), want) {
			t.Errorf("%s differs from %s (run go test -update and review the diff)", rel, golden)
		}
	}
}
