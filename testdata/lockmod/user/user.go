// Package user calls store.Put from goroutines started in a loop on one
// store: the race crosses the package boundary, through a fact.
package user

import (
	"sync"

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
