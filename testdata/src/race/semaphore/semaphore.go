// Package semaphore shows goroutines ordered by a
// golang.org/x/sync/semaphore.Weighted: a flag the parent writes while it
// holds every unit and the workers read after each Acquire (not
// reported, as in x/sync's own TestLargeAcquireDoesntStarve), and a
// counter that up to four workers the semaphore admits update at once
// (reported).
package semaphore

import (
	"context"
	"sync"

	"golang.org/x/sync/semaphore"
)

// Drain runs n workers until the parent, holding all n units, stops them.
func Drain(ctx context.Context, n int64) {
	sem := semaphore.NewWeighted(n)
	running := true
	var wg sync.WaitGroup
	wg.Add(int(n))
	for i := n; i > 0; i-- {
		sem.Acquire(ctx, 1)
		go func() {
			defer func() {
				sem.Release(1)
				wg.Done()
			}()
			for running {
				sem.Release(1)
				sem.Acquire(ctx, 1)
			}
		}()
	}
	sem.Acquire(ctx, n)
	running = false
	sem.Release(n)
	wg.Wait()
}

// Count bounds its workers with the semaphore, but up to four of them
// update the counter at once.
func Count(ctx context.Context, items []string) int {
	sem := semaphore.NewWeighted(4)
	total := 0
	var wg sync.WaitGroup
	for range items {
		sem.Acquire(ctx, 1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer sem.Release(1)
			total++ // want `write to captured variable total in goroutine started repeatedly at semaphore.go:\d+ races with read at semaphore.go:\d+ in its other instances`
		}()
	}
	wg.Wait()
	return total
}
