package calleespawn

import "sync"

// Server counts the connections its serve loop accepts.
type Server struct {
	mu    sync.Mutex
	conns int
	stop  chan struct{}
}

// Start starts the serve loop.
func (s *Server) Start() {
	s.stop = make(chan struct{})
	go s.serve()
}

func (s *Server) serve() {
	for {
		select {
		case <-s.stop:
			return
		default:
		}
		s.mu.Lock()
		s.conns++ // want `write to field s.conns in goroutine started at server.go:\d+ \(by the call at server.go:\d+\) races with write at server.go:\d+`
		s.mu.Unlock()
	}
}

// Conns returns the count under the lock.
func (s *Server) Conns() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conns
}

// Reset clears the count under the lock.
func (s *Server) Reset() {
	s.mu.Lock()
	s.conns = 0
	s.mu.Unlock()
}

// runLocked uses the accessors only.
func runLocked() int {
	s := &Server{}
	s.Start()
	n := s.Conns()
	s.Reset()
	close(s.stop)
	return n
}

// runUnlocked resets the count without the lock while serve runs.
func runUnlocked() int {
	s := &Server{}
	s.Start()
	n := s.Conns()
	s.conns = 0 // want `write to field s.conns races with read at server.go:\d+ in goroutine started at server.go:\d+ \(by the call at server.go:\d+\)`
	close(s.stop)
	return n
}
