package getter

import (
	"net"
	"sync"
)

// Upstream dials its connection lazily with a sync.Once, and replaces or
// closes it under u.mu. The function literal passed to Once.Do runs with
// no lock but the Once's own: its write races with Reconnect's and
// Close's, and Conn's unlocked read races with them too (reported).
type Upstream struct {
	addr string
	once sync.Once
	mu   sync.Mutex
	conn net.Conn
	dial func(string) (net.Conn, error)
}

// Conn dials on first use.
func (u *Upstream) Conn() net.Conn {
	u.once.Do(func() {
		u.conn, _ = u.dial(u.addr) // want `u.conn written without u.mu held`
	})
	return u.conn // want `u.conn read without u.mu held`
}

// Reconnect replaces the connection.
func (u *Upstream) Reconnect() error {
	c, err := u.dial(u.addr)
	if err != nil {
		return err
	}
	u.mu.Lock()
	old := u.conn
	u.conn = c
	u.mu.Unlock()
	return old.Close()
}

// Close closes the connection.
func (u *Upstream) Close() error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.conn == nil {
		return nil
	}
	err := u.conn.Close()
	u.conn = nil
	return err
}

// Pinger is the fixed twin: its Once-initialized client is never
// replaced, so Once.Do is the only write and reads after it are ordered
// by the Once (not reported).
type Pinger struct {
	once   sync.Once
	mu     sync.Mutex
	client net.Conn
	pings  int
}

// Client dials on first use.
func (p *Pinger) Client(dial func() net.Conn) net.Conn {
	p.once.Do(func() { p.client = dial() })
	return p.client
}

// Ping counts under the lock.
func (p *Pinger) Ping() {
	p.mu.Lock()
	p.pings++
	p.mu.Unlock()
}
