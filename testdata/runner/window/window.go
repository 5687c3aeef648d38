// Package window holds data races with narrow windows: each shows only
// when one goroutine is late, which a plain test run seldom produces.
// racecheck run -directed makes them show; ../windowfree is the
// race-free twin that must stay quiet.
package window

import (
	"sync"
	"time"
)

// Server publishes its address under a lock but writes it before taking
// the lock, and Addr reads it whatever the lock showed: the read is
// ordered after the write only when Start has already unlocked.
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
	s.addr = addr
	s.mu.Lock()
	s.started = true
	s.mu.Unlock()
}

// Addr returns the address, or "" before Start.
func (s *Server) Addr() string {
	s.mu.Lock()
	started := s.started
	s.mu.Unlock()
	if !started {
		return s.addr
	}
	return s.addr
}

// Wait waits for Start to return.
func (s *Server) Wait() { <-s.done }

// Fetch returns compute's result, or -1 when compute takes longer than
// timeout. The fallback writes the result variable that the late
// goroutine still writes.
func Fetch(compute func() int, timeout time.Duration) int {
	res := 0
	done := make(chan struct{})
	go func() {
		v := compute()
		res = v
		close(done)
	}()
	select {
	case <-done:
		return res
	case <-time.After(timeout):
		res = -1
		return res
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
// the report reads last without the lock, which is ordered after the
// write only when the reporter takes the lock after Flush released it.
func (s *Stats) Flush(report func(int)) *sync.WaitGroup {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.mu.Lock()
		n := s.events
		s.mu.Unlock()
		report(n + s.last)
	}()
	s.mu.Lock()
	s.last = s.events
	s.mu.Unlock()
	return &wg
}
