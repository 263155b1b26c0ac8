// Package importer turns a list of public status pages (a CSV file such as
// content/lists/status-pages.csv) into provider entries for the catalogue:
// one per company not already in it, with source: auto and verified: false,
// and never a description or homepage it would have to invent. It decides;
// cmd/uptimus writes the files.
package importer

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// Columns is the header a list file must start with, in this order.
var Columns = []string{"name", "status_url", "platform", "category_guess", "source_repo"}

// Row is one line of a list file.
type Row struct {
	// Line is the row's line of the file (each line is one row), for
	// messages.
	Line                                int
	Name, URL, Platform, Category, Repo string
	// Err says why the row could not be read; the row is then refused.
	Err string
}

// ReadList parses a list file. A row that cannot be read comes back with
// Err set and never stops the others; the error is for a file that cannot
// be used at all: unreadable, empty, or with the wrong header. file names
// the list in messages.
//
// Each line is one row: a list has no field that spans lines, so a quote
// left open is refused on its own line rather than swallowing the rows
// after it, as a CSV reader that let a quoted field go on would.
func ReadList(r io.Reader, file string) ([]Row, error) {
	lines := bufio.NewReader(r)
	var rows []Row
	header := false
	for n := 1; ; n++ {
		text, err := lines.ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		rec, bad := record(text)
		switch {
		case rec == nil && bad == "":
			// A blank line, as encoding/csv skips them.
		case !header:
			if err := checkHeader(rec, bad, file, n); err != nil {
				return nil, err
			}
			header = true
		case bad != "":
			rows = append(rows, Row{Line: n, Err: bad})
		default:
			rows = append(rows, row(n, rec))
		}
		if err != nil {
			break
		}
	}
	if !header {
		return nil, fmt.Errorf("%s: empty list (want the header %s)", file, strings.Join(Columns, ","))
	}
	return rows, nil
}

// record parses one line of a list as CSV. It is nil for a blank line;
// bad says why a line is not a CSV record.
func record(line string) (rec []string, bad string) {
	line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if line == "" {
		return nil, ""
	}
	cr := csv.NewReader(strings.NewReader(line))
	cr.FieldsPerRecord = -1
	rec, err := cr.Read()
	var pe *csv.ParseError
	switch {
	case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrQuote):
		return nil, fmt.Sprintf("not valid CSV: %v (a field never spans lines)", pe.Err)
	case errors.As(err, &pe):
		return nil, fmt.Sprintf("not valid CSV: %v", pe.Err)
	case err != nil:
		return nil, fmt.Sprintf("not valid CSV: %v", err)
	}
	return rec, ""
}

// checkHeader says why the first record, on line n, is not Columns.
func checkHeader(rec []string, bad, file string, n int) error {
	if bad != "" {
		return fmt.Errorf("%s:%d: header: %s", file, n, bad)
	}
	rec[0] = strings.TrimPrefix(rec[0], "\uFEFF")
	if !slices.Equal(rec, Columns) {
		return fmt.Errorf("%s:%d: header is %q, want %s", file, n, strings.Join(rec, ","), strings.Join(Columns, ","))
	}
	return nil
}

// row makes a Row of the record that starts on line.
func row(line int, rec []string) Row {
	if len(rec) != len(Columns) {
		return Row{Line: line, Err: fmt.Sprintf("%d fields, want %d (%s)", len(rec), len(Columns), strings.Join(Columns, ","))}
	}
	for i := range rec {
		if !utf8.ValidString(rec[i]) {
			return Row{Line: line, Err: fmt.Sprintf("%s %q is not valid UTF-8 (a list is UTF-8 text)", Columns[i], rec[i])}
		}
		rec[i] = strings.TrimSpace(rec[i])
	}
	return Row{Line: line, Name: rec[0], URL: rec[1], Platform: rec[2], Category: rec[3], Repo: rec[4]}
}
