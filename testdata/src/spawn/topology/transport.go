package topology

import (
	"net"
	"sync"
)

// Config configures a Transport.
type Config struct {
	BindAddrs []string
	BindPort  int
}

// Transport listens on every configured address.
type Transport struct {
	config    *Config
	listeners []*net.TCPListener
	wg        sync.WaitGroup
}

// NewTransport starts one accept loop per configured bind address: cfg is
// kept by the transport, it is configuration, and its addresses are as
// many as the operator wrote, not as the clients send.
func NewTransport(cfg *Config) (*Transport, error) {
	t := &Transport{config: cfg}
	for _, addr := range cfg.BindAddrs {
		ln, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.ParseIP(addr), Port: cfg.BindPort})
		if err != nil {
			return nil, err
		}
		t.listeners = append(t.listeners, ln)
	}
	for i := 0; i < len(cfg.BindAddrs); i++ {
		t.wg.Add(1)
		go t.listen(t.listeners[i])
	}
	return t, nil
}

func (t *Transport) listen(ln *net.TCPListener) {
	defer t.wg.Done()
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		c.Close()
	}
}

// HostInfo describes one host of the cluster.
type HostInfo struct{ Addr string }

type hostPool struct{ host *HostInfo }

func dialHost(h *HostInfo) *hostPool { return &hostPool{host: h} }

// connPool keeps a connection pool per host. Its type is unexported: its
// SetHosts is reached through an interface, by the session's own code,
// with the hosts it discovered; no caller's data reaches it.
type connPool struct {
	mu    sync.Mutex
	pools map[string]*hostPool
}

// SetHosts dials every new host concurrently and waits for them all.
func (p *connPool) SetHosts(hosts []*HostInfo) {
	p.mu.Lock()
	defer p.mu.Unlock()
	pools := make(chan *hostPool)
	n := 0
	for _, h := range hosts {
		if _, ok := p.pools[h.Addr]; ok {
			continue
		}
		n++
		go func(h *HostInfo) { pools <- dialHost(h) }(h)
	}
	for ; n > 0; n-- {
		hp := <-pools
		p.pools[hp.host.Addr] = hp
	}
}

// HostSetter receives the hosts of the cluster.
type HostSetter interface{ SetHosts([]*HostInfo) }

// NewHostSetter returns the session's connection pool.
func NewHostSetter() HostSetter { return &connPool{pools: map[string]*hostPool{}} }
