package betterstack

// Decoding helpers: every field this package reads goes through the shared
// tolerant JSON types, so one odd field never fails a whole document; the
// vendor's own time formats are here.

import (
	"strings"
	"time"

	"github.com/uptimus/uptimus/adapters/internal/jsonx"
)

// The tolerant JSON types are shared by the adapters (see jsonx).
type (
	text   = jsonx.Text
	number = jsonx.Number
)

type list[T any] = jsonx.List[T]

type object[T any] = jsonx.Object[T]

func decodeDocument(body []byte, v any) error { return jsonx.DecodeObject(body, v) }

// timeLayouts are RFC 3339, which the vendor documents, and the same
// without a zone, read as UTC.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05",
}

// parseTime reads a vendor timestamp as UTC; ok is false when it is empty or
// in no known form.
func parseTime(s text) (time.Time, bool) {
	v := strings.TrimSpace(string(s))
	if v == "" {
		return time.Time{}, false
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
