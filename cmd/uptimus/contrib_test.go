package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// scratchContent is a writable copy of the test catalogue.
func scratchContent(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/content")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// The three commands CONTRIBUTING.md gives: new, check, validate.
func TestNewCheckValidate(t *testing.T) {
	t.Parallel()
	content := scratchContent(t)
	// Add as new the provider the recording holds.
	os.Remove(filepath.Join(content, "providers", "example.yaml"))
	stdout, stderr, code := cli(t, "new", "example-two", "--content", content, "--replay", "testdata/replay",
		"--url", "https://status.example.com/", "--category", "communication", "--description", "Realtime APIs: channels and beams.")
	if code != 0 {
		t.Fatalf("new: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "detected adapter statuspage") {
		t.Errorf("new did not say what it detected:\n%s", stdout)
	}
	b, _ := os.ReadFile(filepath.Join(content, "providers", "example-two.yaml"))
	want := "name: Example Two\nurl: https://status.example.com\nadapter: statuspage\ncategory: communication\n" +
		"description: \"Realtime APIs: channels and beams.\"\nhomepage: https://example.com\nsource: manual\nverified: false\n"
	if string(b) != want {
		t.Errorf("file:\n%s\nwant:\n%s", b, want)
	}
	if _, _, code := cli(t, "new", "example-two", "--content", content, "--url", "https://status.example.com", "--category", "communication", "--description", "x", "--adapter", "statuspage"); code == 0 {
		t.Error("new overwrote an existing file")
	}

	if _, stderr, code := cli(t, "validate", "--content", content); code != 0 {
		t.Fatalf("validate: %s", stderr)
	}
	stdout, stderr, code = cli(t, "check", "example-two", "--content", content, "--replay", "testdata/replay")
	if code != 0 {
		t.Fatalf("check: exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"status: Degraded performance", "components: 5", "Channels", "    REST API", "open incidents: 1", "Elevated REST API latency", "Database upgrade"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("check output lacks %q:\n%s", want, stdout)
		}
	}
}

func TestNewRefusesAnInvalidProvider(t *testing.T) {
	t.Parallel()
	content := scratchContent(t)
	_, stderr, code := cli(t, "new", "dup", "--content", content, "--adapter", "statuspage",
		"--url", "https://status.example.com", "--category", "communication", "--description", "A duplicate.")
	if code == 0 || !strings.Contains(stderr, "dup.yaml") || !strings.Contains(stderr, "does not validate") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	if _, _, code := cli(t, "new", "x", "--content", content, "--url", "https://s.example.org"); code != 2 {
		t.Errorf("missing --category/--description: exit %d, want 2", code)
	}
}

func TestCheckURLDetectsAndReportsFailures(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := cli(t, "check", "https://status.example.com", "--replay", "testdata/replay")
	if code != 0 || !strings.Contains(stdout, "(adapter statuspage)") {
		t.Errorf("check URL: exit %d\n%s\n%s", code, stdout, stderr)
	}
	_, stderr, code = cli(t, "check", "https://status.nothing-here.example.com", "--replay", "testdata/replay", "--adapter", "statuspage")
	if code != 1 || !strings.Contains(stderr, "status.nothing-here.example.com/api/v2/summary.json") {
		t.Errorf("failing check: exit %d\n%s", code, stderr)
	}
}

// An http URL gets advice that helps: the page's https address, not
// --adapter, with which no adapter could fetch it either.
func TestHTTPURLAsksForHTTPS(t *testing.T) {
	t.Parallel()
	content := scratchContent(t)
	for _, args := range [][]string{
		{"check", "http://status.example.com"},
		{"check", "--adapter", "statuspage", "http://status.example.com"},
		{"new", "acme", "--content", content, "--url", "http://status.acme.com", "--category", "communication", "--description", "d"},
		{"new", "acme", "--content", content, "--adapter", "statuspage", "--url", "http://status.acme.com", "--category", "communication", "--description", "d"},
	} {
		_, stderr, code := cli(t, args...)
		if code != 2 || strings.Contains(stderr, "--adapter") || !strings.Contains(stderr, "https://") {
			t.Errorf("%q: exit %d, want 2 asking for the https:// address\n%s", args, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(content, "providers", "acme.yaml")); err == nil {
		t.Error("new wrote a provider file with an http URL")
	}
}
