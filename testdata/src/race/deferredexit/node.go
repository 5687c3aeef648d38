// want package:`Log.Run: waits\(0.fl.done\*\) signals\(0.fl.stopc\*\) waits\(0.stop\*\); Node.Run: waits\(0.ap.done\*\) signals\(0.ap.stopc\*\) waits\(0.stop\*\)\}$`

// Package deferredexit shows cleanup closures deferred by a function that
// starts a goroutine: the cleanup runs when the function returns, while
// the goroutine still runs until the cleanup stops it and waits. What
// the cleanup touches before its wait races with the goroutine
// (reported); what it touches after the wait does not.
package deferredexit

import "time"

// An applier applies committed entries until it is stopped.
type applier struct {
	applied int
	stopc   chan struct{}
	done    chan struct{}
}

func (a *applier) run(every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	defer close(a.done)
	for {
		select {
		case <-a.stopc:
			return
		case <-t.C:
			a.applied++ // want `write to field n.ap.applied in goroutine started at node.go:\d+ races with read at node.go:\d+`
		}
	}
}

// A Node runs an applier for as long as it runs.
type Node struct {
	ap   applier
	stop chan struct{}
	last int
}

// Run records how far the applier got before it waits for the applier
// to stop.
func (n *Node) Run() {
	n.ap.stopc = make(chan struct{})
	n.ap.done = make(chan struct{})
	go n.ap.run(time.Second)
	defer func() {
		close(n.ap.stopc)
		n.last = n.ap.applied
		<-n.ap.done
	}()
	<-n.stop
}

// A flusher writes out buffered entries until it is stopped.
type flusher struct {
	flushed int
	stopc   chan struct{}
	done    chan struct{}
}

func (f *flusher) run(every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	defer close(f.done)
	for {
		select {
		case <-f.stopc:
			return
		case <-t.C:
			f.flushed++
		}
	}
}

// A Log runs a flusher and reads its count only once it has stopped.
type Log struct {
	fl   flusher
	stop chan struct{}
	last int
}

func (l *Log) Run() {
	l.fl.stopc = make(chan struct{})
	l.fl.done = make(chan struct{})
	go l.fl.run(time.Second)
	defer func() {
		close(l.fl.stopc)
		<-l.fl.done
		l.last = l.fl.flushed
	}()
	<-l.stop
}
