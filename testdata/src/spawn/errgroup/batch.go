// Package batch shows golang.org/x/sync: errgroup.Group.Go started per
// element of input without a limit is reported, as is a constant limit
// above -spawn.maxpool; a limit from the machine, a semaphore, and a
// group configured elsewhere are not.
package batch

import (
	"context"
	"runtime"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
)

// Record is one row of an import.
type Record struct{ ID string }

func store(context.Context, Record) error { return nil }

// Import stores every record in its own goroutine.
func Import(ctx context.Context, recs []Record) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, r := range recs {
		g.Go(func() error { return store(ctx, r) }) // want `one goroutine per element of recs \(unbounded: len\(recs\) goroutines at once\)`
	}
	return g.Wait()
}

// ImportWide limits the group, but to a constant far above the cores.
func ImportWide(ctx context.Context, recs []Record) error {
	var g errgroup.Group
	g.SetLimit(500) // want `errgroup limit of 500 goroutines \(more than -spawn.maxpool=64\); size the pool from the machine`
	for _, r := range recs {
		g.Go(func() error { return store(ctx, r) })
	}
	return g.Wait()
}

// The imports below are bounded: not reported.

// ImportLimited limits the group to the number of CPUs.
func ImportLimited(ctx context.Context, recs []Record) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.NumCPU())
	for _, r := range recs {
		g.Go(func() error { return store(ctx, r) })
	}
	return g.Wait()
}

// ImportSem acquires a weighted semaphore before each spawn.
func ImportSem(ctx context.Context, recs []Record) error {
	sem := semaphore.NewWeighted(int64(runtime.NumCPU()))
	var g errgroup.Group
	for _, r := range recs {
		if err := sem.Acquire(ctx, 1); err != nil {
			return err
		}
		g.Go(func() error {
			defer sem.Release(1)
			return store(ctx, r)
		})
	}
	return g.Wait()
}

// ImportInto adds to a group the caller created and may have limited.
func ImportInto(ctx context.Context, g *errgroup.Group, recs []Record) {
	for _, r := range recs {
		g.Go(func() error { return store(ctx, r) })
	}
}
