package wgwait

import "sync/atomic"

// The drivers below exercise the dispatchers as their tests do.

func driveDispatcher() {
	var n atomic.Int64
	d := NewDispatcher(func(Event) { n.Add(1) })
	d.Start()
	d.Publish(Event{Topic: "a"})
	d.Stop()
}

func driveCountedDispatcher() {
	var n atomic.Int64
	d := &CountedDispatcher{events: make(chan Event), quit: make(chan struct{}), handle: func(Event) { n.Add(1) }}
	d.Start()
	d.Publish(Event{Topic: "a"})
	d.Stop()
}

func driveGuardedDispatcher() {
	var n atomic.Int64
	d := &GuardedDispatcher{events: make(chan Event), quit: make(chan struct{}), handle: func(Event) { n.Add(1) }}
	d.Start()
	d.Publish(Event{Topic: "a"})
	d.Stop()
}

// driveSequential adds and waits from one goroutine only.
func driveSequential() {
	d := NewDispatcher(func(Event) {})
	d.dispatch(Event{Topic: "a"})
	d.Stop()
}

func driveServer() {
	var n atomic.Int64
	s := NewServer(func(Event) { n.Add(1) })
	s.Serve(Event{Topic: "a"})
	s.Close()
}

func driveUncountedServer() {
	var n atomic.Int64
	s := NewUncountedServer(func(Event) { n.Add(1) })
	s.Serve(Event{Topic: "a"})
	s.Close()
}
