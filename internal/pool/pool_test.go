package pool

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
)

func TestEachRunsEveryIndexOnceAndJoinsErrorsInOrder(t *testing.T) {
	for _, workers := range []int{0, 1, 3, 50} {
		var calls [20]atomic.Int32
		err := Each(len(calls), workers, func(i int) error {
			calls[i].Add(1)
			if i%7 == 3 {
				return fmt.Errorf("item %d", i)
			}
			return nil
		})
		for i := range calls {
			if n := calls[i].Load(); n != 1 {
				t.Errorf("workers=%d: item %d ran %d times", workers, i, n)
			}
		}
		if err == nil || err.Error() != "item 3\nitem 10\nitem 17" {
			t.Errorf("workers=%d: err = %v, want items 3, 10 and 17 in order", workers, err)
		}
	}
}

func TestEachBoundsConcurrency(t *testing.T) {
	var running, peak atomic.Int32
	block := make(chan struct{})
	go func() {
		for running.Load() < 2 {
		}
		close(block)
	}()
	Each(10, 2, func(int) error {
		n := running.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		<-block
		running.Add(-1)
		return nil
	})
	if p := peak.Load(); p != 2 {
		t.Errorf("peak concurrency %d, want 2", p)
	}
}

func TestEachWithNothingToDo(t *testing.T) {
	if err := Each(0, 4, func(int) error { return errors.New("called") }); err != nil {
		t.Error(err)
	}
}
