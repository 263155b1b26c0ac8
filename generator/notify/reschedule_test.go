package notify

import (
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/history"
)

// A window moved between two commits is told once per move, silent or
// with an update, and says where it was; a window that did not move, or
// an incident, is not.
func TestDiffTellsRescheduledWindows(t *testing.T) {
	window := func(from, until time.Time, ups ...adapters.Update) adapters.Incident {
		return adapters.Incident{ID: "m", Kind: adapters.KindMaintenance, Title: "DB upgrade", Status: "scheduled",
			CreatedAt: t0, UpdatedAt: t0, ScheduledFor: from, ScheduledUntil: until, Updates: ups}
	}
	hist := func(incs ...adapters.Incident) *history.History {
		h := before()
		h.Incidents = append(h.Incidents[:1:1], incs...)
		return h
	}
	planned := upd("m1", "scheduled", 0)
	first := window(t0.Add(48*time.Hour), t0.Add(50*time.Hour), planned)
	silent := window(t0.Add(52*time.Hour), t0.Add(54*time.Hour), planned)
	said := window(t0.Add(72*time.Hour), t0.Add(74*time.Hour), upd("m2", "scheduled", 30), planned)

	got := Diff(hist(first), hist(silent))
	if len(got) != 1 || got[0].Kind != KindRescheduled {
		t.Fatalf("silent postponement: %+v, want one rescheduled event", got)
	}
	e := got[0]
	if !e.Start.Equal(silent.ScheduledFor) || !e.End.Equal(silent.ScheduledUntil) || !e.Maintenance {
		t.Errorf("event tells %v–%v (maintenance %t), want the new window", e.Start, e.End, e.Maintenance)
	}
	if want := "[Acme] Maintenance rescheduled: DB upgrade\nWhen: 2026-03-03 16:00–18:00 UTC\nPreviously: 2026-03-03 12:00–14:00 UTC."; headline(&e, "Acme")+"\n"+body(&e) != want {
		t.Errorf("message\n%s\nwant\n%s", headline(&e, "Acme")+"\n"+body(&e), want)
	}

	got = Diff(hist(silent), hist(said))
	kinds := map[Kind]int{}
	for _, e := range got {
		kinds[e.Kind]++
	}
	if kinds[KindRescheduled] != 1 || kinds[KindUpdate] != 1 || len(got) != 2 {
		t.Errorf("postponement with an update: %+v, want the update and the move", got)
	}
	// Moved back to where it was: a new move, a new id for the sent-log.
	back := Diff(hist(said), hist(silent))
	if len(back) != 1 || back[0].Kind != KindRescheduled || back[0].ID == e.ID {
		t.Errorf("moved back: %+v (first move %s)", back, e.ID)
	}
	if n := len(Diff(hist(silent), hist(silent))); n != 0 {
		t.Errorf("an unmoved window told %d events", n)
	}
	// Resolved in the same range: the resolution tells it, not a move.
	done := silent
	done.Status, done.ResolvedAt, done.UpdatedAt = "completed", t0.Add(60*time.Hour), t0.Add(60*time.Hour)
	for _, e := range Diff(hist(first), hist(done)) {
		if e.Kind == KindRescheduled {
			t.Errorf("a completed window was told as moved: %+v", e)
		}
	}
}
