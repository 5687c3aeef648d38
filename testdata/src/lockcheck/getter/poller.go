package getter

import "sync"

// A Poller's Status reads the state in a helper that waits for the first
// poll only after the read: the wait publishes nothing to a read made
// before it (reported). Ready waits first, then reads (not reported).
type Poller struct {
	mu    sync.Mutex
	state string
	ready chan struct{}
}

func (p *Poller) SetState(s string) {
	p.mu.Lock()
	p.state = s
	p.mu.Unlock()
}

func (p *Poller) Reset() {
	p.mu.Lock()
	p.state = ""
	p.mu.Unlock()
}

func (p *Poller) Status() string {
	return p.describe() // want `p.state read without p.mu held in \(\*getter.Poller\).describe at poller.go:\d+, called here`
}

func (p *Poller) describe() string {
	s := p.state
	<-p.ready
	return s
}

func (p *Poller) Ready() string {
	return p.awaitState()
}

func (p *Poller) awaitState() string {
	<-p.ready
	return p.state
}
