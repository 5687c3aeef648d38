// Package generic shows methods of generic types: a queue guarded by a
// channel-based lock (a receive takes it, a send gives it back) handed
// between a goroutine and its parent (not reported: the instances of
// the generic methods are followed as deep as plain methods), and a
// generic counter written from goroutines without any lock (reported).
package generic

import "context"

type gate struct {
	set   chan struct{}
	unset chan struct{}
}

func newGate() gate {
	g := gate{set: make(chan struct{}, 1), unset: make(chan struct{}, 1)}
	g.unlock(false)
	return g
}

func (g *gate) lock() (set bool) {
	select {
	case <-g.set:
		return true
	case <-g.unset:
		return false
	}
}

func (g *gate) waitAndLock(ctx context.Context) error {
	select {
	case <-g.set:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (g *gate) unlock(set bool) {
	if set {
		g.set <- struct{}{}
	} else {
		g.unset <- struct{}{}
	}
}

type queue[T any] struct {
	gate gate
	err  error
	q    []T
}

func newQueue[T any]() queue[T] { return queue[T]{gate: newGate()} }

func (q *queue[T]) close(err error) {
	q.gate.lock()
	defer q.unlock()
	if q.err == nil {
		q.err = err
	}
}

func (q *queue[T]) put(v T) bool {
	q.gate.lock()
	defer q.unlock()
	if q.err != nil {
		return false
	}
	q.q = append(q.q, v)
	return true
}

func (q *queue[T]) get(ctx context.Context) (T, error) {
	if err := q.gate.waitAndLock(ctx); err != nil {
		var zero T
		return zero, err
	}
	defer q.unlock()
	if q.err != nil {
		var zero T
		return zero, q.err
	}
	v := q.q[0]
	q.q = q.q[1:]
	return v, nil
}

func (q *queue[T]) unlock() {
	q.gate.unlock(q.err != nil || len(q.q) > 0)
}

// Use hands the queue to a goroutine and takes the item back.
func Use() {
	q := newQueue[int]()
	go func() {
		q.put(3)
	}()
	q.get(context.Background())
	q.close(nil)
}

type counter[K comparable] struct{ n map[K]int }

func (c *counter[K]) add(k K) { c.n[k]++ } // want `write to map c.n in goroutine started repeatedly at generic.go:\d+ races with read at generic.go:\d+ in its other instances`

// Count races: every goroutine writes the shared map.
func Count(keys []string) map[string]int {
	c := &counter[string]{n: make(map[string]int)}
	done := make(chan bool)
	for _, k := range keys {
		go func() {
			c.add(k)
			done <- true
		}()
	}
	for range keys {
		<-done
	}
	return c.n
}
