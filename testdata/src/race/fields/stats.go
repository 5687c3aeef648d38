package fields

import (
	"sync"
	"sync/atomic"
)

// CacheStats counts a cache's operations; the counters are updated with
// sync/atomic.
type CacheStats struct {
	Hits, Writes uint64
}

type statsCache struct {
	mu    sync.Mutex
	stats CacheStats
}

func (c *statsCache) set() {
	atomic.AddUint64(&c.stats.Writes, 1) // want `write to field c.stats.Writes in goroutine started at stats.go:\d+ races with read at stats.go:\d+`
}

// snapshot copies the counters with a plain read of the whole struct.
func (c *statsCache) snapshot() CacheStats {
	return c.stats
}

// snapshotAtomic loads each counter atomically.
func (c *statsCache) snapshotAtomic() CacheStats {
	return CacheStats{Hits: atomic.LoadUint64(&c.stats.Hits), Writes: atomic.LoadUint64(&c.stats.Writes)}
}

// reportWhileWriting copies the stats while a writer updates a counter:
// the plain copy races with the atomic add.
func reportWhileWriting(c *statsCache) CacheStats {
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.set()
	}()
	s := c.snapshot()
	<-done
	return s
}

// reportAtomically loads the counters atomically: fine.
func reportAtomically(c *statsCache) CacheStats {
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.set()
	}()
	s := c.snapshotAtomic()
	<-done
	return s
}
