// want package:`CountedDispatcher.Publish: signals\(0.events\*\); CountedDispatcher.Stop: signals\(0.quit\*\) waits\(0.wg\); Dispatcher.Publish: signals\(0.events\*\); Dispatcher.Stop: signals\(0.quit\*\) waits\(0.wg\); GuardedDispatcher.Publish: signals\(0.events\*\); GuardedDispatcher.Stop: signals\(0.quit\*\) waits\(0.wg\); Pool.Fanout: waits\(0.wg\) signals\(0.wg\); Pool.Run: waits\(0.wg\); Pool.RunCounted: waits\(0.wg\); Server.Close: signals\(0.quit\*\) waits\(0.wg\); Server.Serve: signals\(0.reqs\*\); UncountedServer.Close: signals\(0.quit\*\) waits\(0.wg\); UncountedServer.Serve: signals\(0.reqs\*\)\}$`

// Package wgwait shows sync.WaitGroup.Add calls that may run while
// another goroutine waits on the same WaitGroup: an event loop that adds
// a handler while Stop waits (reported at the Add), and a worker that
// adds for itself (reported); the fixed twins, where the loop is counted
// itself, a closed flag under the mutex that guards Add stops late adds,
// or the Add comes before the go statement, are not reported.
package wgwait

import "sync"

// An Event is published on a topic.
type Event struct{ Topic, Body string }

// Dispatcher runs a handler goroutine per event.
type Dispatcher struct {
	events chan Event
	quit   chan struct{}
	wg     sync.WaitGroup
	handle func(Event)
}

// NewDispatcher returns a dispatcher that calls h for each event.
func NewDispatcher(h func(Event)) *Dispatcher {
	return &Dispatcher{events: make(chan Event), quit: make(chan struct{}), handle: h}
}

// Start starts the event loop.
func (d *Dispatcher) Start() { go d.loop() }

func (d *Dispatcher) loop() {
	for {
		select {
		case e := <-d.events:
			d.dispatch(e)
		case <-d.quit:
			return
		}
	}
}

func (d *Dispatcher) dispatch(e Event) {
	d.wg.Add(1) // want `d.wg.Add in goroutine started at dispatch.go:\d+ \(by the call at driver.go:\d+\) may run while d.wg.Wait at dispatch.go:\d+ \(by the call at driver.go:\d+\) waits with a zero counter`
	go func() {
		defer d.wg.Done()
		d.handle(e)
	}()
}

// Publish hands an event to the loop.
func (d *Dispatcher) Publish(e Event) { d.events <- e }

// Stop stops the loop and waits for the handlers in flight; the loop may
// still be adding one.
func (d *Dispatcher) Stop() {
	close(d.quit)
	d.wg.Wait()
}

// CountedDispatcher is fixed by counting the loop itself: the counter
// stays above zero while the loop adds handlers.
type CountedDispatcher struct {
	events chan Event
	quit   chan struct{}
	wg     sync.WaitGroup
	handle func(Event)
}

// Start starts the event loop, counted by the WaitGroup.
func (d *CountedDispatcher) Start() {
	d.wg.Add(1)
	go d.loop()
}

func (d *CountedDispatcher) loop() {
	defer d.wg.Done()
	for {
		select {
		case e := <-d.events:
			d.wg.Add(1)
			go func() {
				defer d.wg.Done()
				d.handle(e)
			}()
		case <-d.quit:
			return
		}
	}
}

// Publish hands an event to the loop.
func (d *CountedDispatcher) Publish(e Event) { d.events <- e }

// Stop stops the loop and waits for it and its handlers.
func (d *CountedDispatcher) Stop() {
	close(d.quit)
	d.wg.Wait()
}

// GuardedDispatcher is fixed with a closed flag: Add runs under mu only
// while the dispatcher is open, and Stop sets the flag under mu before
// it waits, so no Add can follow the Wait.
type GuardedDispatcher struct {
	mu     sync.Mutex
	closed bool
	events chan Event
	quit   chan struct{}
	wg     sync.WaitGroup
	handle func(Event)
}

// Start starts the event loop.
func (d *GuardedDispatcher) Start() { go d.loop() }

func (d *GuardedDispatcher) loop() {
	for {
		select {
		case e := <-d.events:
			d.dispatch(e)
		case <-d.quit:
			return
		}
	}
}

func (d *GuardedDispatcher) dispatch(e Event) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return
	}
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		d.handle(e)
	}()
}

// Publish hands an event to the loop.
func (d *GuardedDispatcher) Publish(e Event) { d.events <- e }

// Stop refuses new handlers, then waits for those in flight.
func (d *GuardedDispatcher) Stop() {
	d.mu.Lock()
	d.closed = true
	d.mu.Unlock()
	close(d.quit)
	d.wg.Wait()
}
