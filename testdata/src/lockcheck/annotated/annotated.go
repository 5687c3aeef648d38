// Package annotated shows the racecheck:guardedby annotation: it states
// which mutex guards a field even where the code gives too little
// evidence to infer it, and it overrides inference.
package annotated

import "sync"

type Session struct {
	mu sync.Mutex
	// racecheck:guardedby mu
	token string
	user  string // racecheck:guardedby mu
	hits  int
}

func (s *Session) SetToken(t string) {
	s.mu.Lock()
	s.token = t
	s.mu.Unlock()
}

func (s *Session) Token() string {
	return s.token // want `s.token read without s.mu held \(s.token is declared racecheck:guardedby mu\)`
}

func (s *Session) SetUser(u string) {
	s.user = u // want `s.user written without s.mu held`
}

func (s *Session) User() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.user
}

// Hits is not annotated; inference finds the guard: every write of
// s.hits (a counter) holds s.mu.
func (s *Session) Hits() int { return s.hits } // want `s.hits read without s.mu held \(every write of s.hits holds s.mu`

func (s *Session) Hit() {
	s.mu.Lock()
	s.hits++
	s.mu.Unlock()
}

// NewSession initializes annotated fields before publishing.
func NewSession(u string) *Session {
	s := &Session{}
	s.user = u
	s.token = "none"
	return s
}
