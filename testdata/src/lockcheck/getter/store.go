package getter

import "sync"

// MsgStore is the shape of a message store whose lookup helper takes the
// read lock only when its caller does not hold the lock already
// (needLock). Its unlock releases what it took, not the caller's lock:
// Purge's write after the call still holds s.mu (not reported).
type MsgStore struct {
	mu     sync.RWMutex
	msgs   map[uint64][]byte
	purged int
}

func (s *MsgStore) loadMsg(seq uint64, needLock bool) []byte {
	if needLock {
		s.mu.RLock()
	}
	m := s.msgs[seq]
	if needLock {
		s.mu.RUnlock()
	}
	return m
}

// Purge drops a message if present.
func (s *MsgStore) Purge(seq uint64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.loadMsg(seq, false) == nil {
		return false
	}
	delete(s.msgs, seq)
	s.purged++
	return true
}

// Store adds a message.
func (s *MsgStore) Store(seq uint64, m []byte) {
	s.mu.Lock()
	s.msgs[seq] = m
	s.mu.Unlock()
}

// Purged reads the counter under the read lock.
func (s *MsgStore) Purged() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.purged
}
