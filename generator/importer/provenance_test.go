package importer

import (
	"encoding/csv"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestListsProvenance keeps content/lists true of its rows: every list a
// row names carries its notice in NOTICE.md and a row in the README's
// table, and every list read weekly (sources.csv) is recorded at a commit.
func TestListsProvenance(t *testing.T) {
	f, err := os.Open("../../content/lists/status-pages.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := ReadList(f, "status-pages.csv")
	if err != nil {
		t.Fatal(err)
	}
	notice := readText(t, "../../content/lists/NOTICE.md")
	readme := readText(t, "../../content/lists/README.md")
	seen := map[string]bool{}
	for _, r := range rows {
		if seen[r.Repo] {
			continue
		}
		seen[r.Repo] = true
		if !strings.Contains(notice, "\n## "+r.Repo+"\n") {
			t.Errorf("NOTICE.md has no notice of %s (line %d)", r.Repo, r.Line)
		}
		if !strings.Contains(readme, "| ["+r.Repo+"](https://github.com/"+r.Repo+") |") {
			t.Errorf("README.md's table has no row of %s", r.Repo)
		}
	}
	sources, err := csv.NewReader(strings.NewReader(readText(t, "../../content/lists/sources.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	commit := regexp.MustCompile(`^[0-9a-f]{40}$`)
	for _, s := range sources[1:] {
		if !seen[s[0]] || !commit.MatchString(s[5]) {
			t.Errorf("sources.csv: %s is read weekly but names no row, or no commit: %q", s[0], s[5])
		}
	}
}

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
