package container

import (
	"sync"
	"sync/atomic"
	"time"
)

// A suspicion is a member's suspicion timer: it runs its timeout
// function on the timer's goroutine, with the confirmations received.
type suspicion struct {
	n         int32
	timeoutFn func()
	timer     *time.Timer
}

func newSuspicion(timeout time.Duration, fn func(confirmations int)) *suspicion {
	s := &suspicion{}
	s.timeoutFn = func() {
		fn(int(atomic.LoadInt32(&s.n)))
	}
	s.timer = time.AfterFunc(timeout, s.timeoutFn)
	return s
}

type peer struct {
	name        string
	incarnation uint32
	state       int
}

// A Prober probes members and suspects those that do not answer.
type Prober struct {
	mu      sync.Mutex
	members map[string]*peer
	timers  map[string]*suspicion
	dead    []string
}

// Join adds a member.
func (p *Prober) Join(name string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.members[name] = &peer{name: name}
}

// Alive records that a member is alive at an incarnation.
func (p *Prober) Alive(name string, inc uint32) {
	p.mu.Lock()
	defer p.mu.Unlock()
	m, ok := p.members[name]
	if ok && inc > m.incarnation {
		m.incarnation = inc
		m.state = 0
	}
}

// Refute answers a suspicion of the local member.
func (p *Prober) Refute(name string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if m, ok := p.members[name]; ok {
		m.incarnation++
	}
}

// Suspect marks a member suspect; its timer's function reads the
// incarnation after releasing the lock.
func (p *Prober) Suspect(name string, inc uint32) {
	p.mu.Lock()
	defer p.mu.Unlock()
	m, ok := p.members[name]
	if !ok || inc < m.incarnation {
		return
	}
	m.incarnation = inc
	m.state = 1
	p.timers[name] = newSuspicion(time.Second, func(int) {
		p.mu.Lock()
		m, ok := p.members[name]
		timeout := ok && m.state == 1
		p.mu.Unlock()
		if timeout {
			p.markDead(name, m.incarnation) // want `p.members\[k\].incarnation read without p.mu held \(p.mu guards p.members\[k\].incarnation at \d+ of \d+ accesses, e.g. suspicion.go:\d+\)`
		}
	})
}

// Quarantine does the same, copying the incarnation under the lock.
func (p *Prober) Quarantine(name string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.timers[name] = newSuspicion(time.Second, func(int) {
		p.mu.Lock()
		m, ok := p.members[name]
		timeout := ok && m.state == 1
		var inc uint32
		if ok {
			inc = m.incarnation
		}
		p.mu.Unlock()
		if timeout {
			p.markDead(name, inc)
		}
	})
}

func (p *Prober) markDead(name string, inc uint32) {
	p.mu.Lock()
	defer p.mu.Unlock()
	m, ok := p.members[name]
	if !ok || inc < m.incarnation {
		return
	}
	m.state = 2
	p.dead = append(p.dead, name)
}
