// want package:`Runner.RunUntilStop: waits\(0.stopCh\*\); Runner.Stop: signals\(0.stopCh\*\)\}$`

// Package methodhandoff shows goroutines ordered with their parent through
// another method of the same object: a load generator whose Stop method
// signals a channel held in a struct field (non-blocking select send) and
// whose run loop returns when it receives from that field in a select.
// The waiter's results are read after the run loop returns (not reported).
// A loop that returns on the context alone, never on the stop channel,
// does not wait for the goroutine (reported).
package methodhandoff

import (
	"context"
	"strings"
	"time"
)

// Runner fires commands until it is stopped.
type Runner struct {
	stopCh chan struct{}
	ops    int
}

// NewRunner returns a runner whose Stop never blocks.
func NewRunner() *Runner {
	return &Runner{stopCh: make(chan struct{}, 1)}
}

// Stop asks the run loop to return; it never blocks.
func (r *Runner) Stop() {
	select {
	case r.stopCh <- struct{}{}:
	default:
	}
}

// RunUntilStop works until Stop is called or ctx is done.
func (r *Runner) RunUntilStop(ctx context.Context) {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-r.stopCh:
			return
		case <-ctx.Done():
			return
		case <-tick.C:
			r.ops++
		}
	}
}

// RunFor works until ctx is done, ignoring Stop.
func (r *Runner) RunFor(ctx context.Context) {
	<-ctx.Done()
}

// waitForLog stands for a log collector that blocks until a line matches.
func waitForLog(logs []string, want string) (string, bool) {
	for _, l := range logs {
		if strings.Contains(l, want) {
			return l, true
		}
	}
	return "", false
}

// failover waits for a notification while the runner produces load.
func failover(ctx context.Context, logs []string) string {
	runner := NewRunner()
	var match string
	var found bool
	go func() {
		match, found = waitForLog(logs, "FAILING_OVER")
		runner.Stop()
	}()
	runner.RunUntilStop(ctx)
	if !found {
		return ""
	}
	runner = NewRunner() // a fresh runner for the next phase
	runner.RunUntilStop(ctx)
	return match
}

// failoverTimed stops on the context only: the waiter may still run.
func failoverTimed(ctx context.Context, logs []string) string {
	runner := NewRunner()
	var match string
	go func() {
		match, _ = waitForLog(logs, "FAILED_OVER") // want `write to captured variable match in goroutine started at runner.go:\d+ races with read at runner.go:\d+`
		runner.Stop()
	}()
	runner.RunFor(ctx)
	return match
}

// moving stops the runner as soon as the first client saw the
// notification, then goes on reading found: the parent's run loop has
// returned by then, and its next write races with that read.
func moving(ctx context.Context, logs []string) bool {
	runner := NewRunner()
	var found bool
	errs := make(chan error, 1)
	go func() {
		_, found = waitForLog(logs, "MOVING")
		runner.Stop()
		if !found { // the read after the signal
			errs <- context.Canceled
			return
		}
		errs <- nil
	}()
	runner.RunUntilStop(ctx)
	_, found = waitForLog(logs, "MOVED") // want `write to captured variable found races with read at runner.go:\d+ in goroutine started at runner.go:\d+`
	return <-errs == nil && found
}
