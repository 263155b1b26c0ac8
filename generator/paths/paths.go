// Package paths owns the site's URL layout that pages, feeds and the JSON
// API must agree on: how an incident or component id becomes one safe path
// segment, and where each page lives.
package paths

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// maxSegment bounds a path segment well below file systems' 255-byte names.
const maxSegment = 120

// Segment turns an incident id into one URL path segment and folder name.
// Bytes in [A-Za-z0-9_-] stay; every other byte becomes "." and two upper-case
// hex digits. "." never stays as itself, so the mapping is one-to-one and no
// segment can be "." or ".." or hold a slash. Ids too long for a file name
// are cut and suffixed with a hash of the whole id, which keeps them distinct.
func Segment(id string) (string, error) {
	if id == "" {
		return "", errors.New("empty incident id")
	}
	var b strings.Builder
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, ".%02X", c)
	}
	seg := b.String()
	if len(seg) > maxSegment {
		sum := sha256.Sum256([]byte(id))
		seg = seg[:maxSegment-17] + "~" + hex.EncodeToString(sum[:8])
	}
	return seg, nil
}
