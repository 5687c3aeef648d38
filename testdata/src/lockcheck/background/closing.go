package background

import (
	"errors"
	"sync"
)

// A Consumer reports fetch errors on a channel from its fetch loop.
// Close closes the channel while the loop may still send (reported).
type Consumer struct {
	errs chan error
	stop chan struct{}
}

func fetchOnce() error { return errors.New("broker unavailable") }

func (c *Consumer) Start() {
	go c.loop()
}

func (c *Consumer) loop() {
	for {
		select {
		case <-c.stop:
			return
		default:
		}
		if err := fetchOnce(); err != nil {
			c.errs <- err
		}
	}
}

func (c *Consumer) Errors() <-chan error { return c.errs }

func (c *Consumer) Close() {
	close(c.stop)
	close(c.errs) // want `channel c.errs closed in Close while the goroutine started by Start at closing.go:\d+ may still send on it at closing.go:\d+`
}

// A Producer waits for its loop before closing (not reported).
type Producer struct {
	errs chan error
	stop chan struct{}
	wg   sync.WaitGroup
}

func (p *Producer) Start() {
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			select {
			case <-p.stop:
				return
			case p.errs <- fetchOnce():
			}
		}
	}()
}

func (p *Producer) Close() {
	close(p.stop)
	p.wg.Wait()
	close(p.errs)
}

// A Notifier sends and closes under one lock, behind a closed flag
// (not reported).
type Notifier struct {
	mu     sync.Mutex
	closed bool
	events chan string
}

func (n *Notifier) Watch() {
	go func() {
		n.mu.Lock()
		if !n.closed {
			select {
			case n.events <- "changed":
			default:
			}
		}
		n.mu.Unlock()
	}()
}

func (n *Notifier) Close() {
	n.mu.Lock()
	n.closed = true
	close(n.events)
	n.mu.Unlock()
}

// A Ticker's loop selects on t.done; Reset gives it a new channel while
// the loop may still run (reported). A Restarter waits for the loop
// before replacing its channel (not reported).
type Ticker struct {
	done  chan struct{}
	ticks int
}

func (t *Ticker) Start() {
	go func() {
		for {
			select {
			case <-t.done:
				return
			default:
			}
		}
	}()
}

func (t *Ticker) Reset() {
	close(t.done)
	t.done = make(chan struct{}) // want `channel field t.done reassigned without synchronization, but the goroutine started by Start at closing.go:\d+ reads it at closing.go:\d+`
}

type Restarter struct {
	done chan struct{}
	wg   sync.WaitGroup
}

func (r *Restarter) Start() {
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		<-r.done
	}()
}

func (r *Restarter) Restart() {
	close(r.done)
	r.wg.Wait()
	r.done = make(chan struct{})
	r.Start()
}
