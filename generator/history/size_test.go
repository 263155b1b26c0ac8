package history

import (
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/uptimus/uptimus/internal/testfs"
)

// A save that would write a file over MaxFileSize fails, names the file
// and the limit, and leaves every file as it was.
func TestSaveRefusesFileOverLimit(t *testing.T) {
	dir := t.TempDir()
	h := goldenHistory()
	if _, err := Save(dir, h); err != nil {
		t.Fatal(err)
	}
	before := testfs.Text(t, dir)

	// 2025's incidents grow past the limit: about 11 MB of update bodies.
	body := strings.Repeat("x", 100<<10)
	var incs = h.Incidents
	for i := range MaxFileSize/len(body) + 5 {
		id := fmt.Sprintf("big%03d", i)
		incs = append(incs, inc(id, at(i), upd(id+"-u1", at(i), body)))
	}
	if !Merge(h, snapOf(at(2000), incs...)) {
		t.Fatal("merge changed nothing")
	}
	wrote, err := Save(dir, h)
	want := fmt.Sprintf("data/pusher/incidents/2025.json: would be %d bytes, over the limit of 10485760 (10 MB) for one history file; nothing written", len(mustEncode(t, h)["incidents/2025.json"]))
	if err == nil || err.Error() != want {
		t.Fatalf("error %v, want %q", err, want)
	}
	if len(wrote) != 0 {
		t.Errorf("wrote %v", wrote)
	}
	if after := testfs.Text(t, dir); !maps.Equal(before, after) {
		t.Error("a refused save changed the history on disk")
	}

	// A new provider whose first save is too large gets no folder at all.
	h.Slug = "newcomer"
	if _, err := Save(dir, h); err == nil || !strings.HasPrefix(err.Error(), "data/newcomer/incidents/2025.json: would be ") {
		t.Fatalf("error %v", err)
	}
	if after := testfs.Text(t, dir); !maps.Equal(before, after) {
		t.Error("a refused first save wrote files")
	}
}
