package main

import (
	"bytes"
	"fmt"
	"io/fs"
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

// benchBuild builds corpus into out and returns how many files the site
// has and how many the build wrote, as the build reported them.
func benchBuild(b *testing.B, corpus, out string) (files, written int) {
	b.Helper()
	var stdout, stderr = new(bytes.Buffer), new(discard)
	e := &env{stdout: stdout, stderr: stderr, getenv: func(string) string { return "" }}
	code := Main(b.Context(), e, []string{"build", "--content", filepath.Join(corpus, "content"), "--data", filepath.Join(corpus, "data"),
		"--out", out, "--cache", filepath.Join(corpus, "cache"), "--now", "2026-11-25T00:00:00Z"})
	if code != 0 {
		b.Fatalf("build exit %d", code)
	}
	report := stdout.String()
	at := strings.Index(report, ": ")
	if at < 0 {
		b.Fatalf("no counts in %q", report)
	}
	if _, err := fmt.Sscanf(report[at+2:], "%d files, %d written", &files, &written); err != nil {
		b.Fatalf("%v in %q", err, report)
	}
	return files, written
}

type discard struct{}

func (*discard) Write(p []byte) (int, error) { return len(p), nil }

// BenchmarkBuildFull renders pages, feeds, JSON and badges into a fresh
// folder. Each folder is deleted (untimed) before the next build, so that
// builds do not wait on the disk writing out the ones before.
//
// It reports the site's size and files beside the time: the size budget
// (docs/performance.md) is 1 GB and 100,000 files at 1,000 providers × 60
// incidents.
func BenchmarkBuildFull(b *testing.B) {
	corpus := benchCorpus(b)
	var files int
	var size int64
	for b.Loop() {
		out := filepath.Join(b.TempDir(), "public")
		files, _ = benchBuild(b, corpus, out)
		b.StopTimer()
		size = treeSize(b, out)
		if err := os.RemoveAll(out); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(files)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
	b.ReportMetric(float64(files), "files")
	b.ReportMetric(float64(size)/1e6, "MB")
}

// treeSize is the bytes of every file under dir.
func treeSize(b *testing.B, dir string) int64 {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		n += fi.Size()
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// BenchmarkBuildUnchanged rebuilds into a folder that is already up to date.
func BenchmarkBuildUnchanged(b *testing.B) {
	corpus := benchCorpus(b)
	out := b.TempDir()
	files, _ := benchBuild(b, corpus, out)
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
		_, written = benchBuild(b, corpus, out)
	}
	b.ReportMetric(float64(written), "files-written")
}
