// want package:`Cache.Fill: writes\(0.slots\+locked\); Cache.Put: writes\(0.entries\*\{\}\+locked 0.loads\+locked\); lockedFramework.Score: writes\(0.scored\*\{\}\+locked\); nodeAffinity.Filter: writes\(0.calls\); Cache: guarded\(entries:mu loads:mu\)\}$`

package callback

import (
	"sync"

	"lockcheck/parallel"
)

// A Cache reloads in the background through parallel.Async, which runs
// its function on a goroutine it leaves running (its fact says so): the
// reload runs concurrently with the cache's other methods.
type Cache struct {
	mu      sync.Mutex
	entries map[string]string
	loads   int
	slots   []int
}

func (c *Cache) Put(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[k] = v
	c.loads++
}

func (c *Cache) Loads() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.loads
}

// Reload counts the load without the lock (reported).
func (c *Cache) Reload() chan struct{} {
	return parallel.Async(func() {
		c.loads++ // want `c.loads written without c.mu held`
	})
}

// ReloadLocked takes it (not reported).
func (c *Cache) ReloadLocked() chan struct{} {
	return parallel.Async(func() {
		c.mu.Lock()
		c.loads++
		c.mu.Unlock()
	})
}

// Fill sets every slot through parallel.Parallelize, which waits for
// its goroutines, each writing its own slot, while the caller holds the
// lock (not reported).
func (c *Cache) Fill(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.slots = make([]int, n)
	parallel.Parallelize(n, func(i int) {
		c.slots[i] = c.loads
	})
}
