// Package boxed holds types the package never exports by name but hands
// out as interface values: their exported methods are the package's API
// all the same, called concurrently by code that knows only the
// interface.
package boxed

import (
	"errors"
	"sync"
)

// Client is what NewClient returns; the implementation is unexported.
type Client interface {
	Brokers() []string
	Topics() []string
	Refresh() error
	Close() error
	Closed() bool
}

var errClosed = errors.New("client closed")

type client struct {
	lock    sync.RWMutex
	brokers map[string]bool
	topics  []string
}

// NewClient returns a client as a Client: from here on its methods are
// called by code that cannot see the type.
func NewClient(addrs []string) Client {
	c := &client{brokers: make(map[string]bool)}
	for _, a := range addrs {
		c.brokers[a] = true
	}
	return c
}

// Closed reads brokers without the lock that Close holds to clear it.
// Every method calls Closed first; the race is reported once, here, not
// at each of those calls.
func (c *client) Closed() bool {
	return c.brokers == nil // want `c.brokers read without c.lock held \(every write of c.brokers holds c.lock`
}

func (c *client) Brokers() []string {
	if c.Closed() {
		return nil
	}
	c.lock.RLock()
	defer c.lock.RUnlock()
	out := make([]string, 0, len(c.brokers))
	for b := range c.brokers {
		out = append(out, b)
	}
	return out
}

func (c *client) Topics() []string {
	if c.Closed() {
		return nil
	}
	c.lock.RLock()
	defer c.lock.RUnlock()
	return append([]string(nil), c.topics...)
}

func (c *client) Refresh() error {
	if c.Closed() {
		return errClosed
	}
	c.lock.Lock()
	defer c.lock.Unlock()
	c.topics = append(c.topics[:0], "orders", "payments")
	c.brokers["broker-2:9092"] = true
	return nil
}

func (c *client) Close() error {
	if c.Closed() {
		return errClosed
	}
	c.lock.Lock()
	defer c.lock.Unlock()
	c.brokers = nil
	c.topics = nil
	return nil
}
