// Package user calls store.Put from goroutines started in a loop on one
// store: the race crosses the package boundary, through a fact.
package user

import (
	"sync"

	"lockmod/par"
	"lockmod/store"
)

func Fill(keys []string) *store.Store {
	s := store.New()
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.Put(k, i)
		}()
	}
	wg.Wait()
	return s
}

// Total sums in a callback par.Do runs concurrently.
func Total(xs []int) int {
	sum := 0
	par.Do(len(xs), func(i int) {
		sum += xs[i]
	})
	return sum
}
