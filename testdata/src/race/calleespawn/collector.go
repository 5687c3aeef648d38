// want package:`Collector.Close: waits\(0.done\*\) signals\(0.quit\*\); connectToken.Wait: waits\(0.done\*\); dirSource.Stop: signals\(0.donec\*\); publishToken.Wait: waits\(0.done\*\)\}$`

// Package calleespawn shows goroutines started in callees: a constructor
// that starts its flush loop and a Start method that starts a serve loop.
// What the caller does after the call races with the loop (reported),
// unless it holds the loop's lock or runs after Close has waited for the
// loop (not reported).
package calleespawn

import (
	"sync"
	"time"
)

// Collector aggregates counts and flushes them periodically.
type Collector struct {
	mu       sync.Mutex
	counts   map[string]int
	flushes  int
	interval time.Duration
	quit     chan struct{}
	done     chan struct{}
}

// NewCollector returns a collector whose flush loop is running.
func NewCollector(interval time.Duration) *Collector {
	c := &Collector{
		counts:   make(map[string]int),
		interval: interval,
		quit:     make(chan struct{}),
		done:     make(chan struct{}),
	}
	go c.loop()
	return c
}

func (c *Collector) loop() {
	defer close(c.done)
	t := time.NewTicker(c.interval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			c.flush()
		case <-c.quit:
			return
		}
	}
}

func (c *Collector) flush() {
	c.mu.Lock()
	for k := range c.counts {
		delete(c.counts, k)
	}
	c.mu.Unlock()
	c.flushes++ // want `write to field c.flushes in goroutine started at collector.go:\d+ \(by the call at collector.go:\d+\) races with read at collector.go:\d+`
}

// Add counts one event.
func (c *Collector) Add(key string) {
	c.mu.Lock()
	c.counts[key]++
	c.mu.Unlock()
}

// Close stops the loop and waits for it.
func (c *Collector) Close() {
	close(c.quit)
	<-c.done
}

// observe reads the flush count while the loop runs.
func observe() int {
	c := NewCollector(time.Millisecond)
	c.Add("requests")
	time.Sleep(10 * time.Millisecond)
	n := c.flushes
	c.Close()
	return n
}

// observeClosed reads it after Close has waited for the loop.
func observeClosed() int {
	c := NewCollector(time.Millisecond)
	c.Add("requests")
	c.Close()
	return c.flushes
}
