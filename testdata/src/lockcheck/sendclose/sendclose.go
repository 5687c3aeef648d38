// Package sendclose shows channels closed with a lock held, the way a
// type keeps its senders from sending after the close. A sender that
// checks the closed flag under the lock and sends after releasing it can
// still send on the closed channel (reported); one that sends while
// holding the lock cannot (not reported), and neither can a sender a
// closer waited for first (not reported).
package sendclose

import "sync"

type event struct{ name string }

// A Trace records events from any goroutine into a buffered channel
// that its writer goroutine drains.
type Trace struct {
	mu     sync.Mutex
	closed bool
	events chan event
}

func (t *Trace) Record(name string) {
	t.mu.Lock()
	closed := t.closed
	t.mu.Unlock()
	if closed {
		return
	}
	t.events <- event{name} // want `send on t.events without t.mu held, but Close closes it with the lock held at sendclose.go:\d+`
}

func (t *Trace) Close() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.closed = true
	close(t.events)
}

// A Log sends while holding the lock.
type Log struct {
	mu      sync.Mutex
	closed  bool
	entries chan string
}

func (l *Log) Append(s string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return false
	}
	select {
	case l.entries <- s:
		return true
	default:
		return false
	}
}

func (l *Log) Close() {
	l.mu.Lock()
	l.closed = true
	close(l.entries)
	l.mu.Unlock()
}

// A Batcher waits for its flushers before closing.
type Batcher struct {
	mu      sync.Mutex
	wg      sync.WaitGroup
	batches chan []string
}

func (b *Batcher) Flush(items []string) {
	b.batches <- items
}

func (b *Batcher) Close() {
	b.wg.Wait()
	b.mu.Lock()
	close(b.batches)
	b.mu.Unlock()
}
