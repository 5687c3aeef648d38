package funcvalues

import "time"

// Until runs f every period until stop is closed, the way
// k8s.io/apimachinery's wait.Until does: through two helpers and a
// closure that recovers from f's panics.
func Until(f func(), period time.Duration, stop <-chan struct{}) {
	JitterUntil(f, period, 0.0, stop)
}

// JitterUntil is Until with a jitter factor.
func JitterUntil(f func(), period time.Duration, jitter float64, stop <-chan struct{}) {
	BackoffUntil(f, period, stop)
}

// BackoffUntil runs f, then waits for the period or the stop channel.
func BackoffUntil(f func(), period time.Duration, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
		}
		func() {
			defer handleCrash()
			f()
		}()
		select {
		case <-stop:
			return
		case <-time.After(period):
		}
	}
}

func handleCrash() {
	if r := recover(); r != nil {
		println("recovered:", r)
	}
}
