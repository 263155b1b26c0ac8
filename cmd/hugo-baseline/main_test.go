package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/generator/history"
	"github.com/uptimus/uptimus/generator/synth"
)

// The baseline gives Hugo the same work as the build: a page for every
// incident of every provider, holding every update of its timeline.
func TestBaselineHasEveryIncidentAndUpdate(t *testing.T) {
	corpus := t.TempDir()
	if err := synth.Generate(synth.Options{Providers: 3, Incidents: 5, Out: corpus, Seed: 1, Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "hugo")
	if err := run(filepath.Join(corpus, "content"), filepath.Join(corpus, "data"), out); err != nil {
		t.Fatal(err)
	}
	pages, updates := 0, 0
	for _, slug := range []string{"example-provider-0000", "example-provider-0001", "example-provider-0002"} {
		h, err := history.Load(os.DirFS(filepath.Join(corpus, "data")), slug)
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range h.Incidents {
			b, err := os.ReadFile(filepath.Join(out, "content", "status", slug, "incidents", in.ID+".md"))
			if err != nil {
				t.Fatal(err)
			}
			pages++
			updates += strings.Count(string(b), "\n## ")
			if !strings.Contains(string(b), "title = "+`"`+in.Title+`"`) {
				t.Errorf("%s/%s: no title in\n%s", slug, in.ID, b)
			}
		}
		if _, err := os.Stat(filepath.Join(out, "content", "status", slug, "_index.md")); err != nil {
			t.Error(err)
		}
	}
	if pages != 15 || updates < pages {
		t.Errorf("%d incident pages with %d updates, want 15 pages with every update", pages, updates)
	}
	if err := run(filepath.Join(corpus, "content"), filepath.Join(corpus, "data"), out); err == nil {
		t.Error("a second run into the same folder: no error")
	}
}
