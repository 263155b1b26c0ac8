package model

import (
	"sync"
	"unsafe"

	"github.com/uptimus/uptimus/adapters/vendortext"
)

// Excerpts remembers the excerpt (vendortext.Excerpt) of each update body
// one provider's outputs ask for: the site lists every incident with its
// latest update's excerpt and the feeds summarise the same updates, and an
// excerpt costs a markdown parse. StateOf gives each provider's State one,
// so it lives as long as that provider's outputs are being made. A body is
// known by where its bytes are (the history's own string), not by its
// text: a body asked for twice is parsed once, and no cost grows with its
// length. A nil Excerpts works out every excerpt.
type Excerpts struct {
	mu   sync.Mutex
	seen map[textAt]string
}

// textAt is where a string's bytes are: its first byte and its length.
type textAt struct {
	p *byte
	n int
}

// Of is vendortext.Excerpt(body).
func (e *Excerpts) Of(body string) string {
	if e == nil || body == "" {
		return vendortext.Excerpt(body)
	}
	at := textAt{unsafe.StringData(body), len(body)}
	e.mu.Lock()
	s, ok := e.seen[at]
	e.mu.Unlock()
	if ok {
		return s
	}
	s = vendortext.Excerpt(body)
	e.mu.Lock()
	if e.seen == nil {
		e.seen = map[textAt]string{}
	}
	e.seen[at] = s
	e.mu.Unlock()
	return s
}
