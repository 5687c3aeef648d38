package rlock

import (
	"sync"
	"time"
)

// A Poller rotates through its endpoints from one goroutine. The read
// lock is for endpoints, which AddEndpoint changes; next, touched while
// it is held, is confined to the polling goroutine, and no code takes
// the lock for writing around it: the lock does not guard next (not
// reported). A Balancer also resets next under the write lock: then the
// lock guards it, and the unlocked write races (reported).
type Poller struct {
	mu        sync.RWMutex
	endpoints []string
	next      int
	stop      chan struct{}
}

func (p *Poller) AddEndpoint(addr string) {
	p.mu.Lock()
	p.endpoints = append(p.endpoints, addr)
	first := len(p.endpoints) == 1
	p.mu.Unlock()
	if first {
		p.poll()
		go p.loop()
	}
}

func (p *Poller) loop() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			p.poll()
		case <-p.stop:
			return
		}
	}
}

func (p *Poller) poll() {
	addr := p.endpoint()
	_ = addr
}

func (p *Poller) endpoint() string {
	p.mu.RLock()
	if p.next >= len(p.endpoints) {
		p.next = 0
	}
	addr := p.endpoints[p.next]
	n := len(p.endpoints)
	p.mu.RUnlock()
	p.next = (p.next + 1) % n
	return addr
}

type Balancer struct {
	mu    sync.RWMutex
	peers []string
	next  int
}

func (b *Balancer) SetPeers(peers []string) {
	b.mu.Lock()
	b.peers, b.next = peers, 0
	b.mu.Unlock()
}

func (b *Balancer) Pick() string {
	b.mu.RLock()
	if b.next >= len(b.peers) {
		b.next = 0 // want `b.next written while holding only the read lock`
	}
	peer := b.peers[b.next]
	n := len(b.peers)
	b.mu.RUnlock()
	b.next = (b.next + 1) % n // want `b.next written without b.mu held`
	return peer
}
