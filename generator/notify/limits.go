package notify

import (
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// The limits each chat documents for an incoming webhook's message. A
// message over them is refused with a 400 (Discord) or cut by the chat
// itself wherever it likes (Slack), so every payload is made to fit them,
// however long the vendor's words.
const (
	// discordContentMax is Discord's limit on a message's content, in
	// characters ("Execute Webhook": content, up to 2000 characters). The
	// messages carry no embeds, whose own limits (title 256, description
	// 4096, 25 fields, total 6000) therefore never come into play.
	discordContentMax = 2000
	// slackTextMax is the length Slack's chat.postMessage documentation
	// asks a message's text to keep under (it truncates text over 40,000
	// characters). The messages use no blocks, whose limits (3,000 a
	// section, 150 a header, 50 blocks) therefore never come into play.
	slackTextMax = 4000
	// teamsPayloadMax is Microsoft Teams' message size limit for webhooks
	// and Workflows (28 KB, the whole JSON), counted in bytes with room to
	// spare under 28 × 1024.
	teamsPayloadMax = 28000
	// headMax bounds a headline, in characters: Discord's embed title
	// limit, and longer than any headline a reader takes in.
	headMax = 256
)

// chars counts characters as the chats' own (JavaScript) checks do, in
// UTF-16 code units: never fewer than the runes, so a text within the
// count is within either.
func chars(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// within is a fits function for shorten: at most n characters.
func within(n int) func(string) bool {
	return func(s string) bool { return chars(s) <= n }
}

// ellipsis ends a text that was cut.
const ellipsis = "…"

// shorten returns text when fits holds for it; otherwise its longest
// beginning for which fits holds once "…" is added, cut after a sentence
// when one ends in the last third of it, else after a word when one ends
// in its second half, else anywhere between two characters. It returns ""
// when not even "…" fits. fits must hold for every beginning of a text it
// holds for, as a length limit on the text, escaped or not, does.
func shorten(text string, fits func(string) bool) string {
	if fits(text) {
		return text
	}
	var bounds []int // every rune boundary but the last, ascending
	for i := range text {
		bounds = append(bounds, i)
	}
	cut := func(i int) string { return strings.TrimRightFunc(text[:i], unicode.IsSpace) + ellipsis }
	// The longest beginning that fits, by bisection.
	lo, hi := -1, len(bounds)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fits(cut(bounds[mid])) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo < 0 {
		return ""
	}
	end := bounds[lo]
	if s := lastEnd(text[:end], sentenceEnd); s >= end*2/3 && s > 0 {
		return cut(s)
	}
	if w := lastEnd(text[:end], wordEnd); w >= end/2 && w > 0 {
		return cut(w)
	}
	return cut(end)
}

// lastEnd is the byte offset just after the last place in s where end
// holds, or -1.
func lastEnd(s string, end func(s string, i int) bool) int {
	for i := len(s); i > 0; {
		if end(s, i) {
			return i
		}
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return -1
}

// sentenceEnd: s[:i] ends a sentence or a line (s[i] is a space or a line
// break after ".", "!" or "?", or a line break).
func sentenceEnd(s string, i int) bool {
	if i >= len(s) || i < 1 {
		return false
	}
	if s[i] == '\n' {
		return true
	}
	return s[i] == ' ' && strings.ContainsRune(".!?", rune(s[i-1]))
}

// wordEnd: s[:i] ends a word (s[i] is white space).
func wordEnd(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}
