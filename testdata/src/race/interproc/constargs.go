package interproc

import "sync"

// A Subscription stops after max messages when max is set.
type Subscription struct {
	mu  sync.Mutex
	max int
}

// unsubscribe records the limit only when there is one: its callers
// here pass max 0, so it never writes sub.max.
func unsubscribe(sub *Subscription, max int) {
	if max > 0 {
		sub.mu.Lock()
		sub.max = max
		sub.mu.Unlock()
	}
}

// dropNow unsubscribes at once from other goroutines while the delivery
// loop reads the limit: nothing races.
func dropNow(sub *Subscription) bool {
	go unsubscribe(sub, 0)
	go func() { unsubscribe(sub, 0) }()
	return sub.max > 0
}

// setLimit is unsubscribe's twin, called with a limit.
func setLimit(sub *Subscription, max int) {
	if max > 0 {
		sub.mu.Lock()
		sub.max = max // want `write to field sub.max in goroutine started at constargs.go:\d+ races with read at constargs.go:\d+`
		sub.mu.Unlock()
	}
}

// dropAfter sets a limit from another goroutine while the delivery
// loop reads it without the lock.
func dropAfter(sub *Subscription) bool {
	go setLimit(sub, 5)
	return sub.max > 0
}

// closeSub marks the subscription draining only in drain mode; its
// callers here pass false.
func closeSub(sub *Subscription, drain bool) {
	if drain {
		sub.max = -1
	}
	if !drain {
		return
	}
	sub.max = -2
}

// closeNow closes from another goroutine without draining: no write.
func closeNow(sub *Subscription) bool {
	go closeSub(sub, false)
	return sub.max > 0
}
