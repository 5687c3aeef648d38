// Package lockcheck defines an Analyzer that checks lock discipline on
// objects shared between goroutines.
//
// # Analyzer lockcheck
//
// lockcheck: report fields accessed outside the mutex that guards them
//
// For every struct type with a sync.Mutex or sync.RWMutex field,
// lockcheck infers which fields the mutex guards from how the package's
// own functions access them: a field accessed with the mutex held at two
// or more places and at most of its accesses is guarded by it. A
// `// racecheck:guardedby mu` comment on a field states the same
// explicitly and overrides the inference. It then reports:
//
//   - unguarded-field: an access to a guarded field without its mutex
//     (a write without the write lock, a read without any lock when the
//     field is written after construction);
//   - rlock-write: a write to a field or map of an object while holding
//     only the read lock of its RWMutex;
//   - atomic-mix: a field or package-level variable accessed through
//     sync/atomic functions in one place and by plain loads or stores in
//     another;
//   - background-field: a field written by a goroutine a method starts
//     and read without synchronization by another exported method;
//   - handler-state: a write without a lock to state an HTTP handler
//     shares between requests (ServeHTTP methods, functions passed to
//     http.HandleFunc), which net/http runs concurrently;
//   - unlocked-call: goroutines started in a loop that call a function
//     of another package which, per its fact, writes memory reachable
//     from its arguments without a lock on every path, on one shared
//     object;
//   - global-var-shared: a package-level variable a goroutine body
//     accesses while an exported function other than its starter writes
//     or reads it, without a lock on either side.
//
// Accesses are collected from the summaries of the package's entry
// points (exported functions and methods of exported types, goroutine
// bodies, HTTP handlers), following same-package calls, with the locks
// held at each access: lock helpers, embedded mutexes, deferred unlocks
// (and deferred re-locks) and locks held by callers are all understood.
//
// Precision comes first; these are never reported: objects the function
// allocates itself (constructors, objects not yet published); functions
// whose name ends in "Locked", whose doc comment says the caller holds
// the lock or that they must not be called concurrently (checked in
// their callers instead), named init.../Init..., in test files, or
// methods of types documented as not safe for concurrent use; fields
// never written under the lock, or written under it at one place only
// (lazy initialization) for reads; reads by functions that wait first
// (a receive, a Wait, an atomic load) or of fields of types that also
// publish through an atomic field; map and slice elements used through
// a copy taken under the lock; accesses under a comment saying no
// synchronization is needed; and the packages implementing
// synchronization themselves (runtime, sync).
//
// Facts: each package exports one PackageSummary fact holding a
// FuncSummary for every exported function and method that touches
// memory reachable from its parameters or globals (the writes it makes
// as paths from its parameters, the locks held at each, the locks it
// acquires or releases, the callback parameters it runs in concurrent
// goroutines) and the GuardedFields of every struct type with inferred
// or declared guards. Direct importers read it. Under go vet, a diagnostic for an access in another package is
// reported at the call in the current package, with the callee's access
// named in the message: export data does not carry positions of another
// package's files that the driver can report reliably.
//
// The -facts=false flag turns fact export off (to debug one package).
package lockcheck
