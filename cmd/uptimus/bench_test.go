package main

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/uptimus/uptimus/generator/synth"
)

// benchCorpus writes a synthetic corpus once per benchmark; its size comes
// from UPTIMUS_BENCH_PROVIDERS (default 50) × 60 incidents.
func benchCorpus(b *testing.B) string {
	b.Helper()
	n := 50
	if s := os.Getenv("UPTIMUS_BENCH_PROVIDERS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	dir := b.TempDir()
	if err := synth.Generate(synth.Options{Providers: n, Incidents: 60, Out: dir, Seed: 1, Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}); err != nil {
		b.Fatal(err)
	}
	return dir
}

func benchBuild(b *testing.B, corpus, out string) int {
	b.Helper()
	var stdout, stderr = new(discard), new(discard)
	e := &env{stdout: stdout, stderr: stderr, getenv: func(string) string { return "" }}
	code := Main(b.Context(), e, []string{"build", "--content", filepath.Join(corpus, "content"), "--data", filepath.Join(corpus, "data"),
		"--out", out, "--cache", filepath.Join(corpus, "cache"), "--now", "2026-11-25T00:00:00Z"})
	if code != 0 {
		b.Fatalf("build exit %d", code)
	}
	files := 0
	filepath.WalkDir(out, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files++
		}
		return nil
	})
	return files
}

type discard struct{}

func (*discard) Write(p []byte) (int, error) { return len(p), nil }

// BenchmarkBuildFull renders pages, feeds, JSON and badges into a fresh folder.
func BenchmarkBuildFull(b *testing.B) {
	corpus := benchCorpus(b)
	var files int
	for b.Loop() {
		files = benchBuild(b, corpus, b.TempDir())
	}
	b.ReportMetric(float64(files)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}

// BenchmarkBuildUnchanged rebuilds into a folder that is already up to date.
func BenchmarkBuildUnchanged(b *testing.B) {
	corpus := benchCorpus(b)
	out := b.TempDir()
	files := benchBuild(b, corpus, out)
	b.ResetTimer()
	for b.Loop() {
		benchBuild(b, corpus, out)
	}
	b.ReportMetric(float64(files)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}
