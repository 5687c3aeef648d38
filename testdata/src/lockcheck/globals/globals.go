// Package globals shows package-level configuration knobs read by a
// background loop while an exported setter writes them (reported), and
// the safe versions: a knob behind a mutex, an atomic knob, a variable
// the starter sets before the go statement, read-only sharing (not
// reported).
package globals

import (
	"sync"
	"sync/atomic"
	"time"
)

var (
	pollInterval = time.Second
	verbose      bool
	mu           sync.Mutex
	limit        int
	paused       atomic.Bool
	target       string
	polls        int
)

func loop() {
	for {
		time.Sleep(pollInterval)
		if paused.Load() {
			continue
		}
		mu.Lock()
		_ = limit
		mu.Unlock()
		if verbose {
			println(target)
		}
		polls++
	}
}

// Start runs the loop in the background; it sets target first.
func Start(t string) {
	target = t
	go loop()
}

// SetInterval changes a knob the loop reads without synchronization.
func SetInterval(d time.Duration) {
	pollInterval = d // want `package-level variable pollInterval written without synchronization in SetInterval, but the goroutine loop runs concurrently and reads it at globals.go:\d+`
}

// Polls reads a counter the loop writes.
func Polls() int {
	return polls // want `package-level variable polls read without synchronization in Polls, but the goroutine loop runs concurrently and writes it`
}

func SetLimit(n int) {
	mu.Lock()
	limit = n
	mu.Unlock()
}

func Pause(p bool) { paused.Store(p) }

// Verbose only reads, like the loop.
func Verbose() bool { return verbose }

// Target only reads what Start set before starting the loop.
func Target() string { return target }
