package racy

import (
	"sync"
	"testing"
	"time"
)

func TestCounter(t *testing.T) {
	Counter(4)
}

func TestSafeCounter(t *testing.T) {
	if got := SafeCounter(4); got != 4 {
		t.Fatalf("SafeCounter(4) = %d, want 4", got)
	}
}

func TestFill(t *testing.T) {
	Fill([]string{"a", "b", "c"})
}

func TestField(t *testing.T) {
	var s Stats
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.Hit()
		}()
	}
	wg.Wait()
	_ = s.Hits()
}

func TestSumParallel(t *testing.T) {
	SumParallel([]int{1, 2, 3, 4, 5, 6, 7, 8})
}

func TestRetry(t *testing.T) {
	for range 3 {
		Retry()
	}
}

// TestParallelSubtests races in parallel subtests on a variable shared
// by the parent.
func TestParallelSubtests(t *testing.T) {
	shared := 0
	t.Run("group", func(t *testing.T) {
		for _, name := range []string{"a", "b"} {
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				shared++
				time.Sleep(20 * time.Millisecond)
			})
		}
	})
	_ = shared
}
