// Package buildtest holds what the tests of the output packages (site,
// feeds, api, badge) share: a small catalogue and histories written to
// reach every section and every escape, and Inputs.Each, the per-provider
// loop of a build as cmd/uptimus runs it. Production code does not import
// it: a build takes histories one provider at a time (see cmd/uptimus's
// render), so no output package needs a build-everything entry point of
// its own.
package buildtest

import (
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/publish"
	"github.com/uptimus/uptimus/internal/pool"
)

// Inputs are one build's inputs as cmd/uptimus gathers them.
type Inputs struct {
	Catalog *catalog.Catalog
	// Histories by provider slug; a provider without one has no data yet.
	Histories map[string]*history.History
	// Checks by provider slug (may be nil).
	Checks map[string]model.Check
	// Capabilities by adapter name; an adapter missing here reports a
	// status, as the site assumes of an adapter it does not know.
	Capabilities map[string]adapters.Capabilities
	Now          time.Time
}

// Run calls provider for every provider (see Each), then finish: the
// shape of every output package's builder.
func (in Inputs) Run(provider func(p *catalog.Provider, h *history.History, st model.State) error, finish func() error) error {
	if err := in.Each(provider); err != nil {
		return err
	}
	return finish()
}

// Each calls render for every provider, in parallel, with its history and
// the state every output reads, computed once per provider as
// cmd/uptimus's render does.
func (in Inputs) Each(render func(p *catalog.Provider, h *history.History, st model.State) error) error {
	provs := in.Catalog.Providers
	return pool.Each(len(provs), 0, func(i int) error {
		p := &provs[i]
		h := in.Histories[p.Slug]
		check := in.Checks[p.Slug]
		return render(p, h, model.StateOf(h, check, model.PublishesStatus(p, check, in.Capabilities, true), in.Now))
	})
}

// Dir publishes what render writes into a fresh folder and returns the
// folder; t fails if render does.
func Dir(t testing.TB, render func(*publish.Publisher) error) string {
	t.Helper()
	dir := t.TempDir()
	if err := render(publish.New(dir)); err != nil {
		t.Fatalf("build: %v", err)
	}
	return dir
}
