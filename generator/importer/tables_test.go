package importer

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// The category table of content/lists/README.md is the one the code uses.
func TestCategoryTableIsDocumented(t *testing.T) {
	data, err := os.ReadFile("../../content/lists/README.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("^\\| (`[a-z]+`(?:, `[a-z]+`)*(?:, empty)?) \\| `([a-z-]+)` \\|")
	word := regexp.MustCompile("`([a-z]+)`")
	documented := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		m := row.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		for _, w := range word.FindAllStringSubmatch(m[1], -1) {
			documented[w[1]] = m[2]
		}
		if strings.HasSuffix(m[1], ", empty") {
			documented[""] = m[2]
		}
	}
	for guess, slug := range categories {
		if documented[guess] != slug {
			t.Errorf("category_guess %q maps to %q, README says %q", guess, slug, documented[guess])
		}
	}
	if len(documented) != len(categories) {
		t.Errorf("README documents %d guesses, the code has %d", len(documented), len(categories))
	}
}
