package globals

import (
	"net"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// A Broker is one connection of a client to one server of a cluster; a
// client opens one per server, each Open dialing in the background.
// The client software version is computed lazily into a package-level
// variable by the dialing goroutine: two brokers opened together write
// it at once (reported). The fixed twins compute it under a sync.Once or
// guard it with a mutex; a counter of dials uses an atomic.
type Broker struct {
	addr string
	conn net.Conn
	err  error
	done chan struct{}
}

var clientVersion string

func softwareVersion() string {
	if clientVersion == "" {
		if bi, ok := debug.ReadBuildInfo(); ok {
			clientVersion = bi.Main.Version // want `package-level variable clientVersion written without synchronization by the goroutine Open starts: calls on two \*Broker values run two such goroutines at once`
		} else {
			clientVersion = "dev"
		}
	}
	return clientVersion
}

// Open connects in the background; Connected waits for it.
func (b *Broker) Open() {
	b.done = make(chan struct{})
	go func() {
		defer close(b.done)
		b.conn, b.err = net.Dial("tcp", b.addr)
		if b.err == nil {
			b.conn.Write([]byte("hello " + softwareVersion()))
		}
	}()
}

// Connected waits for Open's dial.
func (b *Broker) Connected() error {
	<-b.done
	return b.err
}

var (
	versionOnce  sync.Once
	onceVersion  string
	versionMu    sync.Mutex
	guardVersion string
	dials        atomic.Int64
	lastAddr     string
)

func softwareVersionOnce() string {
	versionOnce.Do(func() {
		if bi, ok := debug.ReadBuildInfo(); ok {
			onceVersion = bi.Main.Version
		}
	})
	return onceVersion
}

func softwareVersionLocked() string {
	versionMu.Lock()
	defer versionMu.Unlock()
	if guardVersion == "" {
		guardVersion = "dev"
	}
	return guardVersion
}

// A SafeBroker dials like Broker with the version computed safely.
type SafeBroker struct {
	addr string
	conn net.Conn
	wg   sync.WaitGroup
}

// Open dials in the background.
func (b *SafeBroker) Open() {
	go func() {
		dials.Add(1)
		conn, err := net.Dial("tcp", b.addr)
		if err != nil {
			return
		}
		conn.Write([]byte(softwareVersionOnce() + softwareVersionLocked()))
		b.conn = conn
	}()
}

// Probe dials and waits for the dial: two Probes on two brokers still
// overlap, but that is a race of concurrent callers, not of the
// goroutine; the rule stays silent.
func (b *SafeBroker) Probe() {
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		lastAddr = b.addr
	}()
	b.wg.Wait()
}

// A Probe records the last probed address in a package-level variable
// under its own mutex: each Probe has its own, so two probes' goroutines
// still write it at once (reported).
type Probe struct {
	mu   sync.Mutex
	addr string
}

var lastProbed string

// Start probes in the background.
func (p *Probe) Start() {
	go func() {
		p.mu.Lock()
		lastProbed = p.addr // want `package-level variable lastProbed written without synchronization by the goroutine Start starts: calls on two \*Probe values`
		p.mu.Unlock()
	}()
}
