package catalog

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Error is one problem in one catalogue file. Line is 1-based; 0 means the
// problem concerns the file as a whole (for example a missing file).
type Error struct {
	File string
	Line int
	Msg  string
}

// Error formats the problem as "file:line: msg", the shape editors and CI
// annotations understand.
func (e *Error) Error() string {
	if e.Line <= 0 {
		return e.File + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// Errors is every problem Load found, sorted by file then line, so a
// contributor sees all of them in one run instead of fixing one at a time.
type Errors []error

// Error joins the messages, one per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.Is and errors.As look inside the list.
func (es Errors) Unwrap() []error { return es }

// sortErrors orders by file then line; the sort is stable so that problems
// on the same line keep the order in which they were found.
func sortErrors(es Errors) {
	slices.SortStableFunc(es, func(a, b error) int {
		fa, la := position(a)
		fb, lb := position(b)
		return cmp.Or(cmp.Compare(fa, fb), cmp.Compare(la, lb))
	})
}

func position(err error) (string, int) {
	var e *Error
	if errors.As(err, &e) {
		return e.File, e.Line
	}
	return "", 0
}

// collector gathers errors for one Load call.
type collector struct {
	errs Errors
}

func (c *collector) add(file string, line int, format string, args ...any) {
	c.errs = append(c.errs, &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}
