// want package:`\) Gauge.Add: writes\(0.Value\+locked\); Gauge.Set: writes\(0.Value\+locked\); Store.Lock: acquires\(0.mu\); Store.Put: writes\(0.items\*\{\} 0.n\); Store.SafePut: writes\(0.items\*\{\}\+locked 0.n\+locked\); Store.Unlock: releases\(0.mu\); Sub.Rename: writes\(0.Subject\+locked\); Sub.Reset: writes\(0.Subject\+locked\); Gauge: guarded\(Value:Mutex\); Store: guarded\(items:mu n:mu\); Sub: guarded\(Subject:mu\)\}$`

// Package store is the library half of the cross-package case: Put
// writes s.items without a lock while the other methods hold s.mu
// (reported here as unguarded-field), SafePut locks. Their summaries,
// and the fields s.mu guards, travel to importers as facts, as do the
// guards of Gauge and Sub.
package store

import "sync"

type Store struct {
	mu    sync.Mutex
	items map[string]string
	n     int

	pending []string
}

func New() *Store { return &Store{items: make(map[string]string)} }

// Put is not safe for concurrent use.
func (s *Store) Put(k, v string) {
	s.items[k] = v // want `s.items written without s.mu held`
	s.n++          // want `s.n written without s.mu held`
}

// SafePut is.
func (s *Store) SafePut(k, v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items[k] = v
	s.n++
}

func (s *Store) Get(k string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.items[k]
}

func (s *Store) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

// Drain empties the store when it holds anything: the write is
// conditional (as in bytes.Reader.Read), so it is not in Drain's fact
// (there is none) and importers do not report it.
func (s *Store) Drain() {
	if len(s.pending) == 0 {
		return
	}
	s.pending = nil
}

// Lock and Unlock let callers batch Puts.
func (s *Store) Lock()   { s.mu.Lock() }
func (s *Store) Unlock() { s.mu.Unlock() }

// Counter is guarded by a channel used as a lock (a receive takes it, a
// send gives it back), as x/net/quic's gate: Next's write is not
// unsynchronized, and its fact must not say so.
type Counter struct {
	gate chan struct{}
	n    int
}

func NewCounter() *Counter {
	c := &Counter{gate: make(chan struct{}, 1)}
	c.gate <- struct{}{}
	return c
}

func (c *Counter) Next() int {
	<-c.gate
	defer func() { c.gate <- struct{}{} }()
	c.n++
	return c.n
}

// A Gauge's Value is guarded by the gauge's exported embedded mutex,
// which importers can take too.
type Gauge struct {
	sync.Mutex
	Value int64
}

func (g *Gauge) Set(v int64) {
	g.Lock()
	g.Value = v
	g.Unlock()
}

func (g *Gauge) Add(d int64) {
	g.Lock()
	g.Value += d
	g.Unlock()
}

// A Sub's Subject is exported but guarded by the unexported mu, which
// importers cannot take: reading it is the package's contract.
type Sub struct {
	mu      sync.Mutex
	Subject string
}

func (s *Sub) Rename(subject string) {
	s.mu.Lock()
	s.Subject = subject
	s.mu.Unlock()
}

func (s *Sub) Reset() {
	s.mu.Lock()
	s.Subject = ""
	s.mu.Unlock()
}
