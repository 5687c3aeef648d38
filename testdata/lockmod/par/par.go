// Package par runs a callback in concurrent goroutines: its fact says
// so to importers.
package par

import "sync"

// Do calls f(0) ... f(n-1), each in its own goroutine.
func Do(n int, f func(i int)) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(i)
		}()
	}
	wg.Wait()
}
