package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A fetch stopped by SIGTERM (main turns it into a cancelled context)
// exits non-zero, so the job commits and deploys nothing as if every
// page had been read, and records no provider as failing.
func TestStoppedFetchExitsNonZero(t *testing.T) {
	t.Parallel()
	data, cache := filepath.Join(t.TempDir(), "data"), t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := Main(ctx, e, []string{"fetch", "--content", "testdata/content", "--data", data, "--cache", cache,
		"--replay", replayDir(t), "--now", "2026-11-25T12:00:00Z"})
	if code != 1 || !strings.Contains(errb.String(), "stopped") {
		t.Fatalf("exit %d, stderr %q; want 1 and a message saying the run was stopped", code, errb.String())
	}
	if b, err := os.ReadFile(filepath.Join(cache, "checks.json")); err == nil && strings.Contains(string(b), "failing_since") {
		t.Errorf("checks record the stop as failures:\n%s", b)
	}
}
