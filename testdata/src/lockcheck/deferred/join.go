// Package deferred holds fields written by deferred closures: they run
// when the function returns, with the locks still held then.
package deferred

import "sync"

// A Cluster ignores old events while it joins: Join sets ignoreOld under
// joinLock and clears it in a deferred closure, which runs before the
// deferred Unlock registered ahead of it, so with the lock held. The
// gossip layer's MergeState reads the flag with no lock (reported).
type Cluster struct {
	joinLock  sync.Mutex
	ignoreOld bool
	minTime   uint64

	eventLock sync.Mutex
	events    []string
}

func (c *Cluster) Join(addrs []string, ignoreOld bool) int {
	c.joinLock.Lock()
	defer c.joinLock.Unlock()
	if ignoreOld {
		c.ignoreOld = true
		defer func() {
			c.ignoreOld = false
		}()
	}
	return len(addrs)
}

func (c *Cluster) MergeState(ltime uint64, isJoin bool) {
	if isJoin && c.ignoreOld { // want `c.ignoreOld read without c.joinLock held`
		c.eventLock.Lock()
		if ltime > c.minTime {
			c.minTime = ltime
		}
		c.eventLock.Unlock()
	}
}

// A Recorder's deferred closure runs after the deferred Unlock
// registered after it: Record appends under the lock and its deferred
// closure resets the batch without it. The batch is written under the
// lock at Flush too, so the deferred write races (reported); Drain's
// deferred closure holds the lock it took (not reported).
type Recorder struct {
	mu    sync.Mutex
	batch []string
}

func (r *Recorder) Record(ev string) {
	defer func() {
		r.batch = r.batch[:0] // want `r.batch written without r.mu held`
	}()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.batch = append(r.batch, ev)
}

func (r *Recorder) Flush() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.batch
	r.batch = nil
	return out
}

func (r *Recorder) Drain() (n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	defer func() {
		n = len(r.batch)
		r.batch = r.batch[:0]
	}()
	return 0
}
