package calleespawn

import "sync"

// A dirSource watches a directory on a goroutine Start starts; Stop
// closes and clears the done channel the goroutine is selecting on.
type dirSource struct {
	donec chan struct{}
}

func (s *dirSource) Start() {
	go func() {
		for {
			select {
			case <-s.donec: // the field is read again on each iteration
				return
			}
		}
	}()
}

func (s *dirSource) Stop() {
	close(s.donec)
	s.donec = nil // want `write to field s.donec races with read at conn.go:\d+ in goroutine started at conn.go:\d+ \(by the call at conn.go:\d+\)`
}

func watchOnce() {
	s := &dirSource{donec: make(chan struct{})}
	s.Start()
	s.Stop()
}

// A natsConn connects with its mutex held from the start of its loops to
// the end of the setup: the reconnect goroutine the read loop starts on
// an error takes the mutex first, so it reads the flush channel only
// after connect has released it.
type natsConn struct {
	mu  sync.Mutex
	fch chan struct{}
	err error
}

func (c *natsConn) startLoops() { go c.readLoop() }

func (c *natsConn) readLoop() { c.opErr() }

func (c *natsConn) opErr() {
	c.mu.Lock()
	go c.reconnect()
	c.mu.Unlock()
}

func (c *natsConn) reconnect() {
	select {
	case c.fch <- struct{}{}:
	default:
	}
}

func (c *natsConn) connect() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.startLoops()
	c.fch = make(chan struct{}, 1)
}

// connectUnlocked releases the mutex after starting the loops: the
// reconnect goroutine may run before the new channel is set.
func (c *natsConn) connectUnlocked() {
	c.mu.Lock()
	c.startLoops()
	c.mu.Unlock()
	c.mu.Lock()
	c.fch = make(chan struct{}, 1) // want `write to field c.fch races with read at conn.go:\d+ in goroutine started at conn.go:\d+ \(by the call at conn.go:\d+\)`
	c.mu.Unlock()
}

// A frameWriter writes one frame at a time on a goroutine; the serve
// loop schedules no other frame while the flag startWrite sets is on.
type frameWriter struct {
	buf     []byte
	writing bool
	done    chan struct{}
}

func (w *frameWriter) startWrite(frame []byte) {
	w.buf = append(w.buf[:0], frame...)
	w.writing = true
	go w.writeAsync()
}

func (w *frameWriter) writeAsync() {
	_ = len(w.buf)
	w.done <- struct{}{}
}

func (w *frameWriter) schedule(frames [][]byte) {
	for _, f := range frames {
		if w.writing {
			return
		}
		w.startWrite(f)
	}
}

// A connPool starts its cleaner once; the cleaner clears cleanerCh under
// the lock before it exits, and only then may another setting start a
// new one.
type connPool struct {
	mu        sync.Mutex
	cleanerCh chan struct{}
	numOpen   int
}

func (p *connPool) startCleanerLocked() {
	if p.cleanerCh == nil {
		p.cleanerCh = make(chan struct{}, 1)
		go p.cleaner()
	}
}

func (p *connPool) cleaner() {
	for {
		<-p.cleanerCh
		p.mu.Lock()
		if p.numOpen == 0 {
			p.cleanerCh = nil
			p.mu.Unlock()
			return
		}
		p.mu.Unlock()
	}
}

func (p *connPool) SetMaxLifetime() {
	p.mu.Lock()
	p.startCleanerLocked()
	p.mu.Unlock()
}

func (p *connPool) SetMaxIdleTime() {
	p.mu.Lock()
	p.startCleanerLocked()
	p.mu.Unlock()
}

func configurePool(p *connPool) {
	p.SetMaxLifetime()
	p.SetMaxIdleTime()
}
