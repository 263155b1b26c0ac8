package synth

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/internal/testfs"
)

func TestGenerateIsValidAndReproducible(t *testing.T) {
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := Generate(Options{Providers: 3, Incidents: 20, Out: dir, Seed: 7, Now: now}); err != nil {
			t.Fatal(err)
		}
	}
	cat, err := catalog.Load(os.DirFS(filepath.Join(a, "content")), []string{"statuspage"})
	if err != nil {
		t.Fatal(err)
	}
	if len(cat.Providers) != 3 || cat.Providers[0].Name != "Example Provider 0000" {
		t.Errorf("providers = %+v", cat.Providers)
	}
	h, err := history.Load(os.DirFS(filepath.Join(a, "data")), "example-provider-0001")
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Incidents) != 20 || len(h.State.Components) < 3 {
		t.Errorf("%d incidents, %d components", len(h.Incidents), len(h.State.Components))
	}
	// Two runs with the same seed.
	testfs.Same(t, a, b)
}
