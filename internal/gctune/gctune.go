// Package gctune raises the garbage collector's target for work whose
// heap is mostly live data: a vet tool process, or racecheck's vet
// server, analyzes packages whose syntax, types and SSA stay alive until
// each is done, so at the default GOGC=100 the collector mostly rescans
// what it cannot free.
package gctune

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Raise sets GOGC to percent while the live heap stays under limit
// bytes, and to 100 while it is over, checking after each collection, so
// the extra memory stays bounded for a large heap. A GOGC or GOMEMLIMIT
// in the environment is the user's choice: Raise then changes nothing.
// The function it returns stops the checks and restores the GOGC that
// was in effect before.
func Raise(percent int, limit uint64) (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	w := &watcher{percent: percent, limit: limit}
	w.prev = debug.SetGCPercent(percent)
	w.watch()
	return w.stop
}

// A watcher adjusts GOGC after each collection, through the finalizer of
// an object only the collector can reach.
type watcher struct {
	percent int
	limit   uint64
	mu      sync.Mutex
	stopped bool
	prev    int
}

func (w *watcher) watch() {
	sentinel := new([64]byte)
	runtime.SetFinalizer(sentinel, func(*[64]byte) {
		w.mu.Lock()
		defer w.mu.Unlock()
		if w.stopped {
			return
		}
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > w.limit {
			debug.SetGCPercent(100)
		} else {
			debug.SetGCPercent(w.percent)
		}
		w.watch()
	})
}

func (w *watcher) stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.stopped {
		w.stopped = true
		debug.SetGCPercent(w.prev)
	}
}
