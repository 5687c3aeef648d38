package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// A vet tool process analyzes one package and exits; most of its heap
// is the package's syntax, types and SSA, alive until the end, so at the
// default GOGC=100 the collector mostly rescans what it cannot free.
// vetGCPercent lets the heap grow to five times the live heap instead,
// as long as the live heap stays under vetGCLiveLimit; past it (a large
// package) the process returns to the default, which bounds the extra
// memory to a few hundred MB. A GOGC or GOMEMLIMIT in the environment
// is the user's choice and is left alone.
const (
	vetGCPercent   = 400
	vetGCLiveLimit = 64 << 20
)

// tuneVetGC applies vetGCPercent to the current process.
func tuneVetGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(vetGCPercent)
	watchLiveHeap()
}

// watchLiveHeap checks the live heap after each collection, through the
// finalizer of an object only the collector can reach, and restores the
// default GOGC once the heap is past vetGCLiveLimit.
func watchLiveHeap() {
	sentinel := new([64]byte)
	runtime.SetFinalizer(sentinel, func(*[64]byte) {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > vetGCLiveLimit {
			debug.SetGCPercent(100)
			return
		}
		watchLiveHeap()
	})
}
