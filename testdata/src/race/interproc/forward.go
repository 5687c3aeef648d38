package interproc

import (
	"sync"
	"sync/atomic"
)

// A policy server checks requests on concurrent goroutines through a
// chain of methods that only pass the call on (Check, recordStats,
// lruCache.Set): they do not use up the depth the model follows, so the
// cache's counters, four calls down, are still seen.
type statsCache interface {
	Set(key string)
	Stats() cacheStats
}

type cacheStats struct {
	Writes uint64
	Hits   uint64
}

type lruCache struct {
	stats cacheStats
	mu    sync.Mutex
	keys  []string
}

func (c *lruCache) Stats() cacheStats {
	return c.stats
}

func (c *lruCache) Set(key string) { c.setWithExpiration(key) }

func (c *lruCache) setWithExpiration(key string) {
	c.mu.Lock()
	c.keys = append(c.keys, key)
	c.mu.Unlock()
	atomic.AddUint64(&c.stats.Writes, 1) // want `write to field s.cache.lru.stats.Writes in goroutine started at forward.go:\d+ races with read at forward.go:\d+ in goroutine started at forward.go:\d+`
}

type checkCache struct {
	lru statsCache
}

func (cc *checkCache) set(key string) {
	cc.lru.Set(key)
	cc.recordStats()
}

func (cc *checkCache) recordStats() { cc.lru.Stats() }

type policyServer struct {
	cache *checkCache
}

func (s *policyServer) check(key string) {
	if s.cache != nil {
		s.cache.set(key)
	}
}

func (s *policyServer) Check(key string) { s.check(key) }

func serveChecks() {
	s := &policyServer{cache: &checkCache{lru: &lruCache{}}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		s.Check("a")
	}()
	go func() {
		defer wg.Done()
		s.Check("b")
	}()
	wg.Wait()
}

// serveChecksInTurn waits for the first check before starting the next.
func serveChecksInTurn() {
	s := &policyServer{cache: &checkCache{lru: &lruCache{}}}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.Check("a")
	}()
	wg.Wait()
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.Check("b")
	}()
	wg.Wait()
}
