package container

import (
	"sync"
	"time"
)

type conn struct {
	addr     string
	inFlight int
	lastUsed time.Time
}

// A Pool keeps one connection per address, created on first use. Every
// write of a connection's fields holds the pool's lock, through the
// get-or-create lookups of Get and Put: the connections the pool's map holds
// are guarded by p.mu.
type Pool struct {
	mu    sync.Mutex
	conns map[string]*conn
	order []*conn
}

// Get takes a connection for a request, creating it on first use.
func (p *Pool) Get(addr string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	c, ok := p.conns[addr]
	if !ok {
		c = &conn{addr: addr}
		p.conns[addr] = c
		p.order = append(p.order, c)
	}
	c.inFlight++
	c.lastUsed = time.Now()
}

// Put returns it.
func (p *Pool) Put(addr string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	c, ok := p.conns[addr]
	if !ok {
		c = &conn{addr: addr}
		p.conns[addr] = c
	}
	c.inFlight--
	c.lastUsed = time.Now()
}

// Busy reads the in-flight count after releasing the lock (reported).
func (p *Pool) Busy(addr string) bool {
	p.mu.Lock()
	c, ok := p.conns[addr]
	p.mu.Unlock()
	return ok && c.inFlight > 0 // want `p.conns\[k\].inFlight read without p.mu held \(p.mu guards p.conns\[k\].inFlight at \d+ of \d+ accesses, e.g. pool.go:\d+\)`
}

// Idle reads it under the lock.
func (p *Pool) Idle(addr string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	c, ok := p.conns[addr]
	return !ok || c.inFlight == 0
}

// oldest picks up to n connections of conns, oldest first: the slice it
// returns holds the pool's own connections.
func oldest(conns []*conn, n int, skip func(*conn) bool) []*conn {
	out := make([]*conn, 0, n)
	for i := 0; i < len(conns) && len(out) < n; i++ {
		if c := conns[i]; !skip(c) {
			out = append(out, c)
		}
	}
	return out
}

// Sweep reads the connections that oldest picked after releasing the
// lock (reported).
func (p *Pool) Sweep(now time.Time) []string {
	p.mu.Lock()
	stale := oldest(p.order, 3, func(c *conn) bool { return c.inFlight > 0 })
	p.mu.Unlock()
	var out []string
	for _, c := range stale {
		if now.Sub(c.lastUsed) > time.Minute { // want `p.order\[i\].lastUsed read without p.mu held`
			out = append(out, c.addr)
		}
	}
	return out
}

// SweepLocked does the same under the lock.
func (p *Pool) SweepLocked(now time.Time) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, c := range oldest(p.order, 3, func(c *conn) bool { return c.inFlight > 0 }) {
		if now.Sub(c.lastUsed) > time.Minute {
			out = append(out, c.addr)
		}
	}
	return out
}

// copies returns copies of conns: its slice holds objects of its own.
func copies(conns []*conn) []*conn {
	out := make([]*conn, 0, len(conns))
	for _, c := range conns {
		cp := *c
		out = append(out, &cp)
	}
	return out
}

// SweepCopies reads the copies after releasing the lock.
func (p *Pool) SweepCopies(now time.Time) []string {
	p.mu.Lock()
	snap := copies(p.order)
	p.mu.Unlock()
	var out []string
	for _, c := range snap {
		if now.Sub(c.lastUsed) > time.Minute {
			out = append(out, c.addr)
		}
	}
	return out
}

// each runs f on every connection, in a goroutine each, and waits for
// them: f runs within the call.
func each(conns []*conn, f func(*conn)) {
	var wg sync.WaitGroup
	for _, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(c)
		}()
	}
	wg.Wait()
}

// Reset clears the counters through each while holding the lock, which
// covers the goroutines each waits for (not reported).
func (p *Pool) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	each(p.order, func(c *conn) {
		c.inFlight = 0
	})
}
