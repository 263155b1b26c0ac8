package fetch

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteTable prints one aligned row per provider and a totals line:
//
//	PROVIDER  RESULT     DETAIL
//	github    ok         2 new updates
//	pusher    unchanged
//	2 providers: 1 ok, 1 unchanged, 0 failed
func (r *Report) WriteTable(w io.Writer) error {
	var b bytes.Buffer
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PROVIDER\tRESULT\tDETAIL")
	for _, res := range r.Results {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", res.Slug, res.Outcome, res.Detail())
	}
	tw.Flush() // into a bytes.Buffer: cannot fail
	var out strings.Builder
	for line := range strings.Lines(b.String()) {
		// An empty DETAIL would leave the row's padding dangling.
		out.WriteString(strings.TrimRight(line, " \n") + "\n")
	}
	out.WriteString(r.Totals() + "\n")
	_, err := io.WriteString(w, out.String())
	return err
}

// Totals is "45 providers: 40 ok, 3 unchanged, 2 failed", then ", 7
// backing off" when some waited for a later run, and "; 4 incidents
// dropped" when a snapshot held unusable incidents.
func (r *Report) Totals() string {
	n := map[Outcome]int{}
	for _, res := range r.Results {
		n[res.Outcome]++
	}
	noun := "providers"
	if len(r.Results) == 1 {
		noun = "provider"
	}
	s := fmt.Sprintf("%d %s: %d ok, %d unchanged, %d failed", len(r.Results), noun, n[OK], n[Unchanged], n[Failed])
	if n[Skipped] > 0 {
		s += fmt.Sprintf(", %d backing off", n[Skipped])
	}
	if n[Retired] > 0 {
		s += fmt.Sprintf(", %d retired", n[Retired])
	}
	switch d := r.Dropped(); {
	case d == 1:
		s += "; 1 incident dropped"
	case d > 1:
		s += fmt.Sprintf("; %d incidents dropped", d)
	}
	return s
}

// Dropped counts the incidents left out of the providers that did not
// fail (a failed provider's snapshot is not merged at all).
func (r *Report) Dropped() int {
	n := 0
	for _, res := range r.Results {
		if res.Outcome != Failed {
			n += res.Dropped
		}
	}
	return n
}

// Failed counts the providers that failed.
func (r *Report) Failed() int {
	n := 0
	for _, res := range r.Results {
		if res.Outcome == Failed {
			n++
		}
	}
	return n
}

// AllFailed is true when the run fetched at least one provider and every
// one it fetched failed: it learned nothing, which is worth a non-zero
// exit. Providers backing off or retired were not fetched and do not
// count.
func (r *Report) AllFailed() bool {
	fetched := 0
	for _, res := range r.Results {
		if res.Outcome != Skipped && res.Outcome != Retired {
			fetched++
		}
	}
	return fetched > 0 && r.Failed() == fetched
}

// Changed lists the slugs whose history changed, in catalogue order.
func (r *Report) Changed() []string {
	var slugs []string
	for _, res := range r.Results {
		if res.Outcome == OK {
			slugs = append(slugs, res.Slug)
		}
	}
	return slugs
}

// maxCommitMessage keeps the summary a readable commit subject line even
// when many providers changed at once.
const maxCommitMessage = 200

// Stopped counts the providers whose fetch the run's stop cut short.
func (r *Report) Stopped() int {
	n := 0
	for _, res := range r.Results {
		if res.Stopped {
			n++
		}
	}
	return n
}

// CommitMessage summarises what changed in one line, providers in
// catalogue order: "pusher: 1 new incident; github: 2 new updates, 1
// component changed". Past about 200 characters the remaining providers
// are counted ("; and 7 more providers"). It is "" when nothing changed,
// so the caller can skip the commit.
func CommitMessage(r *Report) string {
	var b strings.Builder
	changed := 0
	for _, res := range r.Results {
		if res.Outcome == OK {
			changed++
		}
	}
	written := 0
	for _, res := range r.Results {
		if res.Outcome != OK {
			continue
		}
		part := res.Slug + ": " + res.Change.String()
		if written > 0 && b.Len()+2+len(part) > maxCommitMessage {
			break
		}
		if written > 0 {
			b.WriteString("; ")
		}
		b.WriteString(part)
		written++
	}
	switch rest := changed - written; {
	case rest == 1:
		b.WriteString("; and 1 more provider")
	case rest > 1:
		fmt.Fprintf(&b, "; and %d more providers", rest)
	}
	return b.String()
}

// maxSummaryRows bounds each table of WriteSummary: a catalogue of
// imported pages can have hundreds failing at once.
const maxSummaryRows = 50

// WriteSummary writes the run as Markdown for a CI job's summary page:
// the totals, then the providers that failed and those backing off, each
// with why, at most maxSummaryRows of each.
func (r *Report) WriteSummary(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "### Fetch: %s\n", r.Totals())
	r.summaryTable(&b, Failed, "Failed this run")
	r.summaryTable(&b, Skipped, "Backing off after repeated failures")
	r.mismatchTable(&b)
	_, err := io.WriteString(w, b.String())
	return err
}

func (r *Report) summaryTable(b *strings.Builder, o Outcome, title string) {
	var rows []Result
	for _, res := range r.Results {
		if res.Outcome == o {
			rows = append(rows, res)
		}
	}
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(b, "\n#### %s (%d)\n\n| Provider | Adapter | Detail |\n|---|---|---|\n", title, len(rows))
	for _, res := range rows[:min(len(rows), maxSummaryRows)] {
		fmt.Fprintf(b, "| %s | %s | %s |\n", res.Slug, res.Adapter, markdownCell(res.Detail()))
	}
	if rest := len(rows) - maxSummaryRows; rest > 0 {
		fmt.Fprintf(b, "\nand %d more.\n", rest)
	}
}

// mismatchTable lists the pages that named another company or address
// than their entry: the entry may point at the wrong page.
func (r *Report) mismatchTable(b *strings.Builder) {
	var rows []string
	for _, res := range r.Results {
		if res.Self != nil && !res.Self.Agree {
			rows = append(rows, fmt.Sprintf("| %s | %s |\n", res.Slug, markdownCell(res.Self.Why)))
		}
	}
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(b, "\n#### Pages that name another company or address (%d)\n\n| Provider | What the page says |\n|---|---|\n", len(rows))
	for _, row := range rows[:min(len(rows), maxSummaryRows)] {
		b.WriteString(row)
	}
	if rest := len(rows) - maxSummaryRows; rest > 0 {
		fmt.Fprintf(b, "\nand %d more.\n", rest)
	}
}

// markdownCell keeps an error text inside its table cell and as text: it
// quotes what upstreams sent, which may hold pipes, HTML, or markdown that
// would put a link ("[Fix now](https://...)"), an image loaded from
// anywhere, or emphasis into the job summary. Every character markdown
// reads as markup is escaped, the backslash first of all.
func markdownCell(s string) string {
	return cellEscaper.Replace(s)
}

var cellEscaper = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "`", "'", "<", "&lt;", ">", "&gt;",
	"[", `\[`, "]", `\]`, "(", `\(`, ")", `\)`, "!", `\!`,
	"*", `\*`, "_", `\_`, "~", `\~`, "#", `\#`, "&", `\&`,
)
