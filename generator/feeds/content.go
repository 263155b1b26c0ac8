package feeds

import (
	"html"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/model"
)

// Item bodies are built as HTML from escaped text, and the vendor's update
// bodies through vendortext.Renderer, the one renderer the pages use too:
// the only tags are the ones written here and the safe ones it writes.

const (
	timeLayout = "Jan 2, 2006, 15:04 UTC"
)

// esc escapes cleaned text for HTML.
func esc(s string) string { return html.EscapeString(model.Clean(s)) }

func timeText(t time.Time) string {
	if t.IsZero() {
		return "time not stated"
	}
	return t.UTC().Format(timeLayout)
}

// timeTag renders t as an HTML <time> element.
func timeTag(t time.Time) string {
	if t.IsZero() {
		return "time not stated"
	}
	t = t.UTC()
	return `<time datetime="` + t.Format(time.RFC3339) + `">` + t.Format(timeLayout) + `</time>`
}

// phaseLabel says where an entry stands, in words.
func phaseLabel(p model.Phase, inc *adapters.Incident) string {
	if inc.ResolvedAsObserved && (p == model.PhaseResolved || p == model.PhaseCompleted) {
		if inc.Kind == adapters.KindMaintenance {
			return "Completed as observed: the provider's page stopped listing it, without a word of completion"
		}
		return "Resolved as observed: the provider's page stopped listing it, without a word of resolution"
	}
	switch p {
	case model.PhaseOngoing:
		return "Ongoing"
	case model.PhaseStale:
		return "Never marked " + map[bool]string{true: "completed", false: "resolved"}[inc.Kind == adapters.KindMaintenance] + " by the provider; no longer counted as ongoing"
	case model.PhaseUpcoming:
		return "Scheduled"
	case model.PhaseInProgress:
		return "In progress"
	case model.PhaseCompleted:
		return "Completed"
	case model.PhaseCancelled:
		return "Cancelled"
	}
	return model.LifecycleLabel(inc.Status)
}
