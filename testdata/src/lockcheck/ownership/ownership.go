// Package ownership holds the negatives found in the standard library
// and golang.org/x/tools: a batch taken over under the lock and used
// after it (otel's Exporter.Flush), a configuration struct whose Clone
// reads every field under the lock (crypto/tls's Config), a method whose
// doc forbids concurrent calls (x/tools facts.Set.String), a channel
// written before the goroutine that reads it starts (database/sql's
// cleanerCh) and an RWMutex held for reading only to keep Close out
// (database/sql's Rows, in package rlock), a table built once under the
// lock and read after (debug/gosym's fileMap) and a type documented as
// not safe for concurrent use (crypto/tls's QUICConn). None is reported.
package ownership

import (
	"sync"
	"sync/atomic"
	"time"
)

type Exporter struct {
	mu    sync.Mutex
	spans []string
	byID  map[int]string
}

func (e *Exporter) Add(s string) {
	e.mu.Lock()
	e.spans = append(e.spans, s)
	e.byID[len(e.spans)] = s
	e.mu.Unlock()
}

func (e *Exporter) Len() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.spans) + len(e.byID)
}

// Flush takes the batch over under the lock and exports it after.
func (e *Exporter) Flush(export func(string)) {
	e.mu.Lock()
	spans, byID := e.spans, e.byID
	e.spans, e.byID = nil, make(map[int]string)
	e.mu.Unlock()
	for _, s := range spans {
		export(s)
	}
	for _, s := range byID {
		export(s)
	}
}

// String is for debugging and must not be called
// concurrently with Add or Flush.
func (e *Exporter) String() string {
	out := ""
	for _, s := range e.spans {
		out += s
	}
	return out
}

// Config is written by its user before use; Clone copies it under the
// lock that guards only the session keys.
type Config struct {
	mutex      sync.RWMutex
	ServerName string
	MinVersion uint16
	keys       [][32]byte
}

func (c *Config) Clone() *Config {
	c.mutex.RLock()
	defer c.mutex.RUnlock()
	return &Config{ServerName: c.ServerName, MinVersion: c.MinVersion, keys: c.keys}
}

func (c *Config) SetKeys(k [][32]byte) {
	c.mutex.Lock()
	defer c.mutex.Unlock()
	c.keys = k
}

func (c *Config) Keys() [][32]byte {
	c.mutex.RLock()
	defer c.mutex.RUnlock()
	return c.keys
}

func (c *Config) Describe() string { return c.ServerName }

func (c *Config) Name() string {
	c.mutex.RLock()
	defer c.mutex.RUnlock()
	return c.ServerName
}

// DB starts its cleaner after creating the channel the cleaner reads.
type DB struct {
	mu        sync.Mutex
	cleanerCh chan struct{}
	lifetime  time.Duration
}

func (db *DB) SetLifetime(d time.Duration) {
	db.mu.Lock()
	defer db.mu.Unlock()
	db.lifetime = d
	if db.cleanerCh == nil {
		db.cleanerCh = make(chan struct{}, 1)
		go db.cleaner()
	}
}

func (db *DB) cleaner() {
	for range db.cleanerCh {
		db.mu.Lock()
		_ = db.lifetime
		db.mu.Unlock()
	}
}

func (db *DB) Close() {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.cleanerCh != nil {
		close(db.cleanerCh)
	}
}

// LineTable builds its file map once, under the lock, on first use.
type LineTable struct {
	mu      sync.Mutex
	fileMap map[string]int
	files   []string
}

func (t *LineTable) initFileMap() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.fileMap != nil {
		return
	}
	m := make(map[string]int)
	for i, f := range t.files {
		m[f] = i
	}
	t.fileMap = m
}

func (t *LineTable) FileNum(file string) int {
	t.initFileMap()
	return t.fileMap[file]
}

func (t *LineTable) Known(file string) bool {
	t.initFileMap()
	_, ok := t.fileMap[file]
	return ok
}

// Session is driven by one goroutine at a time.
// Methods of Session are not safe for concurrent use.
type Session struct {
	mu    sync.Mutex
	err   error
	level int
}

func (s *Session) setError(err error) {
	s.mu.Lock()
	s.err = err
	s.mu.Unlock()
}

func (s *Session) Fail(err error) { s.setError(err) }

func (s *Session) Reset() {
	s.mu.Lock()
	s.err = nil
	s.mu.Unlock()
}

func (s *Session) Err() error { return s.err }

func (s *Session) SetLevel(l int) {
	s.err = nil
	s.level = l
}

// Named resolves lazily: state publishes the fields, which are read
// without the lock once state says they are complete (go/types.Named).
type Named struct {
	mu      sync.Mutex
	state   uint32
	methods []string
}

func (t *Named) resolve() *Named {
	if atomic.LoadUint32(&t.state) == 1 {
		return t
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.state == 0 {
		t.methods = append(t.methods, "String")
		atomic.StoreUint32(&t.state, 1)
	}
	return t
}

func (t *Named) AddMethod(m string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.methods = append(t.methods, m)
}

func (t *Named) NumMethods() int { return len(t.resolve().methods) }

func (t *Named) Method(i int) string { return t.resolve().methods[i] }

// TestingT is the part of *testing.T a test helper library uses.
type TestingT interface {
	Errorf(format string, args ...any)
	FailNow()
}

// Registry fails the test, without returning, when Take finds it empty
// (testify's Mock.MethodCalled does the same): after fail, Take's code
// does not run, so its write stays under the lock (not reported).
type Registry struct {
	mu    sync.Mutex
	items []string
	t     TestingT
}

func (r *Registry) fail(msg string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.t == nil {
		panic(msg)
	}
	r.t.Errorf("%s", msg)
	r.t.FailNow()
}

func (r *Registry) Add(s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.items = append(r.items, s)
}

func (r *Registry) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.items)
}

func (r *Registry) Take() string {
	r.mu.Lock()
	if len(r.items) == 0 {
		r.mu.Unlock()
		r.fail("registry: Take on an empty registry")
	}
	s := r.items[0]
	r.items = r.items[1:]
	r.mu.Unlock()
	return s
}
