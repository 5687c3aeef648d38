// Package errgroup is a minimal stand-in for golang.org/x/sync/errgroup
// with the same API, so that the fixture needs no network.
package errgroup

import (
	"context"
	"sync"
)

// A Group is a collection of goroutines working on subtasks.
type Group struct {
	wg  sync.WaitGroup
	sem chan struct{}
	mu  sync.Mutex
	err error
}

// WithContext returns a new Group and a derived Context.
func WithContext(ctx context.Context) (*Group, context.Context) { return &Group{}, ctx }

// SetLimit limits the number of active goroutines in this group to n.
func (g *Group) SetLimit(n int) { g.sem = make(chan struct{}, n) }

// Go calls f in a new goroutine.
func (g *Group) Go(f func() error) {
	if g.sem != nil {
		g.sem <- struct{}{}
	}
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.mu.Lock()
			if g.err == nil {
				g.err = err
			}
			g.mu.Unlock()
		}
		if g.sem != nil {
			<-g.sem
		}
	}()
}

// Wait blocks until all function calls from Go have returned.
func (g *Group) Wait() error {
	g.wg.Wait()
	return g.err
}
