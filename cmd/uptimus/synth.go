package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/uptimus/uptimus/generator/synth"
)

const synthAbout = `Writes a synthetic catalogue and history (DIR/content and DIR/data) of the
given size, for benchmarks, into a new or empty folder: it refuses an --out
whose content/ or data/ already holds files, such as the repository, whose
data/ holds only what fetch got from real status pages. Names are
obviously synthetic ("Example Provider 0042").`

func runSynth(ctx context.Context, e *env, args []string) error {
	var c common
	fs := newFlags(e, "synth", "", synthAbout)
	c.addNow(fs)
	providers := fs.Int("providers", 100, "number of providers")
	incidents := fs.Int("incidents", 60, "incidents and maintenance windows per provider")
	out := fs.String("out", "", "new or empty folder to write content/ and data/ into (required)")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same corpus")
	replay := fs.Bool("replay", false, "also write DIR/replay: the Statuspage responses that serve each provider's history, for 'uptimus fetch --replay'")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" || *providers < 1 || *incidents < 0 {
		return usageError{"--out is required, --providers at least 1"}
	}
	if err := checkFresh(*out); err != nil {
		return err
	}
	now, err := c.clock(e)
	if err != nil {
		return err
	}
	if err := synth.Generate(synth.Options{Providers: *providers, Incidents: *incidents, Out: *out, Seed: *seed, Now: now(), Replay: *replay}); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %d providers × %d incidents to %s\n", *providers, *incidents, *out)
	return nil
}

// checkFresh refuses an --out whose content/ or data/ already holds
// files: synth would overwrite categories.yaml and put its providers and
// their made-up history beside real ones.
func checkFresh(out string) error {
	for _, sub := range []string{"content", "data"} {
		dir := filepath.Join(out, sub)
		entries, err := os.ReadDir(dir)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		if len(entries) > 0 {
			return usageError{fmt.Sprintf("--out %s: %s already holds files; synth writes a new corpus into a new or empty folder, never into a catalogue or the repository", out, dir)}
		}
	}
	return nil
}
