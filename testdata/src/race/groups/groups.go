// Package groups shows sync.WaitGroup.Go and errgroup closures writing one
// shared result (reported) and results read after Wait (not reported).
package groups

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

type Price struct{ Cents int }

func quote(ctx context.Context, vendor string) (Price, error) { return Price{len(vendor)}, nil }

// cheapest lets every wg.Go closure update the best price.
func cheapest(ctx context.Context, vendors []string) Price {
	var wg sync.WaitGroup
	best := Price{Cents: 1 << 30}
	for _, v := range vendors {
		wg.Go(func() {
			p, _ := quote(ctx, v)
			if p.Cents < best.Cents {
				best = p // want `write to captured variable best in goroutine started repeatedly at groups.go:\d+ races with read at groups.go:\d+ in its other instances`
			}
		})
	}
	wg.Wait()
	return best
}

// total lets every errgroup closure add to one sum.
func total(ctx context.Context, vendors []string) (int, error) {
	g, ctx := errgroup.WithContext(ctx)
	sum := 0
	for _, v := range vendors {
		g.Go(func() error {
			p, err := quote(ctx, v)
			sum += p.Cents // want `write to captured variable sum in goroutine started repeatedly at groups.go:\d+`
			return err
		})
	}
	err := g.Wait()
	return sum, err
}

// quotes writes one element per closure and reads after Wait.
func quotes(ctx context.Context, vendors []string) ([]Price, error) {
	g, ctx := errgroup.WithContext(ctx)
	out := make([]Price, len(vendors))
	for i, v := range vendors {
		g.Go(func() error {
			p, err := quote(ctx, v)
			out[i] = p
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}

// single starts one wg.Go closure and reads its result after Wait.
func single(ctx context.Context) Price {
	var wg sync.WaitGroup
	var p Price
	wg.Go(func() { p, _ = quote(ctx, "acme") })
	wg.Wait()
	return p
}
