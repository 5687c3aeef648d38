// Package semaphore is a minimal stand-in for golang.org/x/sync/semaphore
// with the same API (racecheck recognizes it by import path), so that
// the fixtures need no network.
package semaphore

import (
	"context"
	"sync"
)

// Weighted provides a way to bound concurrent access to a resource.
type Weighted struct {
	mu   sync.Mutex
	size int64
	cur  int64
}

// NewWeighted creates a new weighted semaphore.
func NewWeighted(n int64) *Weighted { return &Weighted{size: n} }

// Acquire acquires the semaphore with a weight of n.
func (s *Weighted) Acquire(ctx context.Context, n int64) error {
	s.mu.Lock()
	s.cur += n
	s.mu.Unlock()
	return nil
}

// TryAcquire acquires the semaphore with a weight of n without blocking.
func (s *Weighted) TryAcquire(n int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cur += n
	return true
}

// Release releases the semaphore with a weight of n.
func (s *Weighted) Release(n int64) {
	s.mu.Lock()
	s.cur -= n
	s.mu.Unlock()
}
