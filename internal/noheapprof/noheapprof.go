// Package noheapprof turns off the runtime's sampling of allocations for
// heap profiles when the program starts. Import it for its side effect,
// from a main package that writes a heap profile only on request, and
// call Restore before the work the profile is to cover.
//
// A sample costs a stack unwind, and the first one also allocates the
// runtime's table of profiled stacks (1.4 MB). A go vet tool
// process, which analyzes one package and exits, spent 1.9% of its CPU
// there. Setting the rate in main is too late: package initialization
// allocates enough to take samples before. This package imports nothing
// but the runtime, so it is initialized among the first packages (the
// spec initializes them in import path order as their imports become
// ready): in racecheck after 5 KB of allocations (GODEBUG=inittrace=1),
// long before go/types and x/tools.
package noheapprof

import "runtime"

// rate is the sampling rate the program started with.
var rate int

func init() {
	rate = runtime.MemProfileRate
	runtime.MemProfileRate = 0
}

// Restore turns the sampling back on, at the rate the program started
// with (the runtime's default unless GODEBUG=memprofilerate set one).
func Restore() { runtime.MemProfileRate = rate }
