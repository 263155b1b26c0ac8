package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/generator/synth"
)

// benchCorpus writes a synthetic corpus once per benchmark; its size comes
// from UPTIMUS_BENCH_PROVIDERS (default 50) × 60 incidents.
func benchCorpus(b *testing.B) string {
	b.Helper()
	tuneGC() // as the command does
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
	files, _ := benchBuildReport(b, corpus, out)
	return files
}

// benchBuildReport builds and returns the files in out and what the build
// printed.
func benchBuildReport(b *testing.B, corpus, out string) (int, string) {
	b.Helper()
	var stdout, stderr = new(bytes.Buffer), new(discard)
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
	return files, stdout.String()
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

// BenchmarkBuildOneChanged rebuilds after one provider's history changed
// (a new incident title each time) and reports how many files the rebuild
// wrote: only those depending on that provider.
func BenchmarkBuildOneChanged(b *testing.B) {
	corpus := benchCorpus(b)
	out := b.TempDir()
	benchBuild(b, corpus, out)
	years, _ := filepath.Glob(filepath.Join(corpus, "data", "example-provider-0001", "incidents", "*.json"))
	if len(years) == 0 {
		b.Fatal("no incidents in the corpus")
	}
	file := years[len(years)-1]
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	var written int
	n := 0
	for b.Loop() {
		b.StopTimer()
		n++
		changed := bytes.Replace(orig, []byte(`"title": "`), []byte(fmt.Sprintf(`"title": "Change %d: `, n)), 1)
		if err := os.WriteFile(file, changed, 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		_, report := benchBuildReport(b, corpus, out)
		if _, err := fmt.Sscanf(report[strings.Index(report, "files, ")+len("files, "):], "%d written", &written); err != nil {
			b.Fatalf("%v in %q", err, report)
		}
	}
	b.ReportMetric(float64(written), "files-written")
}
