package wronglock

import "sync"

// A GaugeScope keeps its gauges under gm. A Bucket holds a scope and resets
// it holding both its own lock and gm; Count reads the gauges under the
// bucket's lock alone. That lock orders Count with Reset, but not with
// Gauge, which appends under gm only: Count races with Gauge (reported).
type GaugeScope struct {
	gm     sync.Mutex
	gauges []string
}

// Gauge registers a gauge.
func (s *GaugeScope) Gauge(name string) {
	s.gm.Lock()
	s.gauges = append(s.gauges, name)
	s.gm.Unlock()
}

type Bucket struct {
	mu sync.RWMutex
	s  *GaugeScope
}

// Reset clears the scope's gauges.
func (b *Bucket) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.s.gm.Lock()
	b.s.gauges = nil
	b.s.gm.Unlock()
}

// Count counts the gauges under the bucket's lock.
func (b *Bucket) Count() int {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return len(b.s.gauges) // want `b.s.gauges read without b.s.gm held`
}

// A Shelf's scope is only ever written through the shelf, under its
// lock: Total, reading under the shelf's lock alone, is ordered with
// every write (not reported).
type Shelf struct {
	mu sync.RWMutex
	s  *shelfScope
}

type shelfScope struct {
	gm     sync.Mutex
	gauges []string
}

// Add registers a gauge.
func (sh *Shelf) Add(name string) {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.s.gm.Lock()
	sh.s.gauges = append(sh.s.gauges, name)
	sh.s.gm.Unlock()
}

// Clear removes every gauge.
func (sh *Shelf) Clear() {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.s.gm.Lock()
	sh.s.gauges = nil
	sh.s.gm.Unlock()
}

// Total counts the gauges under the shelf's lock.
func (sh *Shelf) Total() int {
	sh.mu.RLock()
	defer sh.mu.RUnlock()
	return len(sh.s.gauges)
}
