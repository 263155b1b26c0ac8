package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func importContent(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	copyTree(t, "testdata/import/content", dir)
	return dir
}

func providerFiles(t *testing.T, content string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(content, "providers", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range names {
		names[i] = filepath.Base(names[i])
	}
	return names
}

func TestImport(t *testing.T) {
	t.Parallel()
	content := importContent(t)
	list := "testdata/import/list.csv"
	stdout, stderr, code := cli(t, "import", "--list", list, "--content", content, "--dry-run")
	if code != 0 || !strings.Contains(stdout, list+":3: would add beta (\"Beta\")\n") {
		t.Fatalf("dry run: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if got := providerFiles(t, content); len(got) != 1 {
		t.Fatalf("the dry run wrote files: %v", got)
	}

	stdout, stderr, code = cli(t, "import", "--list", list, "--content", content)
	want := list + `:2: "Acme, Inc." is a duplicate of acme: same company as "Acme"` + "\n" +
		list + `:3: added beta ("Beta")` + "\n" +
		list + `:4: refused: status_url "http://status.gamma.com" is http://: the catalogue fetches only https; list the page's https:// address` + "\n" +
		list + `:5: added delta ("Delta (delta.statuspage.io)")` + "\n" +
		list + ": 4 rows: added 2, 1 duplicates, 1 refused\n"
	if code != 0 || stdout != want {
		t.Fatalf("import: exit %d\n%s\nwant:\n%s\n%s", code, stdout, want, stderr)
	}
	beta, _ := os.ReadFile(filepath.Join(content, "providers", "beta.yaml"))
	if string(beta) != "name: Beta\nurl: https://status.beta.com\nadapter: feed\ncategory: developer-tools\nsource: auto\nverified: false\n" {
		t.Errorf("beta.yaml:\n%s", beta)
	}
	delta, _ := os.ReadFile(filepath.Join(content, "providers", "delta.yaml"))
	if !strings.HasPrefix(string(delta), "name: Delta\n") || !strings.Contains(string(delta), "category: other\n") {
		t.Errorf("delta.yaml:\n%s", delta)
	}
	if _, stderr, code := cli(t, "validate", "--content", content); code != 0 {
		t.Errorf("validate after import: %s", stderr)
	}

	stdout, _, code = cli(t, "import", "--list", list, "--content", content)
	if code != 0 || !strings.HasSuffix(stdout, ": 4 rows: added 0, 3 duplicates, 1 refused\n") {
		t.Errorf("second import: exit %d\n%s", code, stdout)
	}
}

func TestImportRefusesTheFile(t *testing.T) {
	t.Parallel()
	content := importContent(t)
	_, stderr, code := cli(t, "import", "--list", "testdata/import/bad-header.csv", "--content", content)
	if code != 1 || !strings.Contains(stderr, `testdata/import/bad-header.csv:1: header is "name,url"`) {
		t.Errorf("bad header: exit %d\n%s", code, stderr)
	}
	_, stderr, code = cli(t, "import", "--list", "testdata/import/missing.csv", "--content", content)
	if code != 1 || !strings.Contains(stderr, "testdata/import/missing.csv") {
		t.Errorf("missing list: exit %d\n%s", code, stderr)
	}
	if _, _, code := cli(t, "import", "--content", content); code != 2 {
		t.Errorf("no --list: exit %d, want 2", code)
	}
	if got := providerFiles(t, content); len(got) != 1 {
		t.Errorf("a refused list wrote files: %v", got)
	}
	if err := os.WriteFile(filepath.Join(content, "providers", "bad.yaml"), []byte("name: Bad\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = cli(t, "import", "--list", "testdata/import/list.csv", "--content", content)
	if code != 1 || !strings.Contains(stderr, "bad.yaml:1: missing required field") || !strings.Contains(stderr, "must validate before an import") {
		t.Errorf("invalid catalogue: exit %d\n%s", code, stderr)
	}
}
