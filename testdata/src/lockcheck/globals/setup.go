package globals

import (
	"log"
	"sync"
)

// Knobs whose doc confines them to setup time: a call while the loops
// run breaks the documented contract, so their unsynchronized writes are
// not reported; the undocumented twin is.

var logger = log.Default()

// SetLogger replaces the logger. It is not thread safe and should be
// called at application start, before Start.
func SetLogger(l *log.Logger) { logger = l }

// SetPrefix changes the log prefix the flusher uses.
func SetPrefix(p string) {
	prefix = p // want `package-level variable prefix written without synchronization in SetPrefix`
}

var prefix string

func flusher() {
	for {
		logger.Print(prefix)
	}
}

// StartFlusher runs the flusher in the background.
func StartFlusher() { go flusher() }

// A Mux routes names to handlers while it serves.
type Mux struct {
	mu     sync.Mutex
	routes map[string]func()
	hits   map[string]int
}

// Handle registers h. It can only be called before the mux is started.
func (m *Mux) Handle(name string, h func()) {
	m.routes[name] = h
}

// HandleLate registers h at any time: it forgets the lock.
func (m *Mux) HandleLate(name string, h func()) {
	m.routes[name] = h // want `m.routes written without m.mu held`
}

// Serve dispatches name.
func (m *Mux) Serve(name string) {
	m.mu.Lock()
	h := m.routes[name]
	m.hits[name]++
	m.mu.Unlock()
	if h != nil {
		h()
	}
}

// Remove drops a route.
func (m *Mux) Remove(name string) {
	m.mu.Lock()
	delete(m.routes, name)
	m.mu.Unlock()
}
