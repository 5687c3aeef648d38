// Package guarded shows guarded-field inference: a cache whose fields
// are accessed under c.mu in most methods and without it in one
// (reported), and the ways code legitimately touches them without
// locking: constructors, helpers whose caller holds the lock, lock
// helpers, embedded mutexes and fields never written after construction
// (not reported).
package guarded

import (
	"sync"
	"time"
)

// Cache is shared by every request handler of a service.
type Cache struct {
	mu      sync.Mutex
	items   map[string]string
	hits    int
	misses  int
	name    string        // immutable after New
	ttl     time.Duration // immutable after New
	evicted []string
}

// New writes the fields of a cache nobody else can see yet.
func New(name string) *Cache {
	c := &Cache{name: name, ttl: time.Minute}
	c.items = make(map[string]string)
	c.hits = 0
	c.resetLocked()
	return c
}

func (c *Cache) Get(k string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.items[k]
	if ok {
		c.hits++
	} else {
		c.misses++
	}
	return v, ok
}

func (c *Cache) Put(k, v string) {
	c.mu.Lock()
	c.items[k] = v
	c.mu.Unlock()
}

func (c *Cache) Stats() (hits, misses int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.misses
}

// Hits forgets the lock.
func (c *Cache) Hits() int {
	return c.hits // want `c.hits read without c.mu held \(c.mu guards c.hits at 3 of 4 accesses, e.g. guarded.go:\d+\)`
}

// Delete writes the map without the lock.
func (c *Cache) Delete(k string) {
	delete(c.items, k) // want `c.items written without c.mu held \(c.mu guards c.items at 5 of 7 accesses, e.g. guarded.go:\d+\)`
}

// Reset takes the lock and calls a helper that relies on it.
func (c *Cache) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.resetLocked()
}

// resetLocked clears the counters. The caller holds c.mu.
func (c *Cache) resetLocked() {
	c.hits = 0
	c.misses = 0
	c.evicted = nil
}

// evict drops a key; c.mu must be held.
func (c *Cache) evict(k string) {
	delete(c.items, k)
	c.evicted = append(c.evicted, k)
}

func (c *Cache) Evict(k string) {
	c.mu.Lock()
	c.evict(k)
	c.mu.Unlock()
}

// Snapshot copies the state under the lock.
func (c *Cache) Snapshot() (map[string]string, []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := make(map[string]string, len(c.items))
	for k, v := range c.items {
		m[k] = v
	}
	return m, append([]string(nil), c.evicted...)
}

// Evicted reads evicted without the lock: it is written under the lock.
func (c *Cache) Evicted() []string {
	return c.evicted // want `c.evicted read without c.mu held`
}

// EvictUnlocked calls the helper without holding the lock.
func (c *Cache) EvictUnlocked(k string) {
	c.evict(k) // want `c.items written without c.mu held in \(\*guarded.Cache\).evict at guarded.go:\d+, called here \(c.mu guards c.items at 5 of 7 accesses`
}

// Name and TTL read fields that are never written after New.
func (c *Cache) Name() string          { return c.name }
func (c *Cache) TTL() time.Duration    { return c.ttl }
func (c *Cache) String() string        { return c.name + ":" + c.ttl.String() }
func (c *Cache) Rename(n string) Cache { return Cache{name: n} }

// Registry embeds its mutex and uses lock helpers.
type Registry struct {
	sync.Mutex
	byName map[string]int
	count  int
}

func (r *Registry) lock()   { r.Lock() }
func (r *Registry) unlock() { r.Unlock() }

func (r *Registry) Add(name string) {
	r.lock()
	defer r.unlock()
	r.byName[name] = r.count
	r.count++
}

func (r *Registry) Remove(name string) {
	r.Lock()
	defer r.Unlock()
	if _, ok := r.byName[name]; ok {
		delete(r.byName, name)
		r.count--
	}
}

func (r *Registry) Lookup(name string) (int, bool) {
	r.Lock()
	defer r.Unlock()
	id, ok := r.byName[name]
	return id, ok
}

func (r *Registry) Len() int {
	r.lock()
	n := r.count
	r.unlock()
	return n
}

// Count forgets the lock.
func (r *Registry) Count() int {
	return r.count // want `r.count read without r.Mutex held`
}

// Clone builds a fresh registry: its fields are not shared yet.
func (r *Registry) Clone() *Registry {
	r.Lock()
	defer r.Unlock()
	n := &Registry{byName: make(map[string]int)}
	for k, v := range r.byName {
		n.byName[k] = v
	}
	n.count = r.count
	return n
}

// Counter has a field accessed under the lock only once, by a write
// that keeps changing it (a counter): every write holds c.mu, so the
// unlocked read in Peek races with Inc. label is never locked.
type Counter struct {
	mu    sync.Mutex
	n     int
	label string
}

func (c *Counter) Inc() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

func (c *Counter) Peek() int { return c.n } // want `c.n read without c.mu held \(every write of c.n holds c.mu, e.g. guarded.go:\d+\)`

func (c *Counter) SetLabel(l string) { c.label = l }
