package history

import "time"

// MarkUnseen records that we have not seen the provider since from (our
// last successful check), unless a stretch is open already. It reports
// whether h changed.
func MarkUnseen(h *History, from time.Time) bool {
	spans := h.State.Unseen
	if n := len(spans); n > 0 && spans[n-1].Open() {
		return false
	}
	if n := len(spans); n > 0 && from.Before(spans[n-1].To) {
		from = spans[n-1].To
	}
	h.State.Unseen = append(spans, Span{From: from.UTC()})
	return true
}

// MarkSeen ends an open unseen stretch at at, when we saw the provider
// again. It reports whether h changed.
func MarkSeen(h *History, at time.Time) bool {
	n := len(h.State.Unseen)
	if n == 0 || !h.State.Unseen[n-1].Open() {
		return false
	}
	s := &h.State.Unseen[n-1]
	s.To = at.UTC()
	if !s.To.After(s.From) {
		h.State.Unseen = h.State.Unseen[:n-1]
		if len(h.State.Unseen) == 0 {
			h.State.Unseen = nil
		}
	}
	return true
}

// UnseenSince is the start of the open unseen stretch, or the zero time.
func UnseenSince(h *History) time.Time {
	if h == nil {
		return time.Time{}
	}
	if n := len(h.State.Unseen); n > 0 && h.State.Unseen[n-1].Open() {
		return h.State.Unseen[n-1].From
	}
	return time.Time{}
}
