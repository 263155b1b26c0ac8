package jsonx

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

type doc struct {
	Name  Text                     `json:"name"`
	Count Number                   `json:"count"`
	Tags  List[string]             `json:"tags"`
	Child Object[struct{ A Text }] `json:"child"`
}

func TestTolerantTypes(t *testing.T) {
	tests := []struct {
		in      string
		name    Text
		count   Number
		tags    int
		childOK bool
	}{
		{`{"name":"x","count":3,"tags":["a","b"],"child":{"A":"y"}}`, "x", Number{3, true}, 2, true},
		{`{"name":null,"count":null,"tags":null,"child":null}`, "", Number{}, 0, false},
		{`{"name":5,"count":"7","tags":["a",null,3,"b"],"child":[1]}`, "5", Number{7, true}, 2, false},
		{`{"name":true,"count":2.0,"tags":"nope","child":"x"}`, "true", Number{2, true}, 0, false},
		{`{"name":{"x":1},"count":2.5,"tags":{},"child":{"A":1}}`, "", Number{}, 0, true},
		{`{}`, "", Number{}, 0, false},
	}
	for _, tt := range tests {
		var d doc
		if err := json.Unmarshal([]byte(tt.in), &d); err != nil {
			t.Fatalf("%s: %v: one odd field must never fail the document", tt.in, err)
		}
		if d.Name != tt.name || d.Count != tt.count || len(d.Tags) != tt.tags || d.Child.OK != tt.childOK {
			t.Errorf("%s: got %+v", tt.in, d)
		}
	}
}

func TestDecodeObject(t *testing.T) {
	for in, want := range map[string]string{
		"":                       "empty body",
		"<!doctype html><p>busy": `not a JSON object: got HTML or XML (starts with "<!doctype html><p>busy")`,
		"[1,2]":                  "not a JSON object: got an array",
		`"ok"`:                   "got a string",
		`{"a":`:                  "invalid JSON object",
	} {
		if _, err := DecodeObject[map[string]any]([]byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("DecodeObject(%q) = %v, want %q", in, err, want)
		}
	}
	if v, err := DecodeObject[map[string]any]([]byte(` {"a":1} `)); err != nil || v["a"] != 1.0 {
		t.Errorf("valid object: %v %v", v, err)
	}
}

func TestDecodeRequired(t *testing.T) {
	type doc struct{ Page Object[struct{ Name Text }] }
	hasPage := func(d *doc) bool { return d.Page.OK }
	for in, want := range map[string]string{
		"[]":             "not a JSON object",
		`{"page":null}`:  "no page object",
		`{"page":[1]}`:   "no page object",
		`{"other":true}`: "no page object",
	} {
		if _, err := DecodeRequired([]byte(in), hasPage, "no page object"); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("DecodeRequired(%q) = %v, want %q", in, err, want)
		}
	}
	if d, err := DecodeRequired([]byte(`{"page":{"name":"Acme"}}`), hasPage, "no page object"); err != nil || d.Page.V.Name != "Acme" {
		t.Errorf("valid document: %+v %v", d, err)
	}
}

func TestDecodeList(t *testing.T) {
	for in, want := range map[string]string{
		" ":            "empty body",
		"<html>":       "not a JSON array: got HTML or XML",
		`{"items":[]}`: "not a JSON array: got an object",
		`[{"id":"x"}`:  "invalid JSON array",
		"\x00":         "something that is not JSON",
	} {
		if _, err := DecodeList[Text]([]byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("DecodeList(%q) = %v, want %q", in, err, want)
		}
	}
	l, err := DecodeList[Object[struct{ A Text }]]([]byte(` [{"A":1}, null, "x", {"A":"b"}] `))
	if err != nil || len(l) != 3 || !l[0].OK || l[1].OK || l[2].V.A != "b" {
		t.Errorf("valid array: %+v %v (null elements are dropped, odd ones kept as not OK)", l, err)
	}
}

func TestBool(t *testing.T) {
	var d struct{ A, B, C, D, E Bool }
	if err := json.Unmarshal([]byte(`{"A":true,"B":"TRUE","C":1,"D":"false","E":{"x":1}}`), &d); err != nil {
		t.Fatal(err)
	}
	if !d.A || !d.B || !d.C || d.D || d.E {
		t.Errorf("got %+v", d)
	}
}

