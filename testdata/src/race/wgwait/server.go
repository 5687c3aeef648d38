package wgwait

import "sync"

// Server is a dispatcher whose constructor starts the loop, counted by
// the WaitGroup before the go statement, as a Listen function starts
// its accept loop: Close's Wait cannot find the counter at zero while
// the loop may still add a handler.
type Server struct {
	reqs   chan Event
	quit   chan struct{}
	wg     sync.WaitGroup
	handle func(Event)
}

// NewServer returns a running server that calls h for each request.
func NewServer(h func(Event)) *Server {
	s := &Server{reqs: make(chan Event), quit: make(chan struct{}), handle: h}
	s.wg.Add(1)
	go s.loop()
	return s
}

func (s *Server) loop() {
	defer s.wg.Done()
	for {
		select {
		case e := <-s.reqs:
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				s.handle(e)
			}()
		case <-s.quit:
			return
		}
	}
}

// Serve hands a request to the loop.
func (s *Server) Serve(e Event) { s.reqs <- e }

// Close stops the loop and waits for it and its handlers.
func (s *Server) Close() {
	close(s.quit)
	s.wg.Wait()
}

// UncountedServer's constructor starts the loop without counting it: the
// loop's Add may find the counter at zero while Close waits.
type UncountedServer struct {
	reqs   chan Event
	quit   chan struct{}
	wg     sync.WaitGroup
	handle func(Event)
}

// NewUncountedServer returns a running server that calls h for each
// request.
func NewUncountedServer(h func(Event)) *UncountedServer {
	s := &UncountedServer{reqs: make(chan Event), quit: make(chan struct{}), handle: h}
	go s.loop()
	return s
}

func (s *UncountedServer) loop() {
	for {
		select {
		case e := <-s.reqs:
			s.wg.Add(1) // want `s.wg.Add in goroutine started at server.go:\d+ \(by the call at driver.go:\d+\) may run while s.wg.Wait at server.go:\d+ \(by the call at driver.go:\d+\) waits with a zero counter`
			go func() {
				defer s.wg.Done()
				s.handle(e)
			}()
		case <-s.quit:
			return
		}
	}
}

// Serve hands a request to the loop.
func (s *UncountedServer) Serve(e Event) { s.reqs <- e }

// Close stops the loop and waits for its handlers.
func (s *UncountedServer) Close() {
	close(s.quit)
	s.wg.Wait()
}
