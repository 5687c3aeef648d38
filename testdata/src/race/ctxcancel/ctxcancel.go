// Package ctxcancel shows goroutines ordered with their parent through a
// context's cancellation: the goroutine records why it stops, then calls
// cancel; the parent reads the reason after a receive that the
// cancellation ends, ctx.Done() or the messages channel of a fetch given
// the context (not reported). What the goroutine does after cancel is not
// ordered (reported).
package ctxcancel

import (
	"context"
	"time"
)

// Batch is a fetch in progress.
type Batch interface {
	Messages() <-chan string
}

// FetchOpt configures a fetch.
type FetchOpt func(*fetchOpts)

type fetchOpts struct{ ctx context.Context }

// WithContext makes the fetch end when ctx is done.
func WithContext(ctx context.Context) FetchOpt {
	return func(o *fetchOpts) { o.ctx = ctx }
}

// Consumer fetches messages.
type Consumer interface {
	Fetch(n int, opts ...FetchOpt) (Batch, error)
}

// stopAfter cancels after a delay and records why.
func stopAfter(d time.Duration) string {
	ctx, cancel := context.WithCancel(context.Background())
	var reason string
	go func() {
		time.Sleep(d)
		reason = "timeout"
		cancel()
	}()
	<-ctx.Done()
	return reason
}

// fetchUntilCancelled cancels a fetch from another goroutine; the
// parent reuses the cancel variable after the fetch has ended.
func fetchUntilCancelled(c Consumer) error {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		time.Sleep(50 * time.Millisecond)
		cancel()
	}()
	batch, err := c.Fetch(1, WithContext(ctx))
	if err != nil {
		return err
	}
	for range batch.Messages() {
	}
	_ = <-batch.Messages()
	ctx2, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, err = c.Fetch(1, WithContext(ctx2))
	return err
}

// cleanupAfter cancels, then cleans up: the cleanup is not ordered with
// the parent's read.
func cleanupAfter() int {
	ctx, cancel := context.WithCancel(context.Background())
	pending := 3
	go func() {
		cancel()
		pending = 0 // want `write to captured variable pending in goroutine started at ctxcancel.go:\d+ races with read at ctxcancel.go:\d+`
	}()
	<-ctx.Done()
	return pending
}
