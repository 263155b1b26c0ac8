package main

import (
	"context"
	"fmt"

	"github.com/uptimus/uptimus/generator/synth"
)

const synthAbout = `Writes a synthetic catalogue and history (DIR/content and DIR/data) of the
given size, for benchmarks. Names are obviously synthetic ("Example
Provider 0042"). Never point --out at the repository: data/ holds only what
fetch got from real status pages.`

func runSynth(ctx context.Context, e *env, args []string) error {
	var c common
	fs := newFlags(e, "synth", "", synthAbout)
	c.addNow(fs)
	providers := fs.Int("providers", 100, "number of providers")
	incidents := fs.Int("incidents", 60, "incidents and maintenance windows per provider")
	out := fs.String("out", "", "folder to write content/ and data/ into (required)")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same corpus")
	replay := fs.Bool("replay", false, "also write DIR/replay: the Statuspage responses that serve each provider's history, for 'uptimus fetch --replay'")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" || *providers < 1 || *incidents < 0 {
		return usageError{"--out is required, --providers at least 1"}
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
