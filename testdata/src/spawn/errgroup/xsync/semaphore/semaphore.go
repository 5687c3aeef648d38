// Package semaphore is a minimal stand-in for golang.org/x/sync/semaphore
// with the same API, so that the fixture needs no network.
package semaphore

import "context"

// Weighted provides a way to bound concurrent access to a resource.
type Weighted struct{ ch chan struct{} }

// NewWeighted creates a new weighted semaphore.
func NewWeighted(n int64) *Weighted { return &Weighted{ch: make(chan struct{}, n)} }

// Acquire acquires the semaphore with a weight of n.
func (s *Weighted) Acquire(ctx context.Context, n int64) error {
	s.ch <- struct{}{}
	return nil
}

// Release releases the semaphore with a weight of n.
func (s *Weighted) Release(n int64) { <-s.ch }
