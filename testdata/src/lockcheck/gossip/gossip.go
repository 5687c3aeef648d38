// Package gossip is a broadcast queue that sizes its retransmissions by
// the cluster's size, asked of its user through a callback.
package gossip

import "time"

// A Queue retransmits broadcasts in the background.
type Queue struct {
	// NumNodes returns the number of nodes in the cluster; the queue
	// calls it from its own goroutine.
	NumNodes   func() int
	Retransmit int
}

// Start runs the queue's retransmission loop.
func (q *Queue) Start(tick time.Duration) {
	go func() {
		for range time.Tick(tick) {
			_ = q.Retransmit * q.NumNodes()
		}
	}()
}
