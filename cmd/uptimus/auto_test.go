package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/internal/testfs"
)

// autoContent is a catalogue of two imported entries that leave the vendor
// to detection: octo's page answers as Statuspage (GitHub's real
// responses), gone's answers nothing at all.
func autoContent(t *testing.T) (content, replay string) {
	t.Helper()
	content = t.TempDir()
	copyFile(t, "testdata/content/categories.yaml", filepath.Join(content, "categories.yaml"))
	for slug, url := range map[string]string{"octo": "https://status.octo.example", "gone": "https://status.gone.example"} {
		entry := "name: " + slug + "\nurl: " + url + "\nadapter: auto\ncategory: developer-tools\nsource: auto\n"
		if err := os.MkdirAll(filepath.Join(content, "providers"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(content, "providers", slug+".yaml"), []byte(entry), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	replay = t.TempDir()
	real := "../../testdata/real/statuspage/"
	api := filepath.Join(replay, "status.octo.example", "api", "v2")
	copyFile(t, real+"github-summary-2026-07-31.json", filepath.Join(api, "summary.json"))
	copyFile(t, real+"github-incidents-50-2026-07-31.json", filepath.Join(api, "incidents.json"))
	return content, replay
}

// TestFetchAutoDetectsAndBacksOff runs the scheduled fetch four times, 15
// minutes apart: octo's vendor is detected once and kept; gone, which
// never answered, waits after each failure, and the fourth run's table
// says so.
func TestFetchAutoDetectsAndBacksOff(t *testing.T) {
	t.Parallel()
	content, replay := autoContent(t)
	data, cache := t.TempDir(), t.TempDir()
	start := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	var out string
	for run := range 4 {
		now := start.Add(time.Duration(run) * 15 * time.Minute).Format(time.RFC3339)
		stdout, stderr, code := cli(t, "fetch", "--content", content, "--data", data, "--cache", cache, "--replay", replay, "--now", now)
		if code != 0 {
			t.Fatalf("run %d: exit %d\n%s%s", run, code, stdout, stderr)
		}
		if run == 0 && !strings.Contains(stdout, "detected statuspage") {
			t.Errorf("first run does not say what it detected:\n%s", stdout)
		}
		out = stdout
	}
	for _, want := range []string{"gone      skipped    backing off after 2 failures in a row; next try 2026-11-29 13:2", "2 providers: 0 ok, 1 unchanged, 0 failed, 1 backing off"} {
		if !strings.Contains(out, want) {
			t.Errorf("fourth run's table lacks %q:\n%s", want, out)
		}
	}
	stdout, stderr, code := cli(t, "check", "--content", content, "--cache", cache, "--replay", replay, "octo")
	if code != 0 {
		t.Fatalf("check octo: exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"adapter auto, source auto, pending review", "detected by the runs: statuspage on 2026-11-29 12:00 UTC", "detected now: statuspage", "(adapter statuspage)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("check octo lacks %q:\n%s", want, stdout)
		}
	}
	// The build reads octo as the Statuspage page it was detected to be:
	// the vendor's own overall status, not one derived from incidents.
	out2 := t.TempDir()
	if _, stderr, code := cli(t, "build", "--content", content, "--data", data, "--cache", cache, "--out", out2, "--now", start.Add(time.Hour).Format(time.RFC3339)); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	if api := testfs.File(t, filepath.Join(out2, "api", "v1", "providers", "octo.json")); !strings.Contains(api, `"status_derived":false`) {
		t.Errorf("octo, detected as Statuspage, has a derived status:\n%.600s", api)
	}
	stdout, _, code = cli(t, "check", "--content", content, "--cache", cache, "--replay", replay, "gone")
	if code == 0 || !strings.Contains(stdout, "failing since 2026-11-29 12:00 UTC, 2 times in a row") || !strings.Contains(stdout, "backing off: next scheduled try") {
		t.Errorf("check gone: exit %d\n%s", code, stdout)
	}
}
