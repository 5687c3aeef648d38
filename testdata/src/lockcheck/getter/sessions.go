package getter

import (
	"sync"
	"time"
)

// SessionTable is the table the server's handlers share (through
// Server.Sessions).
type SessionTable struct {
	mu       sync.RWMutex
	byToken  map[string]time.Time
	lastSeen time.Time
	expired  int
	hits     map[string]int
}

func newSessionTable() *SessionTable {
	return &SessionTable{byToken: make(map[string]time.Time), hits: make(map[string]int)}
}

// Touch records activity on a session.
func (t *SessionTable) Touch(token string, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.byToken[token] = now
	t.lastSeen = now
}

// Valid reports whether a token is known, counting lookups per token
// under the read lock: concurrent lookups write the map together.
func (t *SessionTable) Valid(token string) bool {
	t.mu.RLock()
	defer t.mu.RUnlock()
	t.hits[token]++ // want `map t.hits written while holding only the read lock t.mu.RLock\(\)`
	_, ok := t.byToken[token]
	return ok
}

// Expire drops old sessions.
func (t *SessionTable) Expire(before time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for tok, seen := range t.byToken {
		if seen.Before(before) {
			delete(t.byToken, tok)
			t.expired++
		}
	}
}

// LastSeen reads under the read lock.
func (t *SessionTable) LastSeen() time.Time {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.lastSeen
}

// Len forgets the lock while Touch and Expire write the map.
func (t *SessionTable) Len() int {
	return len(t.byToken) // want `t.byToken read without t.mu held`
}

// Idle forgets the lock while Touch writes lastSeen.
func (t *SessionTable) Idle(now time.Time) time.Duration {
	return now.Sub(t.lastSeen) // want `t.lastSeen read without t.mu held`
}

// Expired is the fixed getter: it takes the read lock.
func (t *SessionTable) Expired() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.expired
}

// Server hands the table to its handlers.
type Server struct {
	Sessions *SessionTable
}

// NewServer builds a server.
func NewServer() *Server { return &Server{Sessions: newSessionTable()} }
