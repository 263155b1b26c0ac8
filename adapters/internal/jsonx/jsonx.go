// Package jsonx holds the tolerant JSON types every adapter decodes vendor
// documents with. Vendors send null, leave fields out, or change a field's
// JSON type between pages and versions; encoding/json fails the whole
// document on the first mismatch, so fields go through these types, which
// keep what they understand and drop the rest instead of failing.
//
// What may fail is the document itself: DecodeObject and DecodeList refuse
// a body that is not the JSON object or array the vendor serves, saying what
// came instead; DecodeList reads a bare array. ParseTime reads the timestamps JSON APIs send.
package jsonx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
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

// Trim is the text without surrounding white space.
func (s Text) Trim() string { return strings.TrimSpace(string(s)) }

// Time reads the text as a time (see ParseTime), in UTC; zero when it is
// empty or unreadable.
func (s Text) Time() time.Time {
	t, _ := ParseTime(string(s))
	return t
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
// decode are dropped. Null, or any other JSON value, reads as nil: so a
// list that was sent, even empty, can be told from one that was not.
type List[T any] []T

func (l *List[T]) UnmarshalJSON(b []byte) error {
	var raw []json.RawMessage
	if string(bytes.TrimSpace(b)) == "null" || json.Unmarshal(b, &raw) != nil {
		*l = nil
		return nil
	}
	if err := checkLength(len(raw)); err != nil {
		return err
	}
	*l = Elements[T](raw)
	return nil
}

// MaxElements is the longest list decoded, element by element, into an
// adapter's types: five times the most a snapshot may hold of anything
// (generator/fetch's 2,000 components), where real pages list tens to
// hundreds. A list is first split into raw elements, cheaply; decoding
// each costs tens of times its bytes, so a 16 MiB page of tiny incidents
// took 940 MB before fetch's bound on incidents refused it. Past this
// bound the document fails at once, after that first pass only.
const MaxElements = 10000

// TooLongError is a list past MaxElements.
type TooLongError struct{ Len int }

func (e *TooLongError) Error() string {
	return fmt.Sprintf("a list of %d elements, over the limit of %d", e.Len, MaxElements)
}

func checkLength(n int) error {
	if n > MaxElements {
		return &TooLongError{Len: n}
	}
	return nil
}

// Elements decodes each raw element as a T, as a List does: elements that
// are null or fail to decode are dropped.
func Elements[T any](raw []json.RawMessage) List[T] {
	out := make(List[T], 0, len(raw))
	for _, r := range raw {
		if string(bytes.TrimSpace(r)) == "null" {
			continue // a null element is no element, not a zero one
		}
		var v T
		if json.Unmarshal(r, &v) == nil {
			out = append(out, v)
		}
	}
	return out
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

// Bool is a boolean that also accepts the strings "true" and "1", in any
// case; anything else is false.
type Bool bool

func (f *Bool) UnmarshalJSON(b []byte) error {
	switch strings.ToLower(strings.Trim(string(bytes.TrimSpace(b)), `"`)) {
	case "true", "1":
		*f = true
	default:
		*f = false
	}
	return nil
}

// DecodeObject checks that body is one JSON object and decodes it as a T.
// A body that is not JSON at all (an HTML error page, a captcha) is the
// usual failure, so the error says what came and quotes how it starts.
func DecodeObject[T any](body []byte) (T, error) {
	var v T
	trimmed, err := check(body, '{', "object")
	if err != nil {
		return v, err
	}
	if err := json.Unmarshal(trimmed, &v); err != nil {
		if long := (*TooLongError)(nil); errors.As(err, &long) {
			return v, long
		}
		return v, fmt.Errorf("invalid JSON object: %v (starts with %q)", err, head(trimmed))
	}
	return v, nil
}

// DecodeRequired is DecodeObject for a document with a part the adapter
// cannot do without: it fails with the error text missing unless has says
// the decoded document holds that part.
func DecodeRequired[T any](body []byte, has func(*T) bool, missing string) (*T, error) {
	doc, err := DecodeObject[T](body)
	if err != nil {
		return nil, err
	}
	if !has(&doc) {
		return nil, errors.New(missing)
	}
	return &doc, nil
}

// DecodeList checks that body is one JSON array and decodes it as a List:
// elements that are null or fail to decode are dropped.
func DecodeList[T any](body []byte) (List[T], error) {
	trimmed, err := check(body, '[', "array")
	if err != nil {
		return nil, err
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(trimmed, &raw); err != nil {
		return nil, fmt.Errorf("invalid JSON array: %v (starts with %q)", err, head(trimmed))
	}
	if err := checkLength(len(raw)); err != nil {
		return nil, err
	}
	return Elements[T](raw), nil
}

// check trims body and fails unless it starts with open.
func check(body []byte, open byte, want string) ([]byte, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, errors.New("empty body")
	}
	if trimmed[0] != open {
		return nil, fmt.Errorf("not a JSON %s: got %s (starts with %q)", want, kind(trimmed[0]), head(trimmed))
	}
	return trimmed, nil
}

// kind names what a document starting with c is.
func kind(c byte) string {
	switch {
	case c == '<':
		return "HTML or XML"
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == '"':
		return "a string"
	case c == 'n':
		return "null"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == '-' || (c >= '0' && c <= '9'):
		return "a number"
	}
	return "something that is not JSON"
}

func head(b []byte) string {
	const n = 40
	if len(b) > n {
		b = b[:n]
	}
	return string(b)
}

// Has reports whether body is a JSON object holding a value other than
// null at path: how a probe knows a vendor's document by a field only it
// writes, whatever the rest holds.
func Has(body []byte, path ...string) bool {
	var v any
	if json.Unmarshal(body, &v) != nil {
		return false
	}
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return false
		}
		if v, ok = m[k]; !ok || v == nil {
			return false
		}
	}
	return true
}
