package main

import (
	"strings"
	"testing"
)

// Asking for help about help, in any spelling, prints the general help;
// help about a command prints that command's flags. None may recurse.
func TestHelpOfHelp(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"help", "-h"}, {"help", "help"}, {"-h", "help"}, {"--help", "--help"}, {"-h", "--help"}} {
		stdout, stderr, code := cli(t, args...)
		if code != 0 || !strings.Contains(stdout, "Usage: uptimus <command>") || stderr != "" {
			t.Errorf("%q: exit %d\nstdout:\n%s\nstderr:\n%s", args, code, stdout, stderr)
		}
	}
	for _, args := range [][]string{{"help", "fetch"}, {"-h", "fetch"}, {"--help", "fetch"}} {
		_, stderr, code := cli(t, args...)
		if code != 0 || !strings.Contains(stderr, "Usage: uptimus fetch") {
			t.Errorf("%q: exit %d\n%s", args, code, stderr)
		}
	}
	if _, stderr, code := cli(t, "help", "frobnicate"); code != 2 || !strings.Contains(stderr, `unknown command "frobnicate"`) {
		t.Errorf("help of an unknown command: exit %d\n%s", code, stderr)
	}
}
