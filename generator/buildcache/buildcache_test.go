package buildcache

import (
	"bytes"
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/uptimus/uptimus/generator/paths"
)

func TestOwnerCoversIncidentLevelOutputOnly(t *testing.T) {
	page, _ := paths.IncidentPage("acme", "inc-1")
	owned := map[string]bool{
		strings.TrimPrefix(page, "/") + "index.html":                          true,
		strings.TrimPrefix(paths.ProviderFeed("acme", paths.RSS), "/"):        true,
		strings.TrimPrefix(paths.UpdatesFeed("acme", paths.JSON), "/"):        true,
		"status/acme/history/2026/index.html":                                 true,
		strings.TrimPrefix(paths.IncidentsJSON("acme"), "/"):                  true,
		strings.TrimPrefix(paths.IncidentsJSONv2("acme"), "/"):                true,
		strings.TrimPrefix(paths.StatuspageAPI("acme"), "/") + "summary.json": true,
		strings.TrimPrefix(paths.ProviderPage("acme"), "/") + "index.html":    false,
		strings.TrimPrefix(paths.ProviderJSON("acme"), "/"):                   false,
		strings.TrimPrefix(paths.ProviderJSONv2("acme"), "/"):                 false,
		strings.TrimPrefix(paths.BadgeSVG("acme"), "/"):                       false,
		"index.html":        false,
		"status/index.html": false,
	}
	for rel, want := range owned {
		slug, ok := Owner(rel)
		if ok != want || (ok && slug != "acme") {
			t.Errorf("Owner(%s) = %q %v, want owned=%v by acme", rel, slug, ok, want)
		}
	}
}

func TestManifestRoundTripAndStart(t *testing.T) {
	dir := t.TempDir()
	path := Path(dir, "/site")
	m, err := Start(path, "/site")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.Reusable("acme", "k1"); ok {
		t.Error("an empty manifest offered files")
	}
	m.Reusable("other", "")
	seen := []string{"index.html", "status/acme/index.html", "status/acme/feed.rss", "status/acme/incidents/a/index.html", "status/other/feed.rss"}
	if err := m.Save(path, seen); err != nil {
		t.Fatal(err)
	}
	next, err := Start(path, "/site")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("Start left the manifest in place: a killed build would trust it")
	}
	files, ok := next.Reusable("acme", "k1")
	if !ok || strings.Join(files, " ") != "status/acme/feed.rss status/acme/incidents/a/index.html" {
		t.Errorf("Reusable = %v %v", files, ok)
	}
	if _, ok := next.Reusable("acme", "k2"); ok {
		t.Error("a changed key reused the files")
	}
	if _, ok := next.Reusable("other", ""); ok {
		t.Error("a provider without a key reused files")
	}
	if err := os.WriteFile(path, []byte("{broken"), 0o644); err != nil {
		t.Fatal(err)
	}
	if m, err := Start(path, "/site"); err != nil || len(m.Providers) != 0 {
		t.Errorf("a corrupt manifest: %v, %d providers; want an empty one", err, len(m.Providers))
	}
	if err := m.Save(path, seen); err != nil {
		t.Fatal(err)
	}
	if m, _ := Start(path, "/elsewhere"); len(m.Providers) != 0 {
		t.Error("a manifest of another output folder was used")
	}
}

func TestKeyAndFiles(t *testing.T) {
	if Key([]byte("ab"), []byte("c")) == Key([]byte("a"), []byte("bc")) {
		t.Error("parts are not kept apart")
	}
	fsys := fstest.MapFS{"acme/state.json": {Data: []byte("1")}, "acme/incidents/2026.json": {Data: []byte("2")}}
	read := func(names ...string) []byte {
		r := NewReads(fsys)
		for _, n := range names {
			if _, err := fs.ReadFile(r, n); err != nil {
				t.Fatal(err)
			}
		}
		return r.Sum()
	}
	a := read("acme/state.json", "acme/incidents/2026.json")
	if !bytes.Equal(a, read("acme/state.json", "acme/incidents/2026.json")) {
		t.Error("the same reads summed differently")
	}
	if bytes.Equal(a, read("acme/state.json")) {
		t.Error("a file left unread did not change the sum")
	}
	fsys["acme/incidents/2026.json"] = &fstest.MapFile{Data: []byte("3")}
	if bytes.Equal(a, read("acme/state.json", "acme/incidents/2026.json")) {
		t.Error("a changed history file did not change the sum")
	}
	if entries, err := fs.ReadDir(NewReads(fsys), "acme"); err != nil || len(entries) != 2 {
		t.Errorf("ReadDir through Reads: %v, %v", entries, err)
	}
	if Executable() == "" {
		t.Error("the test binary could not be summed")
	}
}

// Every input of a provider's key counts: changing any one field changes
// the key, so a field added to Inputs and left out of Key fails here.
func TestInputsKeyUsesEveryField(t *testing.T) {
	base := Inputs{Program: "p", BaseURL: "https://x/", Hub: "https://hub/", Entry: []byte("e"), Category: []byte("c"),
		History: []byte("h"), Phases: []byte("a\x00ongoing\x00"), State: "operational\x00false"}
	want := base.Key()
	v := reflect.ValueOf(&base).Elem()
	for i := range v.NumField() {
		changed := base
		f := reflect.ValueOf(&changed).Elem().Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString(f.String() + "!")
		case reflect.Slice:
			f.SetBytes(append(append([]byte{}, f.Bytes()...), '!'))
		default:
			t.Fatalf("field %s: no way to change a %s", v.Type().Field(i).Name, f.Kind())
		}
		if changed.Key() == want {
			t.Errorf("changing %s leaves the key as it was", v.Type().Field(i).Name)
		}
	}
	// Inputs that only move bytes from one field to the next differ too.
	a := Inputs{Program: "p", Entry: []byte("ab"), Category: []byte("c")}
	b := Inputs{Program: "p", Entry: []byte("a"), Category: []byte("bc")}
	if a.Key() == b.Key() {
		t.Error("field boundaries do not count")
	}
	if (Inputs{}).Key() != "" {
		t.Error("without a program sum the key must be empty (never reuse)")
	}
}
