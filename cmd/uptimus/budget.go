package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/uptimus/uptimus/generator/publish"
)

// nearLimit is the share of a limit at which the build starts warning:
// history only grows, so a site at 90% is weeks from refused deploys.
const nearLimit = 0.9

// sizeFlag is --size-limit: a size as parseSize reads it. The flag's
// parsing checks it, so a bad one fails before any work is done.
type sizeFlag struct {
	text  string
	bytes int64
}

func (f *sizeFlag) String() string { return f.text }

func (f *sizeFlag) Set(s string) error {
	n, err := parseSize(s)
	if err != nil {
		return err
	}
	f.text, f.bytes = s, n
	return nil
}

// countFlag is --file-limit: a number of files, 0 for none.
type countFlag int

func (f *countFlag) String() string { return strconv.Itoa(int(*f)) }

func (f *countFlag) Set(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return errors.New("want a number of files, or 0 for none")
	}
	*f = countFlag(n)
	return nil
}

// parseSize reads a size such as "1GB", "500MB", "750000000" or "0" (none);
// units are decimal, as hosts state their limits. Its error does not
// quote s: the flag package quotes the value as it was given.
func parseSize(s string) (int64, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}} {
		if rest, ok := strings.CutSuffix(s, u.suffix); ok {
			s, mult = strings.TrimSpace(rest), u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n < 0 {
		return 0, errors.New("want a size such as 1GB, 500MB, 750KB or 750000 (bytes), or 0 for none")
	}
	return int64(n * float64(mult)), nil
}

// warnBudget warns, with the numbers, when the site nears or passes its
// size or file limit (0: none).
func warnBudget(w io.Writer, total publish.Tally, sizeLimit int64, fileLimit int) {
	if sizeLimit > 0 && float64(total.Bytes) >= nearLimit*float64(sizeLimit) {
		fmt.Fprintf(w, "warning: the site is %s, %.0f%% of the %s limit (--size-limit); see docs/performance.md for the budget\n",
			megabytes(total.Bytes), 100*float64(total.Bytes)/float64(sizeLimit), megabytes(sizeLimit))
	}
	if fileLimit > 0 && float64(total.Files) >= nearLimit*float64(fileLimit) {
		fmt.Fprintf(w, "warning: the site has %d files, %.0f%% of the %d-file limit (--file-limit)\n",
			total.Files, 100*float64(total.Files)/float64(fileLimit), fileLimit)
	}
}

// printTally prints bytes and files by kind, largest first.
func printTally(w io.Writer, tally map[string]publish.Tally) {
	total := tally[""]
	kinds := make([]string, 0, len(tally))
	for k := range tally {
		if k != "" {
			kinds = append(kinds, k)
		}
	}
	slices.SortFunc(kinds, func(a, b string) int {
		return cmp.Or(cmp.Compare(tally[b].Bytes, tally[a].Bytes), strings.Compare(a, b))
	})
	fmt.Fprintf(w, "%-22s %8s %10s %6s\n", "kind", "files", "size", "share")
	for _, k := range append(kinds, "") {
		t, name := tally[k], k
		if k == "" {
			name = "total"
		}
		share := 0.0
		if total.Bytes > 0 {
			share = 100 * float64(t.Bytes) / float64(total.Bytes)
		}
		fmt.Fprintf(w, "%-22s %8d %10s %5.1f%%\n", name, t.Files, megabytes(t.Bytes), share)
	}
}

func megabytes(n int64) string {
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}
