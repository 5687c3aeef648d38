// Package syncidioms collects synchronization racecheck must understand
// so as not to report: sync.Cond through its Locker, atomic flags that
// publish data, start barriers, channel semaphores, locks reached through
// different paths, and code behind a constant-false debug switch.
package syncidioms

import (
	"sync"
	"sync/atomic"
	"time"
)

// condQueue hands items from a producer to a consumer under the Cond's lock.
func condQueue(items []int) int {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	var queue []int
	done := false
	go func() {
		for _, it := range items {
			cond.L.Lock()
			queue = append(queue, it)
			cond.L.Unlock()
			cond.Signal()
		}
		cond.L.Lock()
		done = true
		cond.L.Unlock()
		cond.Signal()
	}()
	sum := 0
	cond.L.Lock()
	for !done || len(queue) > 0 {
		for len(queue) == 0 && !done {
			cond.Wait()
		}
		if len(queue) > 0 {
			sum += queue[0]
			queue = queue[1:]
		}
	}
	cond.L.Unlock()
	return sum
}

// publish writes data, then sets an atomic flag the parent spins on.
func publish() string {
	var ready atomic.Bool
	var data string
	go func() {
		data = "payload"
		ready.Store(true)
	}()
	for !ready.Load() {
		time.Sleep(time.Millisecond)
	}
	return data
}

// startBarrier: workers wait for the parent's go-ahead before reading
// the configuration the parent writes after starting them.
func startBarrier(n int) []string {
	start := make(chan struct{})
	out := make([]string, n)
	var wg sync.WaitGroup
	prefix := ""
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			out[i] = prefix
		}(i)
	}
	prefix = "worker-"
	close(start)
	wg.Wait()
	return out
}

// semaphore uses a channel of capacity one as a mutex.
func semaphore(jobs []int) int {
	sem := make(chan struct{}, 1)
	var wg sync.WaitGroup
	total := 0
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			total += j
			<-sem
		}()
	}
	wg.Wait()
	return total
}

type server struct {
	mu    sync.Mutex
	conns int
}

type conn struct{ srv *server }

// aliasLocks: the goroutine locks c.srv.mu, the parent s.mu; they are the
// same mutex, reached through different paths.
func aliasLocks(s *server, c *conn) int {
	go func() {
		c.srv.mu.Lock()
		c.srv.conns++
		c.srv.mu.Unlock()
	}()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conns
}

const debug = false

// debugOnly touches shared state only in code compiled out by a constant.
func debugOnly(stats map[string]int, keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if debug {
				stats[k]++
			}
		}()
	}
	wg.Wait()
}

// spinLock is a custom lock: its methods are recognized by name.
type spinLock struct{ state atomic.Int32 }

func (l *spinLock) Lock() {
	for !l.state.CompareAndSwap(0, 1) {
	}
}

func (l *spinLock) Unlock() { l.state.Store(0) }

// customLock counts under a custom lock.
func customLock(jobs []int) int {
	var l spinLock
	var wg sync.WaitGroup
	n := 0
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l.Lock()
			n++
			l.Unlock()
		}()
	}
	wg.Wait()
	return n
}
