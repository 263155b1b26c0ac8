// Package importer turns a list of public status pages (a CSV file such as
// content/lists/status-pages.csv) into provider entries for the catalogue:
// one per company not already in it, with source: auto and verified: false,
// and never a description or homepage it would have to invent. It decides;
// cmd/uptimus writes the files.
package importer

import (
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
	// Line is the line the row starts on, for messages.
	Line                                int
	Name, URL, Platform, Category, Repo string
	// Err says why the row could not be read; the row is then refused.
	Err string
}

// ReadList parses a list file. A row that cannot be read comes back with
// Err set and never stops the others; the error is for a file that cannot
// be used at all: unreadable, empty, or with the wrong header. file names
// the list in messages.
func ReadList(r io.Reader, file string) ([]Row, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty list (want the header %s)", file, strings.Join(Columns, ","))
		}
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\uFEFF")
	}
	if !slices.Equal(header, Columns) {
		return nil, fmt.Errorf("%s:1: header is %q, want %s", file, strings.Join(header, ","), strings.Join(Columns, ","))
	}
	var rows []Row
	for {
		rec, err := cr.Read()
		var pe *csv.ParseError
		switch {
		case errors.Is(err, io.EOF):
			return rows, nil
		case errors.As(err, &pe):
			rows = append(rows, Row{Line: pe.StartLine, Err: fmt.Sprintf("not valid CSV: %v", pe.Err)})
		case err != nil:
			return nil, fmt.Errorf("%s: %w", file, err)
		default:
			line, _ := cr.FieldPos(0)
			rows = append(rows, row(line, rec))
		}
	}
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
