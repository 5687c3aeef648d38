// Package handoff shows a lock handed from a method to the goroutine it
// starts: Open locks the broker and its dialing goroutine unlocks it
// when the connection is set up, so every other method blocks until
// then. The goroutine's writes before the unlock hold the lock (not
// reported); a write after it does not (reported). The goroutine runs
// through a recovering wrapper, as it does in sarama.
package handoff

import (
	"log"
	"net"
	"sync"
	"time"
)

// A Broker is one connection to one server.
type Broker struct {
	lock      sync.Mutex
	addr      string
	conn      net.Conn
	connErr   error
	connected time.Time
	opened    bool
}

// withRecover runs fn, logging a panic instead of crashing.
func withRecover(fn func()) {
	defer func() {
		if r := recover(); r != nil {
			log.Printf("panic: %v", r)
		}
	}()
	fn()
}

// Open dials in the background; the broker stays locked until the dial
// is done.
func (b *Broker) Open() {
	b.lock.Lock()
	go withRecover(func() {
		defer func() {
			b.lock.Unlock()
			b.connected = time.Now() // want `b.connected written without b.lock held`
		}()
		b.conn, b.connErr = net.Dial("tcp", b.addr)
		if b.connErr != nil {
			b.conn = nil
			return
		}
		b.opened = true
	})
}

// Connected waits for Open's dial.
func (b *Broker) Connected() (bool, error) {
	b.lock.Lock()
	defer b.lock.Unlock()
	return b.conn != nil, b.connErr
}

// Since says how long the broker has been connected.
func (b *Broker) Since() time.Duration {
	b.lock.Lock()
	defer b.lock.Unlock()
	return time.Since(b.connected)
}

// Close closes the connection.
func (b *Broker) Close() error {
	b.lock.Lock()
	defer b.lock.Unlock()
	if !b.opened {
		return nil
	}
	b.opened = false
	b.connected = time.Time{}
	err := b.conn.Close()
	b.conn = nil
	return err
}
