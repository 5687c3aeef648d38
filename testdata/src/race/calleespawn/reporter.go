package calleespawn

import "sync"

// A Reporter flushes its counters on a goroutine that Start runs as a
// function literal capturing the receiver, the most common way a Start
// method is written.
type Reporter struct {
	mu      sync.Mutex
	flushed int
	pending int
}

func (r *Reporter) Start() {
	go func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.flushed += r.pending
		r.pending = 0 // want `write to field r.pending in goroutine started at reporter.go:\d+ \(by the call at reporter.go:\d+\) races with write at reporter.go:\d+`
	}()
}

// resetAfterStart clears the counter while the flusher may be running,
// without the flusher's lock.
func resetAfterStart() *Reporter {
	r := &Reporter{}
	r.Start()
	r.pending = 0 // want `write to field r.pending races with read at reporter.go:\d+ in goroutine started at reporter.go:\d+ \(by the call at reporter.go:\d+\)`
	return r
}

// resetUnderLock takes the flusher's lock: fine.
func resetUnderLock() *Reporter {
	r := &Reporter{}
	r.Start()
	r.mu.Lock()
	r.pending = 0
	r.mu.Unlock()
	return r
}
