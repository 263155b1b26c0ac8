package fetch

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
)

// TestRunRetiredNotAsked: a retired entry makes no request, keeps its
// history, and is reported as retired, not as a failure.
func TestRunRetiredNotAsked(t *testing.T) {
	var asked atomic.Int32
	opt := testOptions()
	opt.Registry = registryWith(fakeAdapter{"fake", func(ctx context.Context, f adapters.Fetcher, p adapters.Page) (*adapters.Snapshot, error) {
		if p.Slug == "gone" {
			asked.Add(1)
		}
		return nil, fmt.Errorf("fetch %s: 404 Not Found", p.URL)
	}})
	ps := providers("gone", "fail-b")
	ps[0].Retired = &catalog.Retirement{Date: "2025-01", Reason: "Shut down."}
	st := newFakeStore()
	r := run(context.Background(), opt, ps, st)

	if got := outcomes(r); !slices.Equal(got, []string{"gone=retired", "fail-b=failed"}) {
		t.Fatalf("outcomes %v", got)
	}
	if asked.Load() != 0 {
		t.Errorf("the retired page was asked %d times", asked.Load())
	}
	if slices.Contains(st.saved, "gone") {
		t.Errorf("the retired entry's history was written: %v", st.saved)
	}
	if got := r.Totals(); got != "2 providers: 0 ok, 0 unchanged, 1 failed, 1 retired" {
		t.Errorf("totals %q", got)
	}
	if r.Results[0].Detail() != "retired: not fetched" {
		t.Errorf("detail %q", r.Results[0].Detail())
	}
	if !r.AllFailed() {
		t.Error("every page asked failed, so the run failed; the retired one was not asked")
	}
	var summary strings.Builder
	if err := r.WriteSummary(&summary); err != nil || strings.Contains(summary.String(), "| gone |") {
		t.Errorf("summary lists the retired entry among failures: %q, %v", summary.String(), err)
	}

	path := filepath.Join(t.TempDir(), "checks.json")
	if err := RecordChecks(path, r, testNow); err != nil {
		t.Fatal(err)
	}
	checks, err := LoadChecks(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := checks["gone"]; ok {
		t.Errorf("a check was recorded for the retired entry: %+v", checks["gone"])
	}
}
