package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/generator/fetch"
	"github.com/uptimus/uptimus/generator/model"
)

// TestProposeReviews: an unreviewed entry whose page has named it at
// every check for a week is marked reviewed; one checked for less, one
// whose page names another company, and one whose URL changed since are
// not; a second run changes nothing.
func TestProposeReviews(t *testing.T) {
	t.Parallel()
	content := filepath.Join(t.TempDir(), "content")
	copyTree(t, "testdata/import/content", content)
	write := func(slug, url string) {
		body := "name: " + strings.ToUpper(slug[:1]) + slug[1:] + "\nurl: " + url + "\nadapter: auto\ncategory: developer-tools\nsource: auto\nverified: false\n"
		if err := os.WriteFile(filepath.Join(content, "providers", slug+".yaml"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("held", "https://status.held.example")
	write("fresh", "https://status.fresh.example")
	write("other", "https://status.other.example")
	write("moved", "https://status.moved.example")
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	week := now.Add(-8 * 24 * time.Hour)
	self := func(name string, since time.Time, agree bool) *model.SelfCheck {
		return &model.SelfCheck{Name: name, URL: "https://status." + strings.ToLower(name) + ".example", At: now, Agree: agree, AgreeSince: since}
	}
	cache := t.TempDir()
	if err := fetch.WriteChecks(filepath.Join(cache, fetch.ChecksFile), map[string]model.Check{
		"held":  {URL: "https://status.held.example", Self: self("Held", week, true)},
		"fresh": {URL: "https://status.fresh.example", Self: self("Fresh", now.Add(-time.Hour), true)},
		"other": {URL: "https://status.other.example", Self: &model.SelfCheck{Name: "Someone Else", At: now}},
		"moved": {URL: "https://status.moved-before.example", Self: self("Moved", week, true)},
	}); err != nil {
		t.Fatal(err)
	}
	args := []string{"propose-reviews", "--content", content, "--cache", cache, "--now", now.Format(time.RFC3339)}
	stdout, stderr, code := cli(t, args...)
	if code != 0 || !strings.Contains(stdout, "held.yaml: the page has called itself \"Held\" at https://status.held.example at every check since "+week.Format(time.DateOnly)) ||
		!strings.Contains(stdout, ": 1 entries proposed for review") {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	for slug, want := range map[string]string{"held": "verified: true", "fresh": "verified: false", "other": "verified: false", "moved": "verified: false"} {
		data, _ := os.ReadFile(filepath.Join(content, "providers", slug+".yaml"))
		if !strings.Contains(string(data), want) {
			t.Errorf("%s:\n%s\nwant %q", slug, data, want)
		}
	}
	if stdout, _, _ := cli(t, args...); !strings.Contains(stdout, ": 0 entries proposed for review") {
		t.Errorf("second run: %s", stdout)
	}
}

// TestValidateNotesPagesOfOneCompany: two entries whose fetched pages call
// themselves by one company's name, and are not tied by family, get a
// note; tied, they do not.
func TestValidateNotesPagesOfOneCompany(t *testing.T) {
	t.Parallel()
	content := filepath.Join(t.TempDir(), "content")
	copyTree(t, "testdata/import/content", content)
	zeta := "name: Zeta\nurl: https://status.zeta.example\nadapter: auto\ncategory: developer-tools\nsource: auto\nverified: false\n"
	file := filepath.Join(content, "providers", "zeta.yaml")
	if err := os.WriteFile(file, []byte(zeta), 0o644); err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	if err := fetch.WriteChecks(filepath.Join(cache, fetch.ChecksFile), map[string]model.Check{
		"acme": {URL: "https://status.acme.com", Self: &model.SelfCheck{Name: "Acme Inc."}},
		"zeta": {URL: "https://status.zeta.example", Self: &model.SelfCheck{Name: "ACME"}},
	}); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := cli(t, "validate", "--content", content, "--cache", cache)
	if code != 0 || !strings.Contains(stdout, "zeta.yaml: note: its page calls itself \"ACME\", as the page of acme does: one company? tie them with family") {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	if err := os.WriteFile(file, []byte(zeta+"family: acme\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if stdout, _, _ := cli(t, "validate", "--content", content, "--cache", cache); strings.Contains(stdout, "note: its page calls itself") {
		t.Errorf("tied entries noted:\n%s", stdout)
	}
}
