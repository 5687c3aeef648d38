// This file shows loops over input whose spawning is bounded, or that
// are not fan-out per element: none is reported.
package unbounded

import (
	"sync"
	"time"
)

// CrawlLimited takes a slot of a buffered channel before each spawn, so at
// most 8 fetches run at once.
func CrawlLimited(urls []string) {
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for _, u := range urls {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			fetch(u)
		}()
	}
	wg.Wait()
}

func fetch(string) {}

// limiter is a hand-written counting semaphore with unusual names: it is
// recognised by what acquire does (a channel send), not by its name.
type limiter chan struct{}

func (l limiter) take() { l <- struct{}{} }
func (l limiter) give() { <-l }

// CrawlCustom bounds its goroutines through limiter.take.
func CrawlCustom(urls []string, l limiter) {
	for _, u := range urls {
		l.take()
		go func() {
			defer l.give()
			fetch(u)
		}()
	}
}

// CrawlInside takes the semaphore inside each goroutine: goroutines still
// wait in line, but fetches and connections are bounded.
func CrawlInside(urls []string) {
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			fetch(u)
		})
	}
	wg.Wait()
}

// Batches waits for every batch of 16 before starting the next.
func Batches(items []string) {
	var wg sync.WaitGroup
	for i, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fetch(it)
		}()
		if i%16 == 15 {
			wg.Wait()
		}
	}
	wg.Wait()
}

// Paced starts at most one goroutine every 10ms.
func Paced(items []string) {
	for _, it := range items {
		go fetch(it)
		time.Sleep(10 * time.Millisecond)
	}
}

// First starts one goroutine, for the first match only.
func First(items []string, want string) {
	for _, it := range items {
		if it == want {
			go fetch(it)
			return
		}
	}
}

// Shard is one partition of a queue.
type Shard struct{ jobs chan string }

// StartShards starts one long-lived worker per shard: the shards are a
// pool, and the goroutine count does not grow with the jobs.
func StartShards(shards []*Shard) {
	for _, s := range shards {
		go func() {
			for j := range s.jobs {
				fetch(j)
			}
		}()
	}
}

// Server holds connections to its peers.
type Server struct{ peers []string }

// Ping pings the server's own peers: a receiver's field is state the
// program is built around, not the caller's input.
func (s *Server) Ping() {
	for _, p := range s.peers {
		go fetch(p)
	}
}

// Select waits on a result channel in each iteration, so the loop
// cannot run ahead of its goroutines.
func Select(items []string, done <-chan struct{}) {
	results := make(chan string)
	for _, it := range items {
		go func() { results <- it }()
		select {
		case r := <-results:
			fetch(r)
		case <-done:
			return
		}
	}
}

// ioLimit bounds the number of concurrent reads of the whole program.
var ioLimit = make(chan struct{}, 20)

// Walk walks a directory tree with a goroutine per subdirectory; the
// recursive closure, declared before it is assigned, takes ioLimit before
// each read, so reads stay bounded (as in x/tools' go/buildutil).
func Walk(root string, readDir func(string) []string) {
	var wg sync.WaitGroup
	var walk func(dir string)
	walk = func(dir string) {
		ioLimit <- struct{}{}
		subdirs := readDir(dir)
		<-ioLimit
		for _, d := range subdirs {
			wg.Go(func() { walk(d) })
		}
	}
	walk(root)
	wg.Wait()
}

// loader parses files through a cache.
type loader struct{ cache map[string][]byte }

// parseFile takes ioLimit around its read, as go/packages' loader does.
func (l *loader) parseFile(name string) []byte {
	ioLimit <- struct{}{}
	defer func() { <-ioLimit }()
	return l.cache[name]
}

// ParseFiles starts a goroutine per file whose work, in a method of the
// package, is bounded by a semaphore.
func (l *loader) ParseFiles(names []string) [][]byte {
	out := make([][]byte, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Go(func() { out[i] = l.parseFile(name) })
	}
	wg.Wait()
	return out
}
