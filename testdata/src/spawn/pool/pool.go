// Package pool shows worker pools and fan-out of constant size: above
// -spawn.maxpool (64 by default) they are reported as oversized-pool,
// while pools sized from the machine or small constants are not.
package pool

import (
	"runtime"
	"sync"
)

// Job is a unit of CPU-bound work.
type Job struct{ Data []byte }

func hash(Job) {}

// StartHashers starts 200 hashing workers: on an 8-core machine 192 of
// them only wait for a core.
func StartHashers(jobs <-chan Job) {
	for i := 0; i < 200; i++ {
		go func() { // want `200 goroutines started by a constant loop \(more than -spawn.maxpool=64\); size the pool from the machine: runtime.GOMAXPROCS\(0\) workers, about 2 x runtime.NumCPU\(\) for CPU-bound work`
			for j := range jobs {
				hash(j)
			}
		}()
	}
}

// numWorkers is a hard-coded pool size.
const numWorkers = 256

// Encoders ranges over a named constant.
func Encoders(jobs <-chan Job) {
	var wg sync.WaitGroup
	for range numWorkers {
		wg.Go(func() { // want `256 goroutines started by a constant loop`
			for j := range jobs {
				hash(j)
			}
		})
	}
	wg.Wait()
}

// Grid starts 10 x 20 goroutines through nested constant loops.
func Grid() {
	var wg sync.WaitGroup
	for x := 0; x < 10; x++ {
		for y := 1; y <= 20; y++ {
			wg.Add(1)
			go func() { // want `200 goroutines started by a constant loop`
				defer wg.Done()
				_ = x * y
			}()
		}
	}
	wg.Wait()
}

// The pools below are sized from the machine or are small: not reported.

// CPUPool starts one worker per CPU.
func CPUPool(jobs <-chan Job) {
	for i := 0; i < runtime.NumCPU(); i++ {
		go func() {
			for j := range jobs {
				hash(j)
			}
		}()
	}
}

// ProcsPool starts twice GOMAXPROCS workers, through a local variable.
func ProcsPool(jobs <-chan Job) {
	n := 2 * runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for j := range jobs {
				hash(j)
			}
		})
	}
	wg.Wait()
}

// SmallPool starts 4 workers.
func SmallPool(jobs <-chan Job) {
	for i := 0; i < 4; i++ {
		go func() {
			for j := range jobs {
				hash(j)
			}
		}()
	}
}

// AtThreshold starts exactly -spawn.maxpool workers, which is allowed.
func AtThreshold(jobs <-chan Job) {
	for i := 0; i < 64; i++ {
		go func() {
			for j := range jobs {
				hash(j)
			}
		}()
	}
}

// Configured starts as many workers as configured.
func Configured(jobs <-chan Job, workers int) {
	for i := 0; i < workers; i++ {
		go func() {
			for j := range jobs {
				hash(j)
			}
		}()
	}
}

// Throttled starts 1000 goroutines, but each waits for a token first.
func Throttled() {
	tokens := make(chan struct{}, runtime.NumCPU())
	for i := 0; i < 1000; i++ {
		tokens <- struct{}{}
		go func() {
			defer func() { <-tokens }()
			hash(Job{})
		}()
	}
}
