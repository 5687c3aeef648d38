// Package window is the race-free twin of ../window: the same shapes
// with the synchronization that makes every schedule safe. racecheck run
// -directed must report no race here, whatever the delays.
package window

import (
	"sync"
	"time"
)

// Server writes its address under the lock that publishes it.
type Server struct {
	mu      sync.Mutex
	started bool
	addr    string
	done    chan struct{}
}

// NewServer returns a server that is not started.
func NewServer() *Server { return &Server{done: make(chan struct{})} }

// Start sets the address and marks the server started.
func (s *Server) Start(addr string) {
	defer close(s.done)
	s.mu.Lock()
	s.addr = addr
	s.started = true
	s.mu.Unlock()
}

// Addr returns the address, or "" before Start: it reads addr only
// after seeing started, which orders the read after Start's write.
func (s *Server) Addr() string {
	s.mu.Lock()
	started := s.started
	s.mu.Unlock()
	if !started {
		return ""
	}
	return s.addr
}

// Wait waits for Start to return.
func (s *Server) Wait() { <-s.done }

// Fetch returns compute's result, or -1 when compute takes longer than
// timeout; the fallback does not touch the goroutine's variable.
func Fetch(compute func() int, timeout time.Duration) int {
	done := make(chan int, 1)
	go func() {
		v := compute()
		done <- v
	}()
	select {
	case res := <-done:
		return res
	case <-time.After(timeout):
		return -1
	}
}

// Stats counts events; Flush hands the count to a reporter goroutine.
type Stats struct {
	mu     sync.Mutex
	events int
	last   int
}

// Record counts one event.
func (s *Stats) Record() {
	s.mu.Lock()
	s.events++
	s.mu.Unlock()
}

// Flush reports the count in the background and remembers it in last;
// the reporter reads last under the lock.
func (s *Stats) Flush(report func(int)) *sync.WaitGroup {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.mu.Lock()
		n := s.events + s.last
		s.mu.Unlock()
		report(n)
	}()
	s.mu.Lock()
	s.last = s.events
	s.mu.Unlock()
	return &wg
}
