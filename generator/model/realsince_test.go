package model

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/adaptertest"
	"github.com/uptimus/uptimus/adapters/statuspage"
	"github.com/uptimus/uptimus/generator/history"
)

// summaryOnly answers the summary with body and nothing else (404).
type summaryOnly []byte

func (b summaryOnly) Get(_ context.Context, url string) ([]byte, error) {
	if url == "https://www.githubstatus.com/api/v2/summary.json" {
		return b, nil
	}
	return nil, &adaptertest.StatusError{URL: url, Code: 404}
}

// firstLook merges one fetch of a Statuspage summary at at and returns the
// state then.
func firstLook(t *testing.T, summary []byte, at time.Time) State {
	t.Helper()
	snap, err := statuspage.New().Fetch(context.Background(), summaryOnly(summary), adapters.Page{Slug: "github", URL: "https://www.githubstatus.com"})
	if err != nil {
		t.Fatal(err)
	}
	snap.FetchedAt = at
	h := &history.History{Slug: "github"}
	history.Merge(h, snap)
	return StateOf(h, Check{LastAttempt: at, LastOK: at}, true, at)
}

// Our first look at GitHub during the real minor incident of 2020-05-22
// (testdata/real/statuspage/github-summary-2020-05-22-unresolved-incident-upcoming-maint.json,
// indicator minor, the incident created 16:41:53 with impact minor): the
// status is the vendor's, since the incident's start, never since our
// first look. In a hand-edited copy the incident's impact is "major" (as
// created, before the vendor lowered its indicator to minor): the headline
// stays the vendor's "degraded", and with no vendor time at that level it
// holds since at least our first look.
func TestRealFirstLookDuringAnIncident(t *testing.T) {
	real := adaptertest.Real(t, "statuspage/github-summary-2020-05-22-unresolved-incident-upcoming-maint.json")
	at := time.Date(2020, 5, 22, 17, 30, 0, 0, time.UTC)
	s := firstLook(t, real, at)
	start := time.Date(2020, 5, 22, 16, 41, 53, 133e6, time.UTC) // its started_at
	if s.Status != adapters.Degraded || s.Derived || !s.Since.Equal(start) || s.SinceAtLeast {
		t.Errorf("real: %s derived %v since %s (at least %v), want degraded, the vendor's, since %s", s.Status, s.Derived, s.Since, s.SinceAtLeast, start)
	}

	edited := bytes.Replace(real, []byte(`"impact": "minor"`), []byte(`"impact": "major"`), 1)
	if bytes.Equal(edited, real) {
		t.Fatal("the recording has no minor impact to edit")
	}
	s = firstLook(t, edited, at)
	if s.Status != adapters.Degraded || s.Derived || !s.Since.Equal(at) || !s.SinceAtLeast {
		t.Errorf("edited: %s derived %v since %s (at least %v), want degraded since at least %s", s.Status, s.Derived, s.Since, s.SinceAtLeast, at)
	}
}
