// Package racy holds real data races for racecheck's runner tests. Each
// exported function is exercised by a test in racy_test.go; the Safe*
// functions are their race-free counterparts.
package racy

import (
	"math/rand/v2"
	"runtime"
	"sync"
)

// Counter counts with a captured variable and no lock: a race.
func Counter(n int) int {
	count := 0
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			count++
		}()
	}
	wg.Wait()
	return count
}

// SafeCounter is Counter with a mutex.
func SafeCounter(n int) int {
	var mu sync.Mutex
	count := 0
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			count++
			mu.Unlock()
		}()
	}
	wg.Wait()
	return count
}

// Fill writes a map from several goroutines: a race on the map.
func Fill(keys []string) map[string]int {
	m := make(map[string]int)
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m[k] = i
		}()
	}
	wg.Wait()
	return m
}

// Stats has a field updated without its lock.
type Stats struct {
	mu   sync.Mutex
	hits int
}

// Hit increments the counter without taking mu: a race.
func (s *Stats) Hit() {
	s.hits++
}

// Hits reads the counter under mu.
func (s *Stats) Hits() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits
}

// SumParallel sums xs with one worker per P. With GOMAXPROCS=1 a single
// worker runs and nothing races; with two or more the workers race on
// total.
func SumParallel(xs []int) int {
	workers := runtime.GOMAXPROCS(0)
	total := 0
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(xs); i += workers {
				total += xs[i]
			}
		}()
	}
	wg.Wait()
	return total
}

// Retry writes last from a goroutine only on its (random) error path, so
// the race shows in some runs and not in others.
func Retry() error {
	var last error
	done := make(chan struct{})
	go func() {
		defer close(done)
		if rand.IntN(2) == 0 {
			last = errFlaky
		}
	}()
	if rand.IntN(2) == 0 {
		_ = last
	}
	<-done
	return last
}

type flakyError struct{}

func (flakyError) Error() string { return "flaky" }

var errFlaky error = flakyError{}

// NeverCalled has a race that no test executes.
func NeverCalled() int {
	x := 0
	go func() { x = 1 }()
	return x
}
