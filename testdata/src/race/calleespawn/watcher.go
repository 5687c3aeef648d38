package calleespawn

import (
	"sync"
	"time"
)

// ProgressInterval is how often a watch stream reports progress; tests
// shorten it.
var ProgressInterval = 10 * time.Second

// A watchStream sends progress reports on a loop of its own.
type watchStream struct{ sent int }

func (ws *watchStream) sendLoop() {
	t := time.NewTicker(ProgressInterval)
	defer t.Stop()
	ws.sent++
}

// A WatchServer starts a stream per Watch call and returns at once.
type WatchServer struct{}

func (s *WatchServer) Watch() {
	ws := &watchStream{}
	go ws.sendLoop()
}

// shortenWhileWatching changes the knob in one goroutine while another
// calls Watch, whose send loop reads it: the send loop is a goroutine the
// second goroutine leaves running, concurrent with the first.
func shortenWhileWatching(s *WatchServer) {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		ProgressInterval = time.Second // want `write to package-level variable ProgressInterval in goroutine started at watcher.go:\d+ races with read at watcher.go:\d+ in goroutine started at watcher.go:\d+`
	}()
	go func() {
		defer wg.Done()
		s.Watch()
	}()
	wg.Wait()
}

// shortenThenWatch changes the knob before anything watches: fine.
func shortenThenWatch(s *WatchServer) {
	ProgressInterval = time.Second
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.Watch()
	}()
	wg.Wait()
}

// A Dispatcher delivers events to its watchers on a loop that its
// constructor starts. dispatchEvent resets the buffer under the lock
// but ranges over it after releasing the lock.
type Dispatcher struct {
	mu     sync.Mutex
	buffer []int
	total  int
}

func NewDispatcher() *Dispatcher {
	d := &Dispatcher{}
	go d.dispatchLoop()
	return d
}

func (d *Dispatcher) dispatchLoop() { d.dispatchEvent() }

func (d *Dispatcher) dispatchEvent() {
	d.mu.Lock()
	d.buffer = d.buffer[:0] // want `write to field d.buffer in goroutine started at watcher.go:\d+ \(by the call at watcher.go:\d+\) races with read at watcher.go:\d+ in goroutine started at watcher.go:\d+`
	d.mu.Unlock()
	for range d.buffer {
	}
}

// countEvent does all of its work under the lock.
func (d *Dispatcher) countEvent() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.total += len(d.buffer)
}

// dispatchConcurrently dispatches from a goroutine of its own while the
// constructor's loop dispatches too: the two goroutines race on the
// buffer that dispatchEvent reads after unlocking.
func dispatchConcurrently() {
	d := NewDispatcher()
	done := make(chan struct{})
	go func() {
		defer close(done)
		d.dispatchEvent()
	}()
	<-done
}

// countConcurrently only takes the lock: fine.
func countConcurrently() {
	d := NewDispatcher()
	done := make(chan struct{})
	go func() {
		defer close(done)
		d.countEvent()
	}()
	<-done
}

// A Conn reconnects on a goroutine that first waits for the read loop
// to exit, then swaps the reader: ordered by the WaitGroup.
type Conn struct {
	wg     sync.WaitGroup
	reader int
}

func (c *Conn) readLoop() {
	defer c.wg.Done()
	_ = c.reader
}

func (c *Conn) reconnect() {
	c.wg.Wait()
	c.reader++
}

// Fail starts the reconnect and returns.
func (c *Conn) Fail() { go c.reconnect() }

// failWhileReading fails the connection from a goroutine of its own while
// the read loop runs: the reconnect it leaves running waits for the read
// loop before it writes, so nothing races.
func failWhileReading(c *Conn) {
	c.wg.Add(1)
	go c.readLoop()
	go func() { c.Fail() }()
}
