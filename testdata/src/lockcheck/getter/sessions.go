package getter

import (
	"sync"
	"time"
)

// sessionTable is unexported, but its exported methods are the API the
// server's handlers call on the shared table (through Server.Sessions).
type sessionTable struct {
	mu       sync.RWMutex
	byToken  map[string]time.Time
	lastSeen time.Time
	expired  int
	hits     map[string]int
}

func newSessionTable() *sessionTable {
	return &sessionTable{byToken: make(map[string]time.Time), hits: make(map[string]int)}
}

// Touch records activity on a session.
func (t *sessionTable) Touch(token string, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.byToken[token] = now
	t.lastSeen = now
}

// Valid reports whether a token is known, counting lookups per token
// under the read lock: concurrent lookups write the map together.
func (t *sessionTable) Valid(token string) bool {
	t.mu.RLock()
	defer t.mu.RUnlock()
	t.hits[token]++ // want `map t.hits written while holding only the read lock t.mu.RLock\(\)`
	_, ok := t.byToken[token]
	return ok
}

// Expire drops old sessions.
func (t *sessionTable) Expire(before time.Time) {
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
func (t *sessionTable) LastSeen() time.Time {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.lastSeen
}

// Len forgets the lock while Touch and Expire write the map.
func (t *sessionTable) Len() int {
	return len(t.byToken) // want `t.byToken read without t.mu held`
}

// Idle forgets the lock while Touch writes lastSeen.
func (t *sessionTable) Idle(now time.Time) time.Duration {
	return now.Sub(t.lastSeen) // want `t.lastSeen read without t.mu held`
}

// Expired is the fixed getter: it takes the read lock.
func (t *sessionTable) Expired() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.expired
}

// Server hands the table to its handlers.
type Server struct {
	Sessions *sessionTable
}

// NewServer builds a server.
func NewServer() *Server { return &Server{Sessions: newSessionTable()} }
