package rssdate

import (
	"io"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	for in, want := range map[string]string{
		"Mon, 17 Aug 2026 21:01:19 PDT": "2026-08-18T04:01:19Z",
		"Tue, 3 Nov 2026 09:00:00 PST":  "2026-11-03T17:00:00Z",
		"Fri, 31 Jul 2026 00:12:00 Z":   "2026-07-31T00:12:00Z",
		"31 Jul 2026 02:12:00 +0200":    "2026-07-31T00:12:00Z",
		"Fri,  31 Jul 2026 00:12 GMT":   "2026-07-31T00:12:00Z",
	} {
		got, ok := Parse(in)
		if !ok || got.Format(time.RFC3339) != want {
			t.Errorf("Parse(%q) = %v %v, want %s", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "yesterday", "Fri, 31 Jul 2026 00:12:00 XYZ", "31 Jul 2026 00:12:00 +2500", "1 Jan 0001 0:00 Z", "31 Dec 1989 23:59 Z"} {
		if _, ok := Parse(bad); ok {
			t.Errorf("Parse(%q) accepted: an unknown zone must not be read as UTC, nor a date before status pages", bad)
		}
	}
}

func TestCharsetReader(t *testing.T) {
	r, err := CharsetReader("ISO-8859-1", strings.NewReader("caf\xe9"))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(r); string(b) != "café" {
		t.Errorf("latin-1 read as %q", b)
	}
	if _, err := CharsetReader("koi8-r", strings.NewReader("")); err == nil {
		t.Error("an unknown charset was accepted")
	}
}
