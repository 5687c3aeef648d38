// Package fields shows a background goroutine started by a method that
// updates a field the method's caller then reads (reported), and the
// same with the field guarded on both sides (not reported).
package fields

import "sync"

type Poller struct {
	mu    sync.Mutex
	polls int
	last  string
}

func (p *Poller) poll() {
	for i := 0; i < 3; i++ {
		p.polls++ // want `write to field p.polls in goroutine started at fields.go:\d+ races with read at fields.go:\d+`
	}
}

func (p *Poller) pollLocked() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.last = "ok"
}

// StartAndPeek starts polling and reads the count without waiting.
func (p *Poller) StartAndPeek() int {
	go p.poll()
	return p.polls
}

// StartAndRead reads under the same lock the goroutine takes.
func (p *Poller) StartAndRead() string {
	go p.pollLocked()
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.last
}
