package api

import (
	"maps"
	"time"

	"github.com/uptimus/uptimus/adapters"
	"github.com/uptimus/uptimus/generator/reliability"
	"github.com/uptimus/uptimus/generator/uptime"
)

// Reliability holds a provider's reliability figures
// (generator/reliability), computed, like the uptime figures, up to the
// start of the current UTC day, and each component's, compactly.
type Reliability struct {
	AsOf     time.Time `json:"as_of"`
	Provider Figures   `json:"provider"`
	// Components are the figures of the components with something to
	// count (reliability.Stats.Quiet), in the order of the file's
	// components: most components of most providers have none, and a
	// thousand providers' files stay within the size budget
	// (docs/performance.md).
	Components []ComponentFigures `json:"components"`
}

// ComponentFigures are a component's figures without their known spans,
// which are the provider's figures' of the same name: known time is the
// provider's, whatever the component.
type ComponentFigures struct {
	ID string `json:"id"`
	// Months are those of the provider's months in which an incident
	// naming the component began.
	Months []ComponentMonth `json:"months"`
	// TimeToResolve is absent when no incident of the last 365 days
	// naming it was resolved.
	TimeToResolve *ComponentResolve `json:"time_to_resolve,omitempty"`
	// Longest is absent when none was resolved.
	Longest *ComponentLongest `json:"longest,omitempty"`
	// LastMajor is absent when there was none in known time.
	LastMajor *ComponentLastMajor `json:"last_major,omitempty"`
	// DisruptedSeconds are the disrupted known time over the provider's
	// disruption windows, in their order.
	DisruptedSeconds []int64 `json:"disrupted_seconds"`
}

// ComponentMonth is MonthCount without the known time.
type ComponentMonth struct {
	Month    string `json:"month"`
	None     int    `json:"none,omitempty"`
	Minor    int    `json:"minor,omitempty"`
	Major    int    `json:"major,omitempty"`
	Critical int    `json:"critical,omitempty"`
}

// ComponentResolve is TimeToResolve without the known time.
type ComponentResolve struct {
	Count         int   `json:"count"`
	MedianSeconds int64 `json:"median_seconds"`
	P90Seconds    int64 `json:"p90_seconds"`
}

// ComponentLongest names the longest incident by its id, whose start,
// end and title are in the provider's incidents file: a component's
// figures repeat no incident, as a provider's hundreds of components
// would repeat the same ones.
type ComponentLongest struct {
	ID      string `json:"id"`
	Seconds int64  `json:"seconds"`
}

// ComponentLastMajor is LastMajor without the known time, naming the
// incident by its id and impact.
type ComponentLastMajor struct {
	ID     string          `json:"id"`
	Impact adapters.Impact `json:"impact"`
	// Open is set while it lasts (DaysSince is 0 then).
	Open      bool `json:"open,omitempty"`
	DaysSince int  `json:"days_since"`
}

// Figures are the reliability figures of a provider or a component, each
// with the known time it covers.
type Figures struct {
	Months        []MonthCount  `json:"months"`
	TimeToResolve TimeToResolve `json:"time_to_resolve"`
	// Longest is absent when no incident of the last 365 days was resolved.
	Longest    *RelIncident `json:"longest,omitempty"`
	LastMajor  LastMajor    `json:"last_major"`
	Disruption []Disruption `json:"disruption"`
}

// Known is the known part of the time a figure speaks of.
type Known struct {
	// From is absent when none of the time is known.
	From    time.Time `json:"from,omitzero"`
	To      time.Time `json:"to"`
	Seconds int64     `json:"seconds"`
}

// MonthCount counts the incidents begun in a calendar month by impact;
// counts of zero are left out, as the month's known time is all most
// months have.
type MonthCount struct {
	Month        string `json:"month"`
	KnownSeconds int64  `json:"known_seconds"`
	None         int    `json:"none,omitempty"`
	Minor        int    `json:"minor,omitempty"`
	Major        int    `json:"major,omitempty"`
	Critical     int    `json:"critical,omitempty"`
}

// TimeToResolve is over the incidents begun in the last 365 days and
// resolved.
type TimeToResolve struct {
	Known         Known `json:"known"`
	Count         int   `json:"count"`
	MedianSeconds int64 `json:"median_seconds"`
	P90Seconds    int64 `json:"p90_seconds"`
}

