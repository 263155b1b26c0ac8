package paths

import (
	"strings"
	"testing"
)

func TestPathSegment(t *testing.T) {
	tests := []struct{ in, want string }{
		{"abc-DEF_123", "abc-DEF_123"},
		{"01HZY3", "01HZY3"},
		{"a/b", "a.2Fb"},
		{"..", ".2E.2E"},
		{".", ".2E"},
		{"a b?c#d%", "a.20b.3Fc.23d.25"},
		{"ä", ".C3.A4"},
		{`a\b`, "a.5Cb"},
	}
	for _, tt := range tests {
		got, err := Segment(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Segment(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := Segment(""); err == nil {
		t.Error("empty id accepted")
	}
	long1, _ := Segment(strings.Repeat("x", 300) + "1")
	long2, _ := Segment(strings.Repeat("x", 300) + "2")
	if len(long1) > maxSegment || long1 == long2 {
		t.Errorf("long ids: %q (%d) vs %q", long1, len(long1), long2)
	}
}

func FuzzPathSegment(f *testing.F) {
	for _, s := range []string{"abc", "../x", "a/b", "..", "%2e%2e", strings.Repeat("/", 200), "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		seg, err := Segment(id)
		if id == "" {
			if err == nil {
				t.Fatal("empty id accepted")
			}
			return
		}
		if err != nil || seg == "" || seg == "." || seg == ".." || len(seg) > maxSegment {
			t.Fatalf("Segment(%q) = %q, %v", id, seg, err)
		}
		for _, c := range []byte(seg) {
			ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~'
			if !ok {
				t.Fatalf("Segment(%q) = %q holds %q", id, seg, c)
			}
		}
		// One-to-one: a different id never maps to the same segment (checked
		// against the id with one byte changed).
		other := id + "x"
		if o, _ := Segment(other); o == seg {
			t.Fatalf("%q and %q share segment %q", id, other, seg)
		}
	})
}
