package site

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters/all"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/internal/buildtest"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/publish"
	"github.com/uptimus/uptimus/generator/synth"
)

// benchInputs are a synthetic corpus (synth, as the command's benchmarks
// and scripts/bench-hugo use) loaded into memory: UPTIMUS_BENCH_PROVIDERS
// providers (default 20) × 60 incidents.
func benchInputs(b *testing.B) buildtest.Inputs {
	b.Helper()
	n := 20
	if s := os.Getenv("UPTIMUS_BENCH_PROVIDERS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	dir := b.TempDir()
	if err := synth.Generate(synth.Options{Providers: n, Incidents: 60, Out: dir, Seed: 1, Now: now}); err != nil {
		b.Fatal(err)
	}
	reg := all.Registry()
	content := filepath.Join(dir, "content")
	cat, err := catalog.Load(os.DirFS(content), reg.Names(), catalog.LoadOptions{Root: content, Hosting: catalog.Hosting(reg.Hosting())})
	if err != nil {
		b.Fatal(err)
	}
	slugs := make([]string, len(cat.Providers))
	for i, p := range cat.Providers {
		slugs[i] = p.Slug
	}
	hs, err := history.LoadAll(os.DirFS(filepath.Join(dir, "data")), slugs)
	if err != nil {
		b.Fatal(err)
	}
	return buildtest.Inputs{Catalog: cat, Histories: hs, Capabilities: reg.Capabilities(), Now: now}
}

// BenchmarkSite renders the whole site of the synthetic corpus (every
// provider's incident pages, archive and page, then the pages about many
// providers) into a fresh folder each time; with -benchmem it shows what
// the pages allocate. Incident pages are most of a build's work.
func BenchmarkSite(b *testing.B) {
	in := benchInputs(b)
	opt := Options{Catalog: in.Catalog, Now: in.Now, BaseURL: buildtest.BaseURL, Capabilities: in.Capabilities}
	var files int
	for b.Loop() {
		b.StopTimer()
		out := filepath.Join(b.TempDir(), "public")
		b.StartTimer()
		pub := publish.New(out)
		s, err := New(opt, pub)
		if err != nil {
			b.Fatal(err)
		}
		if err := in.Run(func(p *catalog.Provider, h *history.History, st model.State) error {
			return s.Provider(p, h, st, false)
		}, s.Finish); err != nil {
			b.Fatal(err)
		}
		files, _ = pub.Counts()
		b.StopTimer()
		if err := os.RemoveAll(out); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(files), "files")
}
