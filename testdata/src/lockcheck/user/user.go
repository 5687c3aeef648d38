// Package user is the client half of the cross-package case: goroutines
// started in a loop call store.Put on one shared store (reported at the
// call, with the callee's write named); the same with SafePut, with the
// caller holding the store's lock through its methods, or with a store
// per goroutine is fine (not reported).
package user

import (
	"sync"

	"lockcheck/store"
)

func Load(keys []string) *store.Store {
	s := store.New()
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.Put(k, "v") // want `\(\*store.Store\).Put writes s.items without a lock \(at store.go:\d+:\d+\), and the goroutines started in a loop at user.go:\d+ all call it on the same object`
		}()
	}
	wg.Wait()
	return s
}

// DrainAll calls a method whose write is conditional: not reported.
func DrainAll(s *store.Store, n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.Drain()
		}()
	}
	wg.Wait()
}

func LoadSafe(keys []string) *store.Store {
	s := store.New()
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.SafePut(k, "v")
		}()
	}
	wg.Wait()
	return s
}

func LoadBatched(keys []string) *store.Store {
	s := store.New()
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.Lock()
			s.Put(k, "v")
			s.Unlock()
		}()
	}
	wg.Wait()
	return s
}

func LoadEach(keys []string) []*store.Store {
	out := make([]*store.Store, len(keys))
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := store.New()
			s.Put(k, "v")
			out[i] = s
		}()
	}
	wg.Wait()
	return out
}

// Number calls a method synchronized by a channel lock: not reported.
func Number(n int) *store.Counter {
	c := store.NewCounter()
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Next()
		}()
	}
	wg.Wait()
	return c
}

// LoadWithDeadline puts each key from a goroutine it waits for (or gives
// up on, returning) before starting the next: the goroutines of two
// iterations never run together (not reported).
func LoadWithDeadline(keys []string, timeout <-chan struct{}) bool {
	s := store.New()
	for _, k := range keys {
		done := make(chan struct{})
		go func() {
			s.Put(k, "v")
			close(done)
		}()
		select {
		case <-done:
		case <-timeout:
			return false
		}
	}
	return true
}

// Sample reads a gauge without its lock, which the gauge's methods hold
// to write it: the guard, the gauge's exported Mutex, comes from the
// store's fact (reported). A Sub's Subject is guarded by an unexported
// mutex this package cannot take (not reported).
func Sample(g *store.Gauge, s *store.Sub) (int64, string) {
	v := g.Value // want `g.Value read without g.Mutex held \(g.Mutex guards g.Value at \d+ of \d+ accesses in its package\)`
	subject := s.Subject
	return v, subject
}