// RelIncident is an incident a figure names; its title and timeline are
// in the provider's incidents file.
type RelIncident struct {
	ID      string          `json:"id"`
	Impact  adapters.Impact `json:"impact"`
	Start   time.Time       `json:"start"`
	End     time.Time       `json:"end"`
	Seconds int64           `json:"seconds"`
	Open    bool            `json:"open"`
}

// LastMajor is the last major or critical incident in all known time.
type LastMajor struct {
	Known    Known        `json:"known"`
	Incident *RelIncident `json:"incident,omitempty"`
	// DaysSince are whole days since it ended; 0 while it lasts.
	DaysSince int `json:"days_since"`
}

// Disruption is the disrupted known time over a window.
type Disruption struct {
	WindowDays       int   `json:"window_days"`
	Known            Known `json:"known"`
	DisruptedSeconds int64 `json:"disrupted_seconds"`
}

func reliabilityOf(day *uptime.Book, comps []Component) *Reliability {
	r := &Reliability{AsOf: day.Now(), Provider: figures(reliability.RecordOf(day, "").Stats()), Components: []ComponentFigures{}}
	for _, c := range comps {
		if s := reliability.RecordOf(day, c.ID).Stats(); !s.Quiet() {
			r.Components = append(r.Components, componentFigures(c.ID, s))
		}
	}
	return r
}

func componentFigures(id string, s reliability.Stats) ComponentFigures {
	f := ComponentFigures{ID: id, Months: []ComponentMonth{}}
	if l := s.Longest; l != nil {
		f.Longest = &ComponentLongest{ID: l.ID, Seconds: seconds(l.Duration())}
	}
	for _, m := range s.Months {
		if m.Total() > 0 {
			f.Months = append(f.Months, ComponentMonth{Month: m.Start.Format("2006-01"), None: m.None, Minor: m.Minor, Major: m.Major, Critical: m.Critical})
		}
	}
	if r := s.Resolve; r.Count > 0 {
		f.TimeToResolve = &ComponentResolve{Count: r.Count, MedianSeconds: seconds(r.Median), P90Seconds: seconds(r.P90)}
	}
	if i := s.LastMajor.Incident; i != nil {
		f.LastMajor = &ComponentLastMajor{ID: i.ID, Impact: i.Impact, Open: i.Open, DaysSince: s.LastMajor.Days}
	}
	for _, d := range s.Disruption {
		f.DisruptedSeconds = append(f.DisruptedSeconds, seconds(d.Disrupted))
	}
	return f
}

func figures(s reliability.Stats) Figures {
	f := Figures{Months: []MonthCount{}, Disruption: []Disruption{},
		TimeToResolve: TimeToResolve{Known: known(s.Resolve.Span), Count: s.Resolve.Count,
			MedianSeconds: seconds(s.Resolve.Median), P90Seconds: seconds(s.Resolve.P90)},
		Longest:   relIncident(s.Longest),
		LastMajor: LastMajor{Known: known(s.LastMajor.Span), Incident: relIncident(s.LastMajor.Incident), DaysSince: s.LastMajor.Days},
	}
	for _, m := range s.Months {
		f.Months = append(f.Months, MonthCount{Month: m.Start.Format("2006-01"), KnownSeconds: seconds(m.Span.Known),
			None: m.None, Minor: m.Minor, Major: m.Major, Critical: m.Critical})
	}
	for _, d := range s.Disruption {
		f.Disruption = append(f.Disruption, Disruption{WindowDays: int(d.Window / (24 * time.Hour)), Known: known(d.Span), DisruptedSeconds: seconds(d.Disrupted)})
	}
	return f
}

func known(s reliability.Span) Known {
	return Known{From: utc(s.From), To: utc(s.To), Seconds: seconds(s.Known)}
}

func relIncident(i *reliability.Incident) *RelIncident {
	if i == nil {
		return nil
	}
	return &RelIncident{ID: i.ID, Impact: i.Impact, Start: i.Start, End: i.End, Seconds: seconds(i.Duration()), Open: i.Open}
}

