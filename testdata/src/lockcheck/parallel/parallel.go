// want package:`\) Async: async\(0\); Bench: runs\(1\); ForEach: runs\(1\); Group.Each: runs\(1\); Parallelize: runs\(1\); Workers: runs\(2\)\}$`

// Package parallel is the library half of the concurrent-callback case:
// helpers that run a callback parameter in goroutines started in a loop
// (Parallelize, ForEach, Workers) export a fact naming that parameter;
// helpers that run it once in the background (Async), or serialize the
// calls under a lock (Serial), do not.
package parallel

import (
	"sync"
	"testing"
)

// Parallelize calls f(0) ... f(n-1) in n goroutines.
func Parallelize(n int, f func(i int)) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(i)
		}()
	}
	wg.Wait()
}

// ForEach calls f on every item, in a goroutine each.
func ForEach(items []string, f func(string)) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Go(func() { f(it) })
	}
	wg.Wait()
}

// Workers runs f in n workers fed from jobs.
func Workers(n int, jobs <-chan int, f func(int)) {
	var wg sync.WaitGroup
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				f(j)
			}
		}()
	}
	wg.Wait()
}

// Group runs f in goroutines through a method.
type Group struct{ n int }

func (g *Group) Each(f func(i int)) {
	var wg sync.WaitGroup
	for i := range g.n {
		wg.Add(1)
		go func() { defer wg.Done(); f(i) }()
	}
	wg.Wait()
}

// Async runs f once in the background: its calls do not race with each
// other.
func Async(f func()) chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	return done
}

// Serial starts n goroutines but calls f under a mutex: the calls are
// serialized.
func Serial(n int, f func(int)) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			f(i)
		}()
	}
	wg.Wait()
}

// Bench runs f in RunParallel's goroutines.
func Bench(b *testing.B, f func()) {
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			f()
		}
	})
}
