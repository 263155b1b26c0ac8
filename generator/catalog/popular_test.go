package catalog

import (
	"encoding/csv"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/uptimus/uptimus/adapters/all"
)

// TestPopularList keeps content/lists/popular.csv, the services people
// search for most, true of the catalogue: each is listed, live, at the
// host of its official status page, and found by the name people type
// (the entry's name or one of its aliases, which search matches first).
func TestPopularList(t *testing.T) {
	cat, err := Load(os.DirFS("../../content"), all.Registry().Names(), LoadOptions{Hosting: testHosting})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("../../content/lists/popular.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"name", "status_host", "slug"}; len(rows) == 0 || !slices.Equal(rows[0], want) {
		t.Fatalf("header %v, want %v", rows[:1], want)
	}
	names := map[string]int{}
	for i, row := range rows[1:] {
		line := i + 2
		name, host, slug := row[0], row[1], row[2]
		if first, dup := names[strings.ToLower(name)]; dup {
			t.Errorf("popular.csv:%d: %q is listed twice (first at line %d)", line, name, first)
		}
		names[strings.ToLower(name)] = line
		p, ok := cat.Provider(slug)
		if !ok {
			t.Errorf("popular.csv:%d: %s: no entry %q", line, name, slug)
			continue
		}
		if p.Retired != nil {
			t.Errorf("popular.csv:%d: %s: %s is retired", line, name, slug)
		}
		if Host(p.OfficialPage()) != host {
			t.Errorf("popular.csv:%d: %s: %s's status page is %s, not on %s", line, name, slug, p.OfficialPage(), host)
		}
		if !strings.EqualFold(p.Name, name) && !slices.ContainsFunc(p.Aliases, func(a string) bool { return strings.EqualFold(a, name) }) {
			t.Errorf("popular.csv:%d: %s is neither the name nor an alias of %s (%q, %q)", line, name, slug, p.Name, p.Aliases)
		}
	}
	if n := len(rows) - 1; n < 150 {
		t.Errorf("popular.csv lists %d services, want at least 150", n)
	}
}
