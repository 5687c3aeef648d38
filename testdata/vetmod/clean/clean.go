// Package clean has nothing to report: go vet caches its result, which
// the tests use to see whether a rebuilt racecheck makes vet run again.
package clean

import "sync"

// Sum adds the numbers in two halves in parallel, counting each
// goroutine before it starts.
func Sum(xs []int) int {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		total int
	)
	half := len(xs) / 2
	for _, part := range [][]int{xs[:half], xs[half:]} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := 0
			for _, x := range part {
				s += x
			}
			mu.Lock()
			total += s
			mu.Unlock()
		}()
	}
	wg.Wait()
	return total
}
