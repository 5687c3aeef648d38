// Package shapes gives the directed-schedule rewriter the statement
// shapes it must keep compiling with unchanged line numbers: generics,
// clauses, labels, closures and goroutines. Its tests are race-free.
package shapes

import "sync"

// Box holds a value behind a mutex.
type Box[T any] struct {
	mu sync.Mutex
	v  T
}

// Set stores v from a goroutine and waits for it.
func (b *Box[T]) Set(v T) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		b.mu.Lock()
		b.v = v
		b.mu.Unlock()
	}()
	wg.Wait()
	func() { b.mu.Lock(); _ = b.v; b.mu.Unlock() }()
}

// Map applies f to each element in its own goroutine.
func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, len(xs))
	var wg sync.WaitGroup
	for i, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = f(x)
		}()
	}
	wg.Wait()
	return out
}

var total int

// Classify exercises clauses and labels.
func Classify(xs []int, ch chan int) (n int) {
outer:
	for _, x := range xs {
		switch {
		case x < 0:
			continue outer
		case x == 0:
			fallthrough
		default:
			n++
		}
		select {
		case ch <- x:
			total++
		default:
		}
		if x > 100 {
			break outer
		}
	}
	return n
}
