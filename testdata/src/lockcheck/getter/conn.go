package getter

import (
	"errors"
	"net"
	"sync"
)

// Conn is a client connection. state is written under c.mu by every
// transition and read without it by many helpers: a majority of unlocked
// reads does not make the field unguarded when every write holds c.mu.
type Conn struct {
	mu     sync.Mutex
	nc     net.Conn
	state  int
	codec  *codec
	closed bool
}

type codec struct{ name string }

const (
	connecting = iota
	connected
	closing
)

// Dial returns a connection in the connecting state.
func Dial(nc net.Conn) *Conn { return &Conn{nc: nc} }

// Established is called by the reader goroutine after the handshake.
func (c *Conn) Established() {
	c.mu.Lock()
	c.state = connected
	c.mu.Unlock()
}

// Close moves the connection to closing.
func (c *Conn) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return errors.New("already closed")
	}
	c.state = closing
	c.closed = true
	return c.nc.Close()
}

// IsConnected reads state without the lock.
func (c *Conn) IsConnected() bool {
	return c.state == connected // want `c.state read without c.mu held \(every write of c.state holds c.mu`
}

// IsClosing reads state without the lock.
func (c *Conn) IsClosing() bool {
	return c.state == closing // want `c.state read without c.mu held`
}

// IsConnecting reads state without the lock.
func (c *Conn) IsConnecting() bool {
	return c.state == connecting // want `c.state read without c.mu held`
}

// Codec initializes its codec lazily under the lock and returns it: the
// one locked write and the locked read are in the same method, the shape
// of a lazy initialization, and the unlocked read in CodecName is left
// alone (not reported).
func (c *Conn) Codec() *codec {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.codec == nil {
		c.codec = &codec{name: "json"}
	}
	return c.codec
}

// CodecName reads the lazily set codec.
func (c *Conn) CodecName() string {
	if cd := c.codec; cd != nil {
		return cd.name
	}
	return ""
}

// RemoteAddr reads a field never written after Dial.
func (c *Conn) RemoteAddr() net.Addr { return c.nc.RemoteAddr() }
