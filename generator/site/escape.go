package site

import (
	"bytes"
	"strings"
)

// The escaping of the page parts written in Go (banner.go, facts.go), the
// same bytes html/template writes for a string in the same place, so that
// moving markup out of a template changes no page. escape_test.go holds
// them to html/template's output.

// htmlText escapes s as html/template does text and quoted attribute
// values: template.HTMLEscapeString's replacements and "+" (which
// html/template escapes so that UTF-7 readers see no markup).
var htmlText = strings.NewReplacer(
	"\x00", "\uFFFD",
	`"`, "&#34;",
	"&", "&amp;",
	"'", "&#39;",
	"+", "&#43;",
	"<", "&lt;",
	">", "&gt;",
)

// esc writes s into b escaped as htmlText does, without a new string.
func esc(b *bytes.Buffer, s string) { _, _ = htmlText.WriteString(b, s) }

// hrefValue is u as html/template writes it in a quoted href: an unsafe
// scheme becomes "#ZgotmplZ", bytes outside RFC 3986's unreserved and
// reserved sets (but "%" starting an escape) are percent-encoded, then the result is escaped
// for the attribute.
func hrefValue(u string) string {
	if scheme, _, ok := strings.Cut(u, ":"); ok && !strings.Contains(scheme, "/") {
		switch strings.ToLower(scheme) {
		case "http", "https", "mailto":
		default:
			return "#ZgotmplZ"
		}
	}
	var b strings.Builder
	b.Grow(len(u))
	for i := 0; i < len(u); i++ {
		c := u[i]
		if urlKept(c) || c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]) {
			b.WriteByte(c)
			continue
		}
		const hex = "0123456789abcdef"
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return htmlText.Replace(b.String())
}

// urlKept reports whether html/template leaves byte c of a URL as it is.
func urlKept(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!#$&*+,/:;=?@[]", c) >= 0
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
