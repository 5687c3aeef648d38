// Package joinloop shows a parent that receives one result per goroutine
// in a counted loop: what follows the loop runs after the joins (not
// reported), even though the loop could run zero times as far as the
// control-flow graph goes. What the parent does inside the loop, before
// all results are in, still races (reported).
package joinloop

import "sync"

type counter struct{ n int }

func (c *counter) inc() { c.n++ }

// fanIn starts workers and waits for each of them.
func fanIn(workers int) int {
	c := new(counter)
	var mu sync.Mutex
	done := make(chan bool)
	for i := 0; i < workers; i++ {
		go func() {
			mu.Lock()
			c.inc()
			mu.Unlock()
			done <- true
		}()
	}
	for i := 0; i < workers; i++ {
		<-done
	}
	return c.n
}

// peek reads the counter while results are still coming in.
func peek(workers int) int {
	total := 0
	done := make(chan bool)
	go func() {
		total++ // want `write to captured variable total in goroutine started at joinloop.go:\d+ races with read at joinloop.go:\d+`
		done <- true
	}()
	seen := 0
	for i := 0; i < 2; i++ {
		seen += total
		<-done
	}
	return seen
}
