// Package afterfunc shows time.AfterFunc callbacks writing state the
// caller reads (reported) and synchronized callbacks (not reported).
package afterfunc

import (
	"sync"
	"time"
)

type Session struct {
	mu      sync.Mutex
	expired bool
	timer   *time.Timer
}

// watch marks the session expired from the timer's goroutine while the
// caller keeps reading the flag without the lock.
func watch(s *Session, ttl time.Duration) bool {
	s.timer = time.AfterFunc(ttl, func() {
		s.expired = true // want `write to field s.expired in goroutine started at afterfunc.go:\d+ races with read at afterfunc.go:\d+; synchronize the callback with its caller`
	})
	return s.expired
}

// watchLocked takes the session's lock on both sides.
func watchLocked(s *Session, ttl time.Duration) bool {
	t := time.AfterFunc(ttl, func() {
		s.mu.Lock()
		s.expired = true
		s.mu.Unlock()
	})
	s.mu.Lock()
	defer s.mu.Unlock()
	s.timer = t
	return s.expired
}

// A Lease keeps its expiry callback in a field, as timers that are
// re-armed do.
type Lease struct {
	mu       sync.Mutex
	expired  bool
	onExpire func()
	timer    *time.Timer
}

// grant arms the timer with the callback it stored just before: the
// callback's write races with the read that follows.
func grant(l *Lease, ttl time.Duration) bool {
	l.onExpire = func() {
		l.expired = true // want `write to field l.expired in goroutine started at afterfunc.go:\d+ races with read at afterfunc.go:\d+; synchronize the callback with its caller`
	}
	l.timer = time.AfterFunc(ttl, l.onExpire)
	return l.expired
}

// grantLocked does the same with the lease's lock on both sides.
func grantLocked(l *Lease, ttl time.Duration) bool {
	l.onExpire = func() {
		l.mu.Lock()
		l.expired = true
		l.mu.Unlock()
	}
	t := time.AfterFunc(ttl, l.onExpire)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.timer = t
	return l.expired
}
