package feedxml

import (
	"io"
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"Mon, 17 Aug 2026 21:01:19 PDT":    "2026-08-18T04:01:19Z",
		"Tue, 3 Nov 2026 09:00:00 PST":     "2026-11-03T17:00:00Z",
		"Fri, 31 Jul 2026 00:12:00 Z":      "2026-07-31T00:12:00Z",
		"31 Jul 2026 02:12:00 +0200":       "2026-07-31T00:12:00Z",
		"31 Jul 2026 02:12:00 +02":         "2026-07-31T00:12:00Z",
		"Fri,  31 Jul 2026 00:12 GMT":      "2026-07-31T00:12:00Z",
		"Fri, 31 Jul 26 01:12:00 CET":      "2026-07-31T00:12:00Z",
		"2026-07-31T02:12:00+02:00":        "2026-07-31T00:12:00Z",
		"2026-07-31T02:12+02:00":           "2026-07-31T00:12:00Z",
		"1 Jan 0001 0:00 Z":                "0001-01-01T00:00:00Z",
		"Tue, 3 Mar 2026 08:40:00 pst":     "2026-03-03T16:40:00Z",
		"Mon, 17 Aug 2026 05:30:00 -05:30": "2026-08-17T11:00:00Z",
		"17 Aug 2026 10:00 EDT":            "2026-08-17T14:00:00Z",
		"Mon,  17 Aug 2026\t10:00:00  CET": "2026-08-17T09:00:00Z",
	} {
		got, ok := ParseDate(in)
		if !ok || got.Location() != time.UTC || got.Format(time.RFC3339) != want {
			t.Errorf("ParseDate(%q) = %v %v, want %s", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "yesterday", "Fri, 31 Jul 2026 00:12:00 XYZ", "31 Jul 2026 00:12:00 +2500", "31 Jul 2026 00:12:00 +1:2", "31 Jul 2026 00:12:00 +-500", "Mon, 17 Aug 2026 10:00:00 +9900", "Mon, 17 Aug 2026"} {
		if _, ok := ParseDate(bad); ok {
			t.Errorf("ParseDate(%q) accepted: an unknown zone must not be read as UTC", bad)
		}
	}
}

func TestPubDate(t *testing.T) {
	if _, ok := PubDate("Fri, 31 Jul 2026 00:12:00 Z"); !ok {
		t.Error("a real date was refused")
	}
	for _, bad := range []string{"1 Jan 0001 0:00 Z", "31 Dec 1989 23:59 Z"} {
		if _, ok := PubDate(bad); ok {
			t.Errorf("PubDate(%q) accepted a date before status pages", bad)
		}
	}
}

func TestAbbreviationFamilies(t *testing.T) {
	z, ok := Abbreviation("pdt")
	if !ok || z.Offset != -7*3600 || z.Family != "America/Los_Angeles" {
		t.Errorf("PDT = %+v %v", z, ok)
	}
	for _, f := range Families() {
		if _, err := time.LoadLocation(f); err != nil {
			t.Errorf("family %s does not load: %v", f, err)
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

func TestRSS(t *testing.T) {
	ch, err := RSS([]byte(`<rss xmlns:a10="http://www.w3.org/2005/Atom"><channel><title>Acme Status</title><a10:link rel="self" href="https://status.acme.example/feed"/><link>https://status.acme.example/</link><item><title>a&nbsp;b</title><guid>g</guid><a10:updated>2026-07-29T17:40:00Z</a10:updated></item></channel></rss>`))
	if err != nil {
		t.Fatal(err)
	}
	if items := ch.Items; len(items) != 1 || items[0].Title != "a\u00a0b" || items[0].GUID != "g" || items[0].Updated != "2026-07-29T17:40:00Z" {
		t.Errorf("items = %+v", items)
	}
	if ch.Title != "Acme Status" || ch.Link() != "https://status.acme.example/" {
		t.Errorf("channel title %q, link %q", ch.Title, ch.Link())
	}
	for in, want := range map[string]string{
		"":                          "empty body",
		"<!DOCTYPE html><html>":     "HTML page",
		`<rss version="2.0"/>`:      "no <channel>",
		`<feed><entry/></feed>`:     "want an RSS feed",
		`<rss><channel><title>x`:    "want an RSS feed",
		`{"status": "operational"}`: "want an RSS feed",
	} {
		if _, err := RSS([]byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("RSS(%q) = %v, want %q", in, err, want)
		}
	}
}
