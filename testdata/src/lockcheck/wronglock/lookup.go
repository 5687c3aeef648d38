package wronglock

import "sync"

// A Sub's status is guarded by its mutex. Drain finds the subscription
// again in the connection's registry and locks that one before it
// changes the status of the one it was given: the same object in
// practice, and a lock of the same field of the same type counts as
// held (not reported).
type Sub struct {
	mu     sync.Mutex
	id     int
	status int
}

// setStatus changes the status; the lock must be held.
func (s *Sub) setStatus(v int) { s.status = v }

// Status returns the status.
func (s *Sub) Status() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.status
}

// Close marks the subscription closed.
func (s *Sub) Close() {
	s.mu.Lock()
	s.setStatus(2)
	s.mu.Unlock()
}

// A SubConn keeps its subscriptions by id.
type SubConn struct {
	mu   sync.Mutex
	subs map[int]*Sub
}

// Drain marks a subscription draining.
func (c *SubConn) Drain(sub *Sub) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.markDraining(sub)
}

// markDraining does Drain's work, the registry's lock held.
func (c *SubConn) markDraining(sub *Sub) {
	s := c.subs[sub.id]
	if s == nil {
		return
	}
	s.mu.Lock()
	sub.setStatus(1)
	s.mu.Unlock()
}
