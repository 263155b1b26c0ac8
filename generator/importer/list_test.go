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

// Each line is one row with its own line number: a quote left open is
// refused on its own line, and the lines after it are rows of their own,
// not part of one field (a blank line and CRLF endings count as lines).
func TestReadList(t *testing.T) {
	acme := Row{Line: 2, Name: "Acme", Platform: "statuspage", Category: "development", Repo: "example/list"}
	openQuote := "not valid CSV: extraneous or missing \" in quoted-field (a field never spans lines)"
	cloud := func(line int, name, url string) Row {
		return Row{Line: line, Name: name, URL: url, Platform: "unknown", Category: "cloud", Repo: "example/list"}
	}
	for file, want := range map[string][]Row{
		"list.csv": {
			withURL(acme, "https://status.acme.com/"),
			{Line: 3, Err: "3 fields, want 5 (name,status_url,platform,category_guess,source_repo)"},
			{Line: 4, Err: openQuote},
			{Line: 5, Err: "not valid CSV: bare \" in non-quoted-field"},
			cloud(6, "Zeta", "https://status.zeta.com"),
		},
		"open-quote.csv": {
			withURL(acme, "https://status.acme.com"),
			{Line: 3, Err: openQuote},
			cloud(4, "Gamma", "https://status.gamma.example"),
			cloud(5, "Delta, Inc.", "https://status.delta.example"),
			cloud(7, "Epsilon", "https://status.epsilon.example"),
		},
	} {
		rows, err := readTestList(t, file)
		if err != nil || !slices.Equal(rows, want) {
			t.Errorf("%s: %v\n%+v\nwant\n%+v", file, err, rows, want)
		}
	}
}

func withURL(r Row, url string) Row {
	r.URL = url
	return r
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
