// Package capturedvar shows counters and flags captured by goroutines:
// written concurrently (reported) and every way of making that safe
// (not reported).
package capturedvar

import (
	"sync"
	"sync/atomic"
)

type Job struct{ ID, Size int }

// countLarge increments a captured counter from one goroutine per job.
func countLarge(jobs []Job) int {
	var wg sync.WaitGroup
	large := 0
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if j.Size > 1024 {
				large++ // want `write to captured variable large in goroutine started repeatedly at capturedvar.go:\d+ races with read at capturedvar.go:\d+ in its other instances; protect it with a mutex`
			}
		}()
	}
	wg.Wait()
	return large
}

// progress: the parent writes the status after starting the reporter and
// before waiting for it.
func progress(total int) {
	done := make(chan struct{})
	status := "starting"
	go func() {
		defer close(done)
		println(status)
	}()
	status = "running" // want `write to captured variable status races with read at capturedvar.go:\d+`
	<-done
}

// countLargeLocked protects the counter with a mutex, unlocked by defer.
func countLargeLocked(jobs []Job) int {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		large int
	)
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			if j.Size > 1024 {
				large++
			}
		}()
	}
	wg.Wait()
	return large
}

// countAtomic uses the sync/atomic functions.
func countAtomic(jobs []Job) int64 {
	var wg sync.WaitGroup
	var large int64
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if j.Size > 1024 {
				atomic.AddInt64(&large, 1)
			}
		}()
	}
	wg.Wait()
	return atomic.LoadInt64(&large)
}

// countAtomicType uses an atomic type.
func countAtomicType(jobs []Job) int64 {
	var wg sync.WaitGroup
	var large atomic.Int64
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if j.Size > 1024 {
				large.Add(1)
			}
		}()
	}
	wg.Wait()
	return large.Load()
}

// configureThenStart writes before the go statement and reads after Wait.
func configureThenStart(name string) string {
	var wg sync.WaitGroup
	greeting := "hello"
	greeting += ", " + name
	var out string
	wg.Add(1)
	go func() {
		defer wg.Done()
		out = greeting + "!"
	}()
	wg.Wait()
	return out
}

// readAfterDone reads after receiving from the channel the goroutine closes.
func readAfterDone(jobs []Job) int {
	done := make(chan struct{})
	total := 0
	go func() {
		defer close(done)
		for _, j := range jobs {
			total += j.Size
		}
	}()
	<-done
	return total
}

// localOnly: every goroutine works on its own memory.
func localOnly(jobs []Job, out chan<- int) {
	for _, j := range jobs {
		go func() {
			sum := 0
			buf := make([]int, j.Size)
			for i := range buf {
				buf[i] = i
				sum += buf[i]
			}
			out <- sum
		}()
	}
}

// copies: values passed as go arguments are copies.
func copies(jobs []Job, out chan<- int) {
	n := 0
	for _, j := range jobs {
		n++
		go func(id, seq int) {
			seq++
			out <- id + seq
		}(j.ID, n)
	}
}
