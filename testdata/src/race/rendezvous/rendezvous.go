// Package rendezvous shows a poller stopped by a send on an unbuffered
// channel. The receive is synchronized before the send completes, so
// what the poller did before it received happens before what the
// parent does after its send returns (not reported). With a buffered
// channel the send returns at once and the poller may still be polling
// (reported).
package rendezvous

import "time"

type stats struct{ hits, misses int }

type cache struct {
	items map[string]int
	stats *stats
}

func (c *cache) get(k string) int {
	v, ok := c.items[k]
	if c.stats != nil {
		if ok {
			c.stats.hits++
		} else {
			c.stats.misses++
		}
	}
	return v
}

// pollUntilStopped stops the poller with an unbuffered send, then
// replaces the statistics: the poller has returned by then.
func pollUntilStopped(c *cache) {
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
				c.get("a")
			}
		}
	}()
	time.Sleep(time.Millisecond)
	stop <- struct{}{}
	c.stats = nil
}

// pollBuffered sends on a buffered channel: the send returns before the
// poller sees it.
func pollBuffered(c *cache) {
	stop := make(chan struct{}, 1)
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
				c.get("a")
			}
		}
	}()
	time.Sleep(time.Millisecond)
	stop <- struct{}{}
	c.stats = nil // want `write to field c.stats races with read at rendezvous.go:\d+ in goroutine started at rendezvous.go:\d+`
}
