// Package background shows objects shared with a background goroutine:
// Start launches a poller that updates fields of the receiver that
// getters read without synchronization (reported), and the safe
// versions: guarded on both sides, atomic, or read only after the
// goroutine is joined (not reported).
package background

import (
	"sync"
	"sync/atomic"
	"time"
)

type Poller struct {
	url      string
	last     string
	failures int
	polls    atomic.Int64

	mu     sync.Mutex
	status string

	done chan struct{}
	err  error
}

func fetch(url string) (string, error) { return url, nil }

// Start polls in the background until Stop.
func (p *Poller) Start() {
	p.done = make(chan struct{})
	go func() {
		defer close(p.done)
		for i := 0; i < 10; i++ {
			body, err := fetch(p.url)
			if err != nil {
				p.failures++
				p.err = err
				continue
			}
			p.last = body
			p.polls.Add(1)
			p.mu.Lock()
			p.status = "ok"
			p.mu.Unlock()
			time.Sleep(time.Second)
		}
	}()
}

// Last races with the poller.
func (p *Poller) Last() string {
	return p.last // want `p.last read without synchronization, but the goroutine started by Start at background.go:\d+ writes it at background.go:\d+`
}

func (p *Poller) Failures() int {
	return p.failures // want `p.failures read without synchronization`
}

// Polls and Status synchronize.
func (p *Poller) Polls() int64 { return p.polls.Load() }

func (p *Poller) Status() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.status
}

// Wait joins the poller before reading its error.
func (p *Poller) Wait() error {
	<-p.done
	return p.err
}

// URL is never written by the goroutine.
func (p *Poller) URL() string { return p.url }
