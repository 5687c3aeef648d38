package main

import "github.com/racecheck/racecheck/internal/gctune"

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

// tuneVetGC applies vetGCPercent to the current process.
func tuneVetGC() { gctune.Raise(vetGCPercent, vetGCLiveLimit) }
