package main

import (
	"github.com/racecheck/racecheck/internal/driver/vetunit"
	"github.com/racecheck/racecheck/internal/gctune"
	"github.com/racecheck/racecheck/internal/hugeheap"
)

// A vet tool process analyzes one package and exits; most of its heap
// is the package's syntax, types and SSA, alive until the end, so at the
// default GOGC=100 the collector mostly rescans what it cannot free.
// vetGCPercent lets the heap grow to five times the live heap instead,
// as long as the live heap stays under vetGCLiveLimit; past it (a large
// package) the process returns to the default, which bounds the extra
// memory to a few hundred MB (internal/gctune).
const (
	vetGCPercent   = 400
	vetGCLiveLimit = 64 << 20
)

// vetHeap is the heap a vet tool process that analyzes a package backs
// with huge pages (internal/hugeheap): five times vetGCLiveLimit covers
// nearly every package. On std it took go vet -vettool=racecheck from
// 157 to 118 s of CPU, with the same peak memory; 1 GB did no better.
const vetHeap = 256 << 20

// tuneVetMemory applies the vet tool's memory policy to the current
// process, which go vet invoked with args: the GC's, and huge pages when
// the process analyzes a package.
func tuneVetMemory(args []string) {
	gctune.Raise(vetGCPercent, vetGCLiveLimit)
	if vetunit.IsUnit(args) {
		// Not for -flags or -V=full, which a range would only slow down.
		hugeheap.Reserve(vetHeap)
	}
}
