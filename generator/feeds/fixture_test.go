package feeds

import (
	"github.com/uptimus/uptimus/generator/catalog"
	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/internal/buildtest"
	"github.com/uptimus/uptimus/generator/model"
	"github.com/uptimus/uptimus/generator/publish"
)

// The tests build from buildtest's fixture; these name its parts here.
var (
	at         = buildtest.At
	fixtureNow = buildtest.Now
)

// fixture is one build: its options, and the histories that buildAll hands
// to Builder.Provider one at a time.
type fixture struct {
	Options
	Histories map[string]*history.History
}

func fixtureOptions() fixture {
	return fixture{Options{Catalog: buildtest.Catalog(), Now: fixtureNow, BaseURL: buildtest.BaseURL}, buildtest.Histories()}
}

// buildAll writes every feed through pub, provider by provider as
// cmd/uptimus does.
func buildAll(f fixture, pub *publish.Publisher) error {
	b, err := New(f.Options, pub)
	if err != nil {
		return err
	}
	in := buildtest.Inputs{Catalog: f.Catalog, Histories: f.Histories, Now: f.Now}
	return in.Run(func(p *catalog.Provider, h *history.History, st model.State) error {
		return b.Provider(p, h, st, false)
	}, b.Finish)
}
