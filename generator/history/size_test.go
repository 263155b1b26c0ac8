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
	h = grownHistory(t, body)
	// The size the error must name is worked out rather than encoded a
	// third time (each encoding of 11 MB takes seconds under the race
	// detector): a body of x's encodes as itself between quotes, so the
	// file is the one grown with one-byte bodies plus the bytes the
	// long bodies add.
	small := len(mustEncode(t, grownHistory(t, "x"))["incidents/2025.json"])
	size := small + bigIncidents*(len(body)-1)
	wrote, err := Save(dir, h)
	want := fmt.Sprintf("data/pusher/incidents/2025.json: would be %d bytes, over the limit of 10485760 (10 MB) for one history file; nothing written", size)
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

// bigIncidents is how many incidents grownHistory adds: with bodies of
// 100 KiB they pass MaxFileSize.
const bigIncidents = MaxFileSize/(100<<10) + 5

// grownHistory is goldenHistory merged with bigIncidents incidents of
// 2025, each with one update whose text is body.
func grownHistory(t *testing.T, body string) *History {
	t.Helper()
	h := goldenHistory()
	incs := h.Incidents
	for i := range bigIncidents {
		id := fmt.Sprintf("big%03d", i)
		incs = append(incs, inc(id, at(i), upd(id+"-u1", at(i), body)))
	}
	if !Merge(h, snapOf(at(2000), incs...)) {
		t.Fatal("merge changed nothing")
	}
	return h
}
