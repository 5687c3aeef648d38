// Package fieldcb shows callbacks stored in struct fields and run by a
// connection's receive loop: the handler a request stores in its
// promise runs on the loop's goroutine, so what it writes without the
// connection's lock races with the senders that hold it (reported). The
// fixed twin takes the lock in the handler; a hook called only by the
// caller's own goroutine is not concurrent (not reported).
package fieldcb

import (
	"sync"
	"time"
)

type promise struct {
	handler func(resp []byte, err error)
	done    chan []byte
}

func (p *promise) complete(resp []byte, err error) {
	if p.handler != nil {
		p.handler(resp, err)
		return
	}
	p.done <- resp
}

// A Conn sends requests and receives their responses in order.
type Conn struct {
	mu        sync.Mutex
	pending   chan *promise
	throttle  time.Duration
	delayed   time.Duration
	onRequest func(n int)
	requests  int
}

// Dial starts the connection's receive loop.
func Dial() *Conn {
	c := &Conn{pending: make(chan *promise, 16)}
	c.onRequest = c.countRequest
	go c.receive()
	return c
}

func (c *Conn) receive() {
	for p := range c.pending {
		p.complete(nil, nil)
	}
}

func (c *Conn) countRequest(n int) { c.requests += n }

// Send queues a request, first waiting out any throttling.
func (c *Conn) Send(req []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.throttle > 0 {
		time.Sleep(c.throttle)
		c.throttle = 0
	}
	if c.delayed > 0 {
		c.delayed = 0
	}
	c.onRequest(1)
	c.pending <- &promise{done: make(chan []byte, 1)}
}

// SendAsync queues a request whose response a handler reads, updating
// the throttling the server asks for.
func (c *Conn) SendAsync(req []byte, cb func([]byte)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pending <- &promise{handler: func(resp []byte, err error) {
		if len(resp) > 0 {
			c.throttle = time.Duration(resp[0]) * time.Millisecond // want `c.throttle written without c.mu held`
		}
		cb(resp)
	}}
}

// SendDelayed is SendAsync with a handler that takes the lock.
func (c *Conn) SendDelayed(req []byte, cb func([]byte)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pending <- &promise{handler: func(resp []byte, err error) {
		c.mu.Lock()
		c.delayed = time.Second
		c.mu.Unlock()
		cb(resp)
	}}
}

// Requests reports how many requests were sent.
func (c *Conn) Requests() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.requests
}

// Reset clears the request count.
func (c *Conn) Reset() {
	c.mu.Lock()
	c.requests = 0
	c.mu.Unlock()
}