// reliabilityDefs are the provider schema's definitions of the parts of
// Reliability, each documented once in docs/api.md.
func reliabilityDefs() obj {
	known := ref("known_span")
	inc := ref("reliability_incident")
	defs := obj{
		"known_span": object("The known part of the time a figure speaks of: time before our record, or when we could not read the official page, is neither up nor down.",
			[]string{"to", "seconds"}, obj{"from": utcTime, "to": utcTime, "seconds": count}),
		"reliability_incident": object("An incident a figure names.", []string{"id", "impact", "start", "end", "seconds", "open"}, obj{
			"id": nonEmpty, "impact": impactEnum, "start": utcTime, "end": utcTime, "seconds": count, "open": boolean}),
		"month_count": object("Incidents begun in a calendar month (UTC) in known time, by impact; a count of zero is left out.", []string{"month", "known_seconds"}, obj{
			"month": obj{"type": "string", "pattern": `^\d{4}-\d{2}$`}, "known_seconds": count,
			"none": count, "minor": count, "major": count, "critical": count}),
		"time_to_resolve": object("Median and 90th percentile (nearest rank) time from start to resolution of the incidents begun in the last 365 days and resolved.",
			[]string{"known", "count", "median_seconds", "p90_seconds"}, obj{"known": known, "count": count, "median_seconds": count, "p90_seconds": count}),
		"last_major": object("The last major or critical incident in all known time (absent when none) and the whole days since it ended (0 while open).",
			[]string{"known", "days_since"}, obj{"known": known, "incident": inc, "days_since": count}),
		"disruption": object("Known time in the window when anything of the subject was worse than operational, maintenance aside.",
			[]string{"window_days", "known", "disrupted_seconds"}, obj{"window_days": obj{"type": "integer", "minimum": 1}, "known": known, "disrupted_seconds": count}),
		"reliability_figures": object("The reliability figures of a provider or a component.", []string{"months", "time_to_resolve", "last_major", "disruption"}, obj{
			"months":          obj{"type": "array", "items": ref("month_count"), "minItems": reliability.MonthsShown, "maxItems": reliability.MonthsShown},
			"time_to_resolve": ref("time_to_resolve"),
			"longest":         inc,
			"last_major":      ref("last_major"),
			"disruption":      obj{"type": "array", "items": ref("disruption"), "minItems": len(reliability.Windows), "maxItems": len(reliability.Windows)},
		}),
	}
	maps.Copy(defs, componentDefs())
	return defs
}

// reliabilitySchema describes Reliability (its parts in reliabilityDefs).
func reliabilitySchema() obj {
	return object("Reliability figures over known time only, up to as_of, the start of the build's UTC day.",
		[]string{"as_of", "provider", "components"}, obj{"as_of": utcTime, "provider": ref("reliability_figures"),
			"components": array(ref("component_figures"))})
}

// componentDefs are the schema's definitions of ComponentFigures and its
// parts.
func componentDefs() obj {
	month := object("Incidents naming the component begun in a month of the provider's months; a count of zero is left out.", []string{"month"}, obj{
		"month": obj{"type": "string", "pattern": `^\d{4}-\d{2}$`}, "none": count, "minor": count, "major": count, "critical": count})
	resolve := object("The time to resolve of the resolved incidents naming the component begun in the last 365 days.", []string{"count", "median_seconds", "p90_seconds"},
		obj{"count": obj{"type": "integer", "minimum": 1}, "median_seconds": count, "p90_seconds": count})
	last := object("The last major or critical incident naming the component in all known time, by id and impact, and the whole days since it ended (0 while open).", []string{"id", "impact", "days_since"},
		obj{"id": nonEmpty, "impact": impactEnum, "open": obj{"const": true}, "days_since": count})
	longest := object("The longest resolved incident naming the component begun in the last 365 days, by id.", []string{"id", "seconds"},
		obj{"id": nonEmpty, "seconds": count})
	windows := obj{"type": "array", "items": count, "minItems": len(reliability.Windows), "maxItems": len(reliability.Windows)}
	return obj{
		"component_month": month, "component_resolve": resolve, "component_last_major": last, "component_longest": longest,
		"component_figures": object("A component's figures, each over the known time of the provider's figure of the same name.", []string{"id", "months", "disrupted_seconds"}, obj{
			"id": nonEmpty, "months": array(ref("component_month")), "time_to_resolve": ref("component_resolve"), "longest": ref("component_longest"),
			"last_major": ref("component_last_major"), "disrupted_seconds": windows}),
	}
}
