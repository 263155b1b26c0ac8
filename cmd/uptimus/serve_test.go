package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// serveCancelled runs serve with a context already cancelled: a server
// that starts stops at once, so a refusal that is missing cannot hang.
func serveCancelled(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code = Main(ctx, e, append([]string{"serve", "--out", t.TempDir()}, args...))
	return out.String(), errb.String(), code
}

// serve is a preview: it listens on loopback only, never on a network.
func TestServeRefusesNonLoopback(t *testing.T) {
	t.Parallel()
	for _, addr := range []string{"0.0.0.0:18438", ":18438", "[::]:18438", "192.168.1.5:18438", "example.com:18438", "18438"} {
		stdout, stderr, code := serveCancelled(t, "--addr", addr)
		if code != 2 || !strings.Contains(stderr, "--addr "+addr) || strings.Contains(stdout, "serving") {
			t.Errorf("--addr %s: exit %d, want 2 naming it\n%s%s", addr, code, stdout, stderr)
		}
	}
	if stdout, stderr, code := serveCancelled(t, "--addr", "127.0.0.1:0"); code != 0 || !strings.Contains(stdout, "serving") {
		t.Errorf("--addr 127.0.0.1:0: exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestLoopbackAddr(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"127.0.0.1:8080", "127.1.2.3:80", "[::1]:8080", "localhost:8080", "LocalHost:0", "[::ffff:127.0.0.1]:80"} {
		if err := checkLoopback(ok); err != nil {
			t.Errorf("checkLoopback(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"0.0.0.0:8080", ":8080", "[::]:8080", "10.0.0.1:80", "[fe80::1]:80", "my-host:80", "localhost.evil.example:80", "127.0.0.1", "[::1%lo]:80"} {
		if err := checkLoopback(bad); err == nil {
			t.Errorf("checkLoopback(%q) accepted", bad)
		}
	}
}
