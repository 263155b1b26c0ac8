// Package jsonx holds the tolerant JSON types every adapter decodes vendor
// documents with. Vendors send null, leave fields out, or change a field's
// JSON type between pages and versions; encoding/json fails the whole
// document on the first mismatch, so fields go through these types, which
// keep what they understand and drop the rest instead of failing.
package jsonx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Text is a string that also accepts numbers and booleans (kept as their JSON
// Text) and reads null or any other type as empty.
type Text string

func (s *Text) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0:
	case b[0] == '"':
		var v string
		if json.Unmarshal(b, &v) == nil {
			*s = Text(v)
		}
	case b[0] == '-' || (b[0] >= '0' && b[0] <= '9'), string(b) == "true", string(b) == "false":
		*s = Text(b)
	}
	return nil
}

// Number is an integer that also accepts numeric strings and integral
// floats; OK is false when the value was missing, null or not a Number.
type Number struct {
	V  int64
	OK bool
}

func (n *Number) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if json.Unmarshal(b, &s) != nil {
			return nil
		}
		b = []byte(strings.TrimSpace(s))
	}
	if v, err := strconv.ParseInt(string(b), 10, 64); err == nil {
		n.V, n.OK = v, true
		return nil
	}
	if f, err := strconv.ParseFloat(string(b), 64); err == nil && f == float64(int64(f)) {
		n.V, n.OK = int64(f), true
	}
	return nil
}

// List is a JSON array whose null elements and elements that fail to
// decode are dropped; any other JSON value reads as an empty list.
type List[T any] []T

func (l *List[T]) UnmarshalJSON(b []byte) error {
	var raw []json.RawMessage
	if json.Unmarshal(b, &raw) != nil {
		*l = nil
		return nil
	}
	out := make([]T, 0, len(raw))
	for _, r := range raw {
		if string(bytes.TrimSpace(r)) == "null" {
			continue // a null element is no element, not a zero one
		}
		var v T
		if json.Unmarshal(r, &v) == nil {
			out = append(out, v)
		}
	}
	*l = out
	return nil
}

// Object is a JSON object decoded into T; OK is false for null, a missing
// field or any other JSON type.
type Object[T any] struct {
	V  T
	OK bool
}

func (o *Object[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '{' {
		return nil
	}
	if json.Unmarshal(b, &o.V) == nil {
		o.OK = true
	}
	return nil
}

// DecodeObject checks that body is one JSON object and decodes it into v.
// A body that is not JSON at all (an HTML error page, a captcha) is the
// usual failure, so the error quotes how it starts.
func DecodeObject(body []byte, v any) error {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return errors.New("empty body")
	}
	if trimmed[0] != '{' {
		return fmt.Errorf("not a JSON object (starts with %q)", head(trimmed))
	}
	if err := json.Unmarshal(trimmed, v); err != nil {
		return fmt.Errorf("invalid JSON: %v (starts with %q)", err, head(trimmed))
	}
	return nil
}

func head(b []byte) string {
	const n = 40
	if len(b) > n {
		b = b[:n]
	}
	return string(b)
}
