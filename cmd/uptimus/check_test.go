package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// A vendor's title, component name or status word may carry terminal
// escape sequences: one that clears the screen, an OSC 8 hyperlink that
// shows one URL and opens another, a C1 CSI, a bell. `uptimus check`
// prints them as inert text.
func TestCheckPrintsNoControlCharacters(t *testing.T) {
	t.Parallel()
	const (
		clear = `\u001b[2J`
		link  = `\u001b]8;;https://phish.example/\u001b\\Open the dashboard\u001b]8;;\u001b\\`
		c1    = `\u009b31m\u0007`
	)
	dir := t.TempDir()
	api := filepath.Join(dir, "status.evil.example", "api", "v2")
	os.MkdirAll(api, 0o755)
	os.WriteFile(filepath.Join(api, "summary.json"), []byte(`{"status":{"indicator":"minor","description":"Degraded `+clear+`"},`+
		`"components":[{"id":"c1","name":"API `+c1+`","status":"degraded_performance","position":1}],`+
		`"incidents":[{"id":"i1","name":"Outage `+clear+link+`\nfake line","status":"investigating `+c1+`","impact":"minor",`+
		`"created_at":"2026-11-20T10:00:00Z","incident_updates":[{"id":"u1","status":"investigating","body":"x `+clear+`","created_at":"2026-11-20T10:00:00Z"}]}]}`), 0o644)
	os.WriteFile(filepath.Join(api, "incidents.json"), []byte(`{"incidents":[{"id":"i2","name":"Old `+link+`","status":"resolved","impact":"minor",`+
		`"created_at":"2026-11-01T10:00:00Z","resolved_at":"2026-11-01T11:00:00Z","incident_updates":[]}]}`), 0o644)
	stdout, stderr, code := cli(t, "check", "--adapter", "statuspage", "--replay", dir, "https://status.evil.example")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !utf8.ValidString(stdout) {
		t.Fatalf("invalid UTF-8 in the output:\n%q", stdout)
	}
	for _, c := range stdout {
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c >= 0x80 && c <= 0x9f {
			t.Fatalf("control character %U reached the terminal:\n%q", c, stdout)
		}
	}
	for _, want := range []string{"Outage [2J]8;;https://phish.example/\\Open the dashboard]8;;\\ fake line", "Old ]8;;", "API 31m", "investigating 31m"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks the printable text %q:\n%s", want, stdout)
		}
	}
}

// The adapter's name prefixes its errors once (adapters.Define adds it).
func TestCheckNamesTheAdapterOnce(t *testing.T) {
	t.Parallel()
	_, stderr, code := cli(t, "check", "--adapter", "statuspage", "--replay", t.TempDir(), "https://status.example.com")
	if code != 1 || strings.Count(stderr, "adapter statuspage:") != 1 || !strings.Contains(stderr, "adapter statuspage: fetch https://status.example.com/api/v2/summary.json") {
		t.Errorf("exit %d, want 1 and the adapter named once:\n%s", code, stderr)
	}
}
