package boxed

import (
	"sync"
)

// A Pool hands out connections; its helper isDrained is not an entry
// (unexported), so the race of its read is reported once, at the first
// exported method's call, with the helper's access as related
// information.
type Pool struct {
	mu      sync.Mutex
	idle    []*conn
	drained bool
}

type conn struct{ id int }

func (p *Pool) isDrained() bool {
	return p.drained
}

func (p *Pool) Get() *conn {
	if p.isDrained() { // want `p.drained read without p.mu held in \(\*boxed.Pool\).isDrained at pool.go:\d+, called here`
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := len(p.idle); n > 0 {
		c := p.idle[n-1]
		p.idle = p.idle[:n-1]
		return c
	}
	return &conn{}
}

func (p *Pool) Put(c *conn) {
	if p.isDrained() {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.idle = append(p.idle, c)
}

func (p *Pool) Drain() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.drained = true
	p.idle = nil
}

func (p *Pool) Reopen() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.drained = false
}
