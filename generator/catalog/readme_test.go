package catalog

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/uptimus/uptimus/adapters/all"
)

// TestReadmeCounts keeps the README's counts of the catalogue true of the
// tree: providers, those written by hand, those retired, those on pages
// no adapter reads (and not retired, which says more).
func TestReadmeCounts(t *testing.T) {
	cat, err := Load(os.DirFS("../../content"), all.Registry().Names(), LoadOptions{Hosting: testHosting})
	if err != nil {
		t.Fatal(err)
	}
	manual, retired, unreadable := 0, 0, 0
	for _, p := range cat.Providers {
		if p.SourceName() == SourceManual {
			manual++
		}
		if p.Retired != nil {
			retired++
		} else if cat.Hosting.Unreadable(&p) != "" {
			unreadable++
		}
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(readme)), " ")
	for _, c := range []struct {
		pattern string
		want    int
	}{
		{`status pages of ([0-9,]+) providers`, len(cat.Providers)},
		{`([0-9,]+) written by hand`, manual},
		{`([0-9,]+) retired, kept with their history`, retired},
		{`([0-9,]+) on pages in a form no adapter reads`, unreadable},
	} {
		m := regexp.MustCompile(c.pattern).FindStringSubmatch(text)
		if m == nil {
			t.Errorf("README.md has no %q", c.pattern)
			continue
		}
		if got, _ := strconv.Atoi(strings.ReplaceAll(m[1], ",", "")); got != c.want {
			t.Errorf("README.md says %q; the tree has %d", m[0], c.want)
		}
	}
}
