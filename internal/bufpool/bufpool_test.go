package bufpool

import "testing"

func TestGetIsEmpty(t *testing.T) {
	b := Get()
	b.WriteString("left over")
	Put(b)
	for range 10 {
		b := Get()
		if b.Len() != 0 {
			t.Fatalf("Get returned %q", b.String())
		}
		Put(b)
	}
}

func TestHugeBuffersAreNotKept(t *testing.T) {
	b := Get()
	b.Grow(maxKept + 1)
	Put(b)
	for range 10 {
		if c := Get(); c == b {
			t.Fatal("a buffer over maxKept came back")
		}
	}
}
