package jsonx

import (
	"encoding/json"
	"strings"
	"testing"
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
	var v map[string]any
	for in, want := range map[string]string{
		"":                       "empty body",
		"<!doctype html><p>busy": `not a JSON object (starts with "<!doctype html><p>busy")`,
		"[1,2]":                  "not a JSON object",
		`{"a":`:                  "invalid JSON",
	} {
		if err := DecodeObject([]byte(in), &v); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("DecodeObject(%q) = %v, want %q", in, err, want)
		}
	}
	if err := DecodeObject([]byte(` {"a":1} `), &v); err != nil || v["a"] != 1.0 {
		t.Errorf("valid object: %v %v", v, err)
	}
}

func FuzzTolerantTypes(f *testing.F) {
	f.Add([]byte(`{"name":"x","count":3,"tags":["a"],"child":{"A":"y"}}`))
	f.Add([]byte(`{"name":null,"count":"9e9","tags":[null,{}],"child":[]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var d doc
		if DecodeObject(b, &d) == nil {
			// Whatever decoded must encode again.
			if _, err := json.Marshal(d); err != nil {
				t.Fatal(err)
			}
		}
	})
}
