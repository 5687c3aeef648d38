package fieldcb

import "sync"

// A Session runs its handshake through a func field chosen at
// construction, always with hsMu held: the client handshake's writes
// are under the lock it is called with (not reported).
type Session struct {
	hsMu        sync.Mutex
	handshakeFn func() error
	resumed     bool
	complete    bool
}

// NewClientSession returns a session that handshakes in the background.
func NewClientSession() *Session {
	s := &Session{}
	s.handshakeFn = s.clientHandshake
	go s.run()
	return s
}

func (s *Session) run() { _ = s.Handshake() }

func (s *Session) clientHandshake() error {
	s.resumed = false
	s.complete = true
	return nil
}

// Handshake runs the handshake once.
func (s *Session) Handshake() error {
	s.hsMu.Lock()
	defer s.hsMu.Unlock()
	if s.complete {
		return nil
	}
	return s.handshakeFn()
}

// Resumed reports whether the session was resumed.
func (s *Session) Resumed() bool {
	s.hsMu.Lock()
	defer s.hsMu.Unlock()
	return s.resumed
}

// Reset forgets the handshake, so that the next one starts over.
func (s *Session) Reset() {
	s.hsMu.Lock()
	s.resumed = false
	s.complete = false
	s.hsMu.Unlock()
}
