package site

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/adapters/vendortext"
	"github.com/uptimus/uptimus/generator/paths"
)

func TestTimeline(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 7, 30, h, 0, 0, 0, time.UTC) }
	ups := []adapters.Update{
		{ID: "1", Status: "investigating", Body: "Looking <script>x</script>", CreatedAt: at(10)},
		{ID: "2", Status: "resolved", Body: "Fixed.", CreatedAt: at(12),
			Components: []adapters.ComponentRef{{ID: "a", Name: `A & <B> "c"`}, {ID: "nameless"}, {ID: "d", Name: "D"}}},
		{ID: "3", Status: `in_progress<i>`, Body: "**Working**", CreatedAt: at(11)},
	}
	var b bytes.Buffer
	if err := timeline(&b, vendortext.NewRenderer(), ups); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{
		`<ol class="timeline"><li id="update-2"><h3>Resolved</h3> <time datetime="2026-07-30T12:00:00Z">`,
		`<li id="update-3"><h3>`,
		`<li id="update-1"><h3>`,
		`<div class="body"><p>Fixed.</p>` + "\n" + `</div><p class="affected small"><span class="muted">Components:</span> A &amp; &lt;B&gt; &#34;c&#34;, D</p></li>`,
		`<h3>In progress&lt;i&gt;</h3>`,
		`<strong>Working</strong>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("timeline lacks %q:\n%s", want, s)
		}
	}
	if strings.Index(s, "Resolved") > strings.Index(s, "In progress") || strings.Index(s, "In progress") > strings.Index(s, "Investigating") {
		t.Errorf("updates not newest first:\n%s", s)
	}
	if strings.Contains(s, "<script") || strings.Count(s, "Components:") != 1 || !strings.HasSuffix(s, "</ol>") {
		t.Errorf("timeline:\n%s", s)
	}
}

// TestTimelineAnchors: every update gets the anchor that updates feeds link
// to (paths.UpdateAnchor: the vendor's id, else a hash of the update), and
// a name that repeats is given to its first update only, so ids stay unique.
func TestTimelineAnchors(t *testing.T) {
	at := time.Date(2026, 7, 30, 10, 0, 0, 0, time.UTC)
	noID := adapters.Update{Status: "investigating", Body: "Looking.", CreatedAt: at}
	ups := []adapters.Update{
		{ID: "a/b", Status: "resolved", Body: "Done.", CreatedAt: at.Add(2 * time.Hour)},
		noID,
		{ID: "a/b", Status: "monitoring", Body: "Again.", CreatedAt: at.Add(time.Hour)},
	}
	var b bytes.Buffer
	if err := timeline(&b, vendortext.NewRenderer(), ups); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{`<li id="update-a.2Fb">`, `<li id="` + paths.UpdateAnchor(&noID) + `">`} {
		if strings.Count(s, want) != 1 {
			t.Errorf("timeline has %q %d times:\n%s", want, strings.Count(s, want), s)
		}
	}
	if strings.Count(s, "<li") != 3 || strings.Count(s, ` id="`) != 2 {
		t.Errorf("want three updates, two anchors:\n%s", s)
	}
}
