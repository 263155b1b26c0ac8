// Command uptimus fetches official status pages into data/ and renders the
// static site into public/. It is thin on purpose: flags, wiring and exit
// codes; the work lives in adapters/ and generator/.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"sort"
	"strings"
	"syscall"

	"github.com/uptimus/uptimus/generator/model"
)

// env is what a command needs from its surroundings, so tests can run the
// CLI in-process with their own streams, environment and terminal answer.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	// isTerminal reports whether stderr is a terminal (progress display).
	isTerminal bool
	// transport, when set, answers fetch's live requests in place of the
	// network (and of its guard): tests inject upstream faults with it.
	transport http.RoundTripper
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

func commands() []command {
	return []command{
		{"validate", "check every provider file of the catalogue", runValidate},
		{"fetch", "fetch status pages and merge them into data/", runFetch},
		{"build", "render content/ and data/ into the static site", runBuild},
		{"run", "fetch, then build", runRun},
		{"merge-shards", "merge what sharded fetch jobs handed over into data/", runMergeShards},
		{"ping-hub", "tell a WebSub hub which feeds the last build changed", runPingHub},
		{"notify", "post what changed between two commits to chat and webhooks", runNotify},
		{"serve", "serve the built site on 127.0.0.1 for preview", runServe},
		{"check", "fetch one provider or status page live and show what the adapter sees", runCheck},
		{"new", "write a provider file, detecting the vendor from its status page", runNew},
		{"import", "add provider files for the new companies of a list of status pages", runImport},
		{"propose-reviews", "mark reviewed the entries whose page has named them for a week", runProposeReviews},
		{"synth", "write a synthetic corpus of any size, for benchmarks", runSynth},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := &env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, isTerminal: isTerminal(os.Stderr)}
	tuneGC()
	os.Exit(Main(ctx, e, os.Args[1:]))
}

// tuneGC lets the heap grow to five times what is live between collections
// instead of twice, unless GOGC says otherwise: a build's live heap is small
// (one history per worker), so collecting it often costs CPU for nothing,
// and the memory limit still makes the collector work harder long before
// the heap could near the machine's memory.
func tuneGC() {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(400)
		debug.SetMemoryLimit(1 << 30)
	}
}

// Main runs the CLI and returns the exit code: 0 on success, 1 when the
// command failed, 2 for usage errors.
func Main(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || isHelp(args[0]) {
		// "help CMD" is "CMD -h"; help about help is the general help.
		if len(args) > 1 && !isHelp(args[1]) {
			return runCommand(ctx, e, args[1], []string{"-h"})
		}
		usage(e.stdout)
		return 0
	}
	return runCommand(ctx, e, args[0], args[1:])
}

// isHelp reports whether arg asks for help.
func isHelp(arg string) bool {
	return arg == "help" || arg == "-h" || arg == "--help" || arg == "-help"
}

// runCommand runs the command named name with args and returns the exit
// code.
func runCommand(ctx context.Context, e *env, name string, args []string) int {
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		err := c.run(ctx, e, args)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, new(usageError)):
			fmt.Fprintf(e.stderr, "uptimus %s: %s\n", c.name, model.Clean(err.Error()))
			return 2
		default:
			// Errors quote what upstreams sent: no control character
			// may reach the terminal.
			fmt.Fprintf(e.stderr, "uptimus %s: %s\n", c.name, model.Clean(err.Error()))
			return 1
		}
	}
	fmt.Fprintf(e.stderr, "uptimus: unknown command %q\n\n", name)
	usage(e.stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Uptimus fetches official status pages and renders a static status catalogue.")
	fmt.Fprintln(w, "\nUsage: uptimus <command> [flags] [args]\n\nCommands:")
	cmds := commands()
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].name < cmds[j].name })
	for _, c := range cmds {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "  help         show this help; 'uptimus help <command>' explains its flags")
	fmt.Fprintln(w, "\nRun 'uptimus <command> -h' for the flags of a command.")
}

// usageError marks bad flags or arguments (exit code 2).
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

// newFlags makes a flag set whose help text names the command and its
// arguments; errors are returned, not printed twice.
func newFlags(e *env, name, argsUsage, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: uptimus %s [flags] %s\n\n%s\n\nFlags:\n", name, argsUsage, about)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses the flags of a command that takes no arguments, refusing
// any, and turns flag errors into usage errors.
func parse(fs *flag.FlagSet, args []string) error {
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q: 'uptimus %s' takes flags only", rest[0], fs.Name())}
	}
	return nil
}

// parseArgs parses the flags in args wherever they stand among the
// arguments, and returns the arguments in order: "fetch acme --data x"
// reads as "fetch --data x acme". Everything after "--" is an argument.
// Flag errors become usage errors.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		left := fs.Args()
		if len(left) == 0 {
			return rest, nil
		}
		if n := len(args) - len(left); n > 0 && args[n-1] == "--" {
			return append(rest, left...), nil
		}
		rest, args = append(rest, left[0]), left[1:]
	}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	return fi.Mode()&os.ModeCharDevice != 0 && !strings.EqualFold(os.Getenv("TERM"), "dumb")
}
