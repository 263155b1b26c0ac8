package vendortext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// The bodies below are real: Statuspage update bodies of
// testdata/real/statuspage/github-incidents-50-2026-07-31.json (update ids
// in the names), the Google Cloud report of
// testdata/real/gcp/incidents-2026-07-subset-2-markdown-incident-reports.json
// (its start), and Azure's descriptions as the azure adapter stores them
// (adapters/azure/testdata/two-items.xml through ToMarkdown).
func TestExcerpt(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"short line as written", "We are investigating reports of degraded performance.", "We are investigating reports of degraded performance."},
		{"first line only", "We are investigating.\nNext update in 30 minutes.", "We are investigating."},
		{"html link and br", "We are <a href=\"https://x\">investigating</a>.<br />Next", "We are investigating."},
		{"script dropped", "<script>alert(1)</script>Fixed", "Fixed"},
		{"entity decoded", "AT&amp;T customers cannot call", "AT&T customers cannot call"},
		{"empty", "", ""},
		{"blank lines", "\n\n  \n", ""},
		// kdqcg22bx7g4: 294 characters; the third sentence does not fit,
		// so it goes whole, never cut at "…choosing another".
		{"whole sentences up to the limit",
			"We are experiencing degraded availability for the Claude Fable 5 model in Copilot products and IDE surfaces. This is due to an issue with an upstream model provider. While we work with them to resolve the issue, we recommend choosing another model or selecting 'Auto' to continue using Copilot.",
			"We are experiencing degraded availability for the Claude Fable 5 model in Copilot products and IDE surfaces. This is due to an issue with an upstream model provider."},
		// mzv8f1bk3s49
		{"two of three sentences",
			"We have identified a recent code change as a potential cause of the SSH authentication failures affecting deploy key connections. Our engineering team is rolling back this change. Customers using deploy keys for SSH access to repositories may continue to experience intermittent connection failures until the fix is deployed.",
			"We have identified a recent code change as a potential cause of the SSH authentication failures affecting deploy key connections. Our engineering team is rolling back this change."},
		// 9gvxp7k8lb24: double spaces between sentences, then <br />.
		{"sentences of the first line",
			"From 22:21 UTC - 23:50 UTC on July 16, 2026, the REST API experienced significant degradation.  During this period, about 39% of REST API requests failed with HTTP 500 level responses, with the errors peaking at 44.3%. <br /><br />We identified the issue as an infrastructure change.",
			"From 22:21 UTC - 23:50 UTC on July 16, 2026, the REST API experienced significant degradation. During this period, about 39% of REST API requests failed with HTTP 500 level responses, with the errors peaking at 44.3%."},
		{"one long sentence cut between clauses",
			"Customers in " + strings.Repeat("every region ", 18) + "may see errors, and API requests are not affected by this issue in any way at all, " + strings.Repeat("we think ", 10) + "today.",
			"Customers in " + strings.TrimSpace(strings.Repeat("every region ", 18)) + " may see errors…"},
		{"gcp report: headings and escapes skipped",
			"## \\# Incident Report\n## \\#\\# Summary\nOn Wednesday, 15 July 2026, Google Cloud VMware Engine (GCVE), Bare Metal Solution (BMS), and Google Cloud NetApp Volumes (GCNV) experienced service interruptions for a total duration of 14 hours, 55 minutes.\nThe root cause for this outage is a 3ms voltage drop.",
			"On Wednesday, 15 July 2026, Google Cloud VMware Engine (GCVE), Bare Metal Solution (BMS), and Google Cloud NetApp Volumes (GCNV) experienced service interruptions for a total duration of 14 hours, 55 minutes."},
		{"gcp bold label skipped", "**Summary**\nGoogle Cloud VMware Engine services experienced a service outage in europe-west4-a due to a cooling failure.",
			"Google Cloud VMware Engine services experienced a service outage in europe-west4-a due to a cooling failure."},
		{"only a heading", "## \\# Incident Report", "Incident Report"},
		{"azure current status paragraph",
			"**Impact Statement:** Starting at 16:00 UTC on 29 Jul 2026, customers using Azure Front Door may experience connection failures & timeouts.\n\n**Current Status:** We have identified a configuration change as the cause and are rolling it back.  \nThe next update will be provided in 60 minutes.",
			"We have identified a configuration change as the cause and are rolling it back. The next update will be provided in 60 minutes."},
		{"azure without current status: escapes and italics gone",
			"**Impact Statement:** Starting at 08:30 UTC on 30 Jul 2026, a subset of customers in _West Europe_ may see increased latency when starting VMs.\n\n- Existing VMs are not affected.",
			"Impact Statement: Starting at 08:30 UTC on 30 Jul 2026, a subset of customers in West Europe may see increased latency when starting VMs."},
		{"current status in a sentence is no label", "Current status of the rollout is unclear. We keep watching.", "Current status of the rollout is unclear. We keep watching."},
		{"current status label on its own line", "Impact Statement: Some users see errors.\n\n**Current Status**\nWe are rolling back.", "We are rolling back."},
		{"escaped emphasis markers", "Customers in \\_West Europe\\_ may use \\*only\\* the \\[portal\\].", "Customers in West Europe may use only the [portal]."},
		{"markdown link and code", "See [the FAQ](https://aka.ms/faq) and run `az login`.", "See the FAQ and run az login."},
		{"underscores inside words kept", "The snake_case_name field is null.", "The snake_case_name field is null."},
		{"list marker gone", "- Existing VMs are not affected.", "Existing VMs are not affected."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Excerpt(tt.in)
			if got != tt.want {
				t.Errorf("Excerpt(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if n := utf8.RuneCountInString(got); n > ExcerptLimit+2 {
				t.Errorf("%d characters, over the limit %d", n, ExcerptLimit)
			}
		})
	}
}

// A sentence longer than the limit without any clause boundary is cut at
// a word, never inside one.
func TestExcerptLongWord(t *testing.T) {
	got := Excerpt(strings.Repeat("é", 400))
	if utf8.RuneCountInString(got) != ExcerptLimit+1 || !strings.HasSuffix(got, "…") {
		t.Errorf("got %d characters: %q", utf8.RuneCountInString(got), got)
	}
	got = Excerpt(strings.Repeat("word ", 100))
	if strings.HasSuffix(strings.TrimSuffix(got, "…"), "wor") || !strings.HasSuffix(got, "word…") {
		t.Errorf("cut inside a word: %q", got[len(got)-20:])
	}
}

func FuzzExcerpt(f *testing.F) {
	for _, s := range []string{"", "## \\# x", "**Current Status:** a. b", "<p>x</p>", "a_b_ *c* \\", "x. y. z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Excerpt(s)
		if strings.ContainsAny(got, "\n\r") {
			t.Errorf("Excerpt(%q) = %q spans lines", s, got)
		}
		if utf8.RuneCountInString(got) > ExcerptLimit+2 {
			t.Errorf("Excerpt(%q) is %d characters long", s, utf8.RuneCountInString(got))
		}
	})
}
