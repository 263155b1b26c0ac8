package history

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"
)

// FuzzLoad feeds one body to a provider's state file and to one of its
// incident and event year files. Load may refuse it (with an error naming a
// file), but never panics, and what it accepts survives Save and Load again
// unchanged: nothing the decoder lets in is lost or altered on the next run.
func FuzzLoad(f *testing.F) {
	for _, rel := range []string{"state.json", "incidents/2026.json", "events/2026.json"} {
		if b, err := os.ReadFile(filepath.Join("testdata", "golden", "pusher", rel)); err == nil {
			f.Add(b, b, b)
		}
	}
	f.Add([]byte(`{"schema_version":1,"status":"operational","components":[]}`), []byte(`{"schema_version":1,"incidents":[{"id":"a","kind":"incident","updates":[{"id":"u","created_at":"2026-01-01T00:00:00+02:00"}]}]}`), []byte(`{"schema_version":1,"events":[]}`))
	f.Fuzz(func(t *testing.T, state, incidents, events []byte) {
		fsys := fstest.MapFS{
			"acme/state.json":          {Data: state},
			"acme/incidents/2026.json": {Data: incidents},
			"acme/events/2026.json":    {Data: events},
		}
		h, err := Load(fsys, "acme")
		if err != nil {
			return
		}
		dir := t.TempDir()
		if _, err := Save(dir, h); err != nil {
			t.Fatalf("Save of a loaded history: %v", err)
		}
		again, err := Load(os.DirFS(dir), "acme")
		if err != nil {
			t.Fatalf("Load after Save: %v", err)
		}
		if !reflect.DeepEqual(h.Incidents, again.Incidents) || !reflect.DeepEqual(h.Events, again.Events) || !reflect.DeepEqual(h.State, again.State) {
			t.Fatalf("history changed through Save and Load:\n%+v\n%+v", h, again)
		}
	})
}
