package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/generator/publish"
	"github.com/uptimus/uptimus/generator/synth"
)

func TestParseSize(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]int64{"1GB": 1e9, "500MB": 5e8, " 1.5 gb ": 15e8, "750000": 750000, "0": 0, "2KB": 2000} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "GB", "-1MB", "ten"} {
		if _, err := parseSize(bad); err == nil {
			t.Errorf("parseSize(%q) accepted", bad)
		}
	}
}

func TestWarnBudget(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		total publish.Tally
		size  int64
		files int
		want  []string
	}{
		{"far below", publish.Tally{Files: 10, Bytes: 100}, 1000, 100, nil},
		{"near the size", publish.Tally{Files: 10, Bytes: 900e6}, 1e9, 0, []string{"the site is 900.0 MB, 90% of the 1000.0 MB limit"}},
		{"past the files", publish.Tally{Files: 120, Bytes: 1}, 0, 100, []string{"the site has 120 files, 120% of the 100-file limit"}},
		{"no limits", publish.Tally{Files: 1e6, Bytes: 1e12}, 0, 0, nil},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		warnBudget(&b, tt.total, tt.size, tt.files)
		for _, w := range tt.want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%s: %q lacks %q", tt.name, b.String(), w)
			}
		}
		if tt.want == nil && b.Len() > 0 {
			t.Errorf("%s: warned %q", tt.name, b.String())
		}
	}
}

// The build reports its bytes and files by kind, and warns before a limit.
func TestBuildReportsSizeByKind(t *testing.T) {
	t.Parallel()
	rec := replayDir(t)
	data, out, cache := t.TempDir(), t.TempDir(), t.TempDir()
	common := []string{"--content", "testdata/content", "--data", data, "--cache", cache, "--now", "2026-11-25T12:00:00Z"}
	cli(t, append([]string{"fetch", "--replay", rec}, common...)...)
	stdout, stderr, code := cli(t, append([]string{"build", "--out", out, "--stats", "--size-limit", "100KB", "--file-limit", "50"}, common...)...)
	if code != 0 {
		t.Fatal(stderr)
	}
	for _, want := range []string{"pages", "feeds rss", "updates feeds json", "api", "badges", "total"} {
		if !strings.Contains(stdout, "\n"+want+" ") {
			t.Errorf("--stats lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "warning: the site is") || !strings.Contains(stderr, "warning: the site has") {
		t.Errorf("no warning past both limits:\n%s", stderr)
	}
}

// A bad limit is a usage error found before any work, quoting the value
// as it was given.
func TestBuildRefusesBadLimitsFirst(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ flag, value string }{
		{"--size-limit", "1TB"}, {"--size-limit", "lots"}, {"--size-limit", "-1MB"}, {"--file-limit", "-5"}, {"--file-limit", "many"},
	} {
		for _, cmd := range []string{"build", "run"} {
			data, out := t.TempDir(), t.TempDir()
			args := []string{cmd, "--content", "testdata/content", "--data", data, "--out", out, tt.flag, tt.value, "--now", "2026-11-25T12:00:00Z"}
			if cmd == "run" {
				args = append(args, "--replay", replayDir(t))
			}
			_, stderr, code := cli(t, args...)
			if code != 2 || !strings.Contains(stderr, strconv.Quote(tt.value)) || !strings.Contains(stderr, tt.flag[1:]) {
				t.Errorf("%s %s %s: exit %d, want 2 quoting the value\n%s", cmd, tt.flag, tt.value, code, stderr)
			}
			for _, dir := range []string{data, out} {
				if entries, _ := os.ReadDir(dir); len(entries) > 0 {
					t.Errorf("%s %s %s: wrote into %s before refusing", cmd, tt.flag, tt.value, dir)
				}
			}
		}
	}
}

// Per provider of the synthetic corpus (60 incidents, as the budget's
// 1,000 × 60), the files that are its own stay within what lets 1,000 of
// them fit GitHub Pages' 1 GB and 100,000 files beside the pages every
// provider shares (home, categories, reports, sitemaps, the feeds of
// everything: 19.5 MB in 296 files at 1,000 × 60, docs/performance.md).
// The corpus is small, so this runs with the tests; BenchmarkBuildFull
// measures the whole site at any size.
func TestSyntheticProvidersKeepToTheSizeBudget(t *testing.T) {
	t.Parallel()
	const (
		providers = 8
		maxBytes  = 980_000 // (1 GB - 19.5 MB shared) / 1,000, rounded down
		maxFiles  = 99      // (100,000 - 296 shared) / 1,000, rounded down
	)
	corpus, out := t.TempDir(), t.TempDir()
	if err := synth.Generate(synth.Options{Providers: providers, Incidents: 60, Out: corpus, Seed: 1, Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := cli(t, "build", "--content", filepath.Join(corpus, "content"), "--data", filepath.Join(corpus, "data"), "--out", out, "--now", "2026-11-25T00:00:00Z")
	if code != 0 {
		t.Fatal(stderr)
	}
	size, files := map[string]int64{}, map[string]int{}
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		slug := ownerOf(filepath.ToSlash(path[len(out):]))
		if slug == "" {
			return nil
		}
		fi, err := d.Info()
		size[slug] += fi.Size()
		files[slug]++
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(size) != providers {
		t.Fatalf("found the files of %d providers, want %d: %v", len(size), providers, files)
	}
	var sum int64
	var count int
	for slug, n := range size {
		sum += n
		count += files[slug]
	}
	t.Logf("per provider: %d bytes and %.1f files on average", sum/providers, float64(count)/providers)
	if avg := sum / providers; avg > maxBytes {
		t.Errorf("a provider's own files are %d bytes on average, over the %d that keep 1,000 of them within 1 GB", avg, maxBytes)
	}
	if count > maxFiles*providers {
		t.Errorf("a provider has %.1f files of its own on average, over the %d that keep 1,000 of them within 100,000", float64(count)/providers, maxFiles)
	}
}

// ownerOf is the synthetic provider whose own file path is: a path with
// its slug as a segment (its page folder, its JSON folders) or as a file
// name (its JSON files, its badges); "" for a shared file.
func ownerOf(path string) string {
	for seg := range strings.SplitSeq(path, "/") {
		if slug, _, _ := strings.Cut(seg, "."); strings.HasPrefix(slug, "example-provider-") {
			return slug
		}
	}
	return ""
}
