// Package rlock shows writes made while holding only the read lock of
// an RWMutex (reported), and the correct uses: reads under RLock,
// writes under Lock, and the check-under-RLock-then-Lock pattern (not
// reported).
package rlock

import "sync"

type Index struct {
	mu      sync.RWMutex
	byID    map[int]string
	lookups int
	last    string
}

func (x *Index) Get(id int) string {
	x.mu.RLock()
	defer x.mu.RUnlock()
	x.lookups++ // want `x.lookups written while holding only the read lock x.mu.RLock\(\)`
	return x.byID[id]
}

func (x *Index) GetOrLoad(id int, load func(int) string) string {
	x.mu.RLock()
	v, ok := x.byID[id]
	x.mu.RUnlock()
	if ok {
		return v
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if v, ok := x.byID[id]; ok {
		return v
	}
	v = load(id)
	x.byID[id] = v
	return v
}

func (x *Index) Remember(id int) {
	x.mu.RLock()
	x.last = x.byID[id] // want `x.last written while holding only the read lock`
	x.mu.RUnlock()
}

func (x *Index) Fill(id int, v string) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	x.byID[id] = v // want `map x.byID written while holding only the read lock`
}

func (x *Index) Set(id int, v string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.byID[id] = v
	x.last = v
}

// Reset clears the index and its counter under the write lock, which
// shows that x.mu guards lookups too.
func (x *Index) Reset() {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.byID = make(map[int]string)
	x.lookups = 0
}

func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.byID)
}

// Rows holds closemu for reading while a single owner scans, only to
// keep Close out: lastcols is never written under the write lock, so
// closemu does not guard it (database/sql's Rows).
type Rows struct {
	closemu  sync.RWMutex
	closed   bool
	lastcols []string
}

func (r *Rows) Next() bool {
	r.closemu.RLock()
	defer r.closemu.RUnlock()
	r.lastcols = append(r.lastcols[:0], "a")
	return !r.closed
}

func (r *Rows) Close() {
	r.closemu.Lock()
	r.closed = true
	r.closemu.Unlock()
}

// Stats keeps its counter under its own mutex while reading the index
// under the read lock.
type Stats struct {
	mu      sync.RWMutex
	statsMu sync.Mutex
	data    map[string]int
	reads   int
}

func (s *Stats) Read(k string) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	s.statsMu.Lock()
	s.reads++
	s.statsMu.Unlock()
	return s.data[k]
}

// Keys upgrades its read lock to write the keys on first use and takes
// the read lock back before returning (crypto/tls's Config.ticketKeys):
// the read that follows the call is under the read lock again.
type Keys struct {
	mutex sync.RWMutex
	keys  []int
}

func (c *Keys) initRLocked() {
	if len(c.keys) > 0 {
		return
	}
	c.mutex.RUnlock()
	defer c.mutex.RLock()
	c.mutex.Lock()
	defer c.mutex.Unlock()
	if len(c.keys) == 0 {
		c.keys = []int{1}
	}
}

func (c *Keys) Get() []int {
	c.mutex.RLock()
	defer c.mutex.RUnlock()
	c.initRLocked()
	if len(c.keys) != 0 {
		return c.keys
	}
	return nil
}

func (c *Keys) Set(k []int) {
	c.mutex.Lock()
	c.keys = k
	c.mutex.Unlock()
}

func (c *Keys) Reset() {
	c.mutex.Lock()
	defer c.mutex.Unlock()
	c.keys = nil
}
