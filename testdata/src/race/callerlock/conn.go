// Package callerlock shows goroutines started by functions that run with
// a lock their callers hold: every call of subscribeLocked and of
// processInit holds c.mu, which the goroutines take too (not reported).
// A helper called once with the lock and once without gets no lock on
// entry (reported).
package callerlock

import (
	"sync"
	"time"
)

// Conn is a client connection.
type Conn struct {
	mu      sync.Mutex
	pending int
	status  string
	pings   int
	timer   *time.Timer
}

// Sub is a subscription.
type Sub struct {
	conn *Conn
	id   int
}

// Subscribe registers a subscription and starts its delivery loop.
func (c *Conn) Subscribe(id int) *Sub {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.subscribeLocked(id)
}

// SubscribeSync is Subscribe for callers that poll.
func (c *Conn) SubscribeSync(id int) *Sub {
	c.mu.Lock()
	s := c.subscribeLocked(id)
	c.mu.Unlock()
	return s
}

func (c *Conn) subscribeLocked(id int) *Sub {
	s := &Sub{conn: c, id: id}
	go c.deliver(s)
	c.pending++
	c.status = "subscribed"
	return s
}

func (c *Conn) deliver(s *Sub) {
	c.mu.Lock()
	c.pending--
	c.status = "delivering"
	c.mu.Unlock()
}

// Connect performs the handshake and arms the ping timer.
func (c *Conn) Connect() {
	c.mu.Lock()
	c.processInit()
	c.mu.Unlock()
}

// Reconnect redoes the handshake.
func (c *Conn) Reconnect() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.processInit()
}

// processInit runs with c.mu held by both of its callers.
func (c *Conn) processInit() {
	c.timer = time.AfterFunc(time.Second, func() {
		c.mu.Lock()
		c.pings++
		c.mu.Unlock()
	})
	c.pings = 0
}

// Flush forces a ping; it is called with and without the lock.
func (c *Conn) Flush() {
	c.mu.Lock()
	c.ping()
	c.mu.Unlock()
}

// Close stops the connection without taking the lock first.
func (c *Conn) Close() {
	c.ping()
}

func (c *Conn) ping() {
	go func() {
		c.mu.Lock()
		c.pings++ // want `write to field c.pings in goroutine started at conn.go:\d+ races with write at conn.go:\d+`
		c.mu.Unlock()
	}()
	c.pings = -1 // want `write to field c.pings races with read at conn.go:\d+ in goroutine started at conn.go:\d+`
}
