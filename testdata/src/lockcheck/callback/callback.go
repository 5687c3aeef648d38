// Package callback uses helpers that run a function literal in
// concurrent goroutines: writes to captured variables race between the
// calls (reported), per-index writes, locked or atomic writes and
// helpers that do not run the literal concurrently do not.
package callback

import (
	"sync"
	"sync/atomic"

	"lockcheck/parallel"
)

// parallelize is a same-package helper: no fact needed.
func parallelize(n int, f func(int)) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			f(i)
		}(i)
	}
	wg.Wait()
}

func SumSquares(xs []int) int {
	total := 0
	parallelize(len(xs), func(i int) {
		total += xs[i] * xs[i] // want `total written without a lock in a function literal that callback.parallelize runs in concurrent goroutines`
	})
	return total
}

func Lengths(names []string) map[string]int {
	out := make(map[string]int)
	parallel.ForEach(names, func(n string) {
		out[n] = len(n) // want `map out written without a lock in a function literal that parallel.ForEach runs in concurrent goroutines`
	})
	return out
}

func FirstError(n int, do func(int) error) error {
	var err error
	parallel.Parallelize(n, func(i int) {
		if e := do(i); e != nil {
			err = e // want `err written without a lock in a function literal that parallel.Parallelize runs`
		}
	})
	return err
}

type Stats struct{ Seen int }

func Count(g *parallel.Group, s *Stats) {
	g.Each(func(int) {
		s.Seen++ // want `s.Seen written without a lock in a function literal that \(\*parallel.Group\).Each runs`
	})
}

// Negative cases.

func Squares(xs []int) []int {
	out := make([]int, len(xs))
	parallelize(len(xs), func(i int) {
		out[i] = xs[i] * xs[i] // per-index
	})
	return out
}

func LockedSum(xs []int) int {
	var mu sync.Mutex
	total := 0
	parallel.Parallelize(len(xs), func(i int) {
		mu.Lock()
		total += xs[i]
		mu.Unlock()
	})
	return total
}

func AtomicSum(xs []int) int64 {
	var total atomic.Int64
	var plain int64
	parallel.Parallelize(len(xs), func(i int) {
		total.Add(int64(xs[i]))
		atomic.AddInt64(&plain, 1)
	})
	return total.Load() + atomic.LoadInt64(&plain)
}

func Background(load func() int) int {
	v := 0
	<-parallel.Async(func() { v = load() }) // runs once
	return v
}

func SerialSum(n int) int {
	total := 0
	parallel.Serial(n, func(i int) { total += i }) // calls serialized
	return total
}

func Local(n int) {
	parallel.Parallelize(n, func(i int) {
		sq := i * i // a variable of each call
		sq++
		_ = sq
	})
}
