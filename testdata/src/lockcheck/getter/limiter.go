// Package getter shows lock discipline with one locked site, in the
// shapes of real service code: a rate limiter whose counters are written
// under l.mu in one method, read under it in another and read without it
// in a getter (reported); a session table read without its lock by
// Len and Idle (reported); a field
// written under the lock at every write but read unlocked at many places
// (reported, a majority of unlocked reads does not make it unguarded);
// a map filled under a read lock; and the fixed twins, a lazily
// initialized field and a field that is only read (not reported).
package getter

import (
	"sync"
	"time"
)

// Limiter admits requests at a configured rate. Its counters are
// written by every request and read by the metrics endpoint.
type Limiter struct {
	mu       sync.Mutex
	rate     int
	window   time.Time
	admitted int
	rejected int
}

// NewLimiter sets up a limiter nobody else can see yet.
func NewLimiter(rate int) *Limiter {
	return &Limiter{rate: rate, window: time.Now()}
}

// Allow is called by every request goroutine.
func (l *Limiter) Allow(now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.window) > time.Second {
		l.window = now
		l.admitted = 0
	}
	return l.admitted < l.rate
}

// Record counts the outcome of one request.
func (l *Limiter) Record(ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if ok {
		l.admitted++
	} else {
		l.rejected++
	}
}

// Snapshot reads the counters under the lock, for the metrics endpoint.
func (l *Limiter) Snapshot() (admitted, rejected int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.admitted, l.rejected
}

// Rejected forgets the lock: it races with Record.
func (l *Limiter) Rejected() int {
	return l.rejected // want `l.rejected read without l.mu held \(l.mu guards l.rejected at 2 of 3 accesses, e.g. limiter.go:\d+\)`
}

// Rate is only written by the constructor: read freely.
func (l *Limiter) Rate() int { return l.rate }