func TestParseTime(t *testing.T) {
	for in, want := range map[string]string{
		"2025-03-08T23:30:00.000-08:00":     "2025-03-09T07:30:00Z",
		"2025-11-02T01:30:00-07:00":         "2025-11-02T08:30:00Z",
		"2025-11-02T01:30:00-08:00":         "2025-11-02T09:30:00Z",
		"2020-05-22T16:41:53.142Z":          "2020-05-22T16:41:53.142Z",
		" 2024-04-02T08:00:00.123456Z ":     "2024-04-02T08:00:00.123456Z",
		"2024-04-02T08:00:00":               "2024-04-02T08:00:00Z",
		"2024-04-02 08:00:00+02:00":         "2024-04-02T06:00:00Z",
		"2024-04-02 08:00:00.5":             "2024-04-02T08:00:00.5Z",
		"Sat Jun 11 2022 18:55:50 GMT+0100": "2022-06-11T17:55:50Z",
	} {
		got, ok := ParseTime(in, "Mon Jan 2 2006 15:04:05 GMT-0700")
		if !ok || got.Location() != time.UTC || got.Format(time.RFC3339Nano) != want {
			t.Errorf("ParseTime(%q) = %v %v, want %s", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "yesterday", "Sat Jun 11 2022 18:55:50 GMT+0100"} {
		if got, ok := ParseTime(bad); ok || !got.IsZero() {
			t.Errorf("ParseTime(%q) = %v: without the vendor's layout it is unreadable", bad, got)
		}
	}
	if got := Text(" 2024-04-02T08:00:00Z").Time(); !got.Equal(time.Date(2024, 4, 2, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("Text.Time = %v", got)
	}
}

func FuzzTolerantTypes(f *testing.F) {
	f.Add([]byte(`{"name":"x","count":3,"tags":["a"],"child":{"A":"y"}}`))
	f.Add([]byte(`{"name":null,"count":"9e9","tags":[null,{}],"child":[]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if d, err := DecodeObject[doc](b); err == nil {
			// Whatever decoded must encode again.
			if _, err := json.Marshal(d); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// A list past MaxElements fails its document before any element is
// decoded: decoding is what costs memory, tens of times the bytes.
func TestListPastMaxElementsFails(t *testing.T) {
	type doc struct {
		Items List[struct{ ID Text }] `json:"items"`
	}
	list := func(n int) string {
		return "[" + strings.TrimSuffix(strings.Repeat(`{"id":"x"},`, n), ",") + "]"
	}
	if d, err := DecodeObject[doc]([]byte(`{"items":` + list(MaxElements) + `}`)); err != nil || len(d.Items) != MaxElements {
		t.Fatalf("a list of MaxElements: %d, %v", len(d.Items), err)
	}
	_, err := DecodeObject[doc]([]byte(`{"items":` + list(MaxElements+1) + `}`))
	if long := (*TooLongError)(nil); !errors.As(err, &long) || err.Error() != "a list of 10001 elements, over the limit of 10000" {
		t.Errorf("an object with a list of MaxElements+1: %v", err)
	}
	if _, err := DecodeList[struct{ ID Text }]([]byte(list(MaxElements + 1))); !errors.As(err, new(*TooLongError)) {
		t.Errorf("a bare list of MaxElements+1: %v", err)
	}
}

func TestHas(t *testing.T) {
	doc := []byte(`{"data":{"attributes":{"aggregate_state":"operational","gone":null}}}`)
	for _, tt := range []struct {
		path []string
		want bool
	}{
		{[]string{"data", "attributes", "aggregate_state"}, true},
		{[]string{"data", "attributes"}, true},
		{[]string{"data", "attributes", "gone"}, false},
		{[]string{"data", "attributes", "aggregate_state", "deeper"}, false},
		{[]string{"page"}, false},
	} {
		if got := Has(doc, tt.path...); got != tt.want {
			t.Errorf("Has(%v) = %v, want %v", tt.path, got, tt.want)
		}
	}
	if Has([]byte(`<html>`), "data") {
		t.Error("Has accepted a body that is not JSON")
	}
}
