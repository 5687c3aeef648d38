package testfile

import (
	"sync"
	"testing"
)

// TestOneWorker starts a goroutine per item; with one item no race can
// show at run time, but the pattern is there.
func TestOneWorker(t *testing.T) {
	if got := sum([]int{1}); got != 1 {
		t.Fatalf("sum = %d, want 1", got)
	}
	total := 0
	var wg sync.WaitGroup
	for _, x := range []int{1} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			total += x
		}()
	}
	wg.Wait()
}

func BenchmarkWorkers(b *testing.B) {
	total := 0
	var wg sync.WaitGroup
	for i := range b.N {
		wg.Add(1)
		go func() {
			defer wg.Done()
			total += i
		}()
	}
	wg.Wait()
}

// sum is a helper: whether its lines ran is not known from the tests.
func sum(xs []int) int {
	total := 0
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			total += x
		}()
	}
	wg.Wait()
	return total
}
