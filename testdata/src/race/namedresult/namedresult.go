// Package namedresult shows a named result written by a goroutine that
// outlives the return (reported) and one joined before returning.
package namedresult

import (
	"sync"
	"time"
)

type Stats struct{ Count int }

func compute() Stats { return Stats{Count: 42} }

// load returns before the goroutine that fills the result finishes.
func load(timeout time.Duration) (stats Stats, ok bool) {
	go func() {
		stats = compute() // want `write to named result stats in goroutine started at namedresult.go:\d+ races with (read|write) at namedresult.go:\d+; wait for the goroutine before returning`
	}()
	time.Sleep(timeout)
	return stats, true
}

// loadJoined waits for the goroutine before returning.
func loadJoined() (stats Stats, err error) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		stats = compute()
	}()
	wg.Wait()
	return stats, nil
}

// loadDeferredWait waits in a deferred call, which runs before the
// results are read by the caller.
func loadDeferredWait() (stats Stats) {
	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Add(1)
	go func() {
		defer wg.Done()
		stats = compute()
	}()
	return
}

// startCatcher returns the channel its goroutine sends on: "return ...,
// got" onto the named result got itself stores nothing, so the
// goroutine's read of got does not race with the return.
func startCatcher(lines []string) (n int, got chan []string) {
	got = make(chan []string, 1)
	go func() {
		got <- lines
	}()
	return len(lines), got
}
