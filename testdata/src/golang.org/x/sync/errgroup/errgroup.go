// Package errgroup is a minimal stand-in for golang.org/x/sync/errgroup,
// with the same API, for the analysis fixtures (racecheck recognizes the
// package by import path and method name).
package errgroup

import (
	"context"
	"sync"
)

// A Group is a collection of goroutines working on subtasks.
type Group struct {
	wg   sync.WaitGroup
	once sync.Once
	err  error
}

// WithContext returns a new Group and a derived Context.
func WithContext(ctx context.Context) (*Group, context.Context) { return &Group{}, ctx }

// Go calls f in a new goroutine.
func (g *Group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.once.Do(func() { g.err = err })
		}
	}()
}

// Wait blocks until all function calls from Go have returned.
func (g *Group) Wait() error {
	g.wg.Wait()
	return g.err
}

// SetLimit limits the number of active goroutines in this group.
func (g *Group) SetLimit(n int) {}
