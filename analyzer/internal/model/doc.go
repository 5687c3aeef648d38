// Package model is racecheck's concurrency model over SSA: abstract
// memory locations, the accesses a function makes to them (with the locks
// held at each), the goroutines a function spawns, and the
// synchronization that orders a goroutine with its parent.
//
// A location is named relative to one function's frame: a root value
// (a local variable's Alloc, a Global, a Parameter, a FreeVar, a made
// map or slice, any other value) plus a path of steps: field ".f",
// dereference "*", element "[3]" (constant index) or "[?]" (any other
// index), map contents "{}" (what a map write or lookup touches), and
// the map element a lookup yields "{?}" (of some key; two lookups are
// taken to use different keys, as two unknown indexes are) or that a
// range over the map yields "{all}" (of every key). Locations of a callee or of a spawned
// goroutine are translated into the caller's frame by substituting
// arguments for parameters and closure bindings for free variables;
// locations rooted in the callee's own allocations do not translate and
// are dropped: memory a goroutine allocates is its own until published.
package model
