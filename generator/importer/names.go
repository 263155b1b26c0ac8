package importer

import (
	"strings"
	"unicode"
)

// displayName is the list's name without what only annotates it:
//
//   - a trailing "(x)" where x is a bare word found in the page's host, as
//     in "CircleCI (statuspage.io)": the list telling two pages apart;
//   - a tagline after " - " that starts with an article, as in
//     "CoachHub - The digital coaching platform".
func displayName(name, host string) string {
	if open := strings.LastIndex(name, " ("); open > 0 && strings.HasSuffix(name, ")") {
		inner := name[open+2 : len(name)-1]
		if inner != "" && !strings.ContainsAny(inner, " ()") && strings.Contains(host, strings.ToLower(inner)) {
			name = strings.TrimSpace(name[:open])
		}
	}
	if before, after, ok := strings.Cut(name, " - "); ok && before != "" {
		first, _, _ := strings.Cut(strings.ToLower(after), " ")
		if first == "the" || first == "a" || first == "an" {
			name = strings.TrimSpace(before)
		}
	}
	return name
}

// companyKeys are the forms under which a name counts as the same company:
// the name with case, punctuation, accents and legal suffixes (Inc., LLC,
// GmbH...) dropped, and so for a parenthesised part on its own ("Claude
// (Anthropic)" is Claude and Anthropic). The lower-cased name itself is
// always one, so names that normalise to nothing still collide with
// themselves, as the catalogue's own check does.
func companyKeys(name string) []string {
	keys := []string{"name:" + strings.ToLower(name)}
	parts := []string{name}
	if open := strings.LastIndex(name, " ("); open > 0 && strings.HasSuffix(name, ")") {
		parts = []string{name[:open], name[open+2 : len(name)-1]}
	}
	for _, p := range parts {
		if k := strings.Join(words(p), ""); k != "" {
			keys = append(keys, k)
		}
	}
	return keys
}

// slugify makes a slug of a name: "Let's Encrypt" -> lets-encrypt,
// "Hunter Douglas, Inc." -> hunter-douglas, "Zürich Cloud" -> zurich-cloud.
// It is "" when nothing of the name is a Latin letter or a digit.
func slugify(name string) string {
	return strings.Join(words(name), "-")
}

// words splits a name into lower-case ASCII words, accents transliterated,
// apostrophes dropped ("Let's" is one word), and trailing legal suffixes
// left out.
func words(name string) []string {
	s := transliterate.Replace(strings.ToLower(name))
	s = strings.NewReplacer("'", "", "’", "").Replace(s)
	w := strings.FieldsFunc(s, func(r rune) bool {
		return r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r))
	})
	for len(w) > 1 {
		switch {
		case legalSuffixes[w[len(w)-1]]:
			w = w[:len(w)-1]
		case len(w) > 2 && legalSuffixes[w[len(w)-2]+w[len(w)-1]] && len(w[len(w)-1]) == 1:
			w = w[:len(w)-2] // "B.V.", "S.A."
		default:
			return w
		}
	}
	return w
}

// legalSuffixes are the company forms a name may end with.
var legalSuffixes = map[string]bool{
	"inc": true, "incorporated": true, "llc": true, "ltd": true, "limited": true,
	"gmbh": true, "corp": true, "corporation": true, "plc": true, "ag": true,
	"sa": true, "bv": true, "nv": true, "srl": true, "sarl": true, "pty": true,
	"llp": true, "oy": true, "ab": true,
}

// transliterate writes lower-case Latin letters with diacritics as plain
// ASCII.
var transliterate = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ã", "a", "ä", "a", "å", "a", "ā", "a", "ą", "a", "ă", "a",
	"æ", "ae", "ç", "c", "ć", "c", "č", "c", "ď", "d", "đ", "d", "ð", "d",
	"è", "e", "é", "e", "ê", "e", "ë", "e", "ē", "e", "ę", "e", "ě", "e",
	"ì", "i", "í", "i", "î", "i", "ï", "i", "ī", "i", "ı", "i",
	"ł", "l", "ñ", "n", "ń", "n", "ň", "n",
	"ò", "o", "ó", "o", "ô", "o", "õ", "o", "ö", "o", "ø", "o", "ō", "o", "ő", "o", "œ", "oe",
	"ř", "r", "ś", "s", "š", "s", "ş", "s", "ß", "ss", "ť", "t", "ţ", "t", "þ", "th",
	"ù", "u", "ú", "u", "û", "u", "ü", "u", "ū", "u", "ů", "u", "ű", "u",
	"ý", "y", "ÿ", "y", "ź", "z", "ż", "z", "ž", "z", "ğ", "g",
)
