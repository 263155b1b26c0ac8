package importer

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func readTestList(t *testing.T, name string) ([]Row, error) {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return ReadList(f, name)
}

func TestReadList(t *testing.T) {
	rows, err := readTestList(t, "list.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{
		{Line: 2, Name: "Acme", URL: "https://status.acme.com/", Platform: "statuspage", Category: "development", Repo: "example/list"},
		{Line: 3, Err: "3 fields, want 5 (name,status_url,platform,category_guess,source_repo)"},
		{Line: 4, Err: "not valid CSV: extraneous or missing \" in quoted-field (a field never spans lines)"},
		{Line: 5, Err: "not valid CSV: bare \" in non-quoted-field"},
		{Line: 6, Name: "Zeta", URL: "https://status.zeta.com", Platform: "unknown", Category: "cloud", Repo: "example/list"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(rows), len(want), rows)
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Errorf("row %d = %+v\nwant %+v", i, rows[i], want[i])
		}
	}
}

// A row that is not valid CSV is refused with its line; the rows after it
// are still read. The byte-order mark before the header is allowed.
func TestReadListBadQuotes(t *testing.T) {
	rows, err := readTestList(t, "bad-quote.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3: %+v", len(rows), rows)
	}
	if rows[0].Line != 2 || !strings.Contains(rows[0].Err, "bare \"") {
		t.Errorf("bare quote: %+v", rows[0])
	}
	if rows[1].Line != 3 || rows[1].Name != "Acme" || rows[1].Err != "" {
		t.Errorf("row after a bad one: %+v", rows[1])
	}
	if rows[2].Line != 4 || !strings.Contains(rows[2].Err, "quote") {
		t.Errorf("unterminated quote: %+v", rows[2])
	}
}

// A quote left open is refused on its own line: the lines after it are
// rows of their own, not part of one field, and keep their line numbers
// (a blank line and CRLF endings count as lines too).
func TestReadListOpenQuote(t *testing.T) {
	rows, err := readTestList(t, "open-quote.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{
		{Line: 2, Name: "Acme", URL: "https://status.acme.com", Platform: "statuspage", Category: "development", Repo: "example/list"},
		{Line: 3, Err: "not valid CSV: extraneous or missing \" in quoted-field (a field never spans lines)"},
		{Line: 4, Name: "Gamma", URL: "https://status.gamma.example", Platform: "unknown", Category: "cloud", Repo: "example/list"},
		{Line: 5, Name: "Delta, Inc.", URL: "https://status.delta.example", Platform: "unknown", Category: "cloud", Repo: "example/list"},
		{Line: 7, Name: "Epsilon", URL: "https://status.epsilon.example", Platform: "unknown", Category: "cloud", Repo: "example/list"},
	}
	if !slices.Equal(rows, want) {
		t.Errorf("rows:\n%+v\nwant\n%+v", rows, want)
	}
}

func TestReadListRefusesTheFile(t *testing.T) {
	for name, want := range map[string]string{
		"wrong-header.csv": `wrong-header.csv:1: header is "name,url,platform,category,source", want name,status_url,platform,category_guess,source_repo`,
		"empty.csv":        "empty.csv: empty list (want the header name,status_url,platform,category_guess,source_repo)",
	} {
		rows, err := readTestList(t, name)
		if err == nil || err.Error() != want || rows != nil {
			t.Errorf("%s: %v, %v\nwant error %s", name, rows, err, want)
		}
	}
}
