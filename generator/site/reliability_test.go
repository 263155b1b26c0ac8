package site

import (
	"strings"
	"testing"
)

// The chart reads without colour: each bar's total is written above it,
// a month we know nothing of reads "?", and each impact has a pattern and
// a word in the legend.
func TestMonthChart(t *testing.T) {
	svg := string(monthChart([]monthRow{
		{Label: "Jun 2026", Unknown: true},
		{Label: "Jul 2026", Critical: 2, Minor: 3, Total: 5},
	}))
	for _, want := range []string{`role="img"`, `<title id="rchart-t">`, `>?</text>`, `>5</text>`, `>Jun</text>`, `>2026</text>`,
		`fill="url(#rc)"`, `fill="url(#rm)"`, `>critical</text>`, `>none</text>`} {
		if !strings.Contains(svg, want) {
			t.Errorf("chart lacks %s:\n%s", want, svg)
		}
	}
	// Two layers for July, and the legend's four swatches, one path an
	// impact.
	if n := strings.Count(svg, "h14v10h-14z"); n != 4 {
		t.Errorf("%d legend swatches, want 4:\n%s", n, svg)
	}
	for _, want := range []string{`<path fill="url(#rc)" d="M68 `, `<path fill="url(#rm)" d="M68 `, `<path fill="url(#rj)" d="M140 `} {
		if !strings.Contains(svg, want) {
			t.Errorf("chart lacks %s:\n%s", want, svg)
		}
	}
}
