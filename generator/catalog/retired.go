package catalog

import (
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// retiredSchema is the "retired:" mapping of a provider file.
var retiredSchema = schema{
	allowed:  []string{"date", "reason", "successor"},
	required: []string{"reason"},
	maxLen:   map[string]int{"reason": MaxDescription, "successor": MaxURL},
}

// dateLayouts are the precisions a retirement date may have: say only
// what is known ("2025-05" when the day is not).
var dateLayouts = []string{"2006-01-02", "2006-01", "2006"}

// retired reads the "retired:" field, if any, and the line of its
// successor for the cross-file check (relations).
func (l *loader) retired(f *fields) (*Retirement, int) {
	n, ok := f.values["retired"]
	if !ok {
		return nil, 0
	}
	c := &l.collector
	sub := retiredSchema.mapping(c, f.file, n, `field "retired"`)
	if sub == nil {
		return nil, 0
	}
	r := &Retirement{}
	r.Reason, _, _ = sub.str(c, "reason")
	r.Date = l.date(sub)
	var line int
	r.Successor, line, _ = sub.str(c, "successor")
	if strings.Contains(r.Successor, "://") {
		if msg := CheckURL(r.Successor); msg != "" {
			l.add(f.file, line, "field \"successor\": %s", msg)
		}
	}
	return r, line
}

// date reads a retirement date. YAML reads 2025-05-05 as a timestamp and
// 2025 as a number: both are taken as the text written.
func (l *loader) date(f *fields) string {
	n, ok := f.values["date"]
	if !ok {
		return ""
	}
	tag := n.ShortTag()
	if n.Kind != yaml.ScalarNode || (tag != "!!str" && tag != "!!timestamp" && tag != "!!int") {
		l.add(f.file, n.Line, "field \"date\": want a date (2025, 2025-05 or 2025-05-05), got %s", describe(n))
		return ""
	}
	v := strings.TrimSpace(n.Value)
	for _, layout := range dateLayouts {
		if len(v) == len(layout) {
			if _, err := time.Parse(layout, v); err == nil {
				return v
			}
		}
	}
	l.add(f.file, n.Line, "field \"date\": %q is not a date (want 2025, 2025-05 or 2025-05-05)", v)
	return ""
}
