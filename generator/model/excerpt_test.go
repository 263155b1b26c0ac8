package model

import (
	"strings"
	"sync"
	"testing"

	"github.com/uptimus/uptimus/adapters/vendortext"
)

// TestExcerptsRemember shows that Excerpts answers as vendortext.Excerpt
// does, parses a body asked for again once, and tells apart equal texts
// held in different places (it knows bodies by where they are, so a
// string built afresh is a new body).
func TestExcerptsRemember(t *testing.T) {
	body := "**Update** We are investigating.\n\nCurrent Status: Fixed at 10:00 UTC."
	again := strings.Clone(body)
	var e Excerpts
	for _, s := range []string{body, body, again, body[:9], ""} {
		if got, want := e.Of(s), vendortext.Excerpt(s); got != want {
			t.Errorf("Of(%q) = %q, Excerpt says %q", s, got, want)
		}
	}
	if len(e.seen) != 3 {
		t.Errorf("remembered %d bodies, want 3 (body, its copy, its prefix): %v", len(e.seen), e.seen)
	}
	var none *Excerpts
	if got, want := none.Of(body), vendortext.Excerpt(body); got != want {
		t.Errorf("nil Excerpts: %q, want %q", got, want)
	}
}

// TestExcerptsConcurrent asks one Excerpts from many goroutines (go test
// -race watches it).
func TestExcerptsConcurrent(t *testing.T) {
	bodies := []string{"one.", "two.", "three."}
	var e Excerpts
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for _, b := range bodies {
				if got := e.Of(b); got != b {
					t.Errorf("Of(%q) = %q", b, got)
				}
			}
		})
	}
	wg.Wait()
}
