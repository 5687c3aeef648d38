package getter

import (
	"fmt"
	"net"
	"strconv"
	"sync"
)

// A HostInfo is shared by the connection pool and the control
// connection. HostnameAndPort fills hostname lazily, with no lock, while
// String reads it under h.mu.RLock: the reader's lock orders nothing
// against a write made without it (reported).
type HostInfo struct {
	mu       sync.RWMutex
	addr     net.IP
	port     int
	hostname string
	dc       string
}

func (h *HostInfo) ConnectAddress() net.IP {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return h.addr
}

func (h *HostInfo) HostnameAndPort() string {
	if h.hostname == "" {
		h.hostname = h.ConnectAddress().String() // want `h.hostname written without h.mu held, but it is read with h.mu held at hostinfo.go:\d+: a lock taken by the reader alone does not order the write`
	}
	return net.JoinHostPort(h.hostname, strconv.Itoa(h.port))
}

func (h *HostInfo) String() string {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return fmt.Sprintf("[HostInfo hostname=%q addr=%v dc=%q]", h.hostname, h.addr, h.dc)
}

// DataCenter reads dc under the lock, and SetDataCenter writes it with
// the lock held too: the field is guarded, checkGuarded's business, and
// nothing here races (not reported). Describe reads dc under the lock
// after filling it itself on a fresh copy (not reported).
func (h *HostInfo) DataCenter() string {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return h.dc
}

func (h *HostInfo) SetDataCenter(dc string) {
	h.mu.Lock()
	h.dc = dc
	h.mu.Unlock()
}

func Describe(addr net.IP, dc string) string {
	h := &HostInfo{addr: addr}
	h.dc = dc
	return h.String()
}
